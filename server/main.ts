import './memory-tuning.ts';
import { existsSync } from 'node:fs';
import { createApp } from './app.ts';
import { CLIENT_DIR } from './paths.ts';
import { openStore } from './store/open-store.ts';

/*
 * `npm start`: serves the built client, the HTTP API and socket.io. By default one process on an
 * embedded SQLite database; with TTX_DB=postgres://… it is one node of several sharing the drills
 * through PostgreSQL, behind a proxy that routes by drill (README "Running on several machines").
 * Configuration comes from the environment:
 *   PORT (8080), TTX_DB (./data/ttx.db: a SQLite file, or a postgres:// URL),
 *   TTX_ALLOWED_ORIGINS (comma-separated, besides same-origin),
 *   TTX_NODE_NAME (with PostgreSQL: this node's name in the lease table; the host name by default)
 */

const dev = process.argv.includes('--dev');
const port = Number(process.env.PORT ?? 8080);
const staticDir = CLIENT_DIR;
const allowedOrigins = (process.env.TTX_ALLOWED_ORIGINS ?? (dev ? 'http://localhost:5173' : '')).split(',').filter(Boolean);

const { store, leases, description } = await openStore(process.env.TTX_DB ?? './data/ttx.db', { nodeName: process.env.TTX_NODE_NAME });
const app = createApp({ store, leases, staticDir: !dev && existsSync(staticDir) ? staticDir : null, allowedOrigins });
const revived = await app.registry.boot();
const bound = await app.listen(port);
console.log(`ttx serving on http://localhost:${bound} (${description}${revived ? `, ${revived} running drill(s) resumed` : ''})`);
const stop = async () => {
  await app.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
