import './memory-tuning.ts';
import { existsSync } from 'node:fs';
import { createApp } from './app.ts';
import { CLIENT_DIR } from './paths.ts';
import { SqliteStore } from './store/sqlite.ts';

/*
 * `npm start`: one process serving the built client, the HTTP API and socket.io, with an embedded
 * SQLite database. Configuration comes from the environment:
 *   PORT (8080), TTX_DB (./data/ttx.db), TTX_ALLOWED_ORIGINS (comma-separated, besides same-origin)
 */

const dev = process.argv.includes('--dev');
const port = Number(process.env.PORT ?? 8080);
const dbPath = process.env.TTX_DB ?? './data/ttx.db';
const staticDir = CLIENT_DIR;
const allowedOrigins = (process.env.TTX_ALLOWED_ORIGINS ?? (dev ? 'http://localhost:5173' : '')).split(',').filter(Boolean);

const app = createApp({
  store: new SqliteStore(dbPath),
  staticDir: !dev && existsSync(staticDir) ? staticDir : null,
  allowedOrigins,
});
const revived = await app.registry.boot();
const bound = await app.listen(port);
console.log(`ttx serving on http://localhost:${bound} (database ${dbPath}${revived ? `, ${revived} running drill(s) resumed` : ''})`);

const stop = async () => {
  await app.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
