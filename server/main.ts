import './memory-tuning.ts';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createApp } from './app.ts';
import { readValidatedScenarios } from './drills/validated-scenarios.ts';
import { createLogger } from './log.ts';
import { CLIENT_DIR } from './paths.ts';
import { PublicOrigin } from './http/public-origin.ts';
import { isPostgresUrl, openStore, type OpenedStore } from './store/open-store.ts';
import { StorageError } from './store/storage-error.ts';

/*
 * `npm start`: serves the built client, the HTTP API and socket.io. By default one process on an
 * embedded SQLite database; with TTX_DB=postgres://… it is one node of several sharing the drills
 * through PostgreSQL, behind a proxy that routes by drill (README "Running on several machines").
 * Configuration comes from the environment:
 *   PORT (8080), TTX_DB (./data/ttx.db: a SQLite file, or a postgres:// URL),
 *   TTX_PUBLIC_URL (where browsers reach the server; default the listening address, http://localhost:PORT),
 *   TTX_ORGANISER_KEY (when set, creating a drill needs it), TTX_METRICS_TOKEN (when set, /metrics
 *   needs it), TTX_LOG_LEVEL (info),
 *   TTX_NODE_NAME (with PostgreSQL: this node's name in the lease table; the host name by default)
 */

const dev = process.argv.includes('--dev');
const log = createLogger();
const port = Number(process.env.PORT ?? 8080);
const staticDir = CLIENT_DIR;
// In development the pages come from vite's dev server, which proxies the API and sockets here.
const publicUrl = process.env.TTX_PUBLIC_URL || (dev ? 'http://localhost:5173' : null);
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

/** The store, opened and checked (server/store/storage-error.ts), or the reason it cannot be used, and exit. */
async function open(setting: string): Promise<OpenedStore> {
  try {
    // A PostgreSQL URL may carry a password, so only a SQLite path goes into the log lines.
    const database = isPostgresUrl(setting) ? undefined : setting;
    return await openStore(setting, { nodeName: process.env.TTX_NODE_NAME, onProblem: (message) => log.warn(message, { database }) });
  } catch (error) {
    if (error instanceof StorageError) refuseToStart(error.message);
    throw error;
  }
}

const { store, leases, database, node } = await open(process.env.TTX_DB ?? './data/ttx.db');
const app = createApp({
  store,
  // Built, the scenarios the build validated are beside this file; from source there are none.
  validatedScenarios: readValidatedScenarios(fileURLToPath(new URL('.', import.meta.url))),
  leases,
  log,
  staticDir: !dev && existsSync(staticDir) ? staticDir : null,
  publicUrl,
  organiserKey: process.env.TTX_ORGANISER_KEY || null,
  metricsToken: process.env.TTX_METRICS_TOKEN || null,
  scoring: 'thread',
});
// Boot waits for the store's integrity check (SqliteStore.checked), so a damaged file stops it here.
const revived = await app.registry.boot().catch((error: unknown) => {
  if (error instanceof StorageError) refuseToStart(error.message);
  throw error;
});
const bound = await app.listen(port);
log.info('serving', { url: app.origin.url, port: bound, database, node, resumed: revived });
const stop = async () => {
  await app.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
