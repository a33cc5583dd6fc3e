/**
 * Tailoring a case to a client (issue 15): {{variables}} in exercise texts, pack files with their
 * defaults or a client's values, their checks, which pack's values the bot uses, and the bot
 * playing a tailored case through its HTTP endpoint.
 */
import { strict as assert } from 'node:assert';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ContentError, loadLibrary } from '../src/content/library';
import { loadContent } from '../src/content/load';
import { formatProblem } from '../src/content/problems';
import { selectPacks } from '../src/content/selection';
import { tailorItem, valuesFor } from '../src/content/tailoring';
import { malformedPlaceholder, substitute, substituteText, variablesIn } from '../src/content/variables';
import { overviewPage } from '../src/studio/overview-page';
import { withValues, Workspace } from '../src/studio/workspace';
import type { App } from '../src/app';
import { startTestBot } from './support/bot';
import { Channel, sharedCardIn } from './support/channel';
import { LocalConnector } from './support/connector';
import { button, buttons, cardText, Participant } from './support/teams';

const fixtures = path.join(__dirname, 'fixtures', 'content');
const repo = path.join(__dirname, '..');

/** The fixture case with variables for the wethouder's name, portfolio and municipality. */
function caseWithVariables(edit: (yaml: string) => string = (y) => y): string {
  const yaml = fs
    .readFileSync(path.join(fixtures, 'good', 'kleine-casus.yaml'), 'utf8')
    // A text that starts with a variable is quoted in YAML.
    .replace(/otherSide: Anna (.*)$/gm, "otherSide: '{{wethouder}} $1'")
    .replace('{ name: Anna, function: wethouder Wonen }', "{ name: '{{wethouder}}', function: 'wethouder {{portefeuille}}' }")
    .replace('briefing: Je bent adviseur. Er is nieuws.', 'briefing: Je bent adviseur bij de gemeente {{ gemeente }}. Er is nieuws.');
  return edit(yaml);
}

const BASE_PACK = `variables:
  gemeente:
    description: De gemeente, zonder het woord gemeente.
    default: Dijkwaarden
  wethouder:
    description: De voornaam van de wethouder (een vrouw).
    default: Anna
  portefeuille:
    description: De portefeuille van de wethouder.
    default: Wonen
`;
const CLIENT_PACK = `tailors: basis
values:
  gemeente: Elsterveen
exercises:
  kleine-casus:
    wethouder: Fatima
`;

/** A content root with pack "basis" (the case and its pack file) and client pack "klant". */
function contentRoot(files: { basePack?: string; clientPack?: string; exercise?: string } = {}): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'samenspel-tailor-'));
  for (const f of ['dimensions.yaml', 'themes.yaml']) fs.copyFileSync(path.join(fixtures, f), path.join(root, f));
  fs.mkdirSync(path.join(root, 'basis'));
  fs.mkdirSync(path.join(root, 'klant'));
  fs.writeFileSync(path.join(root, 'basis', 'kleine-casus.yaml'), files.exercise ?? caseWithVariables());
  fs.writeFileSync(path.join(root, 'basis', 'pack.yaml'), files.basePack ?? BASE_PACK);
  fs.writeFileSync(path.join(root, 'klant', 'pack.yaml'), files.clientPack ?? CLIENT_PACK);
  return root;
}

function problems(root: string): string[] {
  return loadContent({ root, display: (f) => path.relative(root, f) }).problems.map(formatProblem);
}

/** The line of the first line of `file` that contains `text` (1-based). */
function lineOf(root: string, file: string, text: string): number {
  return fs.readFileSync(path.join(root, file), 'utf8').split('\n').findIndex((l) => l.includes(text)) + 1;
}

