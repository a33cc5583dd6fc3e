/**
 * Configuration from the environment (and .env through dotenv), checked by one zod schema.
 * A bad value stops start-up with the variable's name and the reason.
 */
import { z } from 'zod';

const optionalText = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v ? v : undefined));

const list = z
  .string()
  .optional()
  .transform((v) => (v ?? '').split(',').map((s) => s.trim()).filter(Boolean));

export const ConfigSchema = z
  .object({
    PORT: z.coerce
      .number({ error: 'must be a whole number between 1 and 65535' })
      .int({ error: 'must be a whole number between 1 and 65535' })
      .min(0, { error: 'must be a whole number between 1 and 65535' })
      .max(65535, { error: 'must be a whole number between 1 and 65535' })
      .default(3978),
    HOST: z.string().trim().min(1, { error: 'must be a host name or address, e.g. 0.0.0.0' }).default('0.0.0.0'),
    DATA_DIR: z.string().trim().min(1, { error: 'must be a folder for the database' }).default('./data'),
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
    TRAINERS: list.pipe(
      z.array(z.string().regex(/^[0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}$/i, { error: 'must be a comma-separated list of AAD object ids (GUIDs)' })),
    ),
    GROUP_IDLE_MINUTES: z.coerce
      .number({ error: 'must be a whole number of minutes (at least 1)' })
      .int({ error: 'must be a whole number of minutes (at least 1)' })
      .min(1, { error: 'must be a whole number of minutes (at least 1)' })
      .default(120),
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
    if (c.MICROSOFT_APP_TYPE !== 'MultiTenant' && c.MICROSOFT_APP_ID && !c.MICROSOFT_APP_TENANT_ID) {
      ctx.addIssue({ code: 'custom', path: ['MICROSOFT_APP_TENANT_ID'], message: `is required when MICROSOFT_APP_TYPE is ${c.MICROSOFT_APP_TYPE}` });
    }
  });

export type Config = z.infer<typeof ConfigSchema>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

export function readConfig(env: NodeJS.ProcessEnv): Config {
  const result = ConfigSchema.safeParse(env);
  if (result.success) return result.data;
  throw new ConfigError(
    result.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? '(configuration)');
      const value = env[name];
      return `${name} ${issue.message}${value !== undefined && name !== 'MICROSOFT_APP_PASSWORD' ? ` (got "${value}")` : ''}`;
    }),
  );
}
