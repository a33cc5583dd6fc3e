/**
 * Other names for Samenspel's bot-registration settings. Azure Bot Service templates and the
 * botbuilder samples use MicrosoftAppId, MicrosoftAppPassword, MicrosoftAppType and
 * MicrosoftAppTenantId; Teams Toolkit projects use BOT_ID, BOT_PASSWORD (and BOT_TYPE in the Teams
 * samples). A bot started with one of those must authenticate exactly as with MICROSOFT_APP_ID, so
 * they are honoured as the same setting, never ignored: ignoring MicrosoftAppId used to leave
 * authentication off. Two names with different values for one setting, or a name spelt almost
 * like one of these (other case or underscores), stop start-up naming the variables.
 */

/** Each setting's own name and the other names read as the same setting, in order of precedence. */
export const ALIASES = {
  MICROSOFT_APP_ID: ['MicrosoftAppId', 'BOT_ID'],
  MICROSOFT_APP_PASSWORD: ['MicrosoftAppPassword', 'BOT_PASSWORD'],
  MICROSOFT_APP_TYPE: ['MicrosoftAppType', 'BOT_TYPE'],
  MICROSOFT_APP_TENANT_ID: ['MicrosoftAppTenantId'],
} as const satisfies Record<string, readonly string[]>;

export type AliasedSetting = keyof typeof ALIASES;

/** Names whose values never appear in a message. */
export const SECRET_NAMES: ReadonlySet<string> = new Set(['MICROSOFT_APP_PASSWORD', ...ALIASES.MICROSOFT_APP_PASSWORD, 'REPORT_SECRET']);

export interface ResolvedNames {
  /** The environment with each setting under its own name (an alias's value copied there). */
  env: Record<string, string | undefined>;
  /** Setting → the other name its value came from, for messages and the start-up log. */
  readFrom: Map<string, string>;
  /** Conflicts and near-misses, each naming the variables and what to do. */
  problems: string[];
}

const squash = (name: string) => name.toLowerCase().replace(/[^a-z0-9]/g, '');
const present = (v: string | undefined): v is string => v !== undefined && v.trim() !== '';

export function resolveNames(source: NodeJS.ProcessEnv | Record<string, string | undefined>): ResolvedNames {
  const env: Record<string, string | undefined> = { ...source };
  const readFrom = new Map<string, string>();
  const problems: string[] = [];
  const known = new Map<string, AliasedSetting>();
  for (const [setting, aliases] of Object.entries(ALIASES) as [AliasedSetting, readonly string[]][]) {
    const names = [setting, ...aliases];
    for (const name of names) known.set(squash(name), setting);
    const set = names.filter((name) => present(source[name]));
    const values = new Set(set.map((name) => source[name]!.trim()));
    if (values.size > 1) {
      problems.push(`${set.join(' and ')} are set to different values for the same setting: keep one (${setting})`);
      continue;
    }
    if (set.length > 0 && set[0] !== setting) {
      env[setting] = source[set[0]!];
      readFrom.set(setting, set[0]!);
    }
  }
  // A near-miss (MICROSOFT_APPID, microsoftAppId, Bot_Id…) would otherwise be silently ignored.
  for (const name of Object.keys(source)) {
    const setting = known.get(squash(name));
    if (!setting || !present(source[name]) || setting === name || (ALIASES[setting] as readonly string[]).includes(name)) continue;
    problems.push(`${name} is not a setting Samenspel reads: use ${setting} (also accepted: ${ALIASES[setting].join(', ')})`);
  }
  return { env, readFrom, problems };
}
