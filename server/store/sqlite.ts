import type Database from 'better-sqlite3';
import type { Worker } from 'node:worker_threads';
import type { LogEntry } from '../../shared/engine/types.ts';
import { startThread } from '../threads.ts';
import { KeyFilter } from './key-filter.ts';
import { checkWritable, damaged, explainStorageFailure, integrityProblems, type StorageError } from './storage-error.ts';
import { committer, LOG_AFTER_SQL, openDatabase, PROBE_SQL } from './sqlite-schema.ts';
import { scenarioHash } from './scenario-hash.ts';
import type { ClockAnchor, CommitItem, CommitRefusals, DrillRecord, EventStore, LogReader, RunningGroup, SeatRecord, StoredResult } from './types.ts';

/** What a writer or checkpointer thread reports once: that it opened the file, and the checkpointer's integrity check. */
interface ThreadReport {
  ready?: boolean;
  failed?: { code: string; message: string };
  checked?: string[];
  checkFailed?: { code: string; message: string };
}

/** What the writer thread answers: the logs read (boot), or the items a commit refused. */
interface WriterReply {
  logs?: string[];
  refused?: CommitRefusals;
}

/*
 * The embedded store: one SQLite file (schema and durability settings in ./sqlite-schema.ts).
 * Reads and drill creation use this thread's connection; event commits go to a writer thread
 * (./sqlite-writer.ts) so the disk's fsync never stalls the event loop. An in-memory database
 * cannot be shared between threads, so ':memory:' commits in this thread.
 */

type DrillRow = { id: string; scenario_id: string; scenario_version: number; scenario_text: string; scenario_file: string; seed: string; host_key_hash: string; created_at: number };
const toDrill = (r: DrillRow): DrillRecord => ({ id: r.id, scenarioId: r.scenario_id, scenarioVersion: r.scenario_version, scenarioText: r.scenario_text, scenarioFile: r.scenario_file, seed: r.seed, hostKeyHash: r.host_key_hash, createdAt: r.created_at });

/*
 * Each thread has a V8 heap of its own, and left alone V8 sizes its young generation as for a busy
 * main thread. The writer only ever holds one or two groups of commits, and the
 * checkpointer next to nothing; what they allocate dies young. Only the young generation is capped:
 * it cannot run out (survivors move to the old generation), whereas a capped old generation could
 * kill the writer under a backlog.
 */
const WRITER_LIMITS = { maxYoungGenerationSizeMb: 8 };
const CHECKPOINTER_LIMITS = { maxYoungGenerationSizeMb: 2 };

interface SeatRow {
  drill_id: string;
  seat: string;
  role: SeatRecord['role'];
  token_hash: string;
}
/**
 * A thread's report, awaited with nothing else to run (the server before it listens), must not let
 * the process exit: the threads are unreferenced, so a timer holds it until the report comes.
 */
function keptAlive(report: Promise<void>): Promise<void> {
  const hold = setInterval(() => undefined, 1 << 30);
  return report.finally(() => clearInterval(hold));
}

const seatOf = (row: SeatRow): SeatRecord & { drillId: string } => ({ drillId: row.drill_id, seat: row.seat, role: row.role, tokenHash: row.token_hash });

export class SqliteStore implements EventStore {
  private readonly db: Database.Database;
  private readonly stmts;

  private readonly writer: Worker | null;
  private readonly checkpointer: Worker | null = null;
  private readonly commitHere: ((items: CommitItem[]) => CommitRefusals) | null;
  private readonly pending = new Map<number, { resolve: (reply: WriterReply) => void; reject: (e: Error) => void }>();
  private nextId = 0;
  private writerError: Error | null = null;
  private closing = false;
  /** Per drill, the idempotency keys it has stored (see key-filter.ts); loaded on first use. */
  private readonly keyFilters = new Map<string, KeyFilter>();
  /**
   * Seats by token hash, for the drills in use: every connection looks its token up, and after a
   * restart thousands arrive within seconds. Seats never change once a drill exists, so this cannot go stale. It holds the running
   * drills' seats (read with them at boot), new drills' seats and any seat looked up since; a
   * forgotten drill's are dropped. Unknown tokens are not remembered, so guessing costs no memory.
   */
  private readonly seatsByToken = new Map<string, SeatRecord & { drillId: string }>();

