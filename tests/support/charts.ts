/**
 * The Teams chart elements of Adaptive Cards, as Microsoft documents them ("Charts in Adaptive
 * Cards", https://learn.microsoft.com/microsoftteams/platform/task-modules-and-cards/cards/charts-in-adaptive-cards):
 * a strict schema per element the bot uses, and helpers to find charts on a card and read their
 * figures. A property the doc does not list, a wrong data shape or an unknown colour name fails.
 */
import { z } from 'zod';

/** The doc's `color` values for data points and series. */
const COLORS = [
  'good', 'warning', 'attention', 'neutral',
  'categoricalRed', 'categoricalPurple', 'categoricalLavender', 'categoricalBlue', 'categoricalLightBlue', 'categoricalTeal', 'categoricalGreen', 'categoricalLime', 'categoricalMarigold',
  'sequential1', 'sequential2', 'sequential3', 'sequential4', 'sequential5', 'sequential6', 'sequential7', 'sequential8',
  'divergingBlue', 'divergingLightBlue', 'divergingCyan', 'divergingTeal', 'divergingYellow', 'divergingPeach', 'divergingLightRed', 'divergingRed', 'divergingMaroon', 'divergingGray',
] as const;
/** The colour sets the doc's samples name (`colorSet`). */
const COLOR_SETS = ['categorical', 'sequential', 'diverging'] as const;

/** Properties every chart element has (the doc's common rows), `fallback` required here: no card may become empty. */
const common = {
  fallback: z.looseObject({ type: z.enum(['Container', 'ColumnSet', 'TextBlock', 'FactSet', 'Table', 'RichTextBlock']) }),
  id: z.string().optional(),
  title: z.string().min(1).optional(),
  colorSet: z.enum(COLOR_SETS).optional(),
  height: z.enum(['auto', 'stretch']).optional(),
  horizontalAlignment: z.enum(['Left', 'Center', 'Right']).optional(),
  isVisible: z.boolean().optional(),
  separator: z.boolean().optional(),
  spacing: z.enum(['None', 'ExtraSmall', 'Small', 'Default', 'Medium', 'Large', 'ExtraLarge', 'Padding']).optional(),
  requires: z.record(z.string(), z.string()).optional(),
};
const axes = { xAxisTitle: z.string().min(1).optional(), yAxisTitle: z.string().min(1).optional(), color: z.enum(COLORS).optional() };
const point = z.strictObject({ x: z.string().min(1), y: z.number().finite().nonnegative(), color: z.enum(COLORS).optional() });

export const CHART_SCHEMAS = {
  'Chart.HorizontalBar': z.strictObject({
    type: z.literal('Chart.HorizontalBar'),
    ...common,
    ...axes,
    displayMode: z.enum(['AbsoluteWithAxis', 'AbsoluteNoAxis', 'PartToWhole']).optional(),
    data: z.array(point).min(1),
  }),
  'Chart.VerticalBar.Grouped': z.strictObject({
    type: z.literal('Chart.VerticalBar.Grouped'),
    ...common,
    ...axes,
    stacked: z.boolean().optional(),
    showBarValues: z.boolean().optional(),
    data: z.array(z.strictObject({ legend: z.string().min(1), color: z.enum(COLORS).optional(), values: z.array(point.omit({ color: true })).min(1) })).min(1),
  }),
} as const;

export type ChartElement = { type: keyof typeof CHART_SCHEMAS; fallback: Record<string, any>; [key: string]: any };

/** Every chart element on a card (at any depth, fallbacks excluded), in card order. */
export function chartsOf(card: unknown): ChartElement[] {
  const out: ChartElement[] = [];
  const walk = (node: any) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    if (typeof node.type === 'string' && node.type.startsWith('Chart.')) return void out.push(node);
    for (const value of Object.values(node)) walk(value);
  };
  walk(card);
  return out;
}

/** A chart's figures: for a single series `{ x: y }`; for grouped series `{ legend: { x: y } }`. */
export function figuresOf(chart: ChartElement): Record<string, any> {
  if (chart.type === 'Chart.VerticalBar.Grouped') {
    return Object.fromEntries(chart.data.map((s: any) => [s.legend, Object.fromEntries(s.values.map((v: any) => [v.x, v.y]))]));
  }
  return Object.fromEntries(chart.data.map((p: any) => [p.x, p.y]));
}

/** Every plotted value of a chart, in data order (series after series). */
export function valuesOf(chart: ChartElement): number[] {
  return chart.type === 'Chart.VerticalBar.Grouped' ? chart.data.flatMap((s: any) => s.values.map((v: any) => v.y)) : chart.data.map((p: any) => p.y);
}
