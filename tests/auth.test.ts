import { strict as assert } from 'node:assert';
import { createSign, generateKeyPairSync, type KeyObject } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { App } from '../src/app';
import { LocalConnector } from './support/connector';
import { startTestBot } from './support/bot';
import { Participant } from './support/teams';

const APP_ID = '0b6f2a4e-3c1d-4e5f-8a9b-1c2d3e4f5a6b';
const ISSUER = 'https://api.botframework.com';

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

describe('authentication with a Microsoft App ID', () => {
  const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const impostor = generateKeyPairSync('rsa', { modulusLength: 2048 });
  let server: Awaited<ReturnType<typeof keyServer>>;
  let connector: LocalConnector;
  let bot: App;

  before(async () => {
    server = await keyServer(keys.publicKey);
    connector = await new LocalConnector().start();
    bot = await startTestBot({ MICROSOFT_APP_ID: APP_ID, MICROSOFT_APP_PASSWORD: 'test-secret', BOT_OPENID_METADATA_URL: server.url, FOLLOWUP_ENABLED: 'false' });
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
    ['a bad signature', () => `Bearer ${token(impostor.privateKey, claims())}`],
    ['an expired token', () => `Bearer ${token(keys.privateKey, claims({ exp: Math.floor(Date.now() / 1000) - 3600, nbf: Math.floor(Date.now() / 1000) - 7200 }))}`],
    ['a wrong audience', () => `Bearer ${token(keys.privateKey, claims({ aud: 'ffffffff-ffff-4fff-8fff-ffffffffffff' }))}`],
    ['a wrong issuer', () => `Bearer ${token(keys.privateKey, claims({ iss: 'https://evil.example' }))}`],
  ];
  for (const [what, authorization] of refused) {
    it(`answers ${what} with 401, storing and sending nothing`, async () => {
      const anna = new Participant(() => bot.url, connector);
      const before = JSON.stringify(await bot.dump());
      const sent = connector.sent.length;
      assert.equal(await send(anna.activity({ text: 'oefeningen' }), authorization()), 401);
      assert.equal(connector.sent.length, sent, 'something was sent');
      assert.equal(JSON.stringify(await bot.dump()), before, 'something was stored');
    });
  }
});
