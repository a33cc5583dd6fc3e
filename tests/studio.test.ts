/**
 * The trainer studio (issue 15) in Debian's Chromium (playwright-core, executablePath; no browser
 * is downloaded): over a copy of the shipped library, so a test may edit and break files. In the
 * main suite because one browser and one in-process server take a few seconds, not minutes.
 * A storyboard screenshot is kept under artefacts/studio/ (a CI artefact, like the e2e ones).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { parseDocument } from 'yaml';
import { loadContent } from '../src/content/load';
import { formatPath, formatProblem } from '../src/content/problems';
import { briefingOf, perspectivesOf } from '../src/engine';
import { ConfigError } from '../src/config';
import { readStudioConfig } from '../src/studio/config';
import { expectedCards, renderedCards, studioUnderTest, type StudioUnderTest } from './support/studio';

const repo = path.join(__dirname, '..');
const ARTEFACTS = path.join(repo, 'artefacts', 'studio');

describe('trainer studio', function () {
  this.timeout(120000);
  let studio: StudioUnderTest;
  let page: Page;
  let consoleErrors: string[];

  before(async () => {
    studio = await studioUnderTest();
  });

  beforeEach(async () => {
    consoleErrors = [];
    page = await studio.newPage(consoleErrors);
  });

  afterEach(async () => page.close());
  after(async () => studio?.close());

  const library = () => studio.library();

  it('prints a loopback address by default and stops start-up on a bad port, naming the variable', () => {
    assert.equal(readStudioConfig({}).host, '127.0.0.1');
    assert.equal(readStudioConfig({}).loopback, true);
    assert.deepEqual([readStudioConfig({ STUDIO_HOST: '', STUDIO_PORT: '' }).host, readStudioConfig({ STUDIO_PORT: ' ' }).port], ['127.0.0.1', 3980]);
    assert.equal(readStudioConfig({ STUDIO_HOST: '0.0.0.0' }).loopback, false);
    assert.match(studio.url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
    assert.throws(() => readStudioConfig({ STUDIO_PORT: 'zes' }), (e: unknown) => e instanceof ConfigError && /STUDIO_PORT must be a whole number .*got "zes"/.test(e.message));
  });

  it('stands beside the bot: loading the studio loads nothing of botbuilder or src/bot', () => {
    const script = "require('./src/studio/start.ts'); console.log(Object.keys(require.cache).filter((k) => /botbuilder|botframework|src[\\\\/]bot[\\\\/]/.test(k)).join(','))";
    const run = spawnSync(process.execPath, ['--import', 'tsx', '--disable-warning=DEP0111', '-e', script], { cwd: repo, encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stdout.trim(), '');
  });

  it('lists every exercise of the library on the overview, in Dutch, and in English when the browser asks', async () => {
    await page.goto(studio.url);
    const ids = await page.locator('tr.exercise').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-id')));
    assert.deepEqual([...ids].sort(), library().map((i) => i.exercise.id).sort());
    assert.equal(await page.locator('h1').textContent(), 'Samenspel-studio');
    const english = await fetch(studio.url, { headers: { 'accept-language': 'en-GB,en;q=0.9,nl;q=0.5' } }).then((r) => r.text());
    assert.match(english, /<h1>Samenspel studio<\/h1>/);
    assert.match(english, /<html lang="en">/);
  });

  // Every page of the library is swept in the end-to-end suite (tests/e2e/studio.e2e.ts, slower);
  // here a case with a branch, in each perspective, and a micro-exercise.
  it('renders every card of a branching case and a micro-exercise with the Adaptive Cards renderer, without console errors', async () => {
    const branching = library().find((i) => i.kind === 'exercise' && perspectivesOf(i.exercise).some((p) => i.exercise.perspectives[p]!.moments.some((m) => m.branch)))!;
    const micro = library().find((i) => i.kind === 'micro')!;
    for (const item of [branching, micro]) {
      for (const perspective of perspectivesOf(item.exercise)) {
        assert.equal(await renderedCards(page, studio.url, item, perspective), expectedCards(item, perspective), `${item.exercise.id} (${perspective})`);
        const branches = item.exercise.perspectives[perspective]!.moments.filter((m) => m.branch).length;
        assert.equal(await page.locator('section.moment.branch').count(), branches, 'each branch moment is marked as one');
      }
    }
    assert.deepEqual(consoleErrors, []);
  });

  it('shows a storyboard with the dilemma figures per moment, light and dark (screenshots kept)', async () => {
    const item = library().find((i) => i.kind === 'exercise')!;
    await page.goto(`${studio.url}exercise/${item.exercise.id}/ambtenaar`);
    await page.waitForSelector('body[data-rendered]');
    assert.match((await page.locator('section.moment .gap').first().textContent())!, /Verschil tussen de beste en de op één na beste keuze: \d+/);
    fs.mkdirSync(ARTEFACTS, { recursive: true });
    await page.locator('section.moment').first().screenshot({ path: path.join(ARTEFACTS, 'storyboard-light.png') });
    await page.check('#dark');
    await page.waitForSelector('body.dark');
    await page.locator('section.moment').first().screenshot({ path: path.join(ARTEFACTS, 'storyboard-dark.png') });
    assert.deepEqual(consoleErrors, []);
  });

  it('draws the branch map with a node per moment and an edge per choice; a click jumps to the card', async () => {
    const item = library().find((i) => i.kind === 'exercise' && i.exercise.perspectives.ambtenaar?.moments.some((m) => m.branch))!;
    const moments = item.exercise.perspectives.ambtenaar!.moments;
    await page.goto(`${studio.url}exercise/${item.exercise.id}/ambtenaar`);
    await page.waitForSelector('body[data-rendered]');
    assert.equal(await page.locator('svg.branch-map a.node').count(), moments.length + 1, 'every moment and the closing');
    assert.equal(await page.locator('svg.branch-map a.edge').count(), moments.reduce((n, m) => n + m.choices.length, 0));
    const map = page.locator('section.map');
    fs.mkdirSync(ARTEFACTS, { recursive: true });
    await map.screenshot({ path: path.join(ARTEFACTS, 'branch-map.png') });
    const branch = moments.find((m) => m.branch)!;
    await page.locator(`svg.branch-map a.node[data-moment="${branch.id}"]`).click();
    await page.waitForURL(`**#moment-${branch.id}`);
    assert.ok(await page.locator(`#moment-${branch.id} .card.rendered`).first().isVisible());
    assert.deepEqual(consoleErrors, []);
  });

  it('shows both perspectives of a case side by side, each with all its cards', async () => {
    const item = library().find((i) => i.kind === 'exercise' && perspectivesOf(i.exercise).length === 2)!;
    await page.goto(`${studio.url}exercise/${item.exercise.id}/ambtenaar`);
    await page.click('a[href^="/compare/"]');
    const total = expectedCards(item, 'ambtenaar') + expectedCards(item, 'bestuurder');
    await page.waitForSelector(`body[data-rendered="${total}"]`);
    for (const p of ['ambtenaar', 'bestuurder'] as const) {
      assert.equal(await page.locator(`.column[data-perspective="${p}"] .card.rendered .ac-adaptiveCard`).count(), expectedCards(item, p), p);
    }
    assert.deepEqual(consoleErrors, []);
  });

  it('updates the open page when a file in the content folder changes, without a restart', async () => {
    const item = library().find((i) => i.kind === 'exercise')!;
    const file = path.join(studio.content, item.file);
    await page.goto(`${studio.url}exercise/${item.exercise.id}/ambtenaar`);
    await page.waitForSelector('body[data-rendered]');
    const source = fs.readFileSync(file, 'utf8');
    fs.writeFileSync(file, source.replace(/^title: .*$/m, 'title: Een nieuwe titel voor de klant'));
    await page.waitForSelector('h1:text-is("Een nieuwe titel voor de klant")');
    fs.writeFileSync(file, source);
    await page.waitForSelector(`h1:text-is("${item.exercise.title}")`);
  });

  it('shows a problem of one moment at that moment, with file, line and what to do', async () => {
    const item = library().find((i) => i.kind === 'exercise' && i.exercise.perspectives.ambtenaar)!;
    const file = path.join(studio.content, item.file);
    const source = fs.readFileSync(file, 'utf8');
    const moment = item.exercise.perspectives.ambtenaar!.moments[1]!;
    // Choice A gains +2 on every dimension any choice touches: it dominates, a guessable dilemma.
    const doc = parseDocument(source);
    const dims = [...new Set(moment.choices.flatMap((c) => Object.keys(c.effects)))];
    doc.setIn(['perspectives', 'ambtenaar', 'moments', 1, 'choices', 0, 'effects'], Object.fromEntries(dims.map((d) => [d, 2])));
    await page.goto(`${studio.url}exercise/${item.exercise.id}/ambtenaar`);
    try {
      fs.writeFileSync(file, doc.toString());
      const problem = page.locator(`#moment-${moment.id} .problem`);
      await problem.waitFor();
      // The same message npm run validate prints for this file, at this moment.
      const expected = loadContent({ root: studio.content, display: (f) => path.relative(studio.content, f) })
        .problems.filter((p) => p.file === item.file && formatPath(p.path).startsWith('perspectives.ambtenaar.moments[1]'))
        .map(formatProblem);
      assert.equal(expected.length, 1);
      assert.match(expected[0]!, /:\d+  perspectives\.ambtenaar\.moments\[1\]\.choices\[0\]\.effects: choice "/);
      assert.equal(await problem.textContent(), expected[0]);
      assert.match(await page.locator(`#moment-${moment.id} .dominance`).textContent() ?? '', /Keuze A is op elke dimensie minstens zo goed/);
    } finally {
      fs.writeFileSync(file, source);
    }
  });

  it('shows a broken file with its file, line and what to do, as npm run validate does', async () => {
    const item = library().find((i) => i.kind === 'exercise')!;
    const file = path.join(studio.content, item.file);
    const source = fs.readFileSync(file, 'utf8');
    const line = source.split('\n').findIndex((l) => l.startsWith('minutes:')) + 1;
    await page.goto(studio.url);
    try {
      fs.writeFileSync(file, source.replace(/^minutes: .*$/m, 'minutes: 600'));
      const problem = page.locator('section.broken .problem');
      await problem.waitFor();
      assert.match((await problem.textContent())!, new RegExp(`^${item.file.replace(/[.]/g, '\\.')}:${line}  minutes: `));
      assert.equal(await page.locator(`tr.exercise[data-id="${item.exercise.id}"]`).count(), 0);
    } finally {
      fs.writeFileSync(file, source);
    }
    await page.locator(`tr.exercise[data-id="${item.exercise.id}"]`).waitFor();
  });
  it('shows a tailored case with the values of the client pack chosen, on every card, and says whose values it uses', async () => {
    const item = library().find((i) => i.exercise.id === 'brand-in-de-sporthal')!;
    await page.goto(studio.url);
    const row = page.locator('tr.exercise[data-id="brand-in-de-sporthal"]');
    // CONTENT_PACKS is empty: the bot plays the pack's own values, and so does the overview.
    assert.equal(await row.locator('td.values-from').textContent(), 'algemeen');
    assert.equal(await row.locator('a.title').textContent(), 'Brand in sporthal De Vonk');
    await page.click('.pack-chooser a[data-pack="voorbeeld-klant"]');
    await page.waitForURL('**/?pack=voorbeeld-klant');
    assert.equal(await row.locator('td.values-from').textContent(), 'voorbeeld-klant');
    assert.equal(await row.locator('a.title').textContent(), 'Brand in sporthal De Wiek');

    await row.locator('a.title').click();
    await page.waitForSelector(`body[data-rendered="${expectedCards(item, 'ambtenaar')}"]`);
    assert.equal(await page.locator('p.values-from').textContent(), 'Met de waarden van pakket voorbeeld-klant');
    assert.equal(await page.locator('.pack-chooser strong').getAttribute('data-pack'), 'voorbeeld-klant');
    const cards = (await page.locator('.card.rendered').allInnerTexts()).join('\n');
    assert.match(cards, /senior beleidsadviseur bij de gemeente Elsterveen/);
    assert.match(cards, /Fatima El Amrani/);
    assert.match(cards, /De Veenkoerier belde me net/);
    assert.match(cards, /Fatima schrikt/);
    assert.doesNotMatch(cards, /Marieke|Dijkwaard|De Vonk|\{\{/);
    assert.deepEqual(await page.locator('details.variables td.value').allTextContents(), ['De Wiek', 'Fatima', 'El Amrani', 'Sport, Accommodaties en Financiën', 'Elsterveen', 'Hoekstra', 'Veenkoerier', 'Veenkoerier', 'Elsterveen Vooruit', 'Jeroen', 'Bakker']);

    // Back to the pack's own values: today's text, unchanged.
    await page.click('.pack-chooser a[data-pack="algemeen"]');
    await page.waitForSelector('p.values-from[data-pack="algemeen"]');
    await page.waitForSelector(`body[data-rendered="${expectedCards(item, 'ambtenaar')}"]`);
    assert.match((await page.locator('.card.rendered').allInnerTexts()).join('\n'), /Marieke Jansen[\s\S]*De Dijkwaarder Courant belde me net/);
    assert.deepEqual(consoleErrors, []);
  });

  it('shows a long briefing as its own card with the Begin button before moment 1, as the bot does, and a short one on the first moment', async () => {
    const long = library().find((i) => i.kind === 'exercise' && briefingOf(i.exercise, 'ambtenaar')?.ownCard)!;
    assert.equal(await renderedCards(page, studio.url, long, 'ambtenaar'), expectedCards(long, 'ambtenaar'));
    const briefing = page.locator('section.briefing .card.rendered');
    assert.equal(await briefing.count(), 1);
    assert.ok((await briefing.innerText()).includes(long.exercise.perspectives.ambtenaar!.briefing.slice(0, 60)));
    assert.deepEqual(await briefing.locator('.ac-pushButton').allInnerTexts(), ['Begin']);
    const order = await page.locator('section.briefing, section.moment').evaluateAll((sections) => sections.map((s) => s.className));
    assert.equal(order[0], 'briefing', 'the briefing comes before moment 1');
    const short = library().find((i) => perspectivesOf(i.exercise).some((p) => briefingOf(i.exercise, p)?.ownCard === false))!;
    const p = perspectivesOf(short.exercise).find((x) => !briefingOf(short.exercise, x)!.ownCard)!;
    assert.equal(await renderedCards(page, studio.url, short, p), expectedCards(short, p));
    assert.equal(await page.locator('section.briefing').count(), 0);
    assert.deepEqual(consoleErrors, []);
  });
});
