import Database from 'better-sqlite3';
import { scenarioHash } from './scenario-hash.ts';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { retryWhileBusy } from './busy.ts';
import type { CommitItem, CommitRefusals } from './types.ts';

/*
 * The database file's shape and its one write path, shared by the store (reads, drill creation)
 * and the writer thread (event commits). WAL mode with synchronous=FULL: a committed transaction
 * survives a crash or power loss. (drill_id, seq) is the key, so a duplicate seq is impossible,
 * and a commit also checks that seqs continue without a gap.
 */

export const SCHEMA = `
CREATE TABLE IF NOT EXISTS drills (
  id TEXT PRIMARY KEY, scenario_id TEXT NOT NULL, scenario_version INTEGER NOT NULL,
  scenario_text TEXT NOT NULL, scenario_file TEXT NOT NULL, seed TEXT NOT NULL,
  host_key_hash TEXT NOT NULL, created_at INTEGER NOT NULL,
  anchor_wall INTEGER NOT NULL, anchor_game INTEGER NOT NULL, speed REAL NOT NULL, running INTEGER NOT NULL,
  scenario_hash TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS drills_by_host ON drills(host_key_hash, created_at);
CREATE TABLE IF NOT EXISTS seats (
  drill_id TEXT NOT NULL, seat TEXT NOT NULL, role TEXT NOT NULL, token_hash TEXT NOT NULL UNIQUE,
  PRIMARY KEY (drill_id, seat)
);
CREATE TABLE IF NOT EXISTS events (
  drill_id TEXT NOT NULL, seq INTEGER NOT NULL, at INTEGER NOT NULL, actor TEXT NOT NULL, event TEXT NOT NULL,
  PRIMARY KEY (drill_id, seq)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS idempotency (
  drill_id TEXT NOT NULL, key TEXT NOT NULL, ok INTEGER NOT NULL, body TEXT NOT NULL,
  PRIMARY KEY (drill_id, key)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS write_probe (id INTEGER PRIMARY KEY CHECK (id = 1), at INTEGER NOT NULL);
`;

/**
 * A write that touches the disk and nothing else (EventStore.probeWrite): one row, overwritten, so
 * a full disk or a read-only file fails it as it fails a commit.
 */
export const PROBE_SQL = 'INSERT INTO write_probe (id, at) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET at = excluded.at';

/** Open (creating if needed) the database with the durability settings every connection uses. */
export function openDatabase(path: string): Database.Database {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  // Each thread (and any other process opening the file, such as the CLI) has its own connection:
  // wait for each other's locks briefly. Set first: the pragmas and schema below may meet another
  // connection's lock.
  db.pragma('busy_timeout = 5000');
  // After a crash, the first connection to open the file recovers its WAL, and meanwhile another
  // connection's `journal_mode` fails with SQLITE_BUSY at once, without SQLite's busy handler
  // ("database is locked", and a server that never came up). Each step below is idempotent, so it
  // is tried again until the recovery is done.
  const step = (run: () => unknown) => retryWhileBusy(run, { pollMs: 1 });
  step(() => db.pragma('journal_mode = WAL'));
  step(() => db.pragma('synchronous = FULL'));
  step(() => db.pragma('foreign_keys = ON'));
  step(() => db.exec(SCHEMA));
  step(() => addScenarioHashes(db));
  // Boot's two queries over running drills read only this index, never the rows, whose columns sit
  // behind the scenario text's overflow pages. After addScenarioHashes, which adds a column.
  step(() => db.exec('CREATE INDEX IF NOT EXISTS drills_running ON drills(running, scenario_hash, scenario_file, id, anchor_wall, anchor_game, speed)'));
  return db;
}


/**
 * Databases made before drills recorded their scenario text's hash get the column, filled in, once:
 * boot groups running drills by that hash rather than by the text itself. In one IMMEDIATE
 * transaction, checked again inside it, since another thread or process may open the same file at
 * the same moment.
 */
