/**
 * The report page: server-rendered HTML with every figure in a table, and the charts as Chart.js
 * configurations in a JSON block that public/report.js draws with Chart.js (no inline script, so
 * the page runs under a strict Content-Security-Policy). The tables carry the same numbers, for
 * screen readers and for a printer that does not print canvases well.
 */
import { esc } from '../studio/html';
import { strings, type Lang } from '../i18n';
import type { DimensionFigure, ReportFigures } from './figures';

/** The path prefix of the page's own assets (Chart.js from node_modules, report.js, report.css). */
export const ASSET_PATH = '/report-assets';

/** A Chart.js configuration (type, data, options), as report.js hands it to `new Chart`. */
export interface ChartSpec {
  id: string;
  label: string;
  config: { type: 'bar' | 'line'; data: { labels: string[]; datasets: object[] }; options: object };
}

// Colours with enough contrast on white and in greyscale print (Okabe–Ito palette, colour-blind safe).
const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#000000'];

const dateOf = (lang: Lang, d: Date, zone: string) => new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'nl-NL', { day: 'numeric', month: 'long', year: 'numeric', timeZone: zone }).format(d);

function frame(lang: Lang, title: string, body: string, charts: ChartSpec[] = []): string {
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<meta name="referrer" content="no-referrer">
<link rel="icon" href="data:,">
<title>${esc(title)}</title>
<link rel="stylesheet" href="${ASSET_PATH}/report.css">
${charts.length > 0 ? `<script src="${ASSET_PATH}/chart.umd.min.js" defer></script>\n<script src="${ASSET_PATH}/report.js" defer></script>` : ''}
</head>
<body>
${body}
${charts.length > 0 ? `<script type="application/json" id="charts">${JSON.stringify(charts).replace(/</g, '\\u003c')}</script>` : ''}
</body>
</html>
`;
}

/** The page a refused link gets (403): no figure, no title, nothing of the session. */
export function forbiddenPage(lang: Lang): string {
  const t = strings(lang).report;
  return frame(lang, t.forbiddenTitle, `<main><h1>${esc(t.forbiddenTitle)}</h1><p class="notice">${esc(t.forbidden)}</p></main>`);
}

function chartBlock(spec: ChartSpec, height: number): string {
  return `<figure class="chart" data-height="${height}"><canvas data-chart="${esc(spec.id)}" role="img" aria-label="${esc(spec.label)}"></canvas></figure>`;
}

/** The note under a table where an average was withheld for too few people. */
function withheldNote(lang: Lang, minGroup: number, dims: DimensionFigure[]): string {
  return dims.some((d) => d.average === undefined && d.answers > 0) ? `<p class="note">${esc(strings(lang).report.cellWithheld(minGroup))}</p>` : '';
}

const avg = (lang: Lang, d: DimensionFigure) => (d.average === undefined ? strings(lang).report.notShown : String(d.average));

/**
 * The whole page. `csvHref` is the CSV download of the same link; `zone` the time zone dates are shown in.
 */
export function reportPage(lang: Lang, f: ReportFigures, csvHref: string, zone: string): string {
  const s = strings(lang);
  const t = s.report;
  const charts: ChartSpec[] = [];
  const scoreAxis = { min: 0, max: 100, ticks: { stepSize: 20 } };
  const head = `<header>
<h1>${esc(t.title)}</h1>
<dl class="meta">
<dt>${esc(t.exercise)}</dt><dd>${esc(f.title)}</dd>
<dt>${esc(t.role)}</dt><dd>${esc(s.perspective[f.perspective])}</dd>
<dt>${esc(t.date)}</dt><dd>${esc(dateOf(lang, f.date, zone))}</dd>
<dt>${esc(t.participants)}</dt><dd>${f.participants}</dd>
</dl>
<p class="anonymous">${esc(t.anonymous)}</p>
${f.shown ? `<nav class="actions"><a class="button" href="${esc(csvHref)}" download>${esc(t.download)}</a> <button type="button" class="button" data-print>${esc(t.print)}</button></nav>` : ''}
</header>`;
  if (!f.shown) return frame(lang, `${t.title}: ${f.title}`, `<main>${head}<p class="notice withheld">${esc(t.withheld(f.participants, f.minGroup))}</p></main>`);

  const moments = f.moments.map((m) => {
    const spec: ChartSpec = {
      id: `moment-${m.number}`,
      label: `${t.moment(m.number, m.title)}: ${m.choices.map((c) => `${c.letter} ${c.count}`).join(', ')}`,
      config: {
        type: 'bar',
        data: { labels: m.choices.map((c) => c.letter), datasets: [{ label: t.count, data: m.choices.map((c) => c.count), backgroundColor: m.choices.map((_, i) => PALETTE[i % PALETTE.length]) }] },
        options: { indexAxis: 'y', plugins: { legend: { display: false } }, scales: { x: { beginAtZero: true, ticks: { precision: 0 } } } },
      },
    };
    charts.push(spec);
    const rows = m.choices.map((c) => `<tr><th scope="row">${esc(c.letter)}. ${esc(c.label)}</th><td class="n">${c.count}</td><td class="n">${c.percent}%</td><td class="feedback">${esc(c.feedback)}</td></tr>`).join('');
    return `<section class="moment">
<h3>${esc(t.moment(m.number, m.title))} <small>${esc(t.voters(m.voters))}</small></h3>
<blockquote>${esc(m.says)}</blockquote>
${chartBlock(spec, 40 + 36 * m.choices.length)}
<table><thead><tr><th>${esc(t.choice)}</th><th class="n">${esc(t.count)}</th><th class="n">${esc(t.percent)}</th><th>${esc(t.feedback)}</th></tr></thead><tbody>${rows}</tbody></table>
${m.debrief ? `<p class="debrief"><strong>${esc(t.debriefQuestion)}:</strong> ${esc(m.debrief)}</p>` : ''}
</section>`;
  });

  const profileSpec: ChartSpec = {
    id: 'profile',
    label: `${t.profile}: ${f.profile.map((d) => `${d.name[lang]} ${avg(lang, d)}`).join(', ')}`,
    config: {
      type: 'bar',
      data: { labels: f.profile.map((d) => d.name[lang]), datasets: [{ label: t.average, data: f.profile.map((d) => d.average ?? null), backgroundColor: PALETTE[0] }] },
      options: { indexAxis: 'y', plugins: { legend: { display: false } }, scales: { x: scoreAxis } },
    },
  };
  charts.push(profileSpec);
  const profile = `<section class="profile">
<h2>${esc(t.profile)}</h2>
<p class="note">${esc(t.profileNote)}</p>
${chartBlock(profileSpec, 40 + 36 * f.profile.length)}
<table><thead><tr><th>${esc(t.dimension)}</th><th class="n">${esc(t.average)}</th></tr></thead><tbody>${f.profile.map((d) => `<tr><th scope="row">${esc(d.name[lang])}</th><td class="n">${esc(avg(lang, d))}</td></tr>`).join('')}</tbody></table>
${withheldNote(lang, f.minGroup, f.profile)}
</section>`;

  const debrief = f.debrief.length > 0 ? `<section class="debrief"><h2>${esc(t.debrief)}</h2><ol>${f.debrief.map((q) => `<li>${esc(q)}</li>`).join('')}</ol></section>` : '';
  const body = `<main>${head}
<section class="moments"><h2>${esc(t.moments)}</h2>${moments.join('\n')}</section>
${profile}
${debrief}
${followupSection(lang, f, charts, zone)}
</main>`;
  return frame(lang, `${t.title}: ${f.title}`, body, charts);
}

function followupSection(lang: Lang, f: ReportFigures, charts: ChartSpec[], zone: string): string {
  const t = strings(lang).report;
  const fu = f.followup;
  if (!fu) return `<section class="followup"><h2>${esc(t.followup)}</h2><p class="note">${esc(t.followupNone)}</p></section>`;
  if (!fu.shown) return `<section class="followup"><h2>${esc(t.followup)}</h2><p class="notice withheld">${esc(t.followupWithheld(fu.enrolled, f.minGroup))}</p></section>`;
  const weekLabels = fu.weeks.map((w) => t.weekShort(w.week));
  const progress: ChartSpec = {
    id: 'followup-progress',
    label: `${t.progress}: ${fu.weeks.map((w) => `${t.weekShort(w.week)} ${w.delivered}/${w.answered}`).join(', ')}`,
    config: {
      type: 'bar',
      data: {
        labels: weekLabels,
        datasets: [
          { label: t.planned, data: fu.weeks.map((w) => w.planned), backgroundColor: '#BBBBBB' },
          { label: t.delivered, data: fu.weeks.map((w) => w.delivered), backgroundColor: PALETTE[0] },
          { label: t.answered, data: fu.weeks.map((w) => w.answered), backgroundColor: PALETTE[2] },
        ],
      },
      options: { scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
    },
  };
  const perWeek: ChartSpec = {
    id: 'followup-dimensions',
    label: `${t.perWeekDimension}: ${fu.dimensions.map((d) => `${d.name[lang]} ${avg(lang, d)}`).join(', ')}`,
    config: {
      type: 'line',
      data: {
        labels: weekLabels,
        datasets: fu.dimensions.map((d, i) => ({
          label: d.name[lang],
          data: fu.weeks.map((w) => w.dimensions.find((x) => x.id === d.id)?.average ?? null),
          borderColor: PALETTE[i % PALETTE.length],
          backgroundColor: PALETTE[i % PALETTE.length],
          spanGaps: true,
        })),
      },
      options: { scales: { y: { min: 0, max: 100, ticks: { stepSize: 20 } } } },
    },
  };
  const dims = fu.dimensions;
  charts.push(progress, ...(dims.length > 0 ? [perWeek] : []));
  const weekRows = fu.weeks
    .map((w) => `<tr><th scope="row">${esc(t.week(w.week, dateOf(lang, w.from, zone)))}</th><td class="n">${w.planned}</td><td class="n">${w.delivered}</td><td class="n">${w.answered}</td>${dims.map((d) => `<td class="n">${esc(avg(lang, w.dimensions.find((x) => x.id === d.id) ?? d))}</td>`).join('')}</tr>`)
    .join('');
  const total = `<tr class="total"><th scope="row">${esc(t.perDimension)}</th><td></td><td></td><td></td>${dims.map((d) => `<td class="n">${esc(avg(lang, d))}</td>`).join('')}</tr>`;
  return `<section class="followup">
<h2>${esc(t.followup)}</h2>
<p class="note">${esc(t.followupEnrolled(fu.enrolled))}</p>
<h3>${esc(t.progress)}</h3>
${chartBlock(progress, 260)}
<h3>${esc(t.perWeekDimension)}</h3>
${dims.length > 0 ? chartBlock(perWeek, 260) : ''}
<table><thead><tr><th></th><th class="n">${esc(t.planned)}</th><th class="n">${esc(t.delivered)}</th><th class="n">${esc(t.answered)}</th>${dims.map((d) => `<th class="n">${esc(d.name[lang])}</th>`).join('')}</tr></thead><tbody>${weekRows}${dims.length > 0 ? total : ''}</tbody></table>
${withheldNote(lang, f.minGroup, [...dims, ...fu.weeks.flatMap((w) => w.dimensions)])}
</section>`;
}
