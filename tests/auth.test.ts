import { strict as assert } from 'node:assert';
import { createSign, generateKeyPairSync, type KeyObject } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import pino from 'pino';
import sinon from 'sinon';
import { startApp, type App } from '../src/app';
import { withLibraryConsole } from '../src/bot/library-console';
import { readConfig } from '../src/config';
import { LocalConnector } from './support/connector';
import { FIXTURE_CONTENT, startTestBot, storeEnv, tempDataDir } from './support/bot';
import { Participant } from './support/teams';

const APP_ID = '0b6f2a4e-3c1d-4e5f-8a9b-1c2d3e4f5a6b';
const ISSUER = 'https://api.botframework.com';
const TENANT_ID = '72f988bf-0000-4000-8000-000000000001';

/** A local stand-in for the Bot Framework's OpenID metadata and signing keys. */
async function keyServer(publicKey: KeyObject) {
  const jwk = publicKey.export({ format: 'jwk' }) as { n: string; e: string };
  const server = http.createServer((req, res) => {
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    res.setHeader('content-type', 'application/json');
    if (req.url === '/openid') res.end(JSON.stringify({ issuer: ISSUER, jwks_uri: `${base}/keys`, id_token_signing_alg_values_supported: ['RS256'] }));
    else res.end(JSON.stringify({ keys: [{ kty: 'RSA', use: 'sig', kid: 'test-key', n: jwk.n, e: jwk.e, endorsements: ['msteams'] }] }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/openid`, close: () => new Promise((r) => server.close(r)) };
}

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
function token(key: KeyObject, claims: Record<string, unknown>): string {
  const unsigned = `${b64({ alg: 'RS256', typ: 'JWT', kid: 'test-key' })}.${b64(claims)}`;
  return `${unsigned}.${createSign('RSA-SHA256').update(unsigned).sign(key).toString('base64url')}`;
}

/** A pino logger whose lines the test can read. */
function capturedLog() {
  const lines: Record<string, any>[] = [];
  const sink = new Writable({ write: (chunk, _enc, done) => (lines.push(JSON.parse(String(chunk))), done()) });
  return { log: pino({ level: 'debug' }, sink), lines };
}

/** What the process writes to stderr while `work` runs. */
async function stderrDuring(work: () => Promise<void>): Promise<string> {
  const written: string[] = [];
  const write = sinon.stub(process.stderr, 'write').callsFake((chunk: any) => (written.push(String(chunk)), true));
  try {
    await work();
  } finally {
    write.restore();
  }
  return written.join('');
}

// The same registration under the names of Samenspel, of the Azure Bot Service templates and
// botbuilder samples, and of Teams Toolkit: each must switch authentication on.
const CREDENTIAL_NAMES: [string, Record<string, string>][] = [
  ['MICROSOFT_APP_ID and MICROSOFT_APP_PASSWORD', { MICROSOFT_APP_ID: APP_ID, MICROSOFT_APP_PASSWORD: 'test-secret' }],
  ['MicrosoftAppId, MicrosoftAppPassword and MicrosoftAppType (Azure templates, botbuilder samples)', { MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'test-secret', MicrosoftAppType: 'MultiTenant' }],
  ['BOT_ID and BOT_PASSWORD (Teams Toolkit)', { BOT_ID: APP_ID, BOT_PASSWORD: 'test-secret' }],
];

for (const [names, credentials] of CREDENTIAL_NAMES) {
  describe(`authentication with ${names}`, () => {
    const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const impostor = generateKeyPairSync('rsa', { modulusLength: 2048 });
    let server: Awaited<ReturnType<typeof keyServer>>;
    let connector: LocalConnector;
    let bot: App;
    let logged: ReturnType<typeof capturedLog>;

    before(async () => {
      server = await keyServer(keys.publicKey);
      connector = await new LocalConnector().start();
      logged = capturedLog();
      bot = await startTestBot({ ...credentials, BOT_OPENID_METADATA_URL: server.url, FOLLOWUP_ENABLED: 'false' }, logged.log);
    });
    after(async () => {
      await bot.close();
      await connector.stop();
      await server.close();
    });

    const claims = (overrides: Record<string, unknown> = {}) => {
      const now = Math.floor(Date.now() / 1000);
      return { iss: ISSUER, aud: APP_ID, serviceurl: connector.url, nbf: now - 10, iat: now - 10, exp: now + 3600, ...overrides };
    };
    const send = async (activity: Record<string, unknown>, authorization?: string) => {
      const res = await fetch(`${bot.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
        body: JSON.stringify(activity),
      });
      return res.status;
    };

    it('accepts a valid token', async () => {
      const anna = new Participant(() => bot.url, connector);
      // A typing indicator: the turn runs, and needs no reply (which would need a token from Entra).
      assert.equal(await send(anna.activity({ type: 'typing' }), `Bearer ${token(keys.privateKey, claims())}`), 200);
    });

    const refused: [string, () => string | undefined][] = [
      ['no token', () => undefined],
      ['a forged token (signed with another key)', () => `Bearer ${token(impostor.privateKey, claims())}`],
      ['an unsigned token (alg "none")', () => `Bearer ${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims())}.`],
      ['garbage after Bearer', () => 'Bearer definitely-not-a-jwt'],
      ['garbage instead of a token', () => '%%%garbage%%%'],
      ['Basic credentials', () => `Basic ${Buffer.from(`${APP_ID}:test-secret`).toString('base64')}`],
      ['an expired token', () => `Bearer ${token(keys.privateKey, claims({ exp: Math.floor(Date.now() / 1000) - 3600, nbf: Math.floor(Date.now() / 1000) - 7200 }))}`],
      ['a wrong audience', () => `Bearer ${token(keys.privateKey, claims({ aud: 'ffffffff-ffff-4fff-8fff-ffffffffffff' }))}`],
      ['a wrong issuer', () => `Bearer ${token(keys.privateKey, claims({ iss: 'https://evil.example' }))}`],
    ];
    for (const [what, authorization] of refused) {
      it(`answers ${what} with 401, storing and sending nothing, with one log line and nothing on stderr`, async () => {
        const anna = new Participant(() => bot.url, connector);
        const before = JSON.stringify(await bot.dump());
        const sent = connector.sent.length;
        const lines = logged.lines.length;
        let status = 0;
        const stderr = await stderrDuring(async () => void (status = await send(anna.activity({ text: 'oefeningen' }), authorization())));
        assert.equal(status, 401);
        assert.equal(connector.sent.length, sent, 'something was sent');
        assert.equal(JSON.stringify(await bot.dump()), before, 'something was stored');
        assert.equal(stderr, '', 'an expected refusal was printed on stderr');
        const refusals = logged.lines.slice(lines).filter((l) => l.msg === 'request refused: not authenticated' && l.level === 40);
        assert.equal(refusals.length, 1);
        assert.ok(!JSON.stringify(logged.lines.slice(lines)).includes('BEGIN RSA PUBLIC KEY'), 'the signing keys were logged');
      });
    }
  });
}