  /** Resolves once both threads have the file open; rejects with a StorageError saying why not. */
  private readonly opened: Promise<void>;
  /** Resolves once the checkpointer's integrity check found the file healthy; rejects with a StorageError saying why not. */
  private readonly integrity: Promise<void>;

  /**
   * Opens the file and checks that it takes writes (storage-error.ts), throwing a StorageError that
   * says what is wrong with it; its integrity check reports through checked(). `onProblem` hears of
   * trouble the store survives (a failed checkpoint).
   */
  constructor(
    private readonly path: string,
    options: { onProblem?(message: string): void } = {},
  ) {
    let db: Database.Database | null = null;
    try {
      db = openDatabase(path);
      // Without threads (':memory:') the integrity check runs here, before the store is used.
      if (path === ':memory:') {
        const problems = integrityProblems(db);
        if (problems.length > 0) throw damaged(path, problems);
      }
      checkWritable(db);
    } catch (error) {
      db?.close();
      throw explainStorageFailure(path, error);
    }
    this.db = db;
    const p = (sql: string) => this.db.prepare(sql);
    this.stmts = {
      insertDrill: p(
        'INSERT INTO drills (id, scenario_id, scenario_version, scenario_text, scenario_file, seed, host_key_hash, created_at, anchor_wall, anchor_game, speed, running, scenario_hash) ' +
          'VALUES (@id, @scenarioId, @scenarioVersion, @scenarioText, @scenarioFile, @seed, @hostKeyHash, @createdAt, @wallMs, @gameMs, @speed, @running, @scenarioHash)',
      ),
      insertSeat: p('INSERT INTO seats VALUES (?, ?, ?, ?)'),
      insertEvent: p('INSERT INTO events VALUES (?, ?, ?, ?, ?)'),
      getDrill: p('SELECT * FROM drills WHERE id = ?'),
      listDrills: p('SELECT * FROM drills WHERE host_key_hash = ? ORDER BY created_at DESC'),
      // Grouped in SQLite by the text's hash, so each distinct scenario text is read once.
      runningGroups: p('SELECT scenario_hash, scenario_file, group_concat(id) AS ids, min(id) AS sample FROM drills WHERE running = 1 GROUP BY scenario_hash, scenario_file'),
      scenarioText: p('SELECT scenario_text FROM drills WHERE id = ?').pluck(),
      runningAnchors: p('SELECT id, anchor_wall, anchor_game, speed, running FROM drills WHERE running = 1'),
      findSeat: p('SELECT drill_id, seat, role, token_hash FROM seats WHERE token_hash = ?'),
      runningSeats: p('SELECT s.drill_id, s.seat, s.role, s.token_hash FROM seats s JOIN drills d ON d.id = s.drill_id WHERE d.running = 1'),
      seats: p('SELECT seat, role, token_hash FROM seats WHERE drill_id = ? ORDER BY rowid'),
      entries: p(LOG_AFTER_SQL).pluck(),
      lastSeq: p('SELECT MAX(seq) AS seq FROM events WHERE drill_id = ?'),
      anchor: p('SELECT anchor_wall, anchor_game, speed, running FROM drills WHERE id = ?'),
      getIdem: p('SELECT ok, body FROM idempotency WHERE drill_id = ? AND key = ?'),
      idemKeys: p('SELECT key FROM idempotency WHERE drill_id = ?').pluck(),
    };
    if (path === ':memory:') {
      this.writer = null;
      this.commitHere = committer(this.db);
      this.opened = Promise.resolve();
      this.integrity = Promise.resolve();
      return;
    }
    this.commitHere = null;
    this.db.pragma('wal_autocheckpoint = 0'); // the checkpointer thread does it
    // Built, the writer is a plain script beside the bundle; from source, a bootstrap loads it through tsx.
    this.writer = startThread(import.meta.url, 'sqlite-writer', { workerData: { path, role: 'writer' }, resourceLimits: WRITER_LIMITS });
    this.checkpointer = startThread(import.meta.url, 'sqlite-writer', { workerData: { path, role: 'checkpointer' }, resourceLimits: CHECKPOINTER_LIMITS });
    this.checkpointer.unref();
    this.opened = Promise.all([this.writer, this.checkpointer].map((thread) => this.openedBy(thread))).then(() => undefined);
    // Not yet awaited by everyone (tests construct a store and use it at once): failures surface through ready() and commit().
    this.opened.catch(() => undefined);
    // Listened for now, before the thread can report. A thread that failed to open reports that
    // (opened) rather than its exit.
    const integrity = this.checkedBy(this.checkpointer);
    integrity.catch(() => undefined);
    this.integrity = this.opened.then(() => integrity);
    // Awaited by boot, not by every test that constructs a store.
    this.integrity.catch(() => undefined);
    this.checkpointer.on('message', (msg: { problem?: string }) => {
      if (msg.problem) options.onProblem?.(msg.problem);
    });
    this.checkpointer.on('error', (error) => options.onProblem?.(`checkpointer stopped: ${error.message}`));
    this.writer.on('message', (msg: WriterReply & { id?: number; ok?: boolean; error?: string }) => {
      if (msg.id === undefined) return;
      const waiter = this.pending.get(msg.id);
      this.pending.delete(msg.id);
      if (this.pending.size === 0 && !this.closing) this.writer?.unref();
      if (msg.ok) waiter?.resolve(msg);
      else waiter?.reject(new Error(msg.error ?? 'commit failed'));
    });
    // A writer that dies loses no commit silently: every waiting and later commit fails.
    const fail = (error: Error) => {
      this.writerError ??= error;
      for (const w of this.pending.values()) w.reject(error);
      this.pending.clear();
    };
    this.writer.on('error', fail);
    this.writer.on('exit', (code) => fail(new Error(`the database writer stopped (exit ${code})`)));
    // An idle writer must not keep a process alive; one with commits in flight must (see commit()).
    this.writer.unref();
  }

