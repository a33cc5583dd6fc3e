/**
 * botbuilder writes every refused token to the console itself: CloudAdapter.process prints the
 * AuthenticationError with its stack, and the JWT extractor prints an expired token's error and,
 * for a token it cannot verify, the whole list of signing keys. A bot on the internet receives such
 * requests all the time; on stderr they read like crashes and drown real failures.
 *
 * While a request runs inside `withLibraryConsole`, exactly those expected messages become one
 * structured log line (a refusal: warn; the diagnostics around it: debug). Everything else that
 * is written to the console, from botbuilder or anywhere, passes through unchanged: a real
 * failure stays loud.
 *
 * Why no AsyncLocalStorage scope: on Node 20 one AsyncLocalStorage.run switches on V8's promise
 * hooks for the whole process, and every await of every turn pays for them (a few percent CPU per
 * turn in `npm run bench`). The three messages are recognised by their content alone, so the
 * logger of the latest request is enough: one bot runtime per process in production; several
 * bots in one test process share the latest one's log.
 */
import { AuthenticationError } from 'botframework-connector';
import type { Logger } from 'pino';

let latest: Logger | undefined;
let installed = false;

/** What botbuilder prints about a token it refuses, and how to log it instead; undefined: not ours. */
function expected(args: unknown[]): { level: 'warn' | 'debug'; reason: string } | undefined {
  const [first] = args;
  if (first instanceof AuthenticationError) return { level: 'warn', reason: first.message };
  if (first instanceof Error && first.name === 'TokenExpiredError') return { level: 'debug', reason: first.message };
  if (typeof first === 'string' && first.startsWith('Error finding key for token.')) return { level: 'debug', reason: 'no signing key verifies the token' };
  return undefined;
}

function install(): void {
  if (installed) return;
  installed = true;
  const original = console.error.bind(console);
  console.error = (...args: unknown[]) => {
    const log = latest;
    const known = log && expected(args);
    if (!log || !known) return original(...args);
    log[known.level]({ status: 401, reason: known.reason.slice(0, 200) }, 'request refused: not authenticated');
  };
}

/** Runs `work` (one request through the adapter) with botbuilder's expected refusals sent to `log`. */
export function withLibraryConsole<T>(log: Logger, work: () => Promise<T>): Promise<T> {
  install();
  latest = log;
  return work();
}
