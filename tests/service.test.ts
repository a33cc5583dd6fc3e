import { strict as assert } from 'node:assert';
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import fs from 'node:fs';
import dotenv from 'dotenv';
import { ConfigSchema, readConfig } from '../src/config';
import { readStudioConfig, StudioConfigSchema } from '../src/studio/config';
import { LocalConnector } from './support/connector';
import { FIXTURE_CONTENT, startTestBot, storeEnv, tempDataDir } from './support/bot';
import { Participant } from './support/teams';

const repo = path.join(__dirname, '..');

function runMain(env: Record<string, string>) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: repo,
    encoding: 'utf8',
    env: { PATH: process.env.PATH, CONTENT_DIR: FIXTURE_CONTENT, ...storeEnv(tempDataDir()), ...env },
    timeout: 20000,
  });
}

describe('configuration', () => {
  it('uses sensible defaults for local development', () => {
    const config = readConfig({});
    assert.equal(config.PORT, 3978);
    assert.equal(config.DATA_DIR, './data');
    assert.equal(config.MICROSOFT_APP_ID, undefined);
  });

  it('documents every variable in .env.example, and .env.example itself is a valid configuration', () => {
    const example = dotenv.parse(fs.readFileSync(path.join(repo, '.env.example')));
    for (const name of [...Object.keys(ConfigSchema.shape), ...Object.keys(StudioConfigSchema.shape)]) assert.ok(name in example, `${name} is not in .env.example`);
    assert.doesNotThrow(() => readConfig(example));
    assert.doesNotThrow(() => readStudioConfig(example));
  });

  it('stops start-up on a bad value, naming the variable and the reason', () => {
    const run = runMain({ PORT: 'abc' });
    assert.equal(run.status, 1);
    assert.match(run.stderr, /PORT must be a whole number between 1 and 65535 \(got "abc"\)/);
  });

  it('requires the secret with an App ID, without printing the secret', () => {
    assert.throws(() => readConfig({ MICROSOFT_APP_ID: '11111111-2222-3333-4444-555555555555' }), /MICROSOFT_APP_PASSWORD is required when MICROSOFT_APP_ID is set/);
    assert.throws(() => readConfig({ MICROSOFT_APP_ID: 'not-a-guid', MICROSOFT_APP_PASSWORD: 's3cret' }), (e: Error) => /MICROSOFT_APP_ID must be the GUID/.test(e.message) && !e.message.includes('s3cret'));
  });

  it('checks the database settings, without printing the database password', () => {
    assert.throws(
      () => readConfig({ DATABASE_URL: 'mysql://samenspel:geheim@db:3306/samenspel' }),
      (e: Error) => /DATABASE_URL must be a PostgreSQL URL like postgres:\/\/user:password@host:5432\/samenspel/.test(e.message) && e.message.includes('samenspel:***@db') && !e.message.includes('geheim'),
    );
    assert.throws(() => readConfig({ DATABASE_POOL_MAX: '0' }), /DATABASE_POOL_MAX must be a whole number of connections \(1 to 1000\)/);
    assert.throws(() => readConfig({ DATABASE_SSL_CA: '/nergens/ca.pem' }), /DATABASE_SSL_CA must be the path of a PEM file .* that file does not exist/);
    assert.throws(() => readConfig({ DATABASE_SCHEMA: 'Samen-spel' }), /DATABASE_SCHEMA must be a schema name of lower-case letters/);
  });

  it('stops start-up when the database cannot be reached, naming it without the password', () => {
    const run = runMain({ CONTENT_PACKS: 'good', DATABASE_URL: 'postgres://samenspel:geheim@127.0.0.1:1/samenspel' });
    assert.equal(run.status, 1);
    assert.match(run.stderr, /Samenspel could not start: PostgreSQL at 127\.0\.0\.1:1\/samenspel(, schema \w+)? \(DATABASE_URL\): connect ECONNREFUSED/);
    assert.ok(!run.stderr.includes('geheim'));
  });

  it('stops start-up on content problems, naming the file', () => {
    const run = runMain({ CONTENT_PACKS: 'bad' });
    assert.equal(run.status, 1);
    assert.match(run.stderr, /The exercise content has \d+ problem\(s\)/);
    assert.match(run.stderr, /bad\/bad-level\.yaml:7 {2}tags\.level: should be one of/);
  });

  it('stops start-up on an unknown content pack', () => {
    const run = runMain({ CONTENT_PACKS: 'gemeente-nergensdorp' });
    assert.equal(run.status, 1);
    assert.match(run.stderr, /CONTENT_PACKS names unknown pack\(s\) gemeente-nergensdorp: available are/);
  });
});

describe('the running service', () => {
  let connector: LocalConnector;
  before(async () => (connector = await new LocalConnector().start()));
  after(async () => connector.stop());

  it('logs one line per turn with its duration, and no message text or names', async () => {
    const lines: string[] = [];
    const sink = new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) });
    const bot = await startTestBot({}, pino({ level: 'info' }, sink));
    try {
      const anna = new Participant(() => bot.url, connector, 'Anna de Vries');
      await anna.say('vertrouwelijk: de wethouder liegt');
      await anna.say('oefeningen');
    } finally {
      await bot.close();
    }
    const turns = lines.map((l) => JSON.parse(l)).filter((l) => l.msg === 'turn');
    assert.equal(turns.length, 2);
    for (const turn of turns) assert.equal(typeof turn.durationMs, 'number');
    const all = lines.join('');
    assert.ok(!all.includes('Anna'), 'a name was logged');
    assert.ok(!all.includes('wethouder liegt'), 'message text was logged');
  });

  it('says once at start-up that authentication is off without an App ID', async () => {
    const lines: string[] = [];
    const sink = new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) });
    const bot = await startTestBot({}, pino({ level: 'info' }, sink));
    await bot.close();
    assert.equal(lines.filter((l) => l.includes('authentication is OFF')).length, 1);
  });

  it('finishes a turn in flight on SIGTERM, then exits 0', async function () {
    const dataDir = tempDataDir();
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: repo,
      env: { PATH: process.env.PATH, CONTENT_DIR: FIXTURE_CONTENT, CONTENT_PACKS: 'good', ...storeEnv(dataDir), PORT: '0', HOST: '127.0.0.1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (d) => {
          out += d;
          const m = /"url":"([^"]+)"/.exec(out);
          if (m) resolve(m[1]!);
        });
        child.once('exit', () => reject(new Error(`bot exited early: ${out}`)));
      });
      const anna = new Participant(() => url, connector);
      // Send a turn and signal while it runs: the reply still arrives, then the process exits cleanly.
      const turn = anna.say('oefeningen');
      setTimeout(() => child.kill('SIGTERM'), 5);
      const replies = await turn;
      assert.equal(replies.length, 1);
      const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
      assert.equal(code, 0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});
