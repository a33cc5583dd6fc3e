import { strict as assert } from 'node:assert';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { App } from '../src/app';
import { LocalConnector } from './support/connector';
import { FIXTURE_CONTENT, startTestBot } from './support/bot';
import { button, cardText, Participant } from './support/teams';

/** A pack of seven copies of the fixture case (enough for the catalogue to show its filter), with these difficulties. */
function packWith(difficulties: (string | undefined)[]): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'samenspel-catalogue-'));
  fs.copyFileSync(path.join(FIXTURE_CONTENT, 'dimensions.yaml'), path.join(root, 'dimensions.yaml'));
  fs.mkdirSync(path.join(root, 'pack'));
  const source = fs.readFileSync(path.join(FIXTURE_CONTENT, 'good', 'kleine-casus.yaml'), 'utf8');
  difficulties.forEach((difficulty, i) => {
    const yaml = source
      .replace('id: kleine-casus', `id: casus-${i + 1}`)
      .replace('title: Een kleine casus', `title: Casus ${i + 1}`)
      .replace('difficulty: gevorderd\n', difficulty ? `difficulty: ${difficulty}\n` : '');
    fs.writeFileSync(path.join(root, 'pack', `casus-${i + 1}.yaml`), yaml);
  });
  return root;
}

function choiceSet(card: any, id: string): any {
  let found: any;
  const walk = (node: any) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    if (node.type === 'Input.ChoiceSet' && node.id === id) found = node;
    for (const key of ['body', 'items', 'columns']) if (node[key]) walk(node[key]);
  };
  walk(card);
  return found;
}

describe('the 1:1 catalogue filtered by difficulty, through the HTTP endpoint', () => {
  let connector: LocalConnector;
  let bot: App;
  let root: string;
  before(async () => (connector = await new LocalConnector().start()));
  after(async () => connector.stop());
  afterEach(async () => {
    await bot?.close();
    fs.rmSync(root, { recursive: true });
  });

  it('offers the difficulties that occur and shows only the exercises of the one chosen', async () => {
    root = packWith(['instap', 'ervaren', 'instap', undefined, 'ervaren', 'ervaren', undefined]);
    bot = await startTestBot({ CONTENT_DIR: root, CONTENT_PACKS: 'pack' });
    const anna = new Participant(() => bot.url, connector, 'Anna');
    const [catalogue] = await anna.say('oefeningen');
    const filter = choiceSet(catalogue!.card, 'difficulty');
    assert.equal(filter.label, 'Moeilijkheid');
    assert.equal(filter.value, 'all');
    assert.deepEqual(filter.choices.map((c: any) => [c.title, c.value]), [['Alle', 'all'], ['instap', 'instap'], ['ervaren', 'ervaren']]);
    assert.match(cardText(catalogue!.card), /Casus 2\n.*\n5 min · gemeente · ervaren · test/);

    // Teams sends the inputs' values with the button's data.
    const [filtered] = await anna.click({ ...button(catalogue!.card, 'Toon'), level: 'all', theme: 'all', difficulty: 'ervaren' });
    const text = cardText(filtered!.card);
    assert.match(text, /^Oefeningen\n3 van 7 oefeningen/);
    assert.deepEqual([...text.matchAll(/^Casus \d$/gm)].map((m) => m[0]), ['Casus 2', 'Casus 5', 'Casus 6']);
    assert.equal(choiceSet(filtered!.card, 'difficulty').value, 'ervaren');
  });

  it('answers a difficulty that does not exist politely and changes nothing', async () => {
    root = packWith(['instap', 'ervaren', 'instap', 'gevorderd', 'ervaren', 'ervaren', 'instap']);
    bot = await startTestBot({ CONTENT_DIR: root, CONTENT_PACKS: 'pack' });
    const anna = new Participant(() => bot.url, connector, 'Anna');
    const replies = await anna.click({ verb: 'catalogue', difficulty: 'expert' });
    assert.equal(replies.length, 1);
    assert.equal(replies[0]!.card, undefined);
    // A known button with a value that is not one of the input's own: the answer names the field (issue 13).
    assert.equal(replies[0]!.text, 'Deze klik kwam zonder geldige waarde voor "difficulty"; er is niets veranderd. Probeer het opnieuw, of typ "help" als je vastzit.');
  });
});