  /** The file, which the scoring thread reads logs from; an in-memory database cannot be shared between threads. */
  get logFile(): string | undefined {
    return this.writer ? this.path : undefined;
  }

  /** Whether both threads opened the file: await before serving, so a broken file stops the server with one clear line. */
  ready(): Promise<void> {
    return keptAlive(this.opened);
  }

  /**
   * Whether SQLite's integrity check at start (run by the checkpointer thread while boot reads the
   * logs) found the file healthy; rejects with a StorageError saying why not. Boot writes nothing before.
   */
  checked(): Promise<void> {
    return keptAlive(this.integrity);
  }

  /** The checkpointer's report of its integrity check. */
  private checkedBy(thread: Worker): Promise<void> {
    return this.reportOf(
      thread,
      (msg) => (msg.checked ? (msg.checked.length > 0 ? damaged(this.path, msg.checked) : null) : msg.checkFailed ? this.failure(msg.checkFailed) : undefined),
      (code) => `its checkpointer thread stopped before its integrity check (exit ${code})`,
    );
  }

  private openedBy(thread: Worker): Promise<void> {
    return this.reportOf(
      thread,
      (msg) => (msg.ready ? null : msg.failed ? this.failure(msg.failed) : undefined),
      (code) => `its ${thread === this.writer ? 'writer' : 'checkpointer'} thread stopped (exit ${code})`,
    );
  }

  /** What SQLite told a thread, explained as a StorageError. */
  private failure(told: { code: string; message: string }): StorageError {
    return explainStorageFailure(this.path, Object.assign(new Error(told.message), { code: told.code }));
  }

  /**
   * One report of a thread: `read` finds it in a message (null when all is well, else the error) or
   * gives undefined for other messages; a thread that exits first fails with `exited`.
   */
  private reportOf(thread: Worker, read: (msg: ThreadReport) => Error | null | undefined, exited: (code: number) => string): Promise<void> {
    return new Promise((resolve, reject) => {
      const onMessage = (msg: ThreadReport) => {
        const found = read(msg);
        if (found !== undefined) done(found);
      };
      const onExit = (code: number) => done(explainStorageFailure(this.path, new Error(exited(code))));
      const done = (error: Error | null) => {
        thread.off('message', onMessage);
        thread.off('exit', onExit);
        if (error) reject(error);
        else resolve();
      };
      thread.on('message', onMessage);
      thread.on('exit', onExit);
    });
  }

