/**
 * The frame every studio page shares, and HTML escaping. Pages are plain server-rendered HTML;
 * the cards in them are drawn in the browser by the Adaptive Cards renderer (public/studio.js).
 */
import type { Lang } from '../i18n';
import { formatProblem, type ContentProblem } from '../content/problems';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML content and attribute values. */
export function esc(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

/** A card's JSON as an attribute the browser script renders. */
export function cardSlot(card: object, id?: string): string {
  return `<div class="card"${id ? ` id="${esc(id)}"` : ''} data-card="${esc(JSON.stringify(card))}"></div>`;
}

/** A list of problems as npm run validate prints them: file:line, path, what to do. */
export function problemList(problems: readonly ContentProblem[]): string {
  if (problems.length === 0) return '';
  return `<ul class="problems">${problems.map((p) => `<li class="problem${p.quality ? ' quality' : ''}">${esc(formatProblem(p))}</li>`).join('')}</ul>`;
}

export function page(lang: Lang, title: string, version: number, body: string): string {
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>${esc(title)}</title>
<link rel="stylesheet" href="/assets/studio.css">
<script src="/assets/markdown-it.min.js" defer></script>
<script src="/assets/adaptivecards.min.js" defer></script>
<script src="/assets/studio.js" defer></script>
</head>
<body data-version="${version}">
${body}
</body>
</html>
`;
}
