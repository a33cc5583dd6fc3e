/**
 * The branch map of one perspective: moments as nodes, choices as edges labelled with their letter
 * and net score, laid out by dagre (@dagrejs/dagre, the maintained Graphviz-style layered layout)
 * and drawn as inline SVG. Every node links to its moment card, every edge to its choice.
 */
import { Graph, layout } from '@dagrejs/dagre';
import { netScore } from '../content/dilemma-figures';
import { esc } from './html';
import type { Storyboard } from './storyboard';

const NODE = { width: 170, height: 36 };
const LABEL = { width: 34, height: 16 };
const END = 'end';

const signed = (n: number) => (n > 0 ? `+${n}` : String(n));

/** SVG markup; `endLabel` names the closing node, `effectText` spells out a choice's effects for its tooltip. */
export function branchMap(board: Storyboard, endLabel: string, effectText: (effects: Record<string, number>) => string): string {
  const g = new Graph({ multigraph: true });
  g.setGraph({ rankdir: 'TB', nodesep: 24, ranksep: 46, edgesep: 12, marginx: 8, marginy: 8 });
  for (const m of board.moments) g.setNode(m.id, { ...NODE });
  g.setNode(END, { ...NODE });
  for (const m of board.moments) {
    for (const c of m.choices) g.setEdge(m.id, c.next, { ...LABEL, labelpos: 'c' }, c.id);
  }
  layout(g);

  const edges = board.moments.flatMap((m) =>
    m.choices.map((c) => {
      const e = g.edge({ v: m.id, w: c.next, name: c.id }) as { points: { x: number; y: number }[]; x: number; y: number };
      const d = e.points.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(' ');
      return `<a href="#${esc(`${m.id}--${c.id}`)}" class="edge"><title>${esc(`${c.letter}: ${c.label}\n${effectText(c.effects)}`)}</title>
<path d="${d}" marker-end="url(#arrow)"/><text x="${e.x}" y="${e.y + 4}">${esc(`${c.letter} ${signed(netScore(c.effects))}`)}</text></a>`;
    }),
  );
  const node = (id: string, text: string, href: string, branch: boolean) => {
    const n = g.node(id);
    return `<a href="${href}" class="node${branch ? ' branch' : ''}" data-moment="${esc(id)}"><rect x="${n.x - n.width / 2}" y="${n.y - n.height / 2}" width="${n.width}" height="${n.height}" rx="6"/>
<text x="${n.x}" y="${n.y + 4}">${esc(text.length > 24 ? `${text.slice(0, 23)}…` : text)}</text></a>`;
  };
  const nodes = [...board.moments.map((m) => node(m.id, `${m.step}. ${m.id}`, `#moment-${m.id}`, m.branch)), node(END, endLabel, '#summary', false)];
  const { width = 0, height = 0 } = g.graph();
  return `<svg class="branch-map" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img">
<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z"/></marker></defs>
${edges.join('\n')}
${nodes.join('\n')}
</svg>`;
}
