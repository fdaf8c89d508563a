/*
 * The arithmetic of an A/B sitting (test/bench/ab.ts): runs of the previous build and of this one,
 * alternated in pairs, summed up per figure. Tails such as a p99 move by tens of milliseconds
 * between runs of one build, so a figure is judged on its medians and on how many pairs it went
 * the same way in, never on one run.
 */

export type Figures = Record<string, number | string>;

export interface Pair {
  baseline: Figures;
  candidate: Figures;
}

export interface FigureSummary {
  figure: string;
  baselineMedian: number;
  candidateMedian: number;
  /** Median of candidate − baseline over the pairs. */
  medianDifference: number;
  /** Pairs in which the candidate's figure was higher, lower, or the same. */
  higher: number;
  lower: number;
  same: number;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const round = (n: number) => Number(n.toFixed(2));

/** Every figure both builds report as a number in every pair, in the order the candidate gives them. */
export function summarisePairs(pairs: readonly Pair[]): FigureSummary[] {
  if (pairs.length === 0) return [];
  const numeric = (f: Figures, key: string) => typeof f[key] === 'number';
  const keys = Object.keys(pairs[0]!.candidate).filter((key) => pairs.every((p) => numeric(p.baseline, key) && numeric(p.candidate, key)));
  return keys.map((figure) => {
    const base = pairs.map((p) => p.baseline[figure] as number);
    const cand = pairs.map((p) => p.candidate[figure] as number);
    const diffs = cand.map((c, i) => c - base[i]!);
    return {
      figure,
      baselineMedian: round(median(base)),
      candidateMedian: round(median(cand)),
      medianDifference: round(median(diffs)),
      higher: diffs.filter((d) => d > 0).length,
      lower: diffs.filter((d) => d < 0).length,
      same: diffs.filter((d) => d === 0).length,
    };
  });
}

/** The summary as a Markdown table, for the terminal and for a note. */
export function summaryTable(summary: readonly FigureSummary[], baseline: string, candidate: string): string {
  const rows = summary.map((s) => `| ${s.figure} | ${s.baselineMedian} | ${s.candidateMedian} | ${s.medianDifference > 0 ? '+' : ''}${s.medianDifference} | ${s.higher} / ${s.lower} / ${s.same} |`);
  return [`| figure | ${baseline} (median) | ${candidate} (median) | median of pair differences | pairs higher / lower / same |`, '|---|---|---|---|---|', ...rows].join('\n');
}

/** The rows a run appended to a RESULTS.md: what `after` holds beyond `before`. */
export function appendedRows(before: string, after: string): string[] {
  if (!after.startsWith(before)) throw new Error('RESULTS.md changed other than by appending during the run');
  return after.slice(before.length).split('\n').filter((line) => line.startsWith('| '));
}

/** A RESULTS row with a note put in front of its command, the way rows of a sitting say which build ran. */
export function annotateRow(row: string, note: string): string {
  const cells = row.split(' | ');
  if (cells.length < 5) throw new Error(`not a RESULTS row: ${row.slice(0, 80)}`);
  cells[3] = `(${note}) ${cells[3]}`;
  return cells.join(' | ');
}
