import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { splitBenchArgs } from './lib/bench-args.ts';

/*
 * `npm run bench [name…] [-- flags]`: run each benchmark script in test/bench/ in its own process
 * (so one's memory or event-loop state does not colour the next) and stop on the first failure.
 */

const dir = fileURLToPath(new URL('.', import.meta.url));
const { names, flags } = splitBenchArgs(process.argv.slice(2));
const benches = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => names.length === 0 || names.some((n) => f.startsWith(n)))
  .sort();

if (benches.length === 0) {
  console.error(`no benchmark matches ${names.join(', ')}; available: ${readdirSync(dir).filter((f) => f.endsWith('.bench.ts')).join(', ')}`);
  process.exit(2);
}
for (const [i, bench] of benches.entries()) {
  console.error(`\n[${i + 1}/${benches.length}] ${bench}`);
  const result = spawnSync(process.execPath, ['--import', 'tsx', `${dir}${bench}`, ...flags], { stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`${bench} failed with exit code ${result.status}`);
    process.exit(result.status ?? 1);
  }
}
