/**
 * End to end in Microsoft 365 Agents Playground: a real Microsoft client renders our cards and
 * posts the clicks. The playground's client speaks English (en-US), so the bot answers in English.
 */
import { strict as assert } from 'node:assert';
import type { Locator } from 'playwright-core';
import { cardButton, useE2E } from './harness';

describe('e2e: 1:1 practice in Microsoft 365 Agents Playground', function () {
  this.timeout(120_000);
  // The pack "lang" adds a case whose briefing gets a card of its own.
  const e2e = useE2E('practice', undefined, { contentPacks: 'good,lang' });
  const cards = () => e2e.page.locator('.ac-adaptiveCard');
  const lastCard = () => cards().last();
  const button = cardButton;

  async function click(card: Locator, title: string, expectCards: number): Promise<void> {
    await button(card, title).first().click();
    await e2e.page.waitForFunction(`document.querySelectorAll('.ac-adaptiveCard').length >= ${expectCards}`);
  }

  /** A plain text reply in the conversation (not the preview in the chat list). */
  const reply = (text: string) => e2e.page.locator('p', { hasText: text }).last();

  async function type(text: string): Promise<void> {
    const box = e2e.page.locator('[data-lexical-editor="true"]').first();
    await box.click();
    await e2e.page.keyboard.type(text);
    await e2e.page.keyboard.press('Enter');
  }

  it('welcomes the participant when the app is installed', async () => {
    await e2e.page.getByText('Welcome to Samenspel').first().waitFor({ timeout: 30_000 });
    await e2e.shot('welcome');
    assert.equal(await cards().count(), 1);
  });

  it('plays a whole exercise by clicking the cards, with a command in the middle, to the summary', async () => {
    await click(lastCard(), 'Browse exercises', 2);
    await e2e.shot('catalogue');
    assert.match(await lastCard().innerText(), /Een kleine casus/);

    await click(lastCard(), 'Play as civil servant', 3);
    await e2e.shot('moment-1');
    assert.match(await lastCard().innerText(), /Moment 1 of 2/);
    assert.match(await lastCard().innerText(), /Wat weten we\?/);

    // The choices are shuffled per run: find the letter "Meteen vertellen" is shown under.
    const shown = /([A-D])\.\s*Meteen vertellen/.exec(await lastCard().innerText());
    assert.ok(shown, 'the moment card lists "Meteen vertellen" under a letter');
    const letter = shown[1]!;
    await click(lastCard(), letter, 4);
    await e2e.shot('feedback-1');
    assert.match(await lastCard().innerText(), new RegExp(`Your choice: ${letter}`));
    assert.match(await lastCard().innerText(), /Vroeg is goed/);
    assert.match(await lastCard().innerText(), /What Anna heard and thought/);

    // A command in the middle of the exercise: the answer comes, the exercise waits.
    await type('status');
    await reply('You are playing "Een kleine casus". Press "Continue" under the latest feedback to go on.').waitFor();
    // The feedback it waits on is shown again at the bottom.
    await e2e.page.waitForFunction(`document.querySelectorAll('.ac-adaptiveCard').length >= 5`);
    await e2e.shot('status');
    // The answered moment card was replaced by its read-only version: the choice named, no buttons.
    const answered = cards().nth(2);
    await answered.getByText(`Your choice: ${letter}`).waitFor();
    assert.equal(await answered.locator('button').count(), 0);
    await e2e.shot('answered-moment');

    await click(lastCard(), 'Continue', 6);
    await e2e.shot('moment-2');
    assert.match(await lastCard().innerText(), /Moment 2 of 2/);
    const second = await lastCard().innerText();
    const letterFor = (label: string) => new RegExp(`([A-D])\\.\\s*${label}`).exec(second)?.[1] ?? assert.fail(`no letter for "${label}" on moment 2`);
    const [dossier, verhaal] = [letterFor('Het hele dossier'), letterFor('Drie zinnen voor de raad')];
    await click(lastCard(), dossier, 7);
    await e2e.shot('feedback-2');
    await click(lastCard(), 'To your summary', 8);
    await e2e.shot('summary');
    const summary = await lastCard().innerText();
    assert.match(summary, /Your summary/);
    assert.match(summary, /Een kleine casus · as civil servant/);
    assert.match(summary, /A tip for your daily work/);
    // The recap per moment, by the letters shown, and the tip tied to the participant's own choice.
    assert.match(summary, /Moment by moment/);
    assert.match(summary, new RegExp(`You chose ${dossier}: Het hele dossier\\.`));
    assert.match(summary, new RegExp(`Stronger was ${verhaal}: Drie zinnen kan zij in de raad letterlijk gebruiken\\.`));
    assert.match(summary, new RegExp(`At 'De raadsvraag' you chose ${dossier}`));
    assert.ok(await button(lastCard(), 'Now play as administrator').count() === 1);
  });

  it('answers a click on an old card without changing anything', async () => {
    const before = await cards().count();
    // The first feedback card still has its "Continue" button; the exercise has finished since.
    const firstFeedback = cards().nth(3);
    await button(firstFeedback, 'Continue').click();
    await reply('That exercise has already finished or was stopped; nothing has changed.').waitFor();
    await e2e.shot('old-card');
    assert.equal(await cards().count(), before);
    assert.deepEqual([...new Set(e2e.blocked)].filter((h) => !h.endsWith('office.net')), []);
  });

  it('shows a long briefing on a card of its own, and the first moment after Begin', async () => {
    const count = await cards().count();
    await type('exercises');
    await e2e.page.waitForFunction(`document.querySelectorAll('.ac-adaptiveCard').length >= ${count + 1}`);
    await button(lastCard(), 'Play as civil servant').nth(1).click();
    await e2e.page.waitForFunction(`document.querySelectorAll('.ac-adaptiveCard').length >= ${count + 2}`);
    await e2e.shot('briefing');
    assert.match(await lastCard().innerText(), /Briefing · you are the civil servant/);
    assert.match(await lastCard().innerText(), /dijkversterking/);
    await click(lastCard(), 'Begin', count + 3);
    await e2e.shot('moment-after-briefing');
    assert.match(await lastCard().innerText(), /Moment 1 of 2/);
    assert.doesNotMatch(await lastCard().innerText(), /dijkversterking/);
  });
});
