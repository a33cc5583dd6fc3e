/**
 * The trainer studio over the whole shipped library: every exercise page, in each perspective,
 * renders every card with no console errors. In the end-to-end suite because it opens some 80
 * pages (about a minute on a busy CI machine); tests/studio.test.ts checks one case quickly.
 */
import assert from 'node:assert/strict';
import { perspectivesOf } from '../../src/engine';
import { expectedCards, renderedCards, studioUnderTest, type StudioUnderTest } from '../support/studio';

describe('trainer studio: every exercise page of the library', function () {
  this.timeout(600000);
  let studio: StudioUnderTest;
  before(async () => {
    studio = await studioUnderTest();
  });
  after(async () => studio?.close());

  it('renders every card of every exercise in each perspective, without console errors', async () => {
    const errors: string[] = [];
    const page = await studio.newPage(errors);
    const items = studio.library();
    assert.ok(items.length > 0);
    for (const item of items) {
      for (const perspective of perspectivesOf(item.exercise)) {
        assert.equal(await renderedCards(page, studio.url, item, perspective), expectedCards(item, perspective), `${item.exercise.id} (${perspective})`);
      }
    }
    assert.deepEqual(errors, []);
  });
});
