import { parentPort, workerData } from 'node:worker_threads';
import { committer, openDatabase } from './sqlite-schema.ts';
import type { CommitItem } from './types.ts';

/*
 * The writer thread (and, with role 'checkpointer', its companion). A commit with synchronous=FULL
 * waits for the disk to confirm (fsync); done on the main thread, that wait stalls every socket.
 * Here it stalls only this thread, while the main thread keeps serving and gathers the next group
 * commit.
 */

const { path, role } = workerData as { path: string; role: 'writer' | 'checkpointer' };
const db = openDatabase(path);
// Checkpoints (copying the WAL back into the database file, with an fsync) are left to a thread of
// their own: run by the writer, each one held every commit behind it for tens of milliseconds.
db.pragma('wal_autocheckpoint = 0');
const commit = committer(db);
if (role === 'checkpointer') {
  // PASSIVE never blocks the writer; it copies what it can and tries again a second later.
  setInterval(() => db.pragma('wal_checkpoint(PASSIVE)'), 1000);
}

parentPort?.on('message', (msg: { id: number; items: CommitItem[] } | { close: true }) => {
  if ('close' in msg) {
    db.close();
    parentPort?.postMessage({ closed: true });
    return;
  }
  try {
    commit(msg.items);
    parentPort?.postMessage({ id: msg.id, ok: true });
  } catch (error) {
    parentPort?.postMessage({ id: msg.id, ok: false, error: (error as Error).message });
  }
});
