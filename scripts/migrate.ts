/**
 * npm run migrate: applies the database migrations and exits, for a deploy step that runs before
 * new instances start (with DATABASE_MIGRATE=false on the instances). Reads the same
 * configuration as the bot (environment and .env).
 */
import dotenv from 'dotenv';
import { ConfigError, readConfig } from '../src/config';
import { describe, migrateOnly, storeOptionsOf } from '../src/store/sql';

async function main(): Promise<void> {
  dotenv.config({ quiet: true });
  const options = storeOptionsOf(readConfig(process.env));
  const applied = await migrateOnly(options);
  console.log(applied.length ? `${describe(options)}: applied ${applied.join(', ')}` : `${describe(options)}: already up to date`);
}

main().catch((error) => {
  console.error(error instanceof ConfigError ? `${error.message}\nSee .env.example for every variable and its meaning.` : `Migration failed: ${(error as Error).message}`);
  process.exit(1);
});
