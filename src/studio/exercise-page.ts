/**
 * The page of one exercise in one perspective: the storyboard (every card in the order of play),
 * per moment its dilemma figures, per choice its feedback card, what the other side heard, its
 * effects and where it leads; validation problems at the moment they concern.
 */
import type { Lang } from '../i18n';
import { strings } from '../i18n';
import { perspectivesOf } from '../engine';
import type { LoadedPlayable } from '../content/load';
import type { ContentProblem } from '../content/problems';
import { cardSlot, esc, page, problemList } from './html';
import { concerns, momentSection } from './moment-section';
import { branchMap } from './branch-map';
import type { MomentBoard, Storyboard } from './storyboard';
import { exercisePackChooser, packQuery, valuesSection } from './values-view';
import type { Snapshot } from './workspace';

/** The briefing's own card, before moment 1, when the bot shows it so. */
export function briefingSection(lang: Lang, board: Storyboard, id = 'briefing'): string {
  if (!board.briefingCard) return '';
  return `<section class="briefing" id="${esc(id)}"><h2>${esc(strings(lang).studio.briefing)}</h2>\n${cardSlot(board.briefingCard)}</section>`;
}

export function exercisePage(lang: Lang, snap: Snapshot, item: LoadedPlayable, board: Storyboard, problems: ContentProblem[]): string {
  const version = snap.version;
  const query = packQuery(item);
  const t = strings(lang);
  const s = t.studio;
  const e = item.exercise;
  const p = board.perspective;
  const placed = (m: MomentBoard) => problems.filter((pr) => concerns(pr, ['perspectives', p, 'moments', m.index]));
  const other = perspectivesOf(e).filter((x) => x !== p);
  // Problems of this perspective's moments appear at their moment; the rest of this file's at the top.
  const top = problems.filter((pr) => !concerns(pr, ['perspectives', p, 'moments']) && !other.some((o) => concerns(pr, ['perspectives', o])));
  const dimName = (id: string) => item.dimensions.find((d) => d.id === id)?.name[lang] ?? id;
  const tabs = perspectivesOf(e)
    .map((x) => (x === p ? `<strong>${esc(t.perspective[x])}</strong>` : `<a href="/exercise/${encodeURIComponent(e.id)}/${x}${query}">${esc(t.perspective[x])}</a>`))
    .join(' · ');

  const moment = (m: MomentBoard) => momentSection(lang, item, m, placed(m), (id) => id);

  const notes = e.trainerNotes
    ? `<details class="notes"><summary>${esc(s.trainerNotes)}</summary><p>${esc(e.trainerNotes.background)}</p><ul>${e.trainerNotes.disputed.map((d) => `<li>${esc(d)}</li>`).join('')}</ul></details>`
    : '';
  const body = `<header>
<p><a href="/${query}">${esc(s.back)}</a></p>
<h1>${esc(e.title)}</h1>
<p class="facts">${esc(item.pack)} · ${esc(item.file)} · ${esc(t.levels[e.tags.level])}${e.difficulty ? ` · ${esc(t.difficulties[e.difficulty])}` : ''} · ${e.minutes} min</p>
${exercisePackChooser(lang, snap, item, `/exercise/${encodeURIComponent(e.id)}/${p}`)}
${valuesSection(lang, snap, item)}
<p class="tabs">${tabs}${other.length > 0 ? ` · <a href="/compare/${encodeURIComponent(e.id)}${query}">${esc(s.sideBySide)}</a>` : ''}</p>
<label class="theme"><input type="checkbox" id="dark"> ${esc(s.dark)}</label>
<p class="live">${esc(s.live)}</p>
</header>
${problemList(top)}
${notes}
<section class="map"><h2>${esc(s.branchMap)}</h2><p class="hint">${esc(s.branchMapHint)}</p>
${branchMap(board, s.end, (effects) => Object.entries(effects).map(([d, v]) => `${dimName(d)} ${v > 0 ? '+' : ''}${v}`).join(', '))}</section>
<h2>${esc(s.storyboard)}</h2>
${briefingSection(lang, board)}
${board.moments.map(moment).join('\n')}
<section class="summary" id="summary">
<h2>${esc(s.summary)}</h2>
${cardSlot(board.summaryCard)}
</section>`;
  return page(lang, `${e.title} (${t.perspective[p]})`, version, body);
}

export function notFoundPage(lang: Lang, version: number): string {
  const s = strings(lang).studio;
  return page(lang, s.title, version, `<p><a href="/">${esc(s.back)}</a></p><p class="not-found">${esc(s.notFound)}</p>`);
}
