import { parentPort, workerData } from 'node:worker_threads';
import { retryWhileBusy } from './busy.ts';
import { committer, LOG_AFTER_SQL, openDatabase, PROBE_SQL } from './sqlite-schema.ts';
import { integrityProblems } from './storage-error.ts';
import type { CommitItem, CommitRefusals } from './types.ts';

/*
 * The writer thread (and, with role 'checkpointer', its companion). A commit with synchronous=FULL
 * waits for the disk to confirm (fsync); done on the main thread, that wait stalls every socket.
 * Here it stalls only this thread, while the main thread keeps serving and gathers the next group
 * commit.
 */

const { path, role } = workerData as { path: string; role: 'writer' | 'checkpointer' };
let opened: ReturnType<typeof openDatabase>;
try {
  opened = openDatabase(path);
} catch (error) {
  // Told to the store (SqliteStore.ready), which explains it in one line; a throw here would be a raw stack.
  parentPort?.postMessage({ failed: { code: (error as { code?: string }).code ?? '', message: (error as Error).message } });
  process.exit(1);
}
const db = opened;
parentPort?.postMessage({ ready: true });
// Checkpoints (copying the WAL back into the database file, with an fsync) are left to a thread of
// their own, so none holds a commit up.
db.pragma('wal_autocheckpoint = 0');
const commitOnce = committer(db);

/*
 * Other connections write the file too (the main thread creates drills), and only one can write at
 * a time. SQLite's own busy handler sleeps 1, 2, 5, 10… ms between tries, far longer than a commit
 * holds the lock; this thread may block, so it polls every 100 µs instead, for up to 5 s like busy_timeout.
 */
db.pragma('busy_timeout = 0');
// BUSY can only come from BEGIN IMMEDIATE (before anything is written; the whole transaction is
// rolled back in any case), so trying again from the start is safe.
const commit = (items: CommitItem[]): CommitRefusals => retryWhileBusy(() => commitOnce(items));
if (role === 'checkpointer') {
  // The integrity check at start (SqliteStore.checked) runs here, while the main thread reads and
  // folds the logs for boot; a read, so BUSY (another connection recovering the WAL) is tried again.
  let problems: string[] | null = null;
  try {
    problems = retryWhileBusy(() => integrityProblems(db));
    parentPort?.postMessage({ checked: problems });
  } catch (error) {
    parentPort?.postMessage({ checkFailed: { code: (error as { code?: string }).code ?? '', message: (error as Error).message } });
  }
  // Checkpoints start once the check is done (it holds this thread until then), and never on a
  // damaged file, which the server refuses to serve from.
  if (problems?.length === 0) startCheckpoints();
}

function startCheckpoints(): void {
  // PASSIVE never blocks the writer; it copies what it can and tries again a second later.
  setInterval(() => {
    try {
      db.pragma('wal_checkpoint(PASSIVE)');
    } catch (error) {
      parentPort?.postMessage({ problem: `checkpoint failed: ${(error as Error).message}` });
    }
  }, 1000);
}

const logAfter = db.prepare(LOG_AFTER_SQL).pluck();
const probe = db.prepare(PROBE_SQL);

parentPort?.on('message', (msg: { id: number; items: CommitItem[] } | { id: number; read: string[] } | { id: number; probe: number } | { close: true }) => {
  if ('close' in msg) {
    db.close();
    parentPort?.postMessage({ closed: true });
    return;
  }
  if ('read' in msg) {
    // Boot's log reads (SqliteStore.entriesOf): each drill's log as its JSON text.
    try {
      parentPort?.postMessage({ id: msg.id, ok: true, logs: msg.read.map((drillId) => logAfter.get(drillId, -1) as string) });
    } catch (error) {
      parentPort?.postMessage({ id: msg.id, ok: false, error: (error as Error).message });
    }
    return;
  }
  try {
    if ('probe' in msg) {
      retryWhileBusy(() => probe.run(msg.probe));
      parentPort?.postMessage({ id: msg.id, ok: true });
      return;
    }
    parentPort?.postMessage({ id: msg.id, ok: true, refused: commit(msg.items) });
  } catch (error) {
    parentPort?.postMessage({ id: msg.id, ok: false, error: (error as Error).message });
  }
});
