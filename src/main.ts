/** The composition root: read configuration, start the bot, stop it gracefully on a signal. */
import dotenv from 'dotenv';
import { startApp } from './app';
import { ConfigError, readConfig } from './config';
import { ContentError } from './content/library';

async function main(): Promise<void> {
  dotenv.config({ quiet: true });
  let config;
  try {
    config = readConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`${error.message}\nSee .env.example for every variable and its meaning.`);
      process.exit(1);
    }
    throw error;
  }
  let app;
  try {
    app = await startApp(config);
  } catch (error) {
    if (error instanceof ContentError) {
      console.error(error.message);
      process.exit(1);
    }
    console.error(`Samenspel could not start: ${(error as Error).message}`);
    process.exit(1);
  }
  const stop = async (signal: string) => {
    app.log.info({ signal }, 'shutting down: finishing turns in flight');
    await app.close();
    app.log.info('stopped');
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}

void main();
