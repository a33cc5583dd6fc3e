import { strict as assert } from 'node:assert';
import type { App } from '../src/app';
import { LocalConnector } from './support/connector';
import { startTestBot, tempDataDir } from './support/bot';
import { button, buttons, cardText, choice, letterOf, Participant, type Reply } from './support/teams';
import { chartsOf, figuresOf } from './support/charts';

const only = (replies: Reply[]): Reply => {
  assert.equal(replies.length, 1, `expected one reply, got ${replies.length}: ${JSON.stringify(replies.map((r) => r.text ?? cardText(r.card).slice(0, 60)))}`);
  return replies[0]!;
};

describe('1:1 practice through the HTTP endpoint', () => {
  let connector: LocalConnector;
  let bot: App;
  let anna: Participant;

  before(async () => {
    connector = await new LocalConnector().start();
  });
  after(async () => connector.stop());
  beforeEach(async () => {
    bot = await startTestBot();
    anna = new Participant(() => bot.url, connector, 'Anna');
  });
  afterEach(async () => bot.close());

  /** Starts the fixture case as the ambtenaar and returns the first moment card. */
  async function startCase(p: Participant = anna): Promise<Reply> {
    const catalogue = only(await p.say('oefeningen')).card;
    return only(await p.click(button(catalogue, 'Speel als ambtenaar')));
  }

  it('welcomes once when the app is installed, and again on "hallo"', async () => {
    const replies = await anna.install();
    assert.equal(replies.length, 1);
    assert.match(cardText(replies[0]!.card), /^Welkom bij Samenspel/);
    assert.deepEqual(buttons(replies[0]!.card).map((b) => b.title), ['Oefeningen bekijken', 'Mijn resultaten']);
    assert.match(cardText(only(await anna.say('Hallo!')).card), /^Welkom bij Samenspel/);
  });

  it('shows the catalogue with minutes and a button per perspective', async () => {
    const card = only(await anna.say('oefeningen')).card;
    const text = cardText(card);
    assert.match(text, /Een kleine casus/);
    // Themes by their name from the content's themes.yaml, not their id.
    assert.match(text, /5 min · gemeente · gevorderd · Testthema/);
    assert.deepEqual(buttons(card).map((b) => b.title), ['Speel als ambtenaar', 'Speel als bestuurder']);
  });

  it('plays a whole exercise: moments, feedback after each choice, and a personal summary', async () => {
    const first = (await startCase()).card;
    assert.match(cardText(first), /Moment 1 van 2 · jij bent de ambtenaar/);
    assert.match(cardText(first), /Jij: beleidsadviseur\. Tegenover je: Anna, wethouder Wonen\./);
    assert.match(cardText(first), /Wat weten we\?/);
    assert.deepEqual(buttons(first).map((b) => b.title), ['A', 'B']);

    // The participant chooses "Eerst uitzoeken": feedback with what the other role heard, and a button to go on.
    const feedback = only(await anna.click(choice(first, 'laat'))).card;
    assert.match(cardText(feedback), /Eerst uitzoeken\.\nZorgvuldig\. Maar zij wacht\./);
    assert.match(cardText(feedback), /Wat Anna hoorde en dacht\nAnna wordt ongerust\./);

    // That choice leads to the branch moment.
    const branch = only(await anna.click(button(feedback, 'Verder'))).card;
    assert.match(cardText(branch), /Moment 2 van 3/);
    assert.match(cardText(branch), /Waarom duurt het zo lang\?/);
    const feedback2 = only(await anna.click(choice(branch, 'sorry'))).card;
    const last = only(await anna.click(button(feedback2, 'Verder'))).card;
    assert.match(cardText(last), /Moment 3 van 3/);
    const feedback3 = only(await anna.click(choice(last, 'verhaal'))).card;
    assert.deepEqual(buttons(feedback3).map((b) => b.title), ['Naar je samenvatting']);

    const summary = only(await anna.click(button(feedback3, 'Naar je samenvatting'))).card;
    const text = cardText(summary);
    assert.match(text, /^Jouw samenvatting\nEen kleine casus · als ambtenaar/);
    assert.match(text, /Timing\n█+░*\n\d+/);
    // The profile as a chart, with the very scores its fallback's text bars show; no other role played yet.
    const charts = chartsOf(summary);
    assert.deepEqual(charts.map((c) => c.type), ['Chart.HorizontalBar']);
    const profile = figuresOf(charts[0]!);
    assert.ok(Object.keys(profile).length > 0);
    for (const [name, score] of Object.entries(profile)) assert.match(text, new RegExp(`${name}\\n█*░*\\n${score}\\n`));
    assert.match(text, /Sterkst: \w+/);
    assert.match(text, /Om aan te werken: \w+/);
    assert.match(text, /Tip voor je dagelijkse werk\n.+/);
    assert.match(text, /Om over na te denken\nWat breng jij morgen vroeg\?/);
    assert.deepEqual(buttons(summary).map((b) => b.title), ['Speel nu als bestuurder', 'Andere oefening', 'Mijn resultaten']);

    // "Play the same case as the other role" starts the bestuurder script.
    const other = only(await anna.click(button(summary, 'Speel nu als bestuurder'))).card;
    assert.match(cardText(other), /jij bent de bestuurder/);
    assert.match(cardText(other), /Bram, beleidsadviseur/);
  });

  it('shows a long briefing on a card of its own with a Begin button; the first moment keeps one line of context', async () => {
    await bot.close();
    bot = await startTestBot({ CONTENT_PACKS: 'good,lang' });
    const catalogue = only(await anna.say('oefeningen')).card;
    const start = buttons(catalogue).find((b) => b.data.exerciseId === 'lange-briefing')!.data;
    const briefing = only(await anna.click(start)).card;
    const text = cardText(briefing);
    assert.match(text, /^Een lange briefing\nBriefing · jij bent de ambtenaar\nJij: beleidsadviseur Water\. Tegenover je: Carla, gedeputeerde Water\.\nJe bent beleidsadviseur bij de provincie\. Het waterschap/);
    assert.deepEqual(buttons(briefing).map((b) => b.title), ['Begin']);
    assert.equal(only(await anna.say('ik heb het gelezen')).text, 'Lees de briefing hierboven en druk op "Begin" om het eerste moment te zien, of typ "help".');
    assert.equal(only(await anna.say('status')).text, 'Je bent bezig met "Een lange briefing": lees de briefing en druk op "Begin" om het eerste moment te zien.');

    const moment = only(await anna.click(button(briefing, 'Begin'))).card;
    const momentText = cardText(moment);
    assert.match(momentText, /Moment 1 van 2 · jij bent de ambtenaar\nJij: beleidsadviseur Water\. Tegenover je: Carla, gedeputeerde Water\.\nCarla, gedeputeerde Water/);
    assert.ok(!momentText.includes('dijkversterking'), 'the briefing is not repeated on the moment card');
    assert.deepEqual(buttons(moment).map((b) => b.title), ['A', 'B']);
    // A second press on Begin changes nothing; the moment still takes its choice.
    assert.equal(only(await anna.click(button(briefing, 'Begin'))).text, 'Die kaart hoort bij een eerder moment; er is niets veranderd. Ga verder op de laatste kaart.');
    assert.match(cardText(only(await anna.click(choice(moment, 'meteen'))).card), /Vroeg en persoonlijk/);

    // A short briefing stays on the first moment card: no extra card, no extra click.
    const [replaced, shortMoment] = await anna.click(button(only(await anna.say('oefeningen')).card, 'Speel als ambtenaar'));
    assert.equal(replaced?.text, 'Je vorige oefening ("Een lange briefing") is gestopt; we beginnen met de nieuwe.');
    const short = shortMoment!.card;
    assert.match(cardText(short), /Moment 1 van 2 · jij bent de ambtenaar\nJij: beleidsadviseur\. Tegenover je: Anna, wethouder Wonen\.\nJe bent adviseur\. Er is nieuws\./);
  });

  it('recaps every moment in the summary and ties the tip to the moment that cost most', async () => {
    const first = (await startCase()).card;
    const feedback = only(await anna.click(choice(first, 'vroeg'))).card;
    const second = only(await anna.click(button(feedback, 'Verder'))).card;
    const feedback2 = only(await anna.click(choice(second, 'dossier'))).card;
    const text = cardText(only(await anna.click(button(feedback2, 'Naar je samenvatting'))).card);
    // Per moment: the choice made (by the letter shown on its card), what it gained and cost, and the stronger choice.
    const [vroeg, dossier, verhaal] = [letterOf(first, 'vroeg'), letterOf(second, 'dossier'), letterOf(second, 'verhaal')];
    assert.match(text, new RegExp(`Moment voor moment\\n1\\. Een\\nJij koos ${vroeg}: Meteen vertellen\\.\\nLeverde op: Timing\\nDit was hier de sterkste keuze\\.`));
    assert.match(text, new RegExp(`2\\. De raadsvraag\\nJij koos ${dossier}: Het hele dossier\\.\\nLeverde op: Timing · Kostte: Vertalen\\nSterker was ${verhaal}: Drie zinnen kan zij in de raad letterlijk gebruiken\\.`));
    // The tip names the participant's own choice where they lost most on their weakest dimension.
    assert.match(text, /Om aan te werken: Vertalen/);
    assert.match(text, new RegExp(`Tip voor je dagelijkse werk\\nBij 'De raadsvraag' koos je ${dossier} \\("Het hele dossier\\."\\)\\. Daar verloor je het meest op Vertalen; ${verhaal} had die het meest versterkt\\.\\nMaak het kort\\.`));
  });

  it('takes the stronger choice\'s line from its feedback when the content gives no why (English)', async () => {
    const emma = new Participant(() => bot.url, connector, 'Emma', 'en-GB');
    const catalogue = only(await emma.say('exercises')).card;
    const first = only(await emma.click(button(catalogue, 'Play as civil servant'))).card;
    const feedback = only(await emma.click(choice(first, 'laat'))).card;
    const branch = only(await emma.click(button(feedback, 'Continue'))).card;
    const feedback2 = only(await emma.click(choice(branch, 'uitleg'))).card;
    const last = only(await emma.click(button(feedback2, 'Continue'))).card;
    const feedback3 = only(await emma.click(choice(last, 'verhaal'))).card;
    const text = cardText(only(await emma.click(button(feedback3, 'To your summary'))).card);
    const [laat, vroeg, uitleg, sorry, verhaal] = [letterOf(first, 'laat'), letterOf(first, 'vroeg'), letterOf(branch, 'uitleg'), letterOf(branch, 'sorry'), letterOf(last, 'verhaal')];
    assert.match(text, new RegExp(`Moment by moment\\n1\\. Een\\nYou chose ${laat}: Eerst uitzoeken\\.\\nGained: Translating · Cost: Timing\\nStronger was ${vroeg}: Vroeg is goed\\.`));
    assert.match(text, new RegExp(`2\\. Omweg\\nYou chose ${uitleg}: Uitleggen\\.\\nCost: Timing\\nStronger was ${sorry}: Eerlijk\\.`));
    assert.match(text, new RegExp(`3\\. De raadsvraag\\nYou chose ${verhaal}: Drie zinnen voor de raad\\.\\nGained: Translating\\nThis was the strongest choice here\\.`));
    assert.match(text, new RegExp(`At 'Een' you chose ${laat} \\("Eerst uitzoeken\\."\\)\\. That is where you lost most on Timing; ${vroeg} would have strengthened it most\\.`));
  });

  it('lists finished exercises under "mijn resultaten", for that participant only', async () => {
    assert.match(cardText(only(await anna.say('mijn resultaten')).card), /nog geen oefening afgerond/);
    let card = (await startCase()).card;
    for (const choiceId of ['vroeg', 'verhaal']) {
      const fb = only(await anna.click(choice(card, choiceId))).card;
      card = only(await anna.click(button(fb, buttons(fb)[0]!.title))).card;
    }
    const results = cardText(only(await anna.say('my results')).card);
    assert.match(results, /1 afgeronde oefening\. Alleen jij ziet dit\./);
    assert.match(results, /Een kleine casus \(als ambtenaar\)/);
    assert.match(results, /Timing\n█+░*\n80/);

    const bram = new Participant(() => bot.url, connector, 'Bram');
    assert.match(cardText(only(await bram.say('mijn resultaten')).card), /nog geen oefening afgerond/);
  });

  it('shows "mijn resultaten" with aligned bars, changes only within one role, and both roles per case side by side', async () => {
    /** Plays the fixture case to its summary with the given choices (by id: the letters are shuffled per run). */
    const play = async (role: string, choiceIds: string[]) => {
      let card = only(await anna.click(button(only(await anna.say('oefeningen')).card, `Speel als ${role}`))).card;
      for (const id of choiceIds) {
        const fb = only(await anna.click(choice(card, id))).card;
        card = only(await anna.click(button(fb, buttons(fb)[0]!.title))).card;
      }
      return card;
    };
    await play('ambtenaar', ['vroeg', 'dossier']); // timing 100, vertalen 0
    await play('bestuurder', ['dank']); // timing 100, vertalen 0
    const summary = await play('ambtenaar', ['vroeg', 'verhaal']); // timing 80, vertalen 80
    // The summary puts this run next to the latest as bestuurder, per dimension.
    const both = { 'Als ambtenaar': { Timing: 80, Vertalen: 80 }, 'Als bestuurder': { Timing: 100, Vertalen: 0 } };
    assert.deepEqual(chartsOf(summary).map((c) => [c.type, figuresOf(c)]), [
      ['Chart.HorizontalBar', { Timing: 80, Vertalen: 80 }],
      ['Chart.VerticalBar.Grouped', both],
    ]);
    assert.match(cardText(summary), /Een kleine casus: beide rollen naast elkaar\nTiming\nAls ambtenaar\nAls bestuurder\n█+░*\n█+\n80\n100\nVertalen\nAls ambtenaar\nAls bestuurder\n█+░*\n░+\n80\n0\n/);
    const card = only(await anna.say('mijn resultaten')).card;
    const text = cardText(card);
    // Averages weighted by the moments that measured each dimension; the change is against the
    // previous run as ambtenaar (not the bestuurder run in between), and says so.
    assert.match(text, /Je profiel \(gemiddeld over al je oefeningen\)\nTiming\n█+░*\n92\nVertalen\n█+░*\n32\nTiming: -20 sinds je vorige keer als ambtenaar\nVertalen: \+80 sinds je vorige keer als ambtenaar/);
    // The same profile as a chart, and the case's two roles side by side.
    assert.deepEqual(chartsOf(card).map((c) => [c.type, figuresOf(c)]), [
      ['Chart.HorizontalBar', { Timing: 92, Vertalen: 32 }],
      ['Chart.VerticalBar.Grouped', both],
    ]);
    // Bars align (where charts are not shown): every profile row has the same three columns, the score in a fixed width.
    const rows = chartsOf(card)[0]!.fallback.items.map((row: any) => row.columns.map((c: any) => c.width));
    assert.deepEqual(rows, [['stretch', 'auto', '40px'], ['stretch', 'auto', '40px']]);
    assert.match(text, /Per casus: je laatste score in elke rol\nCasus\nAls ambtenaar\nAls bestuurder\nEen kleine casus\n80\n50/);
    assert.match(text, /Afgerond\n.+: Een kleine casus \(als ambtenaar\)\n.+: Een kleine casus \(als bestuurder\)\n.+: Een kleine casus \(als ambtenaar\)/);
  });

  it('answers commands in the middle of an exercise and hints at typed text', async () => {
    const first = (await startCase()).card;
    // "status" says where the participant is and shows the moment card again below it.
    const [status, again1] = await anna.say('status');
    assert.equal(status!.text, 'Je bent bezig met "Een kleine casus" als ambtenaar: moment 1 van 2. Kies op de laatste kaart, of typ "stop" om te stoppen.');
    assert.match(cardText(again1!.card), /Moment 1 van 2[\s\S]*Wat weten we\?/);
    assert.equal(only(await anna.say('ik weet het niet')).text, 'Kies een van de knoppen op de kaart hierboven. Typ "help" voor wat je verder kunt doen.');
    // "help" in the middle of an exercise is about the exercise, and ends with its card (not the welcome).
    const [help, again2] = await anna.say('help');
    assert.equal(help!.text, 'Je bent bezig met "Een kleine casus" als ambtenaar, moment 1 van 2. Wat je nu kunt:\n\n- **kiezen**: klik A of B op de kaart hieronder, of typ de letter\n- **status**: waar je bent\n- **stop**: de oefening stoppen\n- **opnieuw**: opnieuw beginnen');
    assert.deepEqual(buttons(again2!.card).map((b) => b.title), ['A', 'B']);
    assert.deepEqual(buttons(again2!.card), buttons(first), 'the same moment, in the same order');
    // The exercise is still waiting where it was; a choice on the first card turns all three copies read-only.
    const feedback = only(await anna.click(choice(first, 'vroeg'))).card;
    assert.equal(anna.updates.length, 3);
    for (const update of anna.updates) assert.deepEqual(buttons(update.card), []);
    assert.match(cardText(feedback), /Vroeg is goed/);
    assert.equal(only(await anna.say('hmm')).text, 'Druk op "Verder" onder de feedback hierboven om door te gaan, of typ "help".');
    // While the feedback waits, "help" shows the feedback (with "Verder") again at the bottom.
    const [helpNext, feedbackAgain] = await anna.say('help');
    assert.match(helpNext!.text!, /^Je bent bezig met "Een kleine casus" als ambtenaar\. Wat je nu kunt:\n\n- \*\*Verder\*\*/);
    assert.deepEqual(buttons(feedbackAgain!.card), buttons(feedback));

    // "opnieuw" starts the same exercise again from the first moment.
    const again = only(await anna.say('opnieuw')).card;
    assert.match(cardText(again), /Moment 1 van 2/);

    // "stop" ends it; a click on its cards afterwards changes nothing.
    assert.equal(only(await anna.say('annuleer')).text, 'Oké, ik heb "Een kleine casus" gestopt. Typ "oefeningen" om iets anders te kiezen.');
    assert.equal(only(await anna.click(choice(again, 'vroeg'))).text, 'Die oefening is al afgerond of gestopt; er is niets veranderd. Typ "oefeningen" voor een nieuwe.');
    assert.equal(only(await anna.say('status')).text, 'Je bent nu niet met een oefening bezig. Typ "oefeningen" om er een te kiezen.');
  });

  it('ignores old cards, double clicks and malformed payloads, and leaves the exercise intact', async () => {
    const first = (await startCase()).card;
    const feedback = only(await anna.click(choice(first, 'vroeg'))).card;
    // Double click on the same choice: counted once.
    assert.equal(only(await anna.click(choice(first, 'vroeg'))).text, 'Je hebt bij dit moment al gekozen; je keuze blijft staan. Ga verder op de laatste kaart.');
    const second = only(await anna.click(button(feedback, 'Verder'))).card;
    // Double click on "Verder" and a click on the first moment's other choice: nothing changes.
    assert.equal(only(await anna.click(button(feedback, 'Verder'))).text, 'Die kaart hoort bij een eerder moment; er is niets veranderd. Ga verder op de laatste kaart.');
    assert.equal(only(await anna.click(choice(first, 'laat'))).text, 'Je hebt bij dit moment al gekozen; je keuze blijft staan. Ga verder op de laatste kaart.');
    // Unknown verbs, missing fields, wrong types, a choice the moment does not have.
    const malformed = [
      { verb: 'hack' },
      { verb: 'choose' },
      'just a string',
      { verb: 'choose', runId: 42, momentId: 'twee', choiceId: 'verhaal' },
      { ...choice(second, 'verhaal'), choiceId: 'bestaat-niet' },
      { verb: 'start', exerciseId: 'bestaat-niet', perspective: 'ambtenaar' },
    ];
    for (const payload of malformed) {
      const reply = only(await anna.click(payload));
      assert.ok(reply.text && /niets veranderd|bestaat niet/.test(reply.text), `unexpected reply to ${JSON.stringify(payload)}: ${reply.text}`);
    }
    // The exercise continues where it was.
    assert.match((await anna.say('status'))[0]!.text!, /moment 2 van 2/);
    assert.match(cardText(only(await anna.click(choice(second, 'verhaal'))).card), /Goed vertaald/);
  });

  it('speaks English when the Teams client is English', async () => {
    const emma = new Participant(() => bot.url, connector, 'Emma', 'en-GB');
    const catalogue = only(await emma.say('exercises')).card;
    assert.match(cardText(catalogue), /^Exercises/);
    // Level names capitalised like "All", theme names in English from the content.
    assert.match(cardText(catalogue), /5 min · Municipality · Intermediate · Test theme/);
    const moment = only(await emma.click(button(catalogue, 'Play as civil servant'))).card;
    assert.match(cardText(moment), /Moment 1 of 2 · you are the civil servant/);
    assert.match(cardText(moment), /What do you do\?/);
    assert.equal(only(await emma.say('stop')).text, 'OK, I stopped "Een kleine casus". Type "exercises" to pick something else.');
  });

  it('continues after a restart on the same data', async () => {
    const dataDir = tempDataDir();
    await bot.close();
    bot = await startTestBot({ DATA_DIR: dataDir });
    const first = (await startCase()).card;
    const feedback = only(await anna.click(choice(first, 'vroeg'))).card;

    await bot.close();
    bot = await startTestBot({ DATA_DIR: dataDir });

    const second = only(await anna.click(button(feedback, 'Verder'))).card;
    assert.match(cardText(second), /Moment 2 van 2/);
    assert.match(cardText(second), /Wat zeg ik de raad\?/);
  });

  it('answers health and readiness probes', async () => {
    assert.deepEqual(await (await fetch(`${bot.url}/healthz`)).json(), { status: 'ok' });
    assert.deepEqual(await (await fetch(`${bot.url}/readyz`)).json(), { status: 'ready' });
  });
});

