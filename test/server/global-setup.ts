import { buildBenchServer } from '../bench/lib/build-bench.ts';
import { postgresBinaries, startPostgres } from '../bench/lib/throwaway-postgres.ts';

/**
 * The smoke benchmarks start the server as deployed (bundled, see test/bench/lib/server-process.ts).
 * Build it once here, before the test files run in parallel, and tell them where it is.
 *
 * One throwaway PostgreSQL server serves every test file that needs one (each takes a database or a
 * schema of its own): TTX_TEST_POSTGRES is its URL. Only when PostgreSQL is not installed does
 * TTX_TEST_POSTGRES_MISSING say so instead (those tests then skip and print it); installed but
 * failing to start is an error.
 */
export default async function setup(): Promise<() => Promise<void>> {
  process.env.TTX_BENCH_SERVER = await buildBenchServer('bench');
  const binaries = postgresBinaries();
  if ('missing' in binaries) {
    process.env.TTX_TEST_POSTGRES_MISSING = binaries.missing;
    return async () => undefined;
  }
  const postgres = await startPostgres();
  process.env.TTX_TEST_POSTGRES = postgres.url;
  return () => postgres.stop();
}
