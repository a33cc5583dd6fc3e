/**
 * The overview: every pack and exercise with its facts, its validation status and its dilemma
 * figures (the same figures as npm run validate -- --stats), and files that could not be read.
 */
import type { Lang } from '../i18n';
import { strings } from '../i18n';
import { perspectivesOf } from '../engine';
import { esc, page, problemList } from './html';
import { choiceLabel, packChooser, packQuery } from './values-view';
import { withValues, type Snapshot } from './workspace';

/**
 * `pack`: the pack chooser's choice (`?pack=`): a client pack fills in the exercises of the pack
 * it tailors; the others keep the values the bot would use.
 */
export function overviewPage(lang: Lang, snap: Snapshot, pack: string | null = null): string {
  const t = strings(lang);
  const s = t.studio;
  const loaded = new Set(snap.items.map((i) => i.file));
  // Problems of files that produced no exercise (bad YAML, a schema error): shown apart, at the top.
  const broken = snap.problems.filter((p) => !loaded.has(p.file));
  const clients = [...snap.packFiles.values()].filter((p) => p.data.tailors && snap.items.some((i) => i.pack === p.data.tailors)).map((p) => p.pack);
  // Without a choice: the client pack the bot would use (CONTENT_PACKS), if any.
  const current = pack === null ? ([...snap.valuesBy.values()][0] ?? '') : clients.includes(pack) ? pack : '';
  const choices = [{ pack: '', label: s.ownValues }, ...clients.map((p) => ({ pack: p, label: choiceLabel(lang, snap, p) }))];
  const chooser = packChooser(lang, current, choices, (p) => `/?pack=${encodeURIComponent(p)}`);
  const rows = snap.items
    .map((loaded) => withValues(snap, loaded, current || loaded.pack))
    .sort((a, b) => a.pack.localeCompare(b.pack) || a.kind.localeCompare(b.kind) || a.exercise.title.localeCompare(b.exercise.title))
    .map((item) => {
      const e = item.exercise;
      const query = packQuery(item);
      const problems = snap.problems.filter((p) => p.file === item.file);
      const f = snap.figures.get(e.id)?.totals;
      const links = perspectivesOf(e)
        .map((p) => `<a href="/exercise/${encodeURIComponent(e.id)}/${p}${query}">${esc(t.perspective[p])}</a>`)
        .join(' · ');
      return `<tr class="exercise" data-id="${esc(e.id)}">
<td>${esc(item.pack)}</td>
<td class="values-from" data-pack="${esc(item.valuesFrom)}">${esc(item.valuesFrom)}</td>
<td><a href="/exercise/${encodeURIComponent(e.id)}/${perspectivesOf(e)[0]}${query}" class="title">${esc(e.title)}</a><div class="file">${esc(item.file)}</div></td>
<td>${esc(t.levels[e.tags.level])}</td>
<td>${e.difficulty ? esc(t.difficulties[e.difficulty]) : '-'}</td>
<td>${esc(e.tags.theme.join(', '))}</td>
<td>${links}</td>
<td>${e.minutes}</td>
<td class="status">${problems.length === 0 ? `<span class="ok">${esc(s.ok)}</span>` : `<span class="bad">${esc(s.problems(problems.length))}</span>${problemList(problems)}`}</td>
<td class="figures">${f ? esc(s.figuresLine(f.moments, f.close, f.everyChoiceCosts, f.longestIsBest, f.unmarkedDominating)) : ''}</td>
</tr>`;
    })
    .join('\n');
  const body = `<header><h1>${esc(s.title)}</h1><p>${esc(s.intro)}</p><p class="live">${esc(s.live)}</p></header>
${chooser}
${broken.length > 0 ? `<section class="broken"><h2>${esc(s.brokenFiles)}</h2>${problemList(broken)}</section>` : ''}
<table class="overview">
<thead><tr><th>${esc(s.pack)}</th><th>${esc(s.valuesFrom)}</th><th>${esc(s.exercise)}</th><th>${esc(s.level)}</th><th>${esc(s.difficulty)}</th><th>${esc(s.themes)}</th><th>${esc(s.perspectives)}</th><th>${esc(s.minutes)}</th><th>${esc(s.status)}</th><th>${esc(s.figures)}</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>`;
  return page(lang, s.title, snap.version, body);
}