describe('the bot-registration settings under other names', () => {
  it('reads MicrosoftAppId, MicrosoftAppPassword, MicrosoftAppType, MicrosoftAppTenantId, BOT_ID, BOT_PASSWORD and BOT_TYPE as the same settings', () => {
    const azure = readConfig({ MicrosoftAppId: APP_ID, MicrosoftAppPassword: 's3cret', MicrosoftAppType: 'SingleTenant', MicrosoftAppTenantId: TENANT_ID });
    assert.deepEqual([azure.MICROSOFT_APP_ID, azure.MICROSOFT_APP_PASSWORD, azure.MICROSOFT_APP_TYPE, azure.MICROSOFT_APP_TENANT_ID], [APP_ID, 's3cret', 'SingleTenant', TENANT_ID]);
    assert.deepEqual([...azure.readFrom], [['MICROSOFT_APP_ID', 'MicrosoftAppId'], ['MICROSOFT_APP_PASSWORD', 'MicrosoftAppPassword'], ['MICROSOFT_APP_TYPE', 'MicrosoftAppType'], ['MICROSOFT_APP_TENANT_ID', 'MicrosoftAppTenantId']]);
    const toolkit = readConfig({ BOT_ID: APP_ID, BOT_PASSWORD: 's3cret', BOT_TYPE: 'MultiTenant' });
    assert.deepEqual([toolkit.MICROSOFT_APP_ID, toolkit.MICROSOFT_APP_PASSWORD, toolkit.MICROSOFT_APP_TYPE], [APP_ID, 's3cret', 'MultiTenant']);
    // The same value under two names is one setting, not a conflict.
    assert.equal(readConfig({ MICROSOFT_APP_ID: APP_ID, MicrosoftAppId: APP_ID, BOT_PASSWORD: 's3cret' }).MICROSOFT_APP_ID, APP_ID);
  });

  it('refuses two names with different values for one setting, naming both and printing no secret', () => {
    assert.throws(() => readConfig({ MICROSOFT_APP_ID: APP_ID, MicrosoftAppId: 'ffffffff-ffff-4fff-8fff-ffffffffffff', MICROSOFT_APP_PASSWORD: 's3cret' }), /MICROSOFT_APP_ID and MicrosoftAppId are set to different values for the same setting: keep one \(MICROSOFT_APP_ID\)/);
    assert.throws(
      () => readConfig({ BOT_ID: APP_ID, MicrosoftAppPassword: 'een-geheim', BOT_PASSWORD: 'ander-geheim' }),
      (e: Error) => /MicrosoftAppPassword and BOT_PASSWORD are set to different values/.test(e.message) && !e.message.includes('geheim'),
    );
  });

  it('refuses a near-miss spelling instead of ignoring it, naming the variable to use', () => {
    assert.throws(() => readConfig({ MICROSOFT_APPID: APP_ID, MICROSOFT_APP_PASSWORD: 's3cret' }), /MICROSOFT_APPID is not a setting Samenspel reads: use MICROSOFT_APP_ID \(also accepted: MicrosoftAppId, BOT_ID\)/);
    assert.throws(() => readConfig({ microsoftAppPassword: 's3cret' }), /microsoftAppPassword is not a setting Samenspel reads: use MICROSOFT_APP_PASSWORD/);
  });

  it('names the variable as it was set when its value is wrong, and never shows a secret', () => {
    assert.throws(() => readConfig({ MicrosoftAppId: 'not-a-guid', MicrosoftAppPassword: 's3cret' }), (e: Error) => /MicrosoftAppId \(read as MICROSOFT_APP_ID\) must be the GUID/.test(e.message) && !e.message.includes('s3cret'));
    assert.throws(() => readConfig({ BOT_ID: APP_ID }), /MICROSOFT_APP_PASSWORD is required when MICROSOFT_APP_ID is set/);
  });
});

