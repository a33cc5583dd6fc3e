/**
 * Shared by the studio's browser tests (tests/studio.test.ts, tests/e2e/studio.e2e.ts): a studio
 * over a throwaway copy of the library, Debian's Chromium, and the number of cards a page must show.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { loadContent, type LoadedPlayable } from '../../src/content/load';
import type { Perspective } from '../../src/content/schema';
import { briefingOf, reachableMoments } from '../../src/engine';
import { startStudio } from '../../src/studio/start';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const repo = path.join(__dirname, '..', '..');

export interface StudioUnderTest {
  content: string;
  url: string;
  browser: Browser;
  library(): LoadedPlayable[];
  /** A Dutch-speaking browser tab that collects console errors. */
  newPage(errors: string[]): Promise<Page>;
  close(): Promise<void>;
}

export async function studioUnderTest(): Promise<StudioUnderTest> {
  assert.ok(fs.existsSync(CHROMIUM), `the studio tests need Debian's Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`);
  const content = fs.mkdtempSync(path.join(os.tmpdir(), 'studio-content-'));
  fs.cpSync(path.join(repo, 'dialogs'), content, { recursive: true });
  const studio = await startStudio({ CONTENT_DIR: content, STUDIO_PORT: '0' });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'] });
  return {
    content,
    url: studio.url,
    browser,
    library: () => loadContent({ root: content, display: (f) => path.relative(content, f) }).items,
    async newPage(errors) {
      const page = await browser.newPage({ viewport: { width: 1280, height: 1000 }, locale: 'nl-NL' });
      page.on('console', (m) => void (m.type() === 'error' && errors.push(m.text())));
      page.on('pageerror', (e) => void errors.push(e.message));
      return page;
    },
    async close() {
      await browser.close();
      await studio.close();
      fs.rmSync(content, { recursive: true, force: true });
    },
  };
}

/** The briefing's own card when the bot shows one, a moment card per reachable moment, a feedback card per choice there, and the summary. */
export function expectedCards(item: LoadedPlayable, perspective: Perspective): number {
  const moments = item.exercise.perspectives[perspective]!.moments;
  const reachable = moments.filter((m) => reachableMoments(moments).has(m.id));
  const briefing = briefingOf(item.exercise, perspective)!.ownCard ? 1 : 0;
  return briefing + reachable.length + reachable.reduce((n, m) => n + m.choices.length, 0) + 1;
}

/** Opens an exercise page and waits until the renderer has drawn every card; returns how many it drew. */
export async function renderedCards(page: Page, url: string, item: LoadedPlayable, perspective: Perspective): Promise<number> {
  await page.goto(`${url}exercise/${item.exercise.id}/${perspective}`);
  await page.waitForSelector(`body[data-rendered="${expectedCards(item, perspective)}"]`);
  return page.locator('.card.rendered .ac-adaptiveCard').count();
}
