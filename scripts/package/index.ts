/**
 * npm run package: writes build/samenspel-<version>.zip for sideloading in Teams, or refuses
 * and prints each error. Reads MICROSOFT_APP_ID (or MicrosoftAppId, BOT_ID), BOT_DOMAIN and the optional TEAMS_APP_ID,
 * APP_NAME, APP_VERSION, DEVELOPER_NAME, DEVELOPER_WEBSITE_URL, PRIVACY_URL, TERMS_OF_USE_URL
 * from the environment or .env.
 */
import fs from 'node:fs';
import path from 'node:path';
import dotenv from 'dotenv';
import { buildPackage, zip } from './manifest';

async function main(): Promise<number> {
  dotenv.config({ quiet: true });
  const root = path.join(__dirname, '..', '..');
  const version = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).version as string;
  const outDir = process.env.PACKAGE_OUT_DIR ?? path.join(root, 'build');
  const { errors, files } = await buildPackage(process.env, version);
  if (errors.length > 0) {
    console.error(`The Teams app package was NOT written: ${errors.length} problem(s).`);
    for (const error of errors) console.error(`  - ${error}`);
    return 1;
  }
  fs.mkdirSync(outDir, { recursive: true });
  const target = path.join(outDir, `samenspel-${version}.zip`);
  fs.writeFileSync(target, zip(files));
  console.log(`Wrote ${path.relative(process.cwd(), target) || target}: ${files.map((f) => f.name).join(', ')}`);
  return 0;
}

main().then((code) => (process.exitCode = code));