describe('the listen address without authentication', () => {
  const start = async (env: Record<string, string>, log = pino({ level: 'silent' })) =>
    startApp(readConfig({ PORT: '0', CONTENT_DIR: FIXTURE_CONTENT, CONTENT_PACKS: 'good', FOLLOWUP_ENABLED: 'false', ...storeEnv(tempDataDir()), ...env }), { log });

  it('listens on loopback only without an App ID, and on every interface with one', async () => {
    assert.equal(readConfig({}).HOST, '127.0.0.1');
    assert.equal(readConfig({ BOT_ID: APP_ID, BOT_PASSWORD: 's3cret' }).HOST, '0.0.0.0');
    const bot = await start({});
    try {
      assert.equal(bot.address.address, '127.0.0.1');
    } finally {
      await bot.close();
    }
  });

  it('refuses another address without an App ID, unless ALLOW_UNAUTHENTICATED=true says it is intended', () => {
    for (const host of ['0.0.0.0', '::', '192.168.1.20', 'bot.example.nl']) {
      assert.throws(() => readConfig({ HOST: host }), /HOST is not a loopback address while MICROSOFT_APP_ID is not set: .* or set ALLOW_UNAUTHENTICATED=true if that is really intended/);
    }
    for (const host of ['127.0.0.1', 'localhost', '::1', '127.0.0.2']) assert.equal(readConfig({ HOST: host }).HOST, host);
    assert.equal(readConfig({ HOST: '0.0.0.0', ALLOW_UNAUTHENTICATED: 'true' }).HOST, '0.0.0.0');
    assert.throws(() => readConfig({ ALLOW_UNAUTHENTICATED: 'true', MICROSOFT_APP_ID: APP_ID, MICROSOFT_APP_PASSWORD: 's3cret' }), /ALLOW_UNAUTHENTICATED is true while MICROSOFT_APP_ID is set/);
  });

  it('says at start-up that it runs without authentication on a network address when that is allowed', async () => {
    const { log, lines } = capturedLog();
    const bot = await start({ HOST: '0.0.0.0', ALLOW_UNAUTHENTICATED: 'true' }, log);
    await bot.close();
    assert.equal(bot.address.address, '0.0.0.0');
    const warnings = lines.filter((l) => l.level === 40 && l.msg.includes('authentication is OFF'));
    assert.equal(warnings.length, 1);
    assert.match(warnings[0]!.msg, /ALLOW_UNAUTHENTICATED=true lets the bot listen on 0\.0\.0\.0: anyone who reaches it can act as any Teams user/);
  });
});

describe('quiet refusals, loud failures', () => {
  it('passes anything but an expected refusal through to stderr, also during a request', async () => {
    const { log, lines } = capturedLog();
    const stderr = await stderrDuring(() => withLibraryConsole(log, async () => console.error(new Error('the database is on fire'))));
    assert.match(stderr, /the database is on fire/);
    assert.equal(lines.length, 0);
  });
});
