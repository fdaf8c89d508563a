import { build } from 'esbuild';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeValidatedScenarios } from '../drills/validated-scenarios.ts';
import { loadBundled } from '../http/scenarios.ts';
import { PROJECT_ROOT } from '../paths.ts';

/*
 * `npm run build` (after the client): bundle the server into plain JavaScript in dist/server, so
 * `npm start` runs it with no TypeScript loader (faster start, less memory, plain stack traces).
 * Dependencies stay in node_modules (better-sqlite3 is native and cannot be bundled).
 */

/**
 * Bundle a Node entry point, with the SQLite writer's and the live score's thread scripts beside it
 * (sqlite.ts and scoring-thread.ts load them from there), and the bundled scenarios as validated
 * (validated-scenarios.ts).
 */
export async function bundleNode(entry: string, out: string, name: string): Promise<string> {
  const outdir = join(PROJECT_ROOT, out);
  await build({
    absWorkingDir: PROJECT_ROOT,
    entryPoints: { [name]: entry, 'sqlite-writer': 'server/store/sqlite-writer.ts', 'scoring-worker': 'server/socket/scoring-worker.ts' },
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
  writeValidatedScenarios(outdir, loadBundled().map(({ text, compiled }) => ({ text, scenario: compiled.scenario })));
  return join(outdir, `${name}.mjs`);
}

export const buildServer = (): Promise<string> => bundleNode('server/main.ts', 'dist/server', 'main');

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  // The server compiles the bundled scenarios on first use, not at start (server/http/scenarios.ts),
  // so a broken one is refused here, before `npm start` serves anything.
  try {
    loadBundled();
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(1);
  }
  process.stdout.write(`built ${await buildServer()}\n`);
}