describe('variables in exercise texts', () => {
  it('fills in every {{name}} of a text, spaces inside the braces allowed, and leaves an unknown one as written', () => {
    assert.equal(substituteText('De {{krant}} belde over {{ sporthal }}; {{krant}} wacht.', { krant: 'Veenkoerier', sporthal: 'De Wiek' }), 'De Veenkoerier belde over De Wiek; Veenkoerier wacht.');
    assert.equal(substituteText('Burgemeester {{burgemeester}} belt.', {}), 'Burgemeester {{burgemeester}} belt.');
    // One pass: a value is never read for placeholders itself.
    assert.equal(substituteText('{{a}}', { a: '{{b}}', b: 'nee' }), '{{b}}');
    assert.deepEqual(variablesIn('{{a}} en {{b-2}} en {{a}}'), ['a', 'b-2']);
  });

  it('substitutes every text of an exercise and keeps ids, numbers and untouched parts as they are', () => {
    const exercise = { id: 'brand', minutes: 5, title: 'Brand in {{sporthal}}', perspectives: { ambtenaar: { counterpart: { name: '{{wethouder}}' }, moments: [{ id: 'een', says: 'Hallo' }] } } };
    const filled = substitute(exercise, { sporthal: 'De Wiek', wethouder: 'Fatima' });
    assert.deepEqual(filled, { id: 'brand', minutes: 5, title: 'Brand in De Wiek', perspectives: { ambtenaar: { counterpart: { name: 'Fatima' }, moments: [{ id: 'een', says: 'Hallo' }] } } });
    assert.equal(filled.perspectives.ambtenaar.moments, exercise.perspectives.ambtenaar.moments, 'a part without variables is not copied');
    assert.equal(substitute(exercise.perspectives.ambtenaar.moments, { sporthal: 'x' }), exercise.perspectives.ambtenaar.moments);
  });

  it('recognises what looks like a variable but is not one', () => {
    assert.equal(malformedPlaceholder('Gewone tekst met {accolades} en ${x}.'), undefined);
    assert.equal(malformedPlaceholder('De {{krant}} belde.'), undefined);
    assert.match(malformedPlaceholder('De {{Krant}} belde.')!, /\{\{Krant\}\}/);
    assert.match(malformedPlaceholder('De {{krant} belde.')!, /\{\{krant\}/);
  });

  it('takes the defaults, then the pack\'s defaults for the exercise, then the client\'s values, then the client\'s values for the exercise', () => {
    const root = contentRoot({
      basePack: `${BASE_PACK}exercises:\n  kleine-casus:\n    portefeuille: Wonen en Zorg\n`,
      clientPack: 'tailors: basis\nvalues:\n  gemeente: Elsterveen\n  wethouder: Noor\nexercises:\n  kleine-casus:\n    wethouder: Fatima\n',
    });
    const { packFiles, problems: found } = loadContent({ root });
    assert.deepEqual(found, []);
    assert.deepEqual(valuesFor(packFiles, 'basis', 'kleine-casus'), { gemeente: 'Dijkwaarden', wethouder: 'Anna', portefeuille: 'Wonen en Zorg' });
    assert.deepEqual(valuesFor(packFiles, 'basis', 'kleine-casus', 'klant'), { gemeente: 'Elsterveen', wethouder: 'Fatima', portefeuille: 'Wonen en Zorg' });
    assert.deepEqual(valuesFor(packFiles, 'basis', 'een-andere-casus', 'klant'), { gemeente: 'Elsterveen', wethouder: 'Noor', portefeuille: 'Wonen' });
    fs.rmSync(root, { recursive: true });
  });

  it('loads a case with its own pack\'s values filled in, keeps the text as written, and tailors it with a client\'s values', () => {
    const root = contentRoot();
    const result = loadContent({ root });
    assert.deepEqual(result.problems, []);
    const item = result.items.find((i) => i.exercise.id === 'kleine-casus')!;
    const script = item.exercise.perspectives.ambtenaar!;
    assert.equal(item.valuesFrom, 'basis');
    assert.deepEqual(script.counterpart, { name: 'Anna', function: 'wethouder Wonen' });
    assert.equal(script.briefing, 'Je bent adviseur bij de gemeente Dijkwaarden. Er is nieuws.');
    assert.equal(item.template.perspectives.ambtenaar!.counterpart.name, '{{wethouder}}');
    const tailored = tailorItem(item, result.packFiles, 'klant');
    const own = tailored.exercise.perspectives.ambtenaar!;
    assert.equal(tailored.valuesFrom, 'klant');
    assert.equal(own.briefing, 'Je bent adviseur bij de gemeente Elsterveen. Er is nieuws.');
    assert.equal(own.moments[0]!.choices[0]!.otherSide, 'Fatima is opgelucht.');
    assert.deepEqual(own.counterpart, { name: 'Fatima', function: 'wethouder Wonen' });
    fs.rmSync(root, { recursive: true });
  });
});

describe('validation of variables and pack files', () => {
  it('reports a variable that the pack does not define, at the text that uses it', () => {
    const root = contentRoot({ exercise: caseWithVariables((y) => y.replace('Wat weten we?', 'Wat weet {{griffier}}?')) });
    const line = lineOf(root, 'basis/kleine-casus.yaml', '{{griffier}}');
    assert.deepEqual(problems(root), [
      `basis/kleine-casus.yaml:${line}  perspectives.ambtenaar.moments[0].says: uses {{griffier}}, which pack "basis" does not define: add it under variables in basis/pack.yaml with a default and a description, or use one of gemeente, wethouder, portefeuille`,
    ]);
    fs.rmSync(root, { recursive: true });
  });

  it('reports a variable in a case whose pack has no pack file', () => {
    const root = contentRoot();
    fs.rmSync(path.join(root, 'basis', 'pack.yaml'));
    fs.rmSync(path.join(root, 'klant', 'pack.yaml'));
    const found = problems(root);
    assert.equal(found.length, 9, found.join('\n'));
    assert.match(found[0]!, /^basis\/kleine-casus\.yaml:\d+ {2}perspectives\.ambtenaar\.counterpart\.name: uses \{\{wethouder\}\}, which pack "basis" does not define: add it under variables in basis\/pack\.yaml with a default and a description$/);
    fs.rmSync(root, { recursive: true });
  });

  it('reports an unknown variable in a client\'s value file, and a value for an exercise that does not exist', () => {
    const root = contentRoot({ clientPack: 'tailors: basis\nvalues:\n  gemeente: Elsterveen\n  gemeentee: Elsterveen\nexercises:\n  grote-casus:\n    wethouder: Fatima\n  kleine-casus:\n    wethoudster: Fatima\n' });
    assert.deepEqual(problems(root), [
      'klant/pack.yaml:4  values.gemeentee: unknown variable "gemeentee": pack "basis" defines gemeente, wethouder, portefeuille; correct the name or remove it',
      'klant/pack.yaml:7  exercises.grote-casus: no exercise "grote-casus" in pack "klant" or "basis": correct the id or remove it',
      'klant/pack.yaml:9  exercises.kleine-casus.wethoudster: unknown variable "wethoudster": pack "basis" defines gemeente, wethouder, portefeuille; correct the name or remove it',
    ]);
    fs.rmSync(root, { recursive: true });
  });

  it('reports a text that a value makes too long for a card, like any other, naming the pack whose value causes it', () => {
    const long = 'Vereniging van Samenwerkende Gemeenten in het Land van Maas en Waal en omstreken, afdeling Noord';
    const exercise = caseWithVariables((y) => y.replace('label: Meteen vertellen.', `label: Meteen vertellen aan de wethouder van {{gemeente}}, ${'x'.repeat(60)}.`));
    const root = contentRoot({ exercise, clientPack: `tailors: basis\nvalues:\n  gemeente: ${long}\n` });
    const line = lineOf(root, 'basis/kleine-casus.yaml', 'Meteen vertellen aan');
    assert.deepEqual(problems(root), [
      `basis/kleine-casus.yaml:${line}  perspectives.ambtenaar.moments[0].choices[0].label: is too long for a Teams card with the values of pack "klant" ({{gemeente}} = "${long}"): keep it to 140 characters or fewer; shorten the text, or the value in klant/pack.yaml`,
    ]);
    fs.rmSync(root, { recursive: true });
  });

  it('reports a malformed placeholder, an unquoted one, a pack that tailors nothing that exists, and values without tailors', () => {
    const root = contentRoot({
      exercise: caseWithVariables((y) => y.replace('Wat weten we?', 'Wat weet {{Wethouder}}?').replace("counterpart: { name: '{{wethouder}}', function: 'wethouder {{portefeuille}}' }", 'counterpart:\n      name: {{wethouder}}\n      function: wethouder Wonen')),
      basePack: `${BASE_PACK}values:\n  gemeente: Elsterveen\n`,
      clientPack: 'tailors: algemeen\n',
    });
    const found = problems(root);
    assert.deepEqual(found.map((p) => p.replace(/:\d+ {2}/, ': ')), [
      'basis/kleine-casus.yaml: perspectives.ambtenaar.counterpart.name: should be a text, not a map of fields (a text that starts with {{ needs quotes, e.g. name: "{{wethouder-voornaam}} Jansen")',
      'basis/pack.yaml: values: values only apply to a pack that tailors another: add tailors: <pack>, or give defaults under variables',
      'klant/pack.yaml: tailors: names pack "algemeen", which does not exist: use one of basis',
    ]);
    fs.writeFileSync(path.join(root, 'basis', 'kleine-casus.yaml'), caseWithVariables((y) => y.replace('Wat weten we?', 'Wat weet {{Wethouder}}?')));
    assert.ok(problems(root).includes(`basis/kleine-casus.yaml:${lineOf(root, 'basis/kleine-casus.yaml', '{{Wethouder}}')}  perspectives.ambtenaar.moments[0].says: "Wat weet {{Wethouder}}?" looks like a variable but is not one: write {{name}} with lower-case letters, digits and hyphens`));
    fs.rmSync(root, { recursive: true });
  });

  it('keeps the shipped library clean: the example client pack tailors algemeen without a problem', () => {
    const result = loadContent({ root: path.join(repo, 'dialogs') });
    assert.deepEqual(result.problems.map(formatProblem), []);
    assert.equal(result.packFiles.get('voorbeeld-klant')?.data.tailors, 'algemeen');
  });
});

describe('which values the bot uses (CONTENT_PACKS)', () => {
  const tailors = new Map([['klant', 'algemeen'], ['andere-klant', 'algemeen']]);
  const available = ['algemeen', 'andere-klant', 'eigen', 'klant'];

  it('leaves client packs out when CONTENT_PACKS is empty, so no client\'s names reach everyone', () => {
    assert.deepEqual(selectPacks(available, tailors, []), { load: ['algemeen', 'eigen'], valuesBy: new Map(), problems: [] });
  });

  it('offers the tailored pack once, with the client\'s values, whether or not it is named as well', () => {
    for (const requested of [['klant'], ['algemeen', 'klant']]) {
      const selection = selectPacks(available, tailors, requested);
      assert.deepEqual(selection.load.sort(), ['algemeen', 'klant']);
      assert.deepEqual([...selection.valuesBy], [['algemeen', 'klant']]);
    }
  });

  it('stops start-up when two client packs of one pack are selected, naming both', () => {
    assert.deepEqual(selectPacks(available, tailors, ['klant', 'andere-klant']).problems, ['CONTENT_PACKS selects klant and andere-klant, which both tailor algemeen: select one of them']);
    assert.throws(() => loadLibrary(path.join(repo, 'dialogs'), ['voorbeeld-klant', 'onbekend']), (e: unknown) => e instanceof ContentError && /CONTENT_PACKS names unknown pack\(s\) onbekend/.test(e.message));
  });

  it('validates the values at start-up too: a value that makes a text too long stops the bot', () => {
    const root = contentRoot({ clientPack: `tailors: basis\nvalues:\n  wethouder: ${'Anna-Maria '.repeat(10).trim()}\n` });
    assert.throws(() => loadLibrary(root, ['klant']), (e: unknown) => e instanceof ContentError && /is too long for a Teams card with the values of pack "klant"/.test(e.message));
    // Not selected, the client pack is not the bot's concern.
    assert.equal(loadLibrary(root).get('kleine-casus')!.exercise.perspectives.ambtenaar!.counterpart.name, 'Anna');
    fs.rmSync(root, { recursive: true });
  });

  it('gives the micro-exercises of the tailored pack the client\'s values too (what follow-up deliveries send)', () => {
    const root = contentRoot();
    fs.mkdirSync(path.join(root, 'basis', 'micro'));
    const micro = fs.readFileSync(path.join(fixtures, 'good', 'micro', 'woord-snel.yaml'), 'utf8').replace('briefing: De minister wil het snel.', 'briefing: De minister wil het snel, zegt de gemeente {{gemeente}}.');
    fs.writeFileSync(path.join(root, 'basis', 'micro', 'woord-snel.yaml'), micro);
    const library = loadLibrary(root, ['klant']);
    assert.deepEqual(library.micros.map((m) => [m.exercise.id, m.valuesFrom, m.exercise.perspectives.ambtenaar!.briefing]), [['woord-snel', 'klant', 'De minister wil het snel, zegt de gemeente Elsterveen.']]);
    assert.equal(library.get('woord-snel'), library.micros[0]);
    fs.rmSync(root, { recursive: true });
  });
});

describe('the studio\'s values without a choice in the pack chooser', () => {
  it('shows what the bot would play: the pack\'s own values, or those of the client pack CONTENT_PACKS selects', async () => {
    const dialogs = path.join(repo, 'dialogs');
    for (const [packs, title] of [[[], 'Brand in sporthal De Vonk'], [['voorbeeld-klant'], 'Brand in sporthal De Wiek']] as const) {
      const workspace = new Workspace(dialogs, [...packs]);
      const snap = workspace.snapshot;
      const item = snap.items.find((i) => i.exercise.id === 'brand-in-de-sporthal')!;
      assert.equal(withValues(snap, item).exercise.title, title);
      assert.equal(withValues(snap, item, 'algemeen').exercise.title, 'Brand in sporthal De Vonk');
      assert.equal(withValues(snap, item, 'voorbeeld-klant').exercise.title, 'Brand in sporthal De Wiek');
      assert.match(overviewPage('nl', snap), new RegExp(`class="title">${title}<`));
      assert.equal(snap.items.filter((i) => i.exercise.id === 'brand-in-de-sporthal').length, 1);
      await workspace.close();
    }
  });
});

describe('a tailored case through the HTTP endpoint', () => {
  let connector: LocalConnector;
  let bot: App;

  before(async () => {
    connector = await new LocalConnector().start();
    bot = await startTestBot({ CONTENT_DIR: path.join(repo, 'dialogs'), CONTENT_PACKS: 'voorbeeld-klant', FOLLOWUP_ENABLED: 'false' });
  });
  after(async () => {
    await bot.close();
    await connector.stop();
  });

  it('shows the client\'s names on the briefing, the moment and the feedback cards in 1:1 chat, with the case once in the catalogue', async () => {
    const noor = new Participant(() => bot.url, connector, 'Noor');
    const catalogue = cardText((await noor.say('oefeningen'))[0]!.card);
    assert.equal(catalogue.match(/sporthal De Wiek/g)?.length, 1);
    assert.doesNotMatch(catalogue, /De Vonk/);

    const briefing = (await noor.click({ verb: 'start', exerciseId: 'brand-in-de-sporthal', perspective: 'ambtenaar' }))[0]!.card;
    assert.match(cardText(briefing), /Je bent senior beleidsadviseur bij de gemeente Elsterveen\. Vannacht is er brand geweest in sporthal De Wiek/);
    assert.match(cardText(briefing), /burgemeester Hoekstra had vannacht het gezag/);
    assert.match(cardText(briefing), /Fatima El Amrani, wethouder Sport, Accommodaties en Financiën/);

    const moment = (await noor.click(button(briefing, 'Begin')))[0]!.card;
    assert.match(cardText(moment), /"De Veenkoerier belde me net\. Ze vragen of het klopt dat het brandmeldsysteem in\s+De Wiek al maanden kapot was/);
    const tell = buttons(moment).find((b) => b.data.choiceId === 'meteen-melden')!;
    const feedback = (await noor.click(tell.data))[0]!.card;
    assert.match(cardText(feedback), /Fatima schrikt, en is vooral opgelucht/);
    assert.doesNotMatch(`${cardText(briefing)}${cardText(moment)}${cardText(feedback)}`, /\{\{|Marieke|Dijkwaard|Van Dalen/);
  });

  it('shows the client\'s names to a group in a channel', async () => {
    const channel = new Channel(() => bot.url, connector, 2);
    const trainer = channel.members[0]!;
    const sent = await channel.submit(trainer, { verb: 'group.start', exerciseId: 'brand-in-de-sporthal', perspective: 'bestuurder' });
    const posted = sent.filter((s) => s.method === 'POST').map((s) => cardText(s.body.attachments?.[0]?.content)).join('\n');
    assert.match(posted, /Je bent wethouder in de gemeente Elsterveen/);
    assert.match(cardText(sharedCardIn(sent)), /Jeroen/);
    assert.doesNotMatch(posted, /Ruud|Dijkwaard|\{\{/);
  });
});