  createDrill(drill: DrillRecord, seats: SeatRecord[], first: LogEntry[], anchor: ClockAnchor): void {
    // IMMEDIATE: wait for the write lock up front (see committer() in sqlite-schema.ts).
    this.db.transaction(() => {
      this.stmts.insertDrill.run({ ...drill, ...anchor, running: anchor.running ? 1 : 0, scenarioHash: scenarioHash(drill.scenarioText) });
      for (const s of seats) this.stmts.insertSeat.run(drill.id, s.seat, s.role, s.tokenHash);
      for (const e of first) this.stmts.insertEvent.run(drill.id, e.seq, e.at, JSON.stringify(e.actor), JSON.stringify(e.event));
    }).immediate();
    // Written out, not `{ ...s, drillId }`: a spread plus a property gives each seat a hidden class of its own (ARCHITECTURE.md MEM1–6).
    for (const s of seats) this.seatsByToken.set(s.tokenHash, { drillId: drill.id, seat: s.seat, role: s.role, tokenHash: s.tokenHash });
  }

  getDrill(id: string): DrillRecord | null {
    const row = this.stmts.getDrill.get(id) as DrillRow | undefined;
    return row ? toDrill(row) : null;
  }

  listDrills(hostKeyHash: string): DrillRecord[] {
    return (this.stmts.listDrills.all(hostKeyHash) as DrillRow[]).map(toDrill);
  }

  runningByScenario(): RunningGroup[] {
    // The drills about to resume are the ones whose seats are about to reconnect.
    for (const row of this.stmts.runningSeats.all() as SeatRow[]) this.seatsByToken.set(row.token_hash, seatOf(row));
    const anchors = new Map(
      (this.stmts.runningAnchors.all() as { id: string; anchor_wall: number; anchor_game: number; speed: number; running: number }[]).map((r) => [r.id, { wallMs: r.anchor_wall, gameMs: r.anchor_game, speed: r.speed, running: r.running === 1 }]),
    );
    return (this.stmts.runningGroups.all() as { scenario_file: string; ids: string; sample: string }[]).map((r) => ({
      scenarioText: this.stmts.scenarioText.get(r.sample) as string,
      scenarioFile: r.scenario_file,
      drills: r.ids.split(',').flatMap((id) => {
        const anchor = anchors.get(id);
        return anchor ? [{ id, anchor }] : [];
      }),
    }));
  }

  findSeat(tokenHash: string) {
    const known = this.seatsByToken.get(tokenHash);
    if (known) return { ...known };
    const row = this.stmts.findSeat.get(tokenHash) as SeatRow | undefined;
    if (!row) return null;
    const seat = seatOf(row);
    this.seatsByToken.set(tokenHash, seat);
    return { ...seat };
  }

  seats(drillId: string): SeatRecord[] {
    return (this.stmts.seats.all(drillId) as { seat: string; role: SeatRecord['role']; token_hash: string }[]).map((r) => ({ seat: r.seat, role: r.role, tokenHash: r.token_hash }));
  }

  /** Commit a group of items; resolves once the transaction is on disk, with the items it refused. */
  commit(items: CommitItem[]): Promise<CommitRefusals> {
    // Into the filter before the disk confirms: a "maybe" for a key whose commit then fails only
    // costs a lookup that finds nothing. (A retry of a command still in flight is answered by its
    // room, which remembers the keys it has submitted until they are settled.)
    for (const item of items) if (item.idempotency) this.keyFilter(item.drillId).add(item.idempotency.key);
    if (this.commitHere) {
      try {
        return Promise.resolve(this.commitHere(items));
      } catch (error) {
        return Promise.reject(error as Error);
      }
    }
    return this.askWriter({ items }, (reply) => reply.refused ?? []);
  }

