/**
 * The Teams app package: fills manifest/manifest.template.json and manifest/en-us.json from the
 * environment, validates the result offline (the official schema bundled in
 * @microsoft/app-manifest, plus what the schema cannot check), and builds a flat zip.
 */
import fs from 'node:fs';
import path from 'node:path';
import { AppManifestUtils } from '@microsoft/app-manifest';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import AdmZip from 'adm-zip';
import { PNG } from 'pngjs';
import { COMMANDS, menuOf, parseCommand, type Scope } from '../../src/bot/commands';
import { resolveNames } from '../../src/config-names';

export const MANIFEST_DIR = path.join(__dirname, '..', '..', 'manifest');
const GUID = /^[0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}$/i;
const ICONS = { 'color.png': 192, 'outline.png': 32 } as const;

export interface PackageFile {
  name: string;
  data: Buffer;
}

/** The values the templates need, from the environment, with defaults where one is sensible. */
export function packageValues(env: NodeJS.ProcessEnv, version: string): { values: Record<string, string>; errors: string[] } {
  // The App ID also under its Azure and Teams Toolkit names (MicrosoftAppId, BOT_ID), as the bot reads it.
  const names = resolveNames(env);
  const errors: string[] = names.problems.filter((p) => p.includes('MICROSOFT_APP_ID'));
  const appId = names.env.MICROSOFT_APP_ID?.trim() ?? '';
  const domain = env.BOT_DOMAIN?.trim() ?? '';
  if (!appId) errors.push('MICROSOFT_APP_ID is missing: the bot id in the package is the Microsoft App ID of the bot registration');
  if (!domain) errors.push('BOT_DOMAIN is missing: the public host name of the messaging endpoint, e.g. samenspel.example.nl');
  if (domain && !/^[a-z0-9.-]+(:\d+)?$/i.test(domain)) errors.push(`BOT_DOMAIN must be a host name without scheme or path (got "${domain}")`);
  const site = env.DEVELOPER_WEBSITE_URL?.trim() || `https://${domain}`;
  return {
    errors,
    values: {
      APP_VERSION: env.APP_VERSION?.trim() || version,
      TEAMS_APP_ID: env.TEAMS_APP_ID?.trim() || appId,
      MICROSOFT_APP_ID: appId,
      APP_NAME: env.APP_NAME?.trim() || 'Samenspel',
      DEVELOPER_NAME: env.DEVELOPER_NAME?.trim() || 'Samenspel',
      DEVELOPER_WEBSITE_URL: site,
      PRIVACY_URL: env.PRIVACY_URL?.trim() || `${site.replace(/\/$/, '')}/privacy`,
      TERMS_OF_USE_URL: env.TERMS_OF_USE_URL?.trim() || `${site.replace(/\/$/, '')}/terms`,
      BOT_DOMAIN: domain,
    },
  };
}

/** Replaces ${{NAME}} placeholders; values are JSON-escaped because the templates are JSON. */
export function fillTemplate(template: string, values: Record<string, string>): { text: string; errors: string[] } {
  const errors: string[] = [];
  const text = template.replace(/\$\{\{([A-Z_]+)\}\}/g, (_, name: string) => {
    if (!(name in values)) errors.push(`placeholder \${{${name}}} has no value: set ${name} in the environment`);
    return JSON.stringify(values[name] ?? '').slice(1, -1);
  });
  return { text, errors };
}

function pngSize(data: Buffer): { width: number; height: number } | undefined {
  try {
    const png = PNG.sync.read(data);
    return { width: png.width, height: png.height };
  } catch {
    return undefined;
  }
}

/** What the schema does not check: a GUID bot id, icon sizes, and command lists that match the bot. */
export function extraChecks(manifest: any, localization: Record<string, string>, icons: Record<string, Buffer>): string[] {
  const errors: string[] = [];
  const bot = manifest.bots?.[0];
  if (!GUID.test(bot?.botId ?? '')) errors.push(`bots[0].botId must be a GUID (the Microsoft App ID), got "${bot?.botId ?? ''}"`);
  if (!GUID.test(manifest.id ?? '')) errors.push(`id must be a GUID (TEAMS_APP_ID), got "${manifest.id ?? ''}"`);
  for (const [name, size] of Object.entries(ICONS)) {
    const found = icons[name] && pngSize(icons[name]!);
    if (!found) errors.push(`${name} is missing or not a PNG`);
    else if (found.width !== size || found.height !== size) errors.push(`${name} must be ${size}×${size} pixels, is ${found.width}×${found.height}`);
  }
  const outline = icons['outline.png'] && PNG.sync.read(icons['outline.png']);
  if (outline) {
    for (let i = 0; i < outline.data.length; i += 4) {
      const [r, g, b, a] = [outline.data[i]!, outline.data[i + 1]!, outline.data[i + 2]!, outline.data[i + 3]!];
      if (a > 0 && (r < 250 || g < 250 || b < 250)) {
        errors.push('outline.png must be white on transparent');
        break;
      }
    }
  }
  errors.push(...commandListErrors(bot?.commandLists ?? [], localization));
  return errors;
}

