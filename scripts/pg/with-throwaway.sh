#!/usr/bin/env bash
# Runs a command with TEST_DATABASE_URL pointing at a throwaway PostgreSQL server, which is
# stopped and removed afterwards:  scripts/pg/with-throwaway.sh npm test
set -euo pipefail
cd "$(dirname "$0")/../.."
DIR=$(mktemp -d /tmp/samenspel-pg.XXXXXX)
trap 'scripts/pg/throwaway.sh stop "$DIR"' EXIT
TEST_DATABASE_URL=$(scripts/pg/throwaway.sh start "$DIR")
export TEST_DATABASE_URL
"$@"
