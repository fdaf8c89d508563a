/*
 * Reading a server's GET /metrics (Prometheus text) for the benchmarks: a scrape is a map from each
 * series (name and labels) to its value; two scrapes give what happened between them.
 */

export type Samples = Map<string, number>;

/** Parse the exposition text; comments and blank lines are skipped. */
export function parseMetrics(text: string): Samples {
  const samples: Samples = new Map();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const space = line.lastIndexOf(' ');
    const series = line.slice(0, space);
    const value = Number(line.slice(space + 1));
    if (Number.isFinite(value) || line.endsWith('Inf')) samples.set(series, value);
  }
  return samples;
}

/** Several processes' scrapes as one: sums, except the series `worst` picks, which take the highest. */
export function combineScrapes(scrapes: Samples[], worst: (series: string) => boolean): Samples {
  const out: Samples = new Map();
  for (const s of scrapes) {
    for (const [series, value] of s) {
      const prev = out.get(series);
      out.set(series, prev === undefined ? value : worst(series) ? Math.max(prev, value) : prev + value);
    }
  }
  return out;
}

const nameOf = (series: string) => series.split('{')[0] ?? series;
const labelsOf = (series: string) => Object.fromEntries([...series.matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]));

/** The sum of a metric's series (whatever their labels), as of `now`, less what it was at `base`. */
export function increase(now: Samples, base: Samples, name: string): number {
  let total = 0;
  for (const [series, value] of now) if (nameOf(series) === name) total += value - (base.get(series) ?? 0);
  return total;
}

/** A metric's increase per value of one label, e.g. commands by outcome. */
export function increaseBy(now: Samples, base: Samples, name: string, label: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [series, value] of now) {
    if (nameOf(series) !== name) continue;
    const key = labelsOf(series)[label] ?? '';
    const d = value - (base.get(series) ?? 0);
    if (d !== 0) out[key] = (out[key] ?? 0) + d;
  }
  return out;
}

/** A gauge as of `now` (summed over its series). */
export function gauge(now: Samples, name: string): number {
  return increase(now, new Map(), name);
}

/**
 * A quantile of what a histogram observed between two scrapes, interpolated within its bucket as
 * Prometheus's histogram_quantile does; in the histogram's unit (seconds). NaN if nothing was observed.
 */
export function histogramQuantile(now: Samples, base: Samples, name: string, q: number): number {
  const buckets: { le: number; count: number }[] = [];
  for (const [series, value] of now) {
    if (nameOf(series) !== `${name}_bucket`) continue;
    const le = labelsOf(series).le ?? '';
    buckets.push({ le: le === '+Inf' ? Infinity : Number(le), count: value - (base.get(series) ?? 0) });
  }
  buckets.sort((a, b) => a.le - b.le);
  const total = buckets.at(-1)?.count ?? 0;
  if (total === 0) return NaN;
  const rank = q * total;
  let lower = 0;
  let below = 0;
  for (const b of buckets) {
    if (b.count >= rank) {
      if (b.le === Infinity) return lower;
      return lower + ((b.le - lower) * (rank - below)) / Math.max(1, b.count - below);
    }
    lower = b.le;
    below = b.count;
  }
  return lower;
}
