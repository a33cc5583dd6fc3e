/**
 * One moment of a storyboard as a page section: its dilemma figures, its problems, its card, and
 * per choice the effects, what the other side heard, where it leads and the feedback card. Used
 * by the exercise page and by the side-by-side page (which prefixes the anchors per role).
 */
import type { LoadedPlayable } from '../content/load';
import type { ContentProblem, PathSegment } from '../content/problems';
import { strings, type Lang } from '../i18n';
import { cardSlot, esc, problemList } from './html';
import type { MomentBoard } from './storyboard';

/** True when the problem's path starts with `prefix` (it concerns that part of the file). */
export function concerns(problem: ContentProblem, prefix: PathSegment[]): boolean {
  return prefix.every((segment, i) => problem.path[i] === segment);
}

/** `anchor` turns a moment id or `moment--choice` into the element id used on this page. */
export function momentSection(lang: Lang, item: LoadedPlayable, m: MomentBoard, problems: ContentProblem[], anchor: (id: string) => string): string {
  const s = strings(lang).studio;
  const dimName = (id: string) => item.dimensions.find((d) => d.id === id)?.name[lang] ?? id;
  const f = m.figures;
  const dominating = f?.dominating ? m.choices.find((c) => c.id === f.dominating) : undefined;
  const choices = m.choices
    .map(
      (c) => `<div class="choice" id="${esc(anchor(`${m.id}--${c.id}`))}">
<h3>${esc(s.choice(c.letter))}: ${esc(c.label)}</h3>
<dl>
<dt>${esc(s.effects)}</dt><dd class="effects">${Object.entries(c.effects).map(([d, v]) => `<span class="effect ${v < 0 ? 'minus' : v > 0 ? 'plus' : ''}">${esc(dimName(d))} ${v > 0 ? '+' : ''}${v}</span>`).join(' ') || '-'}</dd>
<dt>${esc(s.otherSide)}</dt><dd>${esc(c.otherSide)}</dd>
<dt></dt><dd class="next">${c.next === 'end' ? esc(s.next(s.end)) : `<a href="#${esc(anchor(`moment-${c.next}`))}">${esc(s.next(c.next))}</a>`}</dd>
</dl>
${cardSlot(c.feedbackCard)}
</div>`,
    )
    .join('\n');
  return `<section class="moment${m.branch ? ' branch' : ''}" id="${esc(anchor(`moment-${m.id}`))}">
<h2>${esc(s.moment(m.step, m.id))}${m.branch ? ` <span class="tag">${esc(s.branch)}</span>` : ''}</h2>
${problemList(problems)}
<div class="figures">
${f ? `<p class="gap">${esc(s.gap(f.gap))}</p><p class="dominance">${dominating ? esc(s.dominating(dominating.letter)) : esc(s.noDominating)}</p>${f.easy ? `<p>${esc(s.easy)}</p>` : ''}` : ''}
</div>
${cardSlot(m.card)}
<div class="choices">${choices}</div>
</section>`;
}
