import { build } from 'esbuild';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadBundled } from '../http/scenarios.ts';
import { PROJECT_ROOT } from '../paths.ts';

/*
 * `npm run build` (after the client): bundle the server into plain JavaScript in dist/server, so
 * `npm start` runs it with no TypeScript loader. Without tsx the process and each of its two SQLite
 * threads start faster and use less memory, and stack traces need no source-map lookups.
 * Dependencies stay in node_modules (better-sqlite3 is native and cannot be bundled).
 *
 * `buildServer('bench')` builds the benchmark server (test/bench/lib/bench-server.ts) the same way
 * into dist/bench, so benchmarks measure the server as it is deployed, and `buildServer('floor')` the
 * load bench's transport floor (test/bench/lib/floor-server.ts) into dist/bench-floor.
 */

const TARGETS = {
  server: { entry: 'server/main.ts', out: 'dist/server' },
  bench: { entry: 'test/bench/lib/bench-server.ts', out: 'dist/bench' },
  floor: { entry: 'test/bench/lib/floor-server.ts', out: 'dist/bench-floor' },
} as const;

export async function buildServer(target: keyof typeof TARGETS = 'server'): Promise<string> {
  const { entry, out } = TARGETS[target];
  const outdir = join(PROJECT_ROOT, out);
  const name = { server: 'main', bench: 'bench-server', floor: 'floor-server' }[target];
  await build({
    absWorkingDir: PROJECT_ROOT,
    // The writer thread's script must sit beside the bundle (see server/store/sqlite.ts).
    entryPoints: { [name]: entry, 'sqlite-writer': 'server/store/sqlite-writer.ts' },
    outdir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: 'linked',
    logLevel: 'warning',
  });
  return join(outdir, `${name}.mjs`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const target = process.argv[2] === 'bench' ? 'bench' : 'server';
  // The server compiles the bundled scenarios on first use, not at start (server/http/scenarios.ts),
  // so a broken one is refused here, before `npm start` serves anything.
  try {
    loadBundled();
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
  console.log(`built ${await buildServer(target)}`);
}
