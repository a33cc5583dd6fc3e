/**
 * The trainer's report page in Debian's Chromium (playwright-core, executablePath; no browser is
 * downloaded): a group exercise and a follow-up series played through the bot's endpoint, then the
 * facilitator's link opened. Every chart is drawn by Chart.js on its canvas, the console stays
 * clean, and the page prints on A4. A screenshot and the PDF are kept under artefacts/report/
 * (CI keeps artefacts/).
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { DateTime } from 'luxon';
import { chromium, type Browser } from 'playwright-core';
import type { App } from '../src/app';
import { startTestBot } from './support/bot';
import { Channel } from './support/channel';
import { LocalConnector } from './support/connector';
import { followupSeries, playWorkshop, trainerLink } from './support/report';
import { CHROMIUM } from './support/studio';

const ARTEFACTS = path.join(__dirname, '..', 'artefacts', 'report');
const amsterdam = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/Amsterdam' }).toJSDate();

describe("the trainer's report page in a browser", function () {
  this.timeout(120000);
  let connector: LocalConnector;
  let bot: App;
  let browser: Browser;
  let url: string;

  before(async () => {
    assert.ok(fs.existsSync(CHROMIUM), `the report page test needs Debian's Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`);
    connector = await new LocalConnector().start();
    let now = amsterdam('2026-11-30T10:00');
    bot = await startTestBot({ FOLLOWUP_ENABLED: 'false' }, undefined, () => now);
    const channel = new Channel(() => bot.url, connector, 8);
    const choices: Record<string, string[]> = { een: ['vroeg', 'laat'], omweg: ['sorry', 'uitleg'], twee: ['verhaal', 'dossier'] };
    const { sessionId } = await playWorkshop(channel, 7, (i, moment) => choices[moment]![i % 3 === 0 ? 1 : 0]!);
    await followupSeries(bot, channel, connector, sessionId, 7, (at) => (now = amsterdam(at)), [
      { at: '2026-12-01T09:31', answers: ['ja', 'ja', 'procedure', 'ja', 'ja', 'procedure', 'ja'] },
      { at: '2026-12-08T09:31', answers: ['ja', 'ja', 'ja', 'ja', 'procedure'] },
    ]);
    url = await trainerLink(channel, sessionId);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'] });
    fs.mkdirSync(ARTEFACTS, { recursive: true });
  });

  after(async () => {
    await browser?.close();
    await bot?.close();
    await connector?.stop();
  });

  it('draws every chart with Chart.js, without console errors, and prints on A4', async () => {
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 }, locale: 'nl-NL' });
    const errors: string[] = [];
    page.on('console', (m) => void (m.type() === 'error' && errors.push(m.text())));
    page.on('pageerror', (e) => void errors.push(e.message));
    const response = await page.goto(url);
    assert.equal(response?.status(), 200);
    await page.waitForSelector('body[data-charts-drawn]');

    // One chart per moment, the profile, the follow-up's progress and its dimensions per week.
    const canvases = await page.$$eval('canvas[data-chart]', (all) => all.map((c) => c.getAttribute('data-chart')));
    assert.deepEqual(canvases.filter((id) => !id!.startsWith('moment-')), ['profile', 'followup-progress', 'followup-dimensions']);
    assert.ok(canvases.filter((id) => id!.startsWith('moment-')).length >= 2, `moments: ${canvases.join(', ')}`);
    assert.equal(await page.getAttribute('body', 'data-charts-drawn'), String(canvases.length));
    // Each canvas is a Chart.js chart with its pixels drawn (not blank, not the size of an empty element).
    const drawn = await page.$$eval('canvas[data-chart]', (all) =>
      all.map((canvas) => {
        // No DOM types in this project's TypeScript: the browser's objects are typed loosely here.
        const c = canvas as any;
        const chart = (globalThis as any).Chart.getChart(c) as { config: { type: string } } | undefined;
        const pixels: Uint8ClampedArray = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let inked = 0;
        for (let i = 3; i < pixels.length; i += 4) if (pixels[i]! > 0) inked++;
        return { id: c.getAttribute('data-chart'), type: chart?.config.type, width: c.width, height: c.height, inked };
      }),
    );
    for (const chart of drawn) {
      assert.ok(chart.type === 'bar' || chart.type === 'line', `${chart.id} is a Chart.js chart`);
      assert.ok(chart.width > 200 && chart.height > 50, `${chart.id} has a size: ${chart.width}×${chart.height}`);
      assert.ok(chart.inked > 500, `${chart.id} has ${chart.inked} drawn pixels`);
    }
    assert.deepEqual(errors, []);
    await page.screenshot({ path: path.join(ARTEFACTS, 'report.png'), fullPage: true });

    // Printing: the print style hides the buttons, and Chromium lays the page out on A4.
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.$eval('.actions', (el) => (globalThis as any).getComputedStyle(el).display), 'none');
    const pdf = await page.pdf({ path: path.join(ARTEFACTS, 'report.pdf'), preferCSSPageSize: true });
    const size = pdf.toString('latin1').match(/\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/);
    assert.ok(size, 'the PDF has a page size');
    // A4 is 595 × 842 points.
    assert.deepEqual([Math.round(Number(size[1])), Math.round(Number(size[2]))], [595, 842]);
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('downloads the CSV from the page with the same link', async () => {
    const page = await browser.newPage({ locale: 'nl-NL', acceptDownloads: true });
    await page.goto(url);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('a[download]')]);
    assert.match(download.suggestedFilename(), /^samenspel-rapport-2026-11-30\.csv$/);
    const text = fs.readFileSync((await download.path())!, 'utf8');
    assert.match(text, /^\uFEFFonderdeel;nummer;titel;sleutel;omschrijving;aantal;procent;verstuurd;beantwoord;gemiddelde\r\n/);
    assert.match(text, /\r\nweek;2;2026-12-07;timing;Timing;5;;7;5;\d+\r\n/);
    await page.close();
  });
});