  /** Send the writer thread a request and wait for what its reply holds; it keeps the process alive meanwhile. */
  private askWriter<T>(request: { items: CommitItem[] } | { read: readonly string[] } | { probe: number }, pick: (reply: WriterReply) => T): Promise<T> {
    if (this.writerError || !this.writer) return Promise.reject(this.writerError ?? new Error('no database writer'));
    const id = ++this.nextId;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: (reply) => resolve(pick(reply)), reject });
      this.writer?.ref();
      this.writer?.postMessage({ id, ...request });
    });
  }

  /** One write through the commit path (the writer thread), to learn whether the disk takes writes again. */
  probeWrite(at: number): Promise<void> {
    if (!this.writer) {
      try {
        this.db.prepare(PROBE_SQL).run(at);
        return Promise.resolve();
      } catch (error) {
        return Promise.reject(error as Error);
      }
    }
    return this.askWriter({ probe: at }, () => undefined);
  }

  entries(drillId: string, afterSeq = -1): LogEntry[] {
    return JSON.parse(this.stmts.entries.get(drillId, afterSeq) as string) as LogEntry[];
  }

  /**
   * Several drills' whole logs, read by the writer thread: on boot, while this thread folds one
   * batch of drills, the writer reads the next (SQLite's part of reading a log is most of it).
   * Boot asks before any commit, so the reads hold no commit up. Without a writer (`:memory:`), read
   * here.
   */
  entriesOf(drillIds: readonly string[]): Promise<LogReader[]> {
    if (!this.writer) return Promise.resolve(drillIds.map((id) => () => ({ entries: this.entries(id) })));
    // Each log stays text until its drill is folded (see DrillRegistry.logsOf).
    return this.askWriter({ read: drillIds }, (reply) => (reply.logs ?? []).map((text) => () => ({ entries: JSON.parse(text) as LogEntry[] })));
  }

  lastSeq(drillId: string): number {
    const row = this.stmts.lastSeq.get(drillId) as { seq: number | null };
    return row.seq ?? -1;
  }

  anchor(drillId: string): ClockAnchor | null {
    const row = this.stmts.anchor.get(drillId) as { anchor_wall: number; anchor_game: number; speed: number; running: number } | undefined;
    return row ? { wallMs: row.anchor_wall, gameMs: row.anchor_game, speed: row.speed, running: row.running === 1 } : null;
  }

  private keyFilter(drillId: string): KeyFilter {
    let filter = this.keyFilters.get(drillId);
    if (!filter) {
      filter = new KeyFilter();
      for (const key of this.stmts.idemKeys.all(drillId) as string[]) filter.add(key);
      this.keyFilters.set(drillId, filter);
    }
    return filter;
  }

  forget(drillId: string): void {
    this.keyFilters.delete(drillId);
    for (const [hash, seat] of this.seatsByToken) if (seat.drillId === drillId) this.seatsByToken.delete(hash);
  }

  idempotent(drillId: string, key: string): StoredResult | null {
    if (!this.keyFilter(drillId).mightHave(key)) return null;
    const row = this.stmts.getIdem.get(drillId, key) as { ok: number; body: string } | undefined;
    return row ? { ok: row.ok === 1, body: row.body } : null;
  }

  /** Finish the commits already sent, stop the writer, then close this connection. */
  async close(): Promise<void> {
    const writer = this.writer;
    if (writer && !this.writerError) {
      // Messages are handled in order, so the writer answers `close` after every earlier commit.
      await new Promise<void>((resolve) => {
        const onMessage = (msg: { closed?: boolean }) => {
          if (!msg.closed) return;
          writer.off('message', onMessage);
          resolve();
        };
        writer.on('message', onMessage);
        // Held until the reply: with nothing else left to run (a script that closes its store last),
        // an unreferenced writer would let the process exit first. The replies to commits still in
        // flight must not let go of it either (see the 'message' handler).
        this.closing = true;
        writer.ref();
        writer.postMessage({ close: true });
      });
      this.writerError = new Error('the store is closed');
      await writer.terminate();
    }
    await this.checkpointer?.terminate();
    // A last full checkpoint, so a cleanly closed database is one file again.
    if (this.writer) this.db.pragma('wal_checkpoint(TRUNCATE)');
    this.db.close();
  }
}