function addScenarioHashes(db: Database.Database): void {
  const hasColumn = () => (db.prepare("SELECT count(*) FROM pragma_table_info('drills') WHERE name = 'scenario_hash'").pluck().get() as number) > 0;
  if (hasColumn()) return;
  db.transaction(() => {
    if (hasColumn()) return;
    db.exec("ALTER TABLE drills ADD COLUMN scenario_hash TEXT NOT NULL DEFAULT ''");
    const set = db.prepare('UPDATE drills SET scenario_hash = ? WHERE id = ?');
    // All read first: better-sqlite3 refuses a write while the same connection is iterating a read.
    const rows = db.prepare('SELECT id, scenario_text FROM drills').all() as { id: string; scenario_text: string }[];
    for (const row of rows) set.run(scenarioHash(row.scenario_text), row.id);
  }).immediate();
}

/**
 * A drill's entries after a seq, as one JSON array text: one JSON.parse for the lot, not two per row
 * (reading logs is most of a restart).
 */
const LOG_JSON_SQL = `SELECT '[' || coalesce(group_concat('{"seq":' || seq || ',"at":' || at || ',"actor":' || actor || ',"event":' || event || '}', ',' ORDER BY seq), '') || ']' AS log FROM events`;
export const LOG_AFTER_SQL = `${LOG_JSON_SQL} WHERE drill_id = ? AND seq > ?`;

/** A drill's entries up to and including a seq, the same way: what a context primed "as of seq" holds. */
export const LOG_THROUGH_SQL = `${LOG_JSON_SQL} WHERE drill_id = ? AND seq <= ?`;

/**
 * One transaction for a batch of commands' items. Each item runs in a savepoint of its own
 * (better-sqlite3 nests a transaction function as a SAVEPOINT), so an item refused for a seq gap or
 * a duplicate (its seq, or its idempotency key: a constraint) is rolled back alone and named in the
 * answer, while the rest of the batch commits. A drill's commands are decided before the ones ahead
 * of them are durable (shared/master/drill-master.ts), so when one is refused its successors are refused
 * too; they must not take other drills' commands in the same batch down with them. Anything else
 * (the disk, SQLite itself) fails the whole transaction.
 */
export function committer(db: Database.Database): (items: CommitItem[]) => CommitRefusals {
  const insertEvent = db.prepare('INSERT INTO events VALUES (?, ?, ?, ?, ?)');
  const lastSeq = db.prepare('SELECT MAX(seq) AS seq FROM events WHERE drill_id = ?');
  const setAnchor = db.prepare('UPDATE drills SET anchor_wall = ?, anchor_game = ?, speed = ?, running = ? WHERE id = ?');
  const putIdem = db.prepare('INSERT INTO idempotency VALUES (?, ?, ?, ?)');
  const one = db.transaction((item: CommitItem) => {
    let expected = ((lastSeq.get(item.drillId) as { seq: number | null }).seq ?? -1) + 1;
    for (const e of item.entries) {
      if (e.seq !== expected) throw new RefusedItem(`seq gap or duplicate in drill ${item.drillId}: expected ${expected}, got ${e.seq}`);
      insertEvent.run(item.drillId, e.seq, e.at, JSON.stringify(e.actor), JSON.stringify(e.event));
      expected++;
    }
    if (item.anchor) setAnchor.run(item.anchor.wallMs, item.anchor.gameMs, item.anchor.speed, item.anchor.running ? 1 : 0, item.drillId);
    if (item.idempotency) putIdem.run(item.drillId, item.idempotency.key, item.idempotency.result.ok ? 1 : 0, item.idempotency.result.body);
  });
  const transaction = db.transaction((items: CommitItem[]) => {
    const refused: { index: number; message: string }[] = [];
    items.forEach((item, index) => {
      try {
        one(item);
      } catch (error) {
        // Only this item's own fault is isolated; if SQLite ended the transaction, nothing commits.
        if (!db.inTransaction || !isItemFault(error)) throw error;
        refused.push({ index, message: (error as Error).message });
      }
    });
    return refused;
  });
  // IMMEDIATE takes the write lock at BEGIN, waiting (busy_timeout) for another writer to finish. A
  // deferred transaction reads first (MAX(seq)) and then upgrades; when another connection commits
  // in between, the upgrade fails at once with "database is locked".
  return (items) => transaction.immediate(items);
}

/** An item refused on its own merits (a gap, a duplicate), as opposed to a failure of the database. */
class RefusedItem extends Error {}

function isItemFault(error: unknown): boolean {
  return error instanceof RefusedItem || (error instanceof Database.SqliteError && error.code.startsWith('SQLITE_CONSTRAINT'));
}
