/** Small statistics helpers for the benchmark output. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)]!;
}

export interface TurnStats {
  turns: number;
  seconds: number;
  cpuMs: number;
  peakRssMiB: number;
  latencies: number[];
}

export function summarise(name: string, s: TurnStats) {
  const sorted = [...s.latencies].sort((a, b) => a - b);
  return {
    scenario: name,
    turns: s.turns,
    turnsPerSecond: round(s.turns / s.seconds),
    p50ms: round(percentile(sorted, 50)),
    p95ms: round(percentile(sorted, 95)),
    p99ms: round(percentile(sorted, 99)),
    cpuMsPerTurn: round(s.cpuMs / s.turns, 3),
    peakRssMiB: round(s.peakRssMiB),
  };
}

export function round(n: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}
