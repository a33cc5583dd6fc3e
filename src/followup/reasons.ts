/**
 * Why a delivery failed or an enrolment ended, stored as a code rather than as text, so the
 * trainer's report shows it in the reader's language. A code is a name, optionally with a detail
 * after the first colon: 'opted-out', 'unreachable:403', 'gave-up:throttled'.
 */
import { strings, type Lang } from '../i18n';

export const Reason = {
  /** The participant unsubscribed ("afmelden"). */
  optedOut: 'opted-out',
  /** The participant removed the app from their personal scope (installationUpdate remove). */
  appRemoved: 'app-removed',
  /** Teams answered 403 or 404 to a send: the app is gone for them, or the user is. */
  unreachable: (status: number) => `unreachable:${status}`,
  /** Teams refused the message itself (400). */
  rejected: (status: number) => `rejected:${status}`,
  throttled: 'throttled',
  /** Another HTTP status from the Bot Connector. */
  server: (status: number) => `http:${status}`,
  network: 'network',
  /** The series has no micro-exercise left to send. */
  noMicro: 'no-micro',
  /** The enrolment ended before this delivery went out. */
  ended: 'ended',
  waiting: 'waiting',
  leaseExpired: 'lease-expired',
  gaveUp: (last: string) => `gave-up:${last}`,
} as const;

/** The reason code as a phrase in `lang`; an unknown code (or an old free text) as "other reason". */
export function describeReason(lang: Lang, code: string): string {
  const r = strings(lang).followup.reasons;
  const colon = code.indexOf(':');
  const name = colon < 0 ? code : code.slice(0, colon);
  const detail = colon < 0 ? '' : code.slice(colon + 1);
  switch (name) {
    case 'opted-out': return r.optedOut;
    case 'app-removed': return r.appRemoved;
    case 'unreachable': return r.unreachable(detail);
    case 'rejected': return r.rejected(detail);
    case 'throttled': return r.throttled;
    case 'http': return r.server(detail);
    case 'network': return r.network;
    case 'no-micro': return r.noMicro;
    case 'ended': return r.ended;
    case 'waiting': return r.waiting;
    case 'lease-expired': return r.leaseExpired;
    case 'gave-up': return r.gaveUp(describeReason(lang, detail));
    default: return r.other;
  }
}
