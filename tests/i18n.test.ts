import { strict as assert } from 'node:assert';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { IntlMessageFormat } from 'intl-messageformat';
import { parse as parseYaml, stringify } from 'yaml';
import { describeReason } from '../src/cards/followup-views';
import { langOf, strings } from '../src/i18n';
import { loadCatalog, placeholdersOf, ResourceError } from '../src/i18n/catalog';
import { keys, type Message } from '../src/i18n/keys';
import { LOCALES_DIR } from '../src/paths';

type Flat = Map<string, string | string[]>;

/** Every leaf of a resource file as "a.b.c" → text (or list of texts). */
function flatten(node: unknown, prefix = '', into: Flat = new Map()): Flat {
  if (typeof node === 'string' || Array.isArray(node)) into.set(prefix, node as string | string[]);
  else for (const [k, v] of Object.entries(node as object)) flatten(v, prefix ? `${prefix}.${k}` : k, into);
  return into;
}

function declared(node: unknown = keys, prefix = '', into = new Map<string, readonly string[]>()): Map<string, readonly string[]> {
  if (typeof node === 'object' && node !== null && 'kind' in node) into.set(prefix, (node as Message<unknown>).args);
  else for (const [k, v] of Object.entries(node as object)) declared(v, prefix ? `${prefix}.${k}` : k, into);
  return into;
}

const resource = (lang: string): Flat => flatten(parseYaml(fs.readFileSync(path.join(LOCALES_DIR, `${lang}.yaml`), 'utf8')));
const placeholders = (text: string | string[]): string[] =>
  [...placeholdersOf([text].flat().map((t) => new IntlMessageFormat(t, 'nl', undefined, { ignoreTag: true }).getAst()))].sort();

