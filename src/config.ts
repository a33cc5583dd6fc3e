/**
 * Configuration from the environment (and .env through dotenv), checked by one zod schema.
 * A bad value stops start-up with the variable's name and the reason.
 */
import fs from 'node:fs';
import { z } from 'zod';
import { resolveNames, SECRET_NAMES } from './config-names';
import { isValidZone } from './engine/followup';

const optionalText = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v ? v : undefined));

/** A whole number in [min, max], with one message for every way it can be wrong. */
const wholeNumber = (message: string, min: number, max = Number.MAX_SAFE_INTEGER) =>
  z.coerce.number({ error: message }).int({ error: message }).min(min, { error: message }).max(max, { error: message });

const list = z
  .string()
  .optional()
  .transform((v) => (v ?? '').split(',').map((s) => s.trim()).filter(Boolean));

export const ConfigSchema = z
  .object({
    PORT: wholeNumber('must be a whole number between 1 and 65535', 0, 65535).default(3978),
    /** Unset: 127.0.0.1 without an App ID (authentication off), 0.0.0.0 with one (see readConfig). */
    HOST: optionalText,
    /** Without an App ID, listening on anything but loopback needs this said out loud. */
    ALLOW_UNAUTHENTICATED: z.enum(['true', 'false'], { error: 'must be true or false' }).default('false').transform((v) => v === 'true'),
    DATA_DIR: z.string().trim().min(1, { error: 'must be a folder for the database' }).default('./data'),
    /** PostgreSQL instead of the embedded SQLite, for several instances: postgres://user:password@host:5432/db */
    DATABASE_URL: optionalText.pipe(
      z
        .string()
        .refine((v) => isPostgresUrl(v), { error: 'must be a PostgreSQL URL like postgres://user:password@host:5432/samenspel (leave it unset for the embedded SQLite)' })
        .optional(),
    ),
    DATABASE_POOL_MAX: wholeNumber('must be a whole number of connections (1 to 1000)', 1, 1000).default(10),
    DATABASE_SSL_CA: optionalText.pipe(
      z.string().refine((file) => fs.existsSync(file), { error: 'must be the path of a PEM file with the CA certificate of the database server; that file does not exist' }).optional(),
    ),
    /** The PostgreSQL schema for Samenspel's tables (created when missing); the server's default (public) when unset. */
    DATABASE_SCHEMA: optionalText.pipe(
      z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/, { error: 'must be a schema name of lower-case letters, digits and _ (at most 63), such as samenspel' }).optional(),
    ),
    DATABASE_MIGRATE: z.enum(['true', 'false'], { error: 'must be true (apply migrations at start-up) or false (a deploy step runs npm run migrate)' }).default('true').transform((v) => v === 'true'),
    CONTENT_DIR: z.string().trim().min(1).default('./dialogs'),
    CONTENT_PACKS: list,
    MICROSOFT_APP_ID: optionalText,
    MICROSOFT_APP_PASSWORD: optionalText,
    MICROSOFT_APP_TYPE: z
      .enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI'], {
        error: 'must be MultiTenant, SingleTenant or UserAssignedMSI',
      })
      .default('MultiTenant'),
    MICROSOFT_APP_TENANT_ID: optionalText,
    /** Where the keys that sign Teams' tokens are published; the Bot Framework's by default (tests, sovereign clouds). */
    BOT_OPENID_METADATA_URL: optionalText.pipe(z.string().url({ error: 'must be a URL' }).optional()),
    ALLOWED_TENANTS: list.pipe(
      z.array(z.string().regex(/^[0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}$/i, { error: 'must be a comma-separated list of Entra tenant ids (GUIDs)' })),
    ),
    TRAINERS: list.pipe(
      z.array(z.string().regex(/^[0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}$/i, { error: 'must be a comma-separated list of AAD object ids (GUIDs)' })),
    ),
    GROUP_IDLE_MINUTES: wholeNumber('must be a whole number of minutes (at least 1)', 1).default(120),
    WORK_HOURS: z
      .string()
      .trim()
      .regex(/^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-4]):[0-5]\d$/, { error: 'must be a range like 09:00-17:00' })
      .default('09:00-17:00')
      .transform((v) => ({ start: v.slice(0, 5), end: v.slice(6) }))
      .refine((h) => h.start < h.end, { error: 'must start before it ends, like 09:00-17:00' }),
    WORK_DAYS: z
      .string()
      .trim()
      .regex(/^[1-7]-[1-7]$|^[1-7](,[1-7])*$/, { error: 'must be weekdays (1 = Monday … 7 = Sunday) as a range like 1-5 or a list like 1,2,3,4' })
      .default('1-5')
      .transform((v) => {
        if (!v.includes('-')) return [...new Set(v.split(',').map(Number))].sort((a, b) => a - b);
        // A range may run across the weekend: 7-4 is Sunday to Thursday.
        const [a, b] = v.split('-').map(Number);
        return Array.from({ length: ((b! - a! + 7) % 7) + 1 }, (_, i) => ((a! - 1 + i) % 7) + 1).sort((x, y) => x - y);
      }),
    DEFAULT_TIMEZONE: z
      .string()
      .trim()
      .default('Europe/Amsterdam')
      .refine((zone) => isValidZone(zone), { error: 'must be an IANA time zone such as Europe/Amsterdam' }),
    FOLLOWUP_ENABLED: z.enum(['true', 'false'], { error: 'must be true or false' }).default('true').transform((v) => v === 'true'),
    /** Requests per second to the Bot Connector for the whole app, all instances together (Teams: 50 per app per tenant). */
    OUTGOING_RATE_PER_SECOND: wholeNumber('must be a whole number of requests per second (at least 1)', 1).default(50),
    /** off: no pacing at all, only for load tests against a local connector (Teams would answer 429). */
    OUTGOING_PACING: z.enum(['teams', 'off'], { error: "must be teams (Teams' rate limits, the default) or off (load tests against a local connector only)" }).default('teams'),
    /** The first retry's backoff (ms) after a transient Bot Connector error; later ones grow exponentially. */
    OUTGOING_RETRY_BASE_MS: wholeNumber('must be a whole number of milliseconds (1 to 60000)', 1, 60_000).default(500),
    FOLLOWUP_POLL_MS: z.coerce.number({ error: 'must be a number of milliseconds' }).int().min(100, { error: 'must be at least 100' }).default(5000),
    FOLLOWUP_LEASE_SECONDS: z.coerce.number({ error: 'must be a number of seconds' }).int().min(5, { error: 'must be at least 5' }).default(120),
    FOLLOWUP_MAX_ATTEMPTS: z.coerce.number({ error: 'must be a whole number' }).int().min(1, { error: 'must be at least 1' }).default(10),
    RETENTION_DAYS: wholeNumber('must be a whole number of days (at least 1)', 1).default(365),
    /** nl or en: every message in that language, whatever the client's locale; client (or empty): each participant's own. */
    INTERFACE_LANGUAGE: optionalText.pipe(
      z
        .enum(['nl', 'en', 'client'], { error: "must be nl or en (one language for everyone) or client (each participant's Teams language)" })
        .optional()
        .transform((v) => (v === 'nl' || v === 'en' ? v : undefined)),
    ),
    /**
     * Where browsers reach this bot (https://samenspel.example.nl): the base of the trainer's report
     * links. Unset: https://BOT_DOMAIN when that is set (the package's messaging host), else the
     * address the bot listens on (local use; see startApp).
     */
    PUBLIC_BASE_URL: optionalText.pipe(
      z
        .string()
        .refine((v) => isBaseUrl(v), { error: 'must be the https:// address where browsers reach this bot, without query or fragment, like https://samenspel.example.nl (http:// only for localhost or 127.0.0.1)' })
        .transform((v) => v.replace(/\/+$/, ''))
        .optional(),
    ),
    /** Read here only as the fallback for PUBLIC_BASE_URL (npm run package checks its form). */
    BOT_DOMAIN: optionalText,
    /** Key material for the report links' HMAC; derived from MICROSOFT_APP_PASSWORD when unset (src/report/link.ts). */
    REPORT_SECRET: optionalText.pipe(z.string().min(32, { error: 'must be at least 32 characters of random text (for example: openssl rand -base64 48)' }).optional()),
    REPORT_LINK_DAYS: wholeNumber('must be a whole number of days (1 to 365)', 1, 365).default(30),
    /** Smallest group whose figures the report shows: fewer would let a trainer single out someone's answers. */
    REPORT_MIN_GROUP: wholeNumber('must be a whole number of participants, at least 2 (fewer would show one person\'s answers)', 2, 10_000).default(5),
    LOG_LEVEL: z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
        error: 'must be one of fatal, error, warn, info, debug, trace, silent',
      })
      .default('info'),
  })
  .superRefine((c, ctx) => {
    if (c.MICROSOFT_APP_ID && !/^[0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}$/i.test(c.MICROSOFT_APP_ID)) {
      ctx.addIssue({ code: 'custom', path: ['MICROSOFT_APP_ID'], message: 'must be the GUID of the bot registration (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)' });
    }
    if (c.MICROSOFT_APP_ID && c.MICROSOFT_APP_TYPE !== 'UserAssignedMSI' && !c.MICROSOFT_APP_PASSWORD) {
      ctx.addIssue({ code: 'custom', path: ['MICROSOFT_APP_PASSWORD'], message: 'is required when MICROSOFT_APP_ID is set (the client secret of the bot registration)' });
    }
    if (!c.MICROSOFT_APP_ID && c.MICROSOFT_APP_PASSWORD) {
      ctx.addIssue({ code: 'custom', path: ['MICROSOFT_APP_ID'], message: 'is missing while MICROSOFT_APP_PASSWORD is set: set both, or neither for local development' });
    }
    if (!c.MICROSOFT_APP_ID && c.HOST && !isLoopback(c.HOST) && !c.ALLOW_UNAUTHENTICATED) {
      ctx.addIssue({
        code: 'custom', path: ['HOST'],
        message: 'is not a loopback address while MICROSOFT_APP_ID is not set: without authentication anyone who reaches the bot can act as any Teams user. Set MICROSOFT_APP_ID and its secret, listen on 127.0.0.1, or set ALLOW_UNAUTHENTICATED=true if that is really intended',
      });
    }
    if (c.MICROSOFT_APP_ID && c.ALLOW_UNAUTHENTICATED) {
      ctx.addIssue({ code: 'custom', path: ['ALLOW_UNAUTHENTICATED'], message: 'is true while MICROSOFT_APP_ID is set: authentication is on; remove ALLOW_UNAUTHENTICATED' });
    }
    if (c.MICROSOFT_APP_ID && c.MICROSOFT_APP_TYPE === 'UserAssignedMSI' && !c.MICROSOFT_APP_PASSWORD && !c.REPORT_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['REPORT_SECRET'], message: 'is required when MICROSOFT_APP_TYPE is UserAssignedMSI: there is no app password to derive the report links\' key from (at least 32 characters of random text, the same on every instance)' });
    }
    if (c.BOT_DOMAIN && !c.PUBLIC_BASE_URL && !/^[a-z0-9.-]+(:\d+)?$/i.test(c.BOT_DOMAIN)) {
      ctx.addIssue({ code: 'custom', path: ['BOT_DOMAIN'], message: 'must be a host name without scheme or path, like samenspel.example.nl (it is the default of PUBLIC_BASE_URL)' });
    }
    if (c.MICROSOFT_APP_TYPE !== 'MultiTenant' && c.MICROSOFT_APP_ID && !c.MICROSOFT_APP_TENANT_ID) {
      ctx.addIssue({ code: 'custom', path: ['MICROSOFT_APP_TENANT_ID'], message: `is required when MICROSOFT_APP_TYPE is ${c.MICROSOFT_APP_TYPE}` });
    }
  });

