/**
 * npm test: the whole suite on the embedded SQLite, then the same suite again on PostgreSQL when
 * TEST_DATABASE_URL names a database the tests may fill with throwaway schemas.
 *   npm test [mocha arguments]            e.g. npm test -- --grep "group"
 *   TEST_DATABASE_URL=postgres://… npm test
 *   npm run test:pg                       starts a throwaway PostgreSQL (scripts/pg/throwaway.sh) and runs both
 * Set E2E=1 to run the end-to-end suite (.mocharc.e2e.json) the same way.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.join(__dirname, '..');
const args = process.argv.slice(2);
const config = process.env.E2E ? ['--config', '.mocharc.e2e.json'] : [];
const postgres = process.env.TEST_DATABASE_URL?.trim();

function pass(backend: string, env: NodeJS.ProcessEnv): boolean {
  console.log(`\n=== ${process.env.E2E ? 'end-to-end suite' : 'test suite'} on ${backend} ===`);
  const { SAMENSPEL_TEST_DATABASE_URL: _inherited, ...base } = process.env;
  const result = spawnSync(process.execPath, ['--disable-warning=DEP0111', require.resolve('mocha/bin/mocha.js'), ...config, ...args], { cwd: root, stdio: 'inherit', env: { ...base, ...env } });
  return result.status === 0;
}

const results: [string, boolean][] = [['SQLite', pass('SQLite', {})]];
if (postgres) {
  results.push(['PostgreSQL', pass('PostgreSQL', { SAMENSPEL_TEST_DATABASE_URL: postgres })]);
} else {
  console.log(
    '\n=== PostgreSQL suite SKIPPED: TEST_DATABASE_URL is not set. ===\n' +
      'Run it with a throwaway server: npm run test:pg\n' +
      'or against a database of your own: TEST_DATABASE_URL=postgres://user@host:5432/db npm test (it creates a schema per test there).',
  );
}
console.log(`\n${results.map(([backend, ok]) => `${backend}: ${ok ? 'passed' : 'FAILED'}`).join(', ')}${postgres ? '' : ', PostgreSQL: skipped'}`);
process.exit(results.every(([, ok]) => ok) ? 0 : 1);
