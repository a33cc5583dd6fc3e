import { strict as assert } from 'node:assert';
import type { App } from '../src/app';
import { readConfig } from '../src/config';
import { openStore, storeOptionsOf } from '../src/store/sql';
import { LocalConnector } from './support/connector';
import { startTestBot, storeEnv, tempDataDir } from './support/bot';
import { button, buttons, cardText, choice, letterOf, Participant, type Reply } from './support/teams';

const only = (replies: Reply[]): Reply => {
  assert.equal(replies.length, 1, `expected one reply, got ${replies.length}: ${JSON.stringify(replies.map((r) => r.text ?? cardText(r.card).slice(0, 60)))}`);
  return replies[0]!;
};

/** The choices of a moment card as the participant sees them: "A=vroeg", "B=laat". */
const order = (card: Record<string, any> | undefined) => buttons(card).filter((b) => b.data.verb === 'choose').map((b) => `${b.title}=${b.data.choiceId}`);

describe('choosing in 1:1 chat: a fair order, answered cards, typed letters', () => {
  let connector: LocalConnector;
  let bot: App;
  let anna: Participant;

  before(async () => (connector = await new LocalConnector().start()));
  after(async () => connector.stop());
  afterEach(async () => bot?.close());

  async function startCase(p: Participant = anna, perspective = 'ambtenaar'): Promise<Reply> {
    return only(await p.click({ verb: 'start', exerciseId: 'kleine-casus', perspective }));
  }

  it('shuffles the choices per run, and a run shows the same order before and after a restart', async () => {
    const dataDir = tempDataDir();
    bot = await startTestBot({ DATA_DIR: dataDir });
    anna = new Participant(() => bot.url, connector, 'Anna');

    // Runs differ: over a few starts both orders of the first moment turn up.
    const seen = new Set<string>();
    let first = await startCase();
    for (let i = 0; i < 30 && seen.size < 2; i++) {
      seen.add(order(first.card).join(' '));
      if (seen.size < 2) first = only(await anna.say('opnieuw'));
    }
    assert.deepEqual([...seen].sort(), ['A=laat B=vroeg', 'A=vroeg B=laat']);

    // The run keeps its order: shown again by "status", and after the bot restarted on the same data.
    const shown = order(first.card);
    assert.deepEqual(order((await anna.say('status'))[1]!.card), shown);
    await bot.close();
    bot = await startTestBot({ DATA_DIR: dataDir });
    assert.deepEqual(order((await anna.say('status'))[1]!.card), shown);

    // The click on the card from before the restart counts, with the letter it showed.
    const feedback = only(await anna.click(choice(first.card, 'vroeg'), first)).card;
    assert.match(cardText(feedback), new RegExp(`^Jouw keuze: ${letterOf(first.card, 'vroeg')}\\nMeteen vertellen\\.`));
    const second = only(await anna.click(button(feedback, 'Verder')));
    const secondOrder = order(second.card);
    await bot.close();
    bot = await startTestBot({ DATA_DIR: dataDir });
    assert.deepEqual(order((await anna.say('status'))[1]!.card), secondOrder);
  });

  it('keeps the written order for a moment marked `order: fixed`', async () => {
    bot = await startTestBot();
    for (let i = 0; i < 8; i++) {
      const bram = new Participant(() => bot.url, connector, `Bram ${i}`);
      assert.deepEqual(order((await startCase(bram, 'bestuurder')).card), ['A=dank', 'B=boos']);
    }
  });

  it('takes the buttons off the open moment card when the participant stops or starts again, and says so on it', async () => {
    bot = await startTestBot();
    anna = new Participant(() => bot.url, connector, 'Anna');
    const first = await startCase();

    const restarted = only(await anna.say('opnieuw'));
    assert.equal(anna.updates.length, 1);
    assert.equal(anna.updates[0]!.activityId, first.id);
    assert.deepEqual(buttons(anna.updates[0]!.card), []);
    assert.match(cardText(anna.updates[0]!.card), /Wat weten we\?[\s\S]*Opnieuw begonnen\. Kies op de nieuwe kaart hieronder\.$/);
    // The new run's card has its buttons; a click on the old one changes nothing.
    assert.equal(order(restarted.card).length, 2);
    assert.match(only(await anna.click(choice(first.card, 'vroeg'), first)).text ?? '', /./);

    await anna.say('stop');
    assert.equal(anna.updates.length, 1);
    assert.equal(anna.updates[0]!.activityId, restarted.id);
    assert.deepEqual(buttons(anna.updates[0]!.card), []);
    assert.match(cardText(anna.updates[0]!.card), /Gestopt\. Deze oefening loopt niet meer\.$/);

    // After a choice, the feedback card is the open one: "stop" leaves the answered moment card as it is.
    const third = await startCase();
    await anna.click(choice(third.card, 'laat'), third);
    await anna.say('stop');
    assert.equal(anna.updates.length, 0);
  });

  it('replaces the answered moment card by a read-only version with the choice marked', async () => {
    bot = await startTestBot();
    anna = new Participant(() => bot.url, connector, 'Anna');
    const first = await startCase();
    const letter = letterOf(first.card, 'laat');

    const feedback = only(await anna.click(choice(first.card, 'laat'), first)).card;
    assert.match(cardText(feedback), new RegExp(`^Jouw keuze: ${letter}\\nEerst uitzoeken\\.`));
    // The card that was clicked (its own message id) is updated: same moment, no buttons, the choice named.
    assert.equal(anna.updates.length, 1);
    const answered = anna.updates[0]!;
    assert.equal(answered.activityId, first.id);
    assert.deepEqual(buttons(answered.card), []);
    const text = cardText(answered.card);
    assert.match(text, /Wat weten we\?/);
    assert.match(text, /\*\*A\.\*\* .+\n\*\*B\.\*\* .+/);
    assert.match(text, new RegExp(`Jouw keuze: ${letter}$`));
    assert.equal(answered.card?.body.find((b: any) => b.text === `**${letter}.** Eerst uitzoeken.`)?.color, 'Accent', 'the chosen choice stands out');

    // A click on the old card (Teams may still show its buttons for a moment): the choice stands, nothing changes.
    assert.equal(
      only(await anna.click(choice(first.card, 'vroeg'), first)).text,
      'Je hebt bij dit moment al gekozen; je keuze blijft staan. Ga verder op de laatste kaart.',
    );
    assert.equal(anna.updates.length, 0);
    // The answer "laat" still counts: it leads to the branch moment.
    assert.match(cardText(only(await anna.click(button(feedback, 'Verder'))).card), /Waarom duurt het zo lang\?/);
  });

  it('takes a typed letter as the choice on the current moment, in Dutch and English', async () => {
    bot = await startTestBot();
    const typed = [['b', 'B'], ['B', 'B'], ['optie b', 'B'], ['antwoord B', 'B'], ['option b', 'B'], ['answer B', 'B'], ['Keuze a.', 'A']] as const;
    for (const [i, [words, letter]] of typed.entries()) {
      const p = new Participant(() => bot.url, connector, `P${i}`, i >= 4 ? 'en-GB' : 'nl-NL');
      const first = await startCase(p);
      const chosen = first.card && buttons(first.card).find((b) => b.title === letter)!.data.choiceId;
      const feedback = only(await p.say(words)).card;
      assert.match(cardText(feedback), new RegExp(`^(Jouw keuze|Your choice): ${letter}\\n`), `"${words}"`);
      assert.match(cardText(feedback), chosen === 'vroeg' ? /Meteen vertellen\./ : /Eerst uitzoeken\./, `"${words}" chose ${chosen}`);
      // The moment card becomes read-only, as after a click.
      assert.equal(p.updates.length, 1);
      assert.equal(p.updates[0]!.activityId, first.id);
      assert.deepEqual(buttons(p.updates[0]!.card), []);
    }
  });

  it('answers a letter the moment does not have, or one typed while no choice waits, without changing anything', async () => {
    bot = await startTestBot();
    anna = new Participant(() => bot.url, connector, 'Anna');
    assert.equal(only(await anna.say('b')).text, 'Dat begrijp ik niet. Typ "oefeningen" om te beginnen, of "help" voor wat ik kan.');
    const first = await startCase();
    assert.equal(only(await anna.say('d')).text, 'Dit moment heeft de keuzes A of B; er is niets veranderd.');
    assert.equal(anna.updates.length, 0);
    const feedback = only(await anna.say('a')).card;
    assert.match(cardText(feedback), /^Jouw keuze: A\n/);
    // While the feedback waits for "Verder", a letter chooses nothing.
    assert.equal(only(await anna.say('b')).text, 'Druk op "Verder" onder de feedback hierboven om door te gaan, of typ "help".');
    assert.match(cardText(only(await anna.click(button(feedback, 'Verder'))).card), first.card && letterOf(first.card, 'vroeg') === 'A' ? /Wat zeg ik de raad\?/ : /Waarom duurt het zo lang\?/);
  });

  it('keeps a run that was saved before choices were shuffled working, in the file order it showed', async () => {
    const dataDir = tempDataDir();
    bot = await startTestBot({ DATA_DIR: dataDir });
    anna = new Participant(() => bot.url, connector, 'Anna');
    await startCase();
    await bot.close();

    // Rewrite the saved run as the previous release stored it: state version 1, no seed.
    const store = await openStore(storeOptionsOf(readConfig({ ...storeEnv(dataDir), CONTENT_DIR: '.' })));
    try {
      const key = (await store.privacy.dump()).bot_state!.map((row) => JSON.parse(row).key as string).find((k) => k.includes(anna.conversationId))!;
      const entry = (await store.state.read([key]))[key]!;
      const { seed, ...run } = (entry.value as any).practice.run;
      assert.equal(typeof seed, 'number', 'a run started now has a seed');
      await store.state.write({ [key]: { value: { ...entry.value, practice: { ...(entry.value as any).practice, run: { ...run, v: 1 } } } } });
    } finally {
      await store.close();
    }

    bot = await startTestBot({ DATA_DIR: dataDir });
    const [status, card] = await anna.say('status');
    assert.match(status!.text!, /moment 1 van 2/);
    assert.deepEqual(order(card!.card), ['A=vroeg', 'B=laat']);
    assert.match(cardText(only(await anna.say('b')).card), /^Jouw keuze: B\nEerst uitzoeken\./);
  });
});

