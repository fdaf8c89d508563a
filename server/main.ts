import './memory-tuning.ts';
import { existsSync } from 'node:fs';
import { createApp } from './app.ts';
import { startPrimary } from './cluster/primary.ts';
import { serveHandedConnections, workerShard } from './cluster/worker.ts';
import { createLogger } from './log.ts';
import { CLIENT_DIR } from './paths.ts';
import { PublicOrigin } from './http/public-origin.ts';
import { SqliteStore } from './store/sqlite.ts';
import { StorageError } from './store/storage-error.ts';

/*
 * `npm start`: serves the built client, the HTTP API and socket.io, with an embedded SQLite database.
 * With TTX_WORKERS > 1 it runs as a primary and that many worker processes sharing the drills
 * between them (server/cluster/); by default it is a single process. Configuration
 * comes from the environment:
 *   PORT (8080), TTX_DB (./data/ttx.db),
 *   TTX_PUBLIC_URL (where browsers reach the server; default the listening address, http://localhost:PORT),
 *   TTX_ORGANISER_KEY (when set, creating a drill needs it), TTX_LOG_LEVEL (info),
 *   TTX_WORKERS (1: a single process; n > 1: a primary and n workers, see server/cluster/primary.ts)
 */

const dev = process.argv.includes('--dev');
const log = createLogger();
const port = Number(process.env.PORT ?? 8080);
const dbPath = process.env.TTX_DB ?? './data/ttx.db';
const staticDir = CLIENT_DIR;
// In development the pages come from vite's dev server, which proxies the API and sockets here.
const publicUrl = process.env.TTX_PUBLIC_URL || (dev ? 'http://localhost:5173' : null);
const shard = workerShard();
// One process unless asked: more help only where one process is CPU-bound (ARCHITECTURE.md SRV10).
const workers = Number(process.env.TTX_WORKERS ?? 1);
if (!Number.isInteger(workers) || workers < 1) refuseToStart(`TTX_WORKERS must be a whole number of at least 1 (got "${process.env.TTX_WORKERS}")`);
if (publicUrl) {
  try {
    PublicOrigin.parse(publicUrl);
  } catch (error) {
    refuseToStart((error as Error).message);
  }
}

/** A start-up failure the operator must fix: one line on stderr and a non-zero exit, not a stack trace. */
function refuseToStart(message: string): never {
  process.stderr.write(`ttx: ${message}\n`);
  process.exit(1);
}

/** The database, opened and checked (server/store/storage-error.ts), or the reason it cannot be used, and exit. */
async function openStore(path: string): Promise<SqliteStore> {
  try {
    const store = new SqliteStore(path, { onProblem: (message) => log.warn(message, { database: path }) });
    await store.ready();
    return store;
  } catch (error) {
    if (error instanceof StorageError) refuseToStart(error.message);
    throw error;
  }
}

if (!shard && workers > 1) {
  const primary = await startPrimary({
    workers,
    entry: process.argv[1] ?? '',
    // Workers run the same code the same way, minus a file watcher of their own.
    execArgv: process.execArgv.filter((a) => !a.startsWith('--watch')),
    port,
    log: (line: string) => log.info(line),
  });
  log.info('serving', { url: `http://localhost:${primary.port}/`, port: primary.port, database: dbPath, workers });
  const stop = async () => {
    await primary.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} else {
  const app = createApp({
    store: await openStore(dbPath),
    log,
    staticDir: !dev && existsSync(staticDir) ? staticDir : null,
    publicUrl,
    organiserKey: process.env.TTX_ORGANISER_KEY || null,
    ...(shard ? { shard } : {}),
  });
  const revived = await app.registry.boot();
  if (shard) {
    // The primary listens on the port; a worker stands for the same address.
    app.origin.listening('0.0.0.0', port);
    serveHandedConnections(app.http);
    if (revived) log.info('running drills resumed', { worker: shard.index, drills: revived });
  } else {
    const bound = await app.listen(port);
    log.info('serving', { url: app.origin.url, port: bound, database: dbPath, resumed: revived });
  }
  const stop = async () => {
    await app.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
