/**
 * Helpers every bench shares: timing rounds, medians and the one summary line
 * `<name>: <value> <unit>; baseline <value> <unit>; ratio <r>` (DESIGN.md §Benchmarks).
 */

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] ?? Number.NaN) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** Formats a rate with thousands separators and no fraction (rates are counts per second). */
export function formatRate(perSecond: number): string {
  return Math.round(perSecond).toLocaleString('en-US');
}

export function formatRatio(ratio: number): string {
  return ratio >= 10 ? ratio.toFixed(1) : ratio.toFixed(2);
}

export function summaryLine(name: string, value: number, baseline: number, unit: string): string {
  return `${name}: ${formatRate(value)} ${unit}; baseline ${formatRate(baseline)} ${unit}; ratio ${formatRatio(value / baseline)}`;
}

export interface RoundOptions {
  rounds: number;
  /** Minimum wall time of one round. */
  roundMs: number;
}

/**
 * Operations per second of `work(i)`, as the median of `rounds` rounds. Each round runs the work
 * in batches until `roundMs` has passed, so timer reads stay off the measured path.
 */
export function measureRate(work: (i: number) => unknown, options: RoundOptions): { perSecond: number; rounds: number[] } {
  const rates: number[] = [];
  let sink = 0;
  for (let r = 0; r < options.rounds; r++) {
    let done = 0;
    let batch = 64;
    const start = process.hrtime.bigint();
    let elapsedNs = 0n;
    const budgetNs = BigInt(Math.round(options.roundMs * 1e6));
    while (elapsedNs < budgetNs) {
      for (let i = 0; i < batch; i++) {
        if (work(done + i) !== undefined) sink++;
      }
      done += batch;
      elapsedNs = process.hrtime.bigint() - start;
      if (batch < 65_536) batch *= 2;
    }
    rates.push((done * 1e9) / Number(elapsedNs));
  }
  if (sink < 0) throw new Error('unreachable: keeps the results alive');
  return { perSecond: median(rates), rounds: rates };
}

/** What every bench runner returns: printed lines, then the summary line last. */
export interface BenchReport {
  lines: string[];
  summary: string;
}
