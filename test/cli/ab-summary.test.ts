import { describe, expect, it } from 'vitest';
import { annotateRow, appendedRows, summarisePairs, summaryTable } from '../../test/bench/lib/ab-summary.ts';

/* The figures of an A/B sitting (`npm run bench:ab`): medians and pair counts, and the rows it writes. */

describe('BENCH-AB: a sitting of the previous build against this one', () => {
  it('BENCH-AB1 sums each figure both builds report as a number up as medians, a median difference and how the pairs went', () => {
    const pairs = [
      { baseline: { bench: 'load', injectP99Ms: 100, serverCpuPct: 70, only: 1 }, candidate: { bench: 'load', injectP99Ms: 130, serverCpuPct: 70, extra: 5 } },
      { baseline: { bench: 'load', injectP99Ms: 200, serverCpuPct: 72, only: 1 }, candidate: { bench: 'load', injectP99Ms: 150, serverCpuPct: 74, extra: 5 } },
      { baseline: { bench: 'load', injectP99Ms: 120, serverCpuPct: 71, only: 1 }, candidate: { bench: 'load', injectP99Ms: 140, serverCpuPct: 71, extra: 5 } },
    ];
    const summary = summarisePairs(pairs);
    // Strings and figures only one build gives are left out.
    expect(summary.map((s) => s.figure)).toEqual(['injectP99Ms', 'serverCpuPct']);
    expect(summary[0]).toEqual({ figure: 'injectP99Ms', baselineMedian: 120, candidateMedian: 140, medianDifference: 20, higher: 2, lower: 1, same: 0 });
    expect(summary[1]).toEqual({ figure: 'serverCpuPct', baselineMedian: 71, candidateMedian: 71, medianDifference: 0, higher: 1, lower: 0, same: 2 });
    expect(summaryTable(summary, 'aaa', 'bbb')).toContain('| injectP99Ms | 120 | 140 | +20 | 2 / 1 / 0 |');
    expect(summarisePairs([])).toEqual([]);
  });

  it('BENCH-AB2 a run\'s rows are what it appended, and a file changed otherwise is refused', () => {
    const before = '# Benchmark results\n\n| date | bench |\n|---|---|\n| 1 | old |\n';
    expect(appendedRows(before, `${before}| 2 | load |\n`)).toEqual(['| 2 | load |']);
    expect(appendedRows(before, before)).toEqual([]);
    expect(() => appendedRows(before, '| 2 | load |\n')).toThrow(/other than by appending/);
  });

  it('BENCH-AB3 a row is marked with its build in front of its command', () => {
    const row = '| 2026-12-06T10:00:00.000Z | load | 2 cores | `node --import tsx test/bench/load.bench.ts` | injectP99Ms=1 |';
    expect(annotateRow(row, 'A/B pair 1 of 5: build abc')).toBe('| 2026-12-06T10:00:00.000Z | load | 2 cores | (A/B pair 1 of 5: build abc) `node --import tsx test/bench/load.bench.ts` | injectP99Ms=1 |');
    expect(() => annotateRow('| not | a row |', 'x')).toThrow(/not a RESULTS row/);
  });
});
