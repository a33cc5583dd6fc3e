/** npm run studio: starts the trainer studio (./start.ts) and prints its address. */
import dotenv from 'dotenv';
import { ConfigError } from '../config';
import { startStudio } from './start';

dotenv.config({ quiet: true });
startStudio(process.env).then(
  ({ url, loopback }) => {
    console.log(`Samenspel studio: ${url}`);
    if (!loopback) console.log('Note: STUDIO_HOST is not a loopback address; anyone on the network can read the exercises.');
  },
  (error: unknown) => {
    console.error(error instanceof ConfigError ? error.message : error);
    process.exit(1);
  },
);
