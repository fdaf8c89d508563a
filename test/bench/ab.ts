import { execFileSync, spawn } from 'node:child_process';
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { annotateRow, appendedRows, summarisePairs, summaryTable, type Figures, type Pair } from './lib/ab-summary.ts';

/*
 * `npm run bench:ab -- --baseline <checkout> [--pairs 5] <bench> [flags…]`: the side-by-side check
 * every change to the server's hot paths gets. The baseline is a checkout of the previous build
 * (a git worktree with its own node_modules, or a link to these). Each pair runs both builds' own
 * copy of the benchmark once, alternating which goes first, so a drift of the machine over the
 * sitting falls on both. Each run's row lands in this checkout's RESULTS.md saying which build and
 * which pair it was (the baseline's own RESULTS.md is left as it was), and the end prints, per
 * figure, both medians and how many pairs went each way.
 */

const here = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const RESULTS = (tree: string) => join(tree, 'test/bench/RESULTS.md');

function parseArgs(argv: readonly string[]): { baseline: string; pairs: number; bench: string; flags: string[] } {
  const rest: string[] = [];
  let baseline = '';
  let pairs = 5;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--baseline') baseline = argv[++i] ?? '';
    else if (arg === '--pairs') pairs = Number(argv[++i]);
    else rest.push(arg);
  }
  const [bench, ...flags] = rest;
  const usage = 'usage: npm run bench:ab -- --baseline <checkout of the previous build> [--pairs 5] <bench> [flags…]';
  if (!baseline || !existsSync(join(baseline, 'test/bench'))) throw new Error(`${usage}\n--baseline must name a checkout with test/bench/ in it (got "${baseline}")`);
  if (!bench || !existsSync(join(here, `test/bench/${bench}.bench.ts`))) throw new Error(`${usage}\nno benchmark "${bench ?? ''}" in test/bench/`);
  if (!Number.isInteger(pairs) || pairs < 1) throw new Error(`${usage}\n--pairs must be a whole number of at least 1 (got "${pairs}")`);
  return { baseline: resolve(baseline), pairs, bench, flags };
}

/** The build a checkout holds: its commit, marked when files differ from it. */
function buildName(tree: string): string {
  const sha = execFileSync('git', ['-C', tree, 'rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
  const dirty = execFileSync('git', ['-C', tree, 'status', '--porcelain', '--', 'server', 'shared', 'scenarios'], { encoding: 'utf8' }).trim() !== '';
  return dirty ? `${sha} with uncommitted changes to the server` : sha;
}

/** Run one build's benchmark in its own checkout; its summary line, and the rows it appended (its RESULTS.md is put back). */
async function runIn(tree: string, bench: string, flags: readonly string[]): Promise<{ figures: Figures; rows: string[] }> {
  const results = RESULTS(tree);
  const before = existsSync(results) ? readFileSync(results, 'utf8') : '';
  const child = spawn(process.execPath, ['--import', 'tsx', `test/bench/${bench}.bench.ts`, ...flags], { cwd: tree, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => (out += chunk));
  const code = await new Promise<number | null>((done) => child.on('close', done));
  const after = existsSync(results) ? readFileSync(results, 'utf8') : '';
  writeFileSync(results, before);
  if (code !== 0) throw new Error(`the ${bench} bench in ${tree} failed (exit ${code})`);
  const last = out.trim().split('\n').at(-1) ?? '';
  return { figures: JSON.parse(last) as Figures, rows: appendedRows(before, after) };
}

async function main(): Promise<void> {
  const { baseline, pairs, bench, flags } = parseArgs(process.argv.slice(2));
  const names = { baseline: buildName(baseline), candidate: buildName(here) };
  console.error(`A/B: ${bench} ${flags.join(' ')}, ${pairs} pairs: build ${names.baseline} (baseline, ${baseline}) against build ${names.candidate} (this checkout)`);
  const done: Pair[] = [];
  for (let i = 1; i <= pairs; i++) {
    const order = i % 2 === 1 ? (['baseline', 'candidate'] as const) : (['candidate', 'baseline'] as const);
    const pair: Partial<Pair> = {};
    for (const [k, side] of order.entries()) {
      console.error(`pair ${i}/${pairs}: build ${names[side]}…`);
      const run = await runIn(side === 'baseline' ? baseline : here, bench, flags);
      const other = names[side === 'baseline' ? 'candidate' : 'baseline'];
      const note = `A/B pair ${i} of ${pairs}: build ${names[side]}${side === 'baseline' ? ', the baseline' : ''}, ${k === 0 ? `then build ${other}` : `straight after build ${other}`}`;
      for (const row of run.rows) appendFileSync(RESULTS(here), `${annotateRow(row, note)}\n`);
      pair[side] = run.figures;
    }
    done.push(pair as Pair);
  }
  console.log(summaryTable(summarisePairs(done), names.baseline, names.candidate));
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
