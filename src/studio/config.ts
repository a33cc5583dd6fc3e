/**
 * The studio's configuration: where it listens and which content it shows. Checked by zod like
 * src/config.ts, so a bad value stops start-up naming the variable and the reason. The content
 * settings (CONTENT_DIR, CONTENT_PACKS) are the bot's own, so the studio shows what the bot plays.
 */
import { z } from 'zod';
import { ConfigError, ConfigSchema, isLoopback } from '../config';

/** An empty value (STUDIO_PORT= in .env) means the default, as for the bot's settings. */
const unsetIfEmpty = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

export const StudioConfigSchema = z.object({
  /** Loopback by default: the studio has no sign-in. Any other address shares it on the network. */
  STUDIO_HOST: z.preprocess(unsetIfEmpty, z.string().trim().default('127.0.0.1')),
  STUDIO_PORT: z.preprocess(unsetIfEmpty, z.coerce
    .number({ error: 'must be a whole number between 0 and 65535' })
    .int({ error: 'must be a whole number between 0 and 65535' })
    .min(0, { error: 'must be a whole number between 0 and 65535' })
    .max(65535, { error: 'must be a whole number between 0 and 65535' })
    .default(3980)),
  CONTENT_DIR: ConfigSchema.shape.CONTENT_DIR,
  CONTENT_PACKS: ConfigSchema.shape.CONTENT_PACKS,
});

export interface StudioConfig {
  host: string;
  port: number;
  contentDir: string;
  packs: string[];
  /** False when STUDIO_HOST is reachable from other machines (said once at start-up). */
  loopback: boolean;
}

/** Throws a ConfigError naming each bad variable, its reason and the value it got. */
export function readStudioConfig(source: NodeJS.ProcessEnv): StudioConfig {
  const result = StudioConfigSchema.safeParse(source);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((issue) => {
        const name = String(issue.path[0] ?? '(configuration)');
        return `${name} ${issue.message}${source[name] !== undefined ? ` (got "${source[name]}")` : ''}`;
      }),
    );
  }
  const c = result.data;
  return { host: c.STUDIO_HOST, port: c.STUDIO_PORT, contentDir: c.CONTENT_DIR, packs: c.CONTENT_PACKS, loopback: isLoopback(c.STUDIO_HOST) };
}
