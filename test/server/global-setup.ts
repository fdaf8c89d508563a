import { buildBenchServer } from '../bench/lib/build-bench.ts';

/**
 * The smoke benchmarks start the server as deployed (bundled, see test/bench/lib/server-process.ts).
 * Build it once here, before the test files run in parallel, and tell them where it is.
 */
export default async function setup(): Promise<void> {
  process.env.TTX_BENCH_SERVER = await buildBenchServer('bench');
}
