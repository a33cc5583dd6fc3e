/**
 * Both perspectives of one case side by side, moment by moment in the order of play, so a trainer
 * can check that facts, names and scoring agree between the two roles.
 */
import type { LoadedPlayable } from '../content/load';
import type { ContentProblem } from '../content/problems';
import { strings, type Lang } from '../i18n';
import { cardSlot, esc, page } from './html';
import { concerns, momentSection } from './moment-section';
import type { Storyboard } from './storyboard';
import { briefingSection } from './exercise-page';
import { exercisePackChooser, packQuery, valuesSection } from './values-view';
import type { Snapshot } from './workspace';

export function comparePage(lang: Lang, snap: Snapshot, item: LoadedPlayable, boards: Storyboard[], problems: ContentProblem[]): string {
  const version = snap.version;
  const query = packQuery(item);
  const t = strings(lang);
  const s = t.studio;
  const e = item.exercise;
  const column = (board: Storyboard) => {
    const p = board.perspective;
    // Anchors carry the role: both columns may use the same moment ids.
    const anchor = (id: string) => `${p}-${id}`;
    const sections = board.moments.map((m) => momentSection(lang, item, m, problems.filter((pr) => concerns(pr, ['perspectives', p, 'moments', m.index])), anchor));
    return `<div class="column" data-perspective="${p}">
<h2><a href="/exercise/${encodeURIComponent(e.id)}/${p}${query}">${esc(t.perspective[p])}</a></h2>
${briefingSection(lang, board, anchor('briefing'))}
${sections.join('\n')}
<section class="summary" id="${anchor('summary')}"><h2>${esc(s.summary)}</h2>${cardSlot(board.summaryCard)}</section>
</div>`;
  };
  const body = `<header>
<p><a href="/${query}">${esc(s.back)}</a></p>
<h1>${esc(e.title)}</h1>
<p class="facts">${esc(item.pack)} · ${esc(item.file)} · ${esc(s.sideBySide)}</p>
${exercisePackChooser(lang, snap, item, `/compare/${encodeURIComponent(e.id)}`)}
${valuesSection(lang, snap, item)}
<label class="theme"><input type="checkbox" id="dark"> ${esc(s.dark)}</label>
<p class="live">${esc(s.live)}</p>
</header>
<div class="side-by-side">
${boards.map(column).join('\n')}
</div>`;
  return page(lang, `${e.title} (${s.sideBySide})`, version, body);
}
