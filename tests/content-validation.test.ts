import { strict as assert } from 'node:assert';
import path from 'node:path';
import { loadContent } from '../src/content/load';
import { formatProblem } from '../src/content/problems';

const root = path.join(__dirname, 'fixtures', 'content');
const display = (file: string) => path.relative(root, file);

/** The problems of one kind: a file's structural problems, or its teaching-quality ones (issue 14). */
function problemsOf(target: string, kind: 'structure' | 'quality' = 'structure'): string[] {
  const result = loadContent({ root, targets: [path.join(root, target)], display });
  return result.problems.filter((p) => (kind === 'quality') === (p.quality === true)).map(formatProblem);
}

describe('content validation', () => {
  it('accepts the good fixtures', () => {
    const result = loadContent({ root, targets: [path.join(root, 'good')], display });
    assert.deepEqual(result.problems, []);
    assert.deepEqual(result.items.map((i) => [i.exercise.id, i.kind, i.pack]), [
      ['kleine-casus', 'exercise', 'good'],
      ['woord-snel', 'micro', 'good'],
    ]);
  });

  // One bad fixture per rule; each names the file, the line, the path inside it and what to do.
  const cases: [string, string[]][] = [
    ['bad/yaml-syntax.yaml', ['bad/yaml-syntax.yaml:2  (top level): is not valid YAML (Nested mappings are not allowed in compact mappings): check indentation and quotes']],
    ['bad/missing-field.yaml', ['bad/missing-field.yaml:1  title: is missing: add this field (a text)']],
    ['bad/unknown-field.yaml', ['bad/unknown-field.yaml:5  duur: unknown field "duur": check the spelling or remove it']],
    ['bad/bad-level.yaml', ['bad/bad-level.yaml:7  tags.level: should be one of "gemeente", "provincie", "rijk", "waterschap"']],
    ['bad/bad-id.yaml', ['bad/bad-id.yaml:1  id: use lower-case letters, digits and single hyphens only (for example "pers-belt-brand")']],
    ['bad/too-many-choices.yaml', ['bad/too-many-choices.yaml:33  perspectives.ambtenaar.moments[1].choices: a moment needs 2 to 4 choices: remove or merge choices']],
    ['bad/too-few-choices.yaml', ['bad/too-few-choices.yaml:71  perspectives.bestuurder.moments[0].choices: a moment needs 2 to 4 choices: add a choice']],
    ['bad/text-too-long.yaml', ['bad/text-too-long.yaml:19  perspectives.ambtenaar.moments[0].choices[0].label: is too long for a Teams card: keep it to 140 characters or fewer']],
    ['bad/unknown-dimension.yaml', ['bad/unknown-dimension.yaml:8  dimensions[2]: unknown dimension "charisma": use one of timing, vertalen, rolvastheid, or add it to dimensions.yaml']],
    ['bad/effect-on-untrained-dimension.yaml', ['bad/effect-on-untrained-dimension.yaml:50  perspectives.ambtenaar.moments[2].choices[0].effects.rolvastheid: effect on "rolvastheid", which this exercise does not train: add it to dimensions or remove the effect']],
    ['bad/dangling-reference.yaml', [
      'bad/dangling-reference.yaml:28  perspectives.ambtenaar.moments[0].choices[1].next: refers to moment "omweggetje", which does not exist: use one of een, omweg, twee, end',
      'bad/dangling-reference.yaml:29  perspectives.ambtenaar.moments[1]: branch moment "omweg" is never reached: point a choice\'s next to it, or remove it',
    ]],
    ['bad/backward-reference.yaml', ['bad/backward-reference.yaml:51  perspectives.ambtenaar.moments[2].choices[0].next: refers to moment "een", which does not come later: a branch may only jump forward (or to "end")']],
    ['bad/unreachable-branch.yaml', ['bad/unreachable-branch.yaml:28  perspectives.ambtenaar.moments[1]: branch moment "omweg" is never reached: point a choice\'s next to it, or remove it']],
    ['bad/first-moment-branch.yaml', ['bad/first-moment-branch.yaml:16  perspectives.ambtenaar.moments[0].branch: the first moment cannot be a branch: every run starts here']],
    ['bad/feedback-too-long.yaml', ['bad/feedback-too-long.yaml:20  perspectives.ambtenaar.moments[0].choices[0].feedback: has 5 sentences: keep feedback to 2 to 4 sentences']],
    ['bad/feedback-too-short.yaml', ['bad/feedback-too-short.yaml:20  perspectives.ambtenaar.moments[0].choices[0].feedback: has 1 sentence: keep feedback to 2 to 4 sentences']],
    ['bad/missing-tip.yaml', ['bad/missing-tip.yaml:58  perspectives.ambtenaar.closing.tips: no tip for "timing": add a tip for participants who score weak on it']],
    ['bad/dimension-not-trained.yaml', [
      'bad/dimension-not-trained.yaml:15  perspectives.ambtenaar.moments: dimension "rolvastheid" is trained by this exercise but no choice affects it: add it to some choice\'s effects, or remove it from dimensions',
      'bad/dimension-not-trained.yaml:69  perspectives.bestuurder.moments: dimension "rolvastheid" is trained by this exercise but no choice affects it: add it to some choice\'s effects, or remove it from dimensions',
    ]],
    ['bad/duplicate-choice-id.yaml', ['bad/duplicate-choice-id.yaml:23  perspectives.ambtenaar.moments[0].choices[1].id: choice id "vroeg" is used twice in this moment: give each choice its own id']],
    ['bad/duplicate-id', ['bad/duplicate-id/tweede.yaml:1  id: id "kleine-casus" is already used by bad/duplicate-id/eerste.yaml: ids must be unique across all files']],
    ['bad/bad-order.yaml', ['bad/bad-order.yaml:70  perspectives.bestuurder.moments[0].order: should be one of "shuffled", "fixed"']],
    ['bad/micro/two-moments.yaml', ['bad/micro/two-moments.yaml:17  perspectives.ambtenaar.moments: a micro-exercise has exactly one moment: keep one and remove the others']],
    ['bad/bad-difficulty.yaml', ['bad/bad-difficulty.yaml:9  difficulty: should be one of "instap", "gevorderd", "ervaren"']],
    ['bad/trainer-notes-incomplete.yaml', ['bad/trainer-notes-incomplete.yaml:11  trainerNotes.disputed: is missing: add this field (a list)']],
    ['bad/unknown-theme.yaml', ['bad/unknown-theme.yaml:7  tags.theme[1]: unknown theme "primaat-van-de-politiek": add it to themes.yaml with its name in nl and en, or use one listed there']],
    ['bad/why-two-sentences.yaml', ['bad/why-two-sentences.yaml:53  perspectives.ambtenaar.moments[2].choices[0].why: keep why to one sentence: it is the one line the summary shows under "stronger"']],
    ['bad/micro/word-without-word.yaml', ['bad/micro/word-without-word.yaml:1  word: a word-meaning micro-exercise needs the word it is about: add `word: <the word>`']],
  ];

  for (const [fixture, expected] of cases) {
    it(`rejects ${fixture} with a message that says what to do`, () => {
      assert.deepEqual(problemsOf(fixture), expected);
    });
  }

  // The teaching-quality rules of issue 14. The structural fixtures above are copies of the first
  // library and may break these too; each rule is checked on its own fixture here.
  const quality: [string, string[]][] = [
    ['bad/dominating-choice.yaml', ['bad/dominating-choice.yaml:45  perspectives.ambtenaar.moments[1].choices[0].effects: choice "sorry" is at least as good as every other choice on every dimension and better on one, so the answer can be guessed: give it a cost, or give another choice a gain where this one is weaker (or mark the moment `easy: true` if it is meant to be easy)']],
    ['bad/easy-without-dominating.yaml', ['bad/easy-without-dominating.yaml:24  perspectives.ambtenaar.moments[0].easy: is marked easy but no choice dominates the others: remove `easy: true`']],
    ['bad/no-least-bad-moment.yaml', ['bad/no-least-bad-moment.yaml:18  perspectives: no moment where every choice costs something: give at least one moment only choices with a negative effect, so the participant has to pick the least bad']],
    ['bad/micro/word-one-perspective.yaml', ['bad/micro/word-one-perspective.yaml:13  perspectives: no bestuurder perspective: a word-meaning micro-exercise is played from both sides, add `bestuurder:` with the same word seen from that role']],
  ];
  for (const [fixture, expected] of quality) {
    it(`reports ${fixture} as a teaching-quality problem that says what to do`, () => {
      assert.deepEqual(problemsOf(fixture, 'quality'), expected);
      assert.deepEqual(problemsOf(fixture, 'structure'), []);
    });
  }

  it('accepts a moment marked easy where one choice dominates', () => {
    assert.deepEqual(problemsOf('good/kleine-casus.yaml', 'quality'), []);
  });

  it('names a path that does not exist', () => {
    const result = loadContent({ root, targets: ['does/not/exist.yaml'], display });
    assert.deepEqual(result.problems.map(formatProblem), ['does/not/exist.yaml  (top level): does not exist: check the path']);
  });
});
