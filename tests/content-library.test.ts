import { strict as assert } from 'node:assert';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { ContentError, loadLibrary } from '../src/content/library';
import { startTestBot } from './support/bot';

const fixtures = path.join(__dirname, 'fixtures', 'content');

/** A content root with one pack holding the given fixture files. */
function rootWith(...files: string[]): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'samenspel-content-'));
  fs.copyFileSync(path.join(fixtures, 'dimensions.yaml'), path.join(root, 'dimensions.yaml'));
  fs.mkdirSync(path.join(root, 'pack'));
  for (const file of files) fs.copyFileSync(path.join(fixtures, file), path.join(root, 'pack', path.basename(file)));
  return root;
}

describe('the library at start-up', () => {
  it('starts on a teaching-quality problem and hands it over as a warning for the log', () => {
    const root = rootWith('bad/dominating-choice.yaml');
    const library = loadLibrary(root);
    assert.deepEqual(library.exercises.map((i) => i.exercise.id), ['kleine-casus']);
    assert.equal(library.warnings.length, 1);
    assert.match(library.warnings[0]!, /^pack\/dominating-choice\.yaml:45 {2}perspectives\.ambtenaar\.moments\[1\]\.choices\[0\]\.effects: choice "sorry"/);
    fs.rmSync(root, { recursive: true });
  });

  it('starts the bot on such content and logs the problems once as a warning', async () => {
    const root = rootWith('bad/dominating-choice.yaml');
    const lines: { level: number; msg: string; problems?: string[] }[] = [];
    const log = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
    const bot = await startTestBot({ CONTENT_DIR: root, CONTENT_PACKS: 'pack' }, log);
    await bot.close();
    const warnings = lines.filter((l) => l.level === 40 && l.problems);
    assert.deepEqual(warnings.map((w) => w.msg), ['the content has 1 teaching-quality problem(s); the bot plays it as it is. Run npm run validate for details.']);
    assert.match(warnings[0]!.problems![0]!, /choice "sorry" is at least as good as every other choice/);
    fs.rmSync(root, { recursive: true });
  });

  it('refuses to start on a structural problem', () => {
    const root = rootWith('bad/backward-reference.yaml');
    assert.throws(() => loadLibrary(root), (error: unknown) => error instanceof ContentError && /refers to moment "een", which does not come later/.test(error.message));
    fs.rmSync(root, { recursive: true });
  });
});
