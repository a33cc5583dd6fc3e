import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import AdmZip from 'adm-zip';
import { PNG } from 'pngjs';
import { menuOf } from '../src/bot/commands';
import { buildPackage, extraChecks, MANIFEST_DIR, packageValues, zip } from '../scripts/package/manifest';
import { colorIcon, outlineIcon } from '../scripts/package/icons';

const repo = path.join(__dirname, '..');
const env = { MICROSOFT_APP_ID: '0b6f2a4e-3c1d-4e5f-8a9b-1c2d3e4f5a6b', BOT_DOMAIN: 'samenspel.example.nl' };

describe('the Teams app package', () => {
  it('fills the manifest from the environment and passes the official schema and our checks', async () => {
    const { errors, files } = await buildPackage(env, '1.2.3');
    assert.deepEqual(errors, []);
    assert.deepEqual(files.map((f) => f.name).sort(), ['color.png', 'en-us.json', 'manifest.json', 'outline.png']);
    const manifest = JSON.parse(files.find((f) => f.name === 'manifest.json')!.data.toString());
    assert.equal(manifest.bots[0].botId, env.MICROSOFT_APP_ID);
    assert.equal(manifest.id, env.MICROSOFT_APP_ID);
    assert.equal(manifest.version, '1.2.3');
    assert.deepEqual(manifest.bots[0].scopes, ['personal', 'team', 'groupChat']);
    assert.equal(manifest.localizationInfo.defaultLanguageTag, 'nl-nl');
    assert.deepEqual(manifest.validDomains, ['samenspel.example.nl']);
    assert.ok(!JSON.stringify(manifest).includes('${{'), 'a placeholder was left');
  });

  it("lists per scope exactly the commands the bot's command table handles there, in Dutch and English", async () => {
    const { files } = await buildPackage(env, '1.0.0');
    const manifest = JSON.parse(files.find((f) => f.name === 'manifest.json')!.data.toString());
    const personal = manifest.bots[0].commandLists.find((l: any) => l.scopes.includes('personal'));
    assert.equal(personal.commands.length, menuOf('personal').length);
    assert.ok(personal.commands.length <= 10);

    // The check can fail: a command the bot does not know, and a missing one.
    const icons = { 'color.png': colorIcon(), 'outline.png': outlineIcon() };
    const doctored = structuredClone(manifest);
    doctored.bots[0].commandLists[0].commands[0].title = 'vergadering';
    const localization = JSON.parse(files.find((f) => f.name === 'en-us.json')!.data.toString());
    assert.deepEqual(extraChecks(doctored, localization, icons), [
      'bots[0].commandLists[0].commands[0].title "vergadering" (nl) is not a command the bot understands',
      'bots[0].commandLists[0] (personal) lacks the command(s) catalogue that the bot understands there',
    ]);
    const groupWithStop = structuredClone(manifest);
    groupWithStop.bots[0].commandLists[1].commands.push({ title: 'stop', description: 'Stop' });
    assert.deepEqual(extraChecks(groupWithStop, { ...localization, 'bots[0].commandLists[1].commands[3].title': 'stop' }, icons), [
      '"stop" (nl) is listed for team, where the bot does not handle it',
      '"stop" (en) is listed for team, where the bot does not handle it',
      '"stop" (nl) is listed for groupChat, where the bot does not handle it',
      '"stop" (en) is listed for groupChat, where the bot does not handle it',
    ]);
  });

  it('has icons of the right size, the outline white on transparent, drawn reproducibly by the script', () => {
    const color = PNG.sync.read(fs.readFileSync(path.join(MANIFEST_DIR, 'color.png')));
    const outline = PNG.sync.read(fs.readFileSync(path.join(MANIFEST_DIR, 'outline.png')));
    assert.deepEqual([color.width, color.height, outline.width, outline.height], [192, 192, 32, 32]);
    assert.ok(fs.readFileSync(path.join(MANIFEST_DIR, 'color.png')).equals(colorIcon()));
    assert.ok(fs.readFileSync(path.join(MANIFEST_DIR, 'outline.png')).equals(outlineIcon()));
    const wrong = new PNG({ width: 64, height: 64 });
    const errors = extraChecks({ id: env.MICROSOFT_APP_ID, bots: [{ botId: env.MICROSOFT_APP_ID, commandLists: [] }] }, {}, { 'color.png': PNG.sync.write(wrong), 'outline.png': colorIcon() });
    assert.ok(errors.includes('color.png must be 192×192 pixels, is 64×64'));
    assert.ok(errors.includes('outline.png must be 32×32 pixels, is 192×192'));
    assert.ok(errors.includes('outline.png must be white on transparent'));
  });

  it('writes a flat zip with npm run package, and refuses (printing each error) on bad input', () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'samenspel-package-'));
    const run = (extra: Record<string, string>) =>
      spawnSync(process.execPath, ['--import', 'tsx', 'scripts/package/index.ts'], {
        cwd: repo, encoding: 'utf8', env: { PATH: process.env.PATH, PACKAGE_OUT_DIR: out, ...extra },
      });
    const bad = run({ MICROSOFT_APP_ID: 'not-a-guid', BOT_DOMAIN: 'https://x.nl/api' });
    assert.equal(bad.status, 1);
    assert.match(bad.stderr, /The Teams app package was NOT written/);
    assert.match(bad.stderr, /BOT_DOMAIN must be a host name without scheme or path/);
    assert.match(bad.stderr, /bots\[0\]\.botId must be a GUID/);
    assert.deepEqual(fs.readdirSync(out), []);

    const good = run(env);
    assert.equal(good.status, 0, good.stderr);
    const [file] = fs.readdirSync(out);
    const entries = new AdmZip(path.join(out, file!)).getEntries().map((e) => e.entryName).sort();
    assert.deepEqual(entries, ['color.png', 'en-us.json', 'manifest.json', 'outline.png']);
  });

  it('reads the App ID under its Azure and Teams Toolkit names too, and refuses two different ones', () => {
    for (const name of ['MicrosoftAppId', 'BOT_ID']) assert.equal(packageValues({ [name]: env.MICROSOFT_APP_ID, BOT_DOMAIN: env.BOT_DOMAIN }, '1.0.0').values.MICROSOFT_APP_ID, env.MICROSOFT_APP_ID);
    const conflict = packageValues({ MicrosoftAppId: env.MICROSOFT_APP_ID, BOT_ID: 'ffffffff-ffff-4fff-8fff-ffffffffffff', BOT_DOMAIN: env.BOT_DOMAIN }, '1.0.0');
    assert.match(conflict.errors.join('\n'), /MicrosoftAppId and BOT_ID are set to different values for the same setting/);
  });

  it('zips flat: no folders inside', () => {
    const archive = new AdmZip(zip([{ name: 'manifest.json', data: Buffer.from('{}') }]));
    assert.deepEqual(archive.getEntries().map((e) => e.entryName), ['manifest.json']);
  });
});
