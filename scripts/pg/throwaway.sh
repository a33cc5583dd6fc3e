#!/usr/bin/env bash
# Starts a throwaway PostgreSQL server on loopback for the tests and the benchmark, with its data
# in a fresh temporary folder, and prints the DATABASE_URL to use as the last line of output.
#   scripts/pg/throwaway.sh [start [DIR]]  start, with its files in DIR (default: a new temporary folder);
#                                          installs Debian's postgresql first when missing (as root)
#   scripts/pg/throwaway.sh stop DIR       stop that server and remove DIR
# PostgreSQL refuses to run as root, so as root the server runs as the 'postgres' system user.
set -euo pipefail

find_bin() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [ -n "$dir" ] && [ -x "$dir/initdb" ]; then echo "$dir"; fi
}

as_server_user() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

if [ "${1:-}" = stop ]; then
  as_server_user "$(find_bin)/pg_ctl" -D "$2/data" -m fast stop >/dev/null
  rm -rf "$2"
  exit 0
fi

BIN=$(find_bin)
if [ -z "$BIN" ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "PostgreSQL is not installed: run 'apt-get install postgresql' as root, then try again." >&2
    exit 1
  fi
  echo "== installing Debian's postgresql" >&2
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  BIN=$(find_bin)
fi

PORT=${PGPORT_THROWAWAY:-$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")}
DIR=${2:-$(mktemp -d /tmp/samenspel-pg.XXXXXX)}
mkdir -p "$DIR"
chmod 755 "$DIR"
if [ "$(id -u)" = 0 ]; then chown postgres "$DIR"; fi

as_server_user "$BIN/initdb" -D "$DIR/data" -U samenspel --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$DIR/initdb.log" 2>&1 \
  || { cat "$DIR/initdb.log" >&2; exit 1; }
# Throwaway data: no fsync. Enough connections for two bot instances and the test runner.
as_server_user "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w \
  -o "-c listen_addresses=127.0.0.1 -p $PORT -k $DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
  start >/dev/null || { cat "$DIR/server.log" >&2; exit 1; }
as_server_user "$BIN/createdb" -h 127.0.0.1 -p "$PORT" -U samenspel samenspel

echo "PostgreSQL $("$BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PORT, data in $DIR (stop: scripts/pg/throwaway.sh stop $DIR)" >&2
echo "postgres://samenspel@127.0.0.1:$PORT/samenspel"