function commandListErrors(lists: { scopes: Scope[]; commands: { title: string }[] }[], localization: Record<string, string>): string[] {
  const errors: string[] = [];
  const scopes: Scope[] = ['personal', 'team', 'groupChat'];
  for (const scope of scopes) {
    const list = lists.findIndex((l) => l.scopes.includes(scope));
    const expected = menuOf(scope).map((c) => c.id).sort();
    if (list < 0) {
      errors.push(`bots[0].commandLists has no list for scope ${scope}: add one with ${expected.join(', ')}`);
      continue;
    }
    const listed: string[] = [];
    lists[list]!.commands.forEach((command, i) => {
      for (const [lang, title] of [['nl', command.title], ['en', localization[`bots[0].commandLists[${list}].commands[${i}].title`]]] as const) {
        const id = parseCommand(title);
        if (!title) errors.push(`bots[0].commandLists[${list}].commands[${i}] has no ${lang} title`);
        else if (!id) errors.push(`bots[0].commandLists[${list}].commands[${i}].title "${title}" (${lang}) is not a command the bot understands`);
        else if (!COMMANDS.find((c) => c.id === id)!.scopes.includes(scope)) errors.push(`"${title}" (${lang}) is listed for ${scope}, where the bot does not handle it`);
        else if (lang === 'nl') listed.push(id);
      }
    });
    const missing = expected.filter((id) => !listed.includes(id));
    if (missing.length > 0) errors.push(`bots[0].commandLists[${list}] (${scope}) lacks the command(s) ${missing.join(', ')} that the bot understands there`);
  }
  return errors;
}

/**
 * The bundled localization schema has patterns that are invalid as unicode regular expressions
 * (AppManifestUtils compiles with the unicode flag and throws), so it is compiled here without it.
 */
function validateLocalization(localization: unknown, schema: object): string[] {
  const ajv = new Ajv({ allErrors: true, strictTypes: false, unicodeRegExp: false });
  addFormats(ajv, ['uri', 'email', 'regex']);
  const validate = ajv.compile(schema);
  if (validate(localization)) return [];
  return (validate.errors ?? []).map((e) => `en-us.json${e.instancePath} ${e.message}${e.params ? ` ${JSON.stringify(e.params)}` : ''}`);
}

export interface BuildResult {
  errors: string[];
  files: PackageFile[];
}

export async function buildPackage(env: NodeJS.ProcessEnv, version: string, dir = MANIFEST_DIR): Promise<BuildResult> {
  const { values, errors } = packageValues(env, version);
  const manifestText = fillTemplate(fs.readFileSync(path.join(dir, 'manifest.template.json'), 'utf8'), values);
  const localizationText = fillTemplate(fs.readFileSync(path.join(dir, 'en-us.json'), 'utf8'), values);
  errors.push(...manifestText.errors, ...localizationText.errors);
  const manifest = JSON.parse(manifestText.text);
  const localization = JSON.parse(localizationText.text);
  const icons = Object.fromEntries(Object.keys(ICONS).filter((n) => fs.existsSync(path.join(dir, n))).map((n) => [n, fs.readFileSync(path.join(dir, n))]));

  const schemaDir = path.join(path.dirname(require.resolve('@microsoft/app-manifest/package.json')), 'build', 'json-schemas', 'teams', `v${manifest.manifestVersion}`);
  if (!fs.existsSync(schemaDir)) {
    errors.push(`manifestVersion ${manifest.manifestVersion} is not bundled with @microsoft/app-manifest: use one of its versions (1.19 or later)`);
  } else {
    const schema = JSON.parse(fs.readFileSync(path.join(schemaDir, 'MicrosoftTeams.schema.json'), 'utf8'));
    errors.push(...(await AppManifestUtils.validateAgainstSchema(manifest, schema)).map((e) => `manifest.json${e}`));
    const locSchema = JSON.parse(fs.readFileSync(path.join(schemaDir, 'MicrosoftTeams.Localization.schema.json'), 'utf8'));
    errors.push(...validateLocalization(localization, locSchema));
  }
  errors.push(...extraChecks(manifest, localization, icons));

  const files: PackageFile[] = [
    { name: 'manifest.json', data: Buffer.from(JSON.stringify(manifest, null, 2)) },
    { name: 'en-us.json', data: Buffer.from(JSON.stringify(localization, null, 2)) },
    ...Object.entries(icons).map(([name, data]) => ({ name, data })),
  ];
  return { errors, files };
}

/** A flat zip: every file at the root, as Teams expects. */
export function zip(files: PackageFile[]): Buffer {
  const archive = new AdmZip();
  for (const file of files) archive.addFile(file.name, file.data);
  return archive.toBuffer();
}
