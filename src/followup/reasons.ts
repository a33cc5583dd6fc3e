/**
 * Why a delivery failed or an enrolment ended, stored as a code rather than as text, so the
 * trainer's report shows it in the reader's language. A code is a name, optionally with a detail
 * after the first colon: 'opted-out', 'unreachable:403', 'gave-up:throttled'. They are put into words
 * by describeReason (src/cards/followup-views.ts) in the reader's language.
 */
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
