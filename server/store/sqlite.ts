import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { LogEntry } from '../../shared/engine/types.ts';
import type { ClockAnchor, CommitItem, DrillRecord, EventStore, SeatRecord, StoredResult } from './types.ts';

/*
 * The embedded store: one SQLite file in WAL mode with synchronous=FULL, so a committed transaction
 * survives a crash or power loss. Events are stored as JSON with (drill_id, seq) as the key, which
 * makes a duplicate seq impossible; commit() also checks that seqs continue without a gap.
 */

const SCHEMA = `
CREATE TABLE IF NOT EXISTS drills (
  id TEXT PRIMARY KEY, scenario_id TEXT NOT NULL, scenario_version INTEGER NOT NULL,
  scenario_text TEXT NOT NULL, scenario_file TEXT NOT NULL, seed TEXT NOT NULL,
  host_key_hash TEXT NOT NULL, created_at INTEGER NOT NULL,
  anchor_wall INTEGER NOT NULL, anchor_game INTEGER NOT NULL, speed REAL NOT NULL, running INTEGER NOT NULL
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
`;

type DrillRow = { id: string; scenario_id: string; scenario_version: number; scenario_text: string; scenario_file: string; seed: string; host_key_hash: string; created_at: number };
const toDrill = (r: DrillRow): DrillRecord => ({ id: r.id, scenarioId: r.scenario_id, scenarioVersion: r.scenario_version, scenarioText: r.scenario_text, scenarioFile: r.scenario_file, seed: r.seed, hostKeyHash: r.host_key_hash, createdAt: r.created_at });

export class SqliteStore implements EventStore {
  private readonly db: Database.Database;
  private readonly stmts;

  constructor(path: string) {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('foreign_keys = ON');
    this.db.exec(SCHEMA);
    const p = (sql: string) => this.db.prepare(sql);
    this.stmts = {
      insertDrill: p('INSERT INTO drills VALUES (@id, @scenarioId, @scenarioVersion, @scenarioText, @scenarioFile, @seed, @hostKeyHash, @createdAt, @wallMs, @gameMs, @speed, @running)'),
      insertSeat: p('INSERT INTO seats VALUES (?, ?, ?, ?)'),
      insertEvent: p('INSERT INTO events VALUES (?, ?, ?, ?, ?)'),
      getDrill: p('SELECT * FROM drills WHERE id = ?'),
      listDrills: p('SELECT * FROM drills WHERE host_key_hash = ? ORDER BY created_at DESC'),
      allIds: p('SELECT id FROM drills'),
      findSeat: p('SELECT drill_id, seat, role, token_hash FROM seats WHERE token_hash = ?'),
      seats: p('SELECT seat, role, token_hash FROM seats WHERE drill_id = ? ORDER BY rowid'),
      entries: p('SELECT seq, at, actor, event FROM events WHERE drill_id = ? AND seq > ? ORDER BY seq'),
      lastSeq: p('SELECT MAX(seq) AS seq FROM events WHERE drill_id = ?'),
      anchor: p('SELECT anchor_wall, anchor_game, speed, running FROM drills WHERE id = ?'),
      setAnchor: p('UPDATE drills SET anchor_wall = ?, anchor_game = ?, speed = ?, running = ? WHERE id = ?'),
      getIdem: p('SELECT ok, body FROM idempotency WHERE drill_id = ? AND key = ?'),
      putIdem: p('INSERT INTO idempotency VALUES (?, ?, ?, ?)'),
    };
  }

  createDrill(drill: DrillRecord, seats: SeatRecord[], first: LogEntry[], anchor: ClockAnchor): void {
    this.db.transaction(() => {
      this.stmts.insertDrill.run({ ...drill, ...anchor, running: anchor.running ? 1 : 0 });
      for (const s of seats) this.stmts.insertSeat.run(drill.id, s.seat, s.role, s.tokenHash);
      for (const e of first) this.stmts.insertEvent.run(drill.id, e.seq, e.at, JSON.stringify(e.actor), JSON.stringify(e.event));
    })();
  }

  getDrill(id: string): DrillRecord | null {
    const row = this.stmts.getDrill.get(id) as DrillRow | undefined;
    return row ? toDrill(row) : null;
  }

  listDrills(hostKeyHash: string): DrillRecord[] {
    return (this.stmts.listDrills.all(hostKeyHash) as DrillRow[]).map(toDrill);
  }

  allDrillIds(): string[] {
    return (this.stmts.allIds.all() as { id: string }[]).map((r) => r.id);
  }

  findSeat(tokenHash: string) {
    const row = this.stmts.findSeat.get(tokenHash) as { drill_id: string; seat: string; role: SeatRecord['role']; token_hash: string } | undefined;
    return row ? { drillId: row.drill_id, seat: row.seat, role: row.role, tokenHash: row.token_hash } : null;
  }

  seats(drillId: string): SeatRecord[] {
    return (this.stmts.seats.all(drillId) as { seat: string; role: SeatRecord['role']; token_hash: string }[]).map((r) => ({ seat: r.seat, role: r.role, tokenHash: r.token_hash }));
  }

  commit(items: CommitItem[]): void {
    this.db.transaction(() => {
      for (const item of items) {
        let expected = this.lastSeq(item.drillId) + 1;
        for (const e of item.entries) {
          if (e.seq !== expected) throw new Error(`seq gap in drill ${item.drillId}: expected ${expected}, got ${e.seq}`);
          this.stmts.insertEvent.run(item.drillId, e.seq, e.at, JSON.stringify(e.actor), JSON.stringify(e.event));
          expected++;
        }
        if (item.anchor) this.stmts.setAnchor.run(item.anchor.wallMs, item.anchor.gameMs, item.anchor.speed, item.anchor.running ? 1 : 0, item.drillId);
        if (item.idempotency) this.stmts.putIdem.run(item.drillId, item.idempotency.key, item.idempotency.result.ok ? 1 : 0, item.idempotency.result.body);
      }
    })();
  }

  entries(drillId: string, afterSeq = -1): LogEntry[] {
    return (this.stmts.entries.all(drillId, afterSeq) as { seq: number; at: number; actor: string; event: string }[]).map((r) => ({ seq: r.seq, at: r.at, actor: JSON.parse(r.actor), event: JSON.parse(r.event) }));
  }

  lastSeq(drillId: string): number {
    const row = this.stmts.lastSeq.get(drillId) as { seq: number | null };
    return row.seq ?? -1;
  }

  anchor(drillId: string): ClockAnchor | null {
    const row = this.stmts.anchor.get(drillId) as { anchor_wall: number; anchor_game: number; speed: number; running: number } | undefined;
    return row ? { wallMs: row.anchor_wall, gameMs: row.anchor_game, speed: row.speed, running: row.running === 1 } : null;
  }

  idempotent(drillId: string, key: string): StoredResult | null {
    const row = this.stmts.getIdem.get(drillId, key) as { ok: number; body: string } | undefined;
    return row ? { ok: row.ok === 1, body: row.body } : null;
  }

  close(): void {
    this.db.close();
  }
}
