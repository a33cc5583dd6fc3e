/**
 * The trainer's report link: `/report/<session>?by=<facilitator>&exp=<seconds>&sig=<hmac>`.
 * The signature (HMAC-SHA256, RFC 2104) covers the session, the facilitator and the expiry, so a
 * link cannot be moved to another session, handed to another facilitator or prolonged. The
 * facilitator travels as a keyed hash of their AAD object id: the link names them without
 * putting their id in browser histories and proxy logs.
 */
import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';

export interface ReportLink {
  sessionId: string;
  /** The facilitator as `facilitatorTag(key, facilitatorId)`. */
  by: string;
  /** Expiry, whole seconds since the epoch: the link is refused from this second on. */
  exp: number;
}

export type LinkCheck = { ok: true; link: ReportLink } | { ok: false; reason: 'malformed' | 'signature' | 'expired' };

const VERSION = 'samenspel-report-v1';

/**
 * The links' key (32 bytes). From REPORT_SECRET when set; else derived (HKDF-SHA256, RFC 5869)
 * from the bot's app password, so every instance of a bot signs alike with no new secret to
 * manage (rotating the app password ends the links made before); else, with neither (local
 * development without authentication), random: links then end when the bot restarts.
 */
export function reportKey(secret: { REPORT_SECRET?: string; MICROSOFT_APP_PASSWORD?: string }): { key: Buffer; source: 'REPORT_SECRET' | 'MICROSOFT_APP_PASSWORD' | 'random' } {
  const material = secret.REPORT_SECRET ?? secret.MICROSOFT_APP_PASSWORD;
  if (!material) return { key: randomBytes(32), source: 'random' };
  const key = Buffer.from(hkdfSync('sha256', material, 'samenspel', 'report links', 32));
  return { key, source: secret.REPORT_SECRET ? 'REPORT_SECRET' : 'MICROSOFT_APP_PASSWORD' };
}

/** The facilitator's tag in a link: 16 hex characters of a keyed hash of their id. */
export function facilitatorTag(key: Buffer, facilitatorId: string): string {
  return createHmac('sha256', key).update(`facilitator\n${facilitatorId}`).digest('hex').slice(0, 16);
}

function signature(key: Buffer, link: ReportLink): string {
  return createHmac('sha256', key).update(`${VERSION}\n${link.sessionId}\n${link.by}\n${link.exp}`).digest('base64url');
}

/** The query string of a signed link for the session and facilitator, valid for `days` from `now`. */
export function signLink(key: Buffer, sessionId: string, facilitatorId: string, now: Date, days: number): { link: ReportLink; query: string } {
  const link: ReportLink = { sessionId, by: facilitatorTag(key, facilitatorId), exp: Math.floor(now.getTime() / 1000) + days * 86_400 };
  return { link, query: `by=${link.by}&exp=${link.exp}&sig=${signature(key, link)}` };
}

/**
 * Checks a link's parts as they came in the request. The signature is compared in constant time;
 * the expiry is checked after it (an expired link with a bad signature is "signature").
 */
export function verifyLink(key: Buffer, sessionId: string, query: Record<string, unknown>, now: Date): LinkCheck {
  const { by, exp, sig } = query;
  if (typeof by !== 'string' || typeof exp !== 'string' || typeof sig !== 'string' || !/^[0-9a-f]{16}$/.test(by) || !/^\d{1,12}$/.test(exp) || !/^[A-Za-z0-9_-]{43}$/.test(sig)) {
    return { ok: false, reason: 'malformed' };
  }
  const link: ReportLink = { sessionId, by, exp: Number(exp) };
  const expected = Buffer.from(signature(key, link));
  if (!timingSafeEqual(expected, Buffer.from(sig))) return { ok: false, reason: 'signature' };
  if (now.getTime() >= link.exp * 1000) return { ok: false, reason: 'expired' };
  return { ok: true, link };
}