export type Config = Omit<z.infer<typeof ConfigSchema>, 'HOST'> & {
  HOST: string;
  /** Settings read under another name (MicrosoftAppId, BOT_ID…), said once at start-up. */
  readFrom: Map<string, string>;
};

/** 127.0.0.0/8, ::1 and localhost: reachable from this machine only. */
export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^(::ffff:)?127(\.\d{1,3}){3}$/.test(h);
}

/** An http(s) base address: https, or http on loopback only (links carry a signature); no query or fragment. */
function isBaseUrl(value: string): boolean {
  try {
    const url = new URL(value);
    if (url.search || url.hash || url.username || url.password) return false;
    return url.protocol === 'https:' || (url.protocol === 'http:' && isLoopback(url.hostname));
  } catch {
    return false;
  }
}

function isPostgresUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'postgres:' || url.protocol === 'postgresql:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/** A value as it may appear in a message: no secrets, and no password inside a URL. */
function shown(name: string, value: string): string | undefined {
  if (SECRET_NAMES.has(name)) return undefined;
  if (name === 'DATABASE_URL') return value.replace(/\/\/([^:/@]*):[^@]*@/, '//$1:***@');
  return value;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/**
 * The configuration from `source` (process.env): the bot-registration settings also under their
 * Azure and Teams Toolkit names (config-names.ts). Throws a ConfigError listing every problem, each
 * with the variable's name (as it was set) and the reason; secrets are never shown.
 */
export function readConfig(source: NodeJS.ProcessEnv): Config {
  const { env, readFrom, problems } = resolveNames(source);
  const result = ConfigSchema.safeParse(env);
  if (result.success && problems.length === 0) {
    const c = result.data;
    return { ...c, HOST: c.HOST ?? (c.MICROSOFT_APP_ID ? '0.0.0.0' : '127.0.0.1'), readFrom };
  }
  throw new ConfigError([
    ...problems,
    ...(result.error?.issues ?? []).map((issue) => {
      const setting = String(issue.path[0] ?? '(configuration)');
      const name = readFrom.get(setting) ?? setting;
      const value = env[setting] === undefined ? undefined : shown(name, env[setting]!);
      return `${name === setting ? name : `${name} (read as ${setting})`} ${issue.message}${value !== undefined ? ` (got "${value}")` : ''}`;
    }),
  ]);
}
