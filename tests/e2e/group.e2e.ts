/**
 * Group exercises end to end in the Agents Playground's Teams channel and group chat: start with
 * an @mention, choose on the shared card (Action.Execute), reveal, finish. The playground does
 * not render per-user views (refresh.userIds, the card in the invoke response), so what is checked
 * here is the shared card as Teams edits it; the personal views are covered by tests/group.test.ts.
 */
import { strict as assert } from 'node:assert';
import { cardButton, useE2E } from './harness';

describe('e2e: group exercises in the Agents Playground', function () {
  this.timeout(120_000);
  const e2e = useE2E('group', (e) => e.page.getByText('Welcome to Samenspel').first().waitFor({ timeout: 30_000 }));
  const cards = () => e2e.page.locator('.ac-adaptiveCard');
  const button = cardButton;
  const cardWith = (text: string) => cards().filter({ hasText: text }).last();

  async function mentionBot(text: string, post: 'Post' | 'Enter'): Promise<void> {
    const box = e2e.page.locator('[data-lexical-editor="true"]').first();
    await box.click();
    // The compose box's mention picker: "@" opens it; pick the bot from its menu.
    await e2e.page.keyboard.type('@');
    await e2e.page.getByRole('menuitem', { name: /Test Bot/ }).first().click();
    await box.click();
    await e2e.page.keyboard.press('End');
    await e2e.page.keyboard.type(` ${text}`);
    if (post === 'Post') await e2e.page.getByRole('button', { name: 'Post' }).click();
    else await e2e.page.keyboard.press('Enter');
  }

  async function playGroup(where: string, post: 'Post' | 'Enter'): Promise<void> {
    await mentionBot('group', post);
    const catalogue = cardWith('Pick a case and the role the group plays');
    await button(catalogue, 'Play as civil servant').first().waitFor();
    await e2e.shot(`${where}-catalogue`);
    await button(catalogue, 'Play as civil servant').first().click();

    // The briefing comes first, so the group knows the key facts before the first vote.
    await cardWith('Group exercise · briefing · the group is the civil servant').waitFor();
    await e2e.shot(`${where}-briefing`);

    const shared = cardWith('Group exercise · moment 1 of 2');
    await shared.waitFor();
    await e2e.shot(`${where}-shared-card`);
    await button(shared, 'B').click();
    // The playground does not show per-user views (it says so); the shared card's edit shows the count.
    const counted = cards().filter({ hasText: /1 of \d+ has chosen/ }).last();
    await counted.waitFor();
    await e2e.shot(`${where}-voted`);

    await button(counted, 'Reveal (trainer)').click();
    const revealed = cardWith('Revealed · 1 choice');
    await revealed.waitFor();
    await e2e.shot(`${where}-revealed`);
    const text = await revealed.innerText();
    // The playground renders the spread as Teams does, a chart (its text fallback is for clients without charts).
    assert.match(text, /B\. [^\n]+\n1 \(100(\.0)?%\)/);
    assert.match(text, /Total: 1/);
    assert.match(text, /Zorgvuldig\. Maar zij wacht\./);
    assert.match(text, /To discuss together/);
    await button(revealed, 'Finish (trainer)').click();
    await cardWith('Group summary').waitFor();
    await e2e.shot(`${where}-summary`);
  }

  it('runs a group exercise in a Teams channel', async () => {
    await e2e.page.getByText('General').first().click();
    await playGroup('channel', 'Post');
  });

  it('runs a group exercise in a group chat', async () => {
    await e2e.page.getByText('Group Chat', { exact: true }).first().click();
    await playGroup('groupchat', 'Enter');
  });
});
