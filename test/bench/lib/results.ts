import { appendFileSync, existsSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';

/*
 * Every benchmark ends the same way: a JSON summary on its last line, and a Markdown row in
 * RESULTS.md saying when, on what machine and with which exact command the figures were measured.
 */

const RESULTS = fileURLToPath(new URL('../RESULTS.md', import.meta.url));
const HEADER = '# Benchmark results\n\nAppended by `npm run bench`; each row is one run, measured on the machine it names.\n\n| date | bench | machine | command | figures |\n|---|---|---|---|---|\n';

/** The 1-minute load average when the bench started: well above 0 means something else was running. */
const loadAtStart = loadavg()[0] ?? 0;

export function machine(): string {
  const cores = cpus().length;
  const gib = (totalmem() / 2 ** 30).toFixed(0);
  return `${cores} cores, ${gib} GiB, Node ${process.version}, load ${loadAtStart.toFixed(2)} at start`;
}

/** The command as typed, with any TTX_BENCH_* settings (a profiler or V8 flags change the figures). */
export function command(): string {
  const env = Object.entries(process.env).filter(([k]) => k.startsWith('TTX_BENCH_')).map(([k, v]) => `${k}=${JSON.stringify(v)}`);
  return [...env, 'node --import tsx', ...process.argv.slice(1).map((a) => a.replace(process.cwd() + '/', ''))].join(' ');
}

/** Print the summary as the last line and append the row to RESULTS.md. */
export function report(bench: string, figures: Record<string, number | string | boolean>): void {
  if (!existsSync(RESULTS)) writeFileSync(RESULTS, HEADER);
  const text = Object.entries(figures).map(([k, v]) => `${k}=${v}`).join(', ');
  appendFileSync(RESULTS, `| ${new Date().toISOString()} | ${bench} | ${machine()} | \`${command()}\` | ${text} |\n`);
  console.log(JSON.stringify({ bench, ...figures }));
}

/** Percentile of an unsorted sample (nearest rank). */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
}

/** A progress line that rewrites itself on a terminal and prints every ~10% otherwise. */
export function progress(label: string, total: number): (done: number) => void {
  let lastShown = -1;
  return (done) => {
    const pct = Math.floor((done / total) * 100);
    if (process.stderr.isTTY) process.stderr.write(`\r${label}: ${done}/${total} (${pct}%)${done >= total ? '\n' : ''}`);
    else if (Math.floor(pct / 10) !== lastShown) {
      lastShown = Math.floor(pct / 10);
      process.stderr.write(`${label}: ${done}/${total} (${pct}%)\n`);
    }
  };
}