describe('interface strings (locales/*.yaml)', () => {
  const nl = resource('nl');
  const en = resource('en');
  const spec = declared();

  it('has every key in both languages, and no key that src/i18n/keys.ts does not declare', () => {
    assert.deepEqual([...nl.keys()].filter((k) => !en.has(k)), [], 'keys only in nl.yaml');
    assert.deepEqual([...en.keys()].filter((k) => !nl.has(k)), [], 'keys only in en.yaml');
    assert.deepEqual([...spec.keys()].filter((k) => !nl.has(k)), [], 'declared keys missing from the resource files');
    assert.deepEqual([...nl.keys()].filter((k) => !spec.has(k)), [], 'keys in the resource files that keys.ts does not declare');
  });

  it('uses the same placeholders in both languages, exactly the arguments each message gets', () => {
    const wrong: string[] = [];
    for (const [key, args] of spec) {
      const want = [...args].sort().join(',');
      for (const [lang, file] of [['nl', nl], ['en', en]] as const) {
        const found = placeholders(file.get(key)!).join(',');
        if (found !== want) wrong.push(`${lang}: ${key} uses {${found}}, expected {${want}}`);
      }
    }
    assert.deepEqual(wrong, []);
  });

  it('has as many bullets in English as in Dutch', () => {
    assert.equal((en.get('welcome.bullets') as string[]).length, (nl.get('welcome.bullets') as string[]).length);
  });

  it('formats plurals, optional arguments and signed numbers per language', () => {
    assert.equal(strings('nl').group.chosen(1), '1 heeft gekozen');
    assert.equal(strings('nl').group.chosen(3), '3 hebben gekozen');
    assert.equal(strings('nl').group.chosen(3, 0), '3 hebben gekozen', 'a member count of 0 is an unknown roster');
    assert.equal(strings('en').group.chosen(1, 6), '1 of 6 has chosen');
    assert.equal(strings('en').group.chosen(3, 6), '3 of 6 have chosen');
    assert.equal(strings('nl').group.chosen(1, 6), '1 van de 6 heeft gekozen');
    assert.equal(strings('nl').group.chosen(3, 6), '3 van de 6 hebben gekozen');
    assert.equal(strings('nl').catalogue.shown(1, 1), '1 oefening');
    assert.equal(strings('nl').catalogue.shown(4, 9), '4 van 9 oefeningen');
    assert.equal(strings('en').followup.weeksN(1), '1 week');
    assert.equal(strings('en').followup.weeksN(2), '2 weeks');
    assert.equal(strings('nl').results.change(-8, 'ambtenaar'), '-8 sinds je vorige keer als ambtenaar');
    assert.equal(strings('nl').results.change(12, 'ambtenaar'), '+12 sinds je vorige keer als ambtenaar');
    assert.equal(strings('nl').results.change(0, 'bestuurder'), 'even hoog als je vorige keer als bestuurder');
    assert.equal(strings('en').results.change(12, 'civil servant'), '+12 since your previous time as civil servant');
    assert.equal(strings('nl').followup.status(2, undefined, 1, 0), 'Vervolg: 1 ontvangen, 0 beantwoord, 2 gepland.');
    assert.equal(strings('en').results.what('De krantenkop', 'civil servant', true, false), 'De krantenkop (group, as civil servant)');
    assert.equal(strings('nl').results.what('De krantenkop', 'ambtenaar', true, true), 'De krantenkop (groep, als ambtenaar, ingekort)');
    assert.equal(strings('nl').group.revealed(1200), 'Onthuld · 1.200 keuzes', 'Dutch digit grouping');
    assert.equal(strings('en').group.revealed(1200), 'Revealed · 1,200 choices');
  });

  it('puts stored failure codes into words in the reader\'s language; an unknown code or old text as "other reason"', () => {
    assert.equal(describeReason('nl', 'unreachable:403'), 'app verwijderd of gebruiker onbekend (403)');
    assert.equal(describeReason('en', 'gave-up:throttled'), 'gave up after repeated attempts: Teams asked to wait (too many messages)');
    assert.equal(describeReason('nl', 'opted-out'), 'afgemeld door de deelnemer');
    assert.equal(describeReason('nl', 'app removed or user gone (403)'), 'andere reden');
  });

  it('compiles once: the same object on every call', () => {
    assert.equal(strings('nl'), strings('nl'));
    assert.notEqual(strings('nl'), strings('en'));
  });

  it('maps any English locale tag to en and everything else to nl', () => {
    assert.deepEqual(['en-US', 'en-GB', 'EN', 'nl-NL', 'de-DE', undefined, ''].map(langOf), ['en', 'en', 'en', 'nl', 'nl', 'nl', 'nl']);
  });

  describe('a broken resource file stops start-up with the file, the key and the reason', () => {
    function withEnglish(edit: (doc: Record<string, Record<string, unknown>>) => void): () => unknown {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samenspel-locales-'));
      const doc = parseYaml(fs.readFileSync(path.join(LOCALES_DIR, 'en.yaml'), 'utf8'));
      edit(doc);
      fs.writeFileSync(path.join(dir, 'en.yaml'), stringify(doc));
      return () => loadCatalog(dir, 'en');
    }

    it('a missing key', () => {
      assert.throws(withEnglish((d) => delete d.replies!.conflict), (e: Error) => e instanceof ResourceError && /en\.yaml: replies\.conflict: expected a text, found nothing/.test(e.message));
    });
    it('a key that is not declared', () => {
      assert.throws(withEnglish((d) => (d.replies!.typo = 'x')), /replies\.typo: no such key in src\/i18n\/keys\.ts/);
    });
    it('a placeholder the message does not get', () => {
      assert.throws(withEnglish((d) => (d.replies!.stopped = 'Stopped {titel}.')), /replies\.stopped: uses placeholders \{titel\} but the message gets \{title\}/);
    });
    it('a message that does not parse', () => {
      assert.throws(withEnglish((d) => (d.group!.revealed = 'Revealed {n, plural, one {# choice}')), /group\.revealed: not a valid ICU message/);
    });
  });
});
