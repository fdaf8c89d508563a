import pg from 'pg';
import type { LogEntry } from '../../shared/engine/types.ts';
import { KeyFilter } from './key-filter.ts';
import { LOG_AFTER_SQL, SCHEMA, SCHEMA_LOCK } from './postgres-schema.ts';
import { scenarioHash } from './scenario-hash.ts';
import type { ClockAnchor, CommitItem, CommitRefusals, DrillRecord, EventStore, RunningGroup, SeatOfDrill, SeatRecord, StoredResult } from './types.ts';

/*
 * The store for several nodes: PostgreSQL, through the `pg` driver (TTX_DB=postgres://…). The same
 * contract as the SQLite store (types.ts; test/server/store-contract.ts): nothing is acknowledged
 * before its transaction is committed (synchronous_commit, PostgreSQL's default: committed means
 * flushed to its WAL), seqs are gapless and unique per drill (the primary key is (drill_id, seq)),
 * and each item of a group commit stands or falls on its own. Every read answers with a promise,
 * except where memory answers first: a fresh idempotency key (a Bloom filter per drill, as in
 * SQLite) and a seat already looked up.
 *
 * Commits go through a pool of one connection: they are sent in the order they were made and each
 * is one call of ttx_commit (postgres-schema.ts), so they complete in that order, which pipelined
 * rooms rely on (a drill's next command is decided before the one before it is durable). Reads and
 * drill creation use a pool of their own, so a slow read never holds a commit.
 */

/** Connections for reads and drill creation. */
const READ_CONNECTIONS = 6;

type DrillRow = { id: string; scenario_id: string; scenario_version: number; scenario_text: string; scenario_file: string; seed: string; host_key_hash: string; created_at: number };
const toDrill = (r: DrillRow): DrillRecord => ({ id: r.id, scenarioId: r.scenario_id, scenarioVersion: r.scenario_version, scenarioText: r.scenario_text, scenarioFile: r.scenario_file, seed: r.seed, hostKeyHash: r.host_key_hash, createdAt: r.created_at });
type AnchorRow = { anchor_wall: number; anchor_game: number; speed: number; running: boolean };
const toAnchor = (r: AnchorRow): ClockAnchor => ({ wallMs: r.anchor_wall, gameMs: r.anchor_game, speed: r.speed, running: r.running });
type SeatRow = { drill_id: string; seat: string; role: SeatRecord['role']; token_hash: string };
const seatOf = (row: SeatRow): SeatOfDrill => ({ drillId: row.drill_id, seat: row.seat, role: row.role, tokenHash: row.token_hash });

/** 64-bit integers (milliseconds since the epoch, lease tokens) as numbers: every one used here is below 2^53. */
const TYPES = {
  getTypeParser: ((oid: number, format?: string) => (oid === pg.types.builtins.INT8 ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format as 'text'))) as typeof pg.types.getTypeParser,
};

export function poolConfig(connection: string | pg.PoolConfig, max: number): pg.PoolConfig {
  const base = typeof connection === 'string' ? { connectionString: connection } : connection;
  return { ...base, max, types: TYPES };
}

/** Create the tables and functions if they are missing; nodes starting together take turns. */
export async function migrate(pool: pg.Pool): Promise<void> {
  await inTransaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock($1)', [SCHEMA_LOCK]);
    for (const sql of SCHEMA) await client.query(sql);
  });
}

/** Run `work` in one transaction on a connection of the pool: committed if it returns, rolled back if it throws. */
async function inTransaction(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<void>): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await work(client);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

export interface PostgresStoreOptions {
  /** Hears of trouble the store survives (an idle connection lost). */
  onProblem?(message: string): void;
}

export class PostgresStore implements EventStore {
  private readonly reads: pg.Pool;
  private readonly writes: pg.Pool;
  /** Per drill, the idempotency keys it has stored (see key-filter.ts): loaded, or loading. */
  private readonly keyFilters = new Map<string, KeyFilter | Promise<KeyFilter>>();
  /** Seats by token hash, for the drills in use: seats never change, so this cannot go stale (as in SqliteStore). */
  private readonly seatsByToken = new Map<string, SeatOfDrill>();

  private constructor(connection: string | pg.PoolConfig, options: PostgresStoreOptions) {
    this.reads = new pg.Pool(poolConfig(connection, READ_CONNECTIONS));
    this.writes = new pg.Pool(poolConfig(connection, 1));
    // An idle connection that breaks (the database restarted) is dropped and made again on next use.
    for (const pool of [this.reads, this.writes]) pool.on('error', (error) => options.onProblem?.(`postgres: idle connection lost: ${error.message}`));
  }

  /** Connect, and create the schema if the database has none yet. */
  static async open(connection: string | pg.PoolConfig, options: PostgresStoreOptions = {}): Promise<PostgresStore> {
    const store = new PostgresStore(connection, options);
    try {
      await migrate(store.reads);
    } catch (error) {
      await store.close();
      throw error;
    }
    return store;
  }

  async createDrill(drill: DrillRecord, seats: SeatRecord[], first: LogEntry[], anchor: ClockAnchor): Promise<void> {
    await inTransaction(this.reads, async (client) => {
      await client.query(
        'INSERT INTO drills (id, scenario_id, scenario_version, scenario_text, scenario_file, scenario_hash, seed, host_key_hash, created_at, anchor_wall, anchor_game, speed, running) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)',
        [drill.id, drill.scenarioId, drill.scenarioVersion, drill.scenarioText, drill.scenarioFile, scenarioHash(drill.scenarioText), drill.seed, drill.hostKeyHash, drill.createdAt, anchor.wallMs, anchor.gameMs, anchor.speed, anchor.running],
      );
      if (seats.length > 0) {
        await client.query('INSERT INTO seats (drill_id, seat, role, token_hash, position) SELECT $1, s, r, t, p - 1 FROM unnest($2::text[], $3::text[], $4::text[]) WITH ORDINALITY AS x(s, r, t, p)', [
          drill.id,
          seats.map((s) => s.seat),
          seats.map((s) => s.role),
          seats.map((s) => s.tokenHash),
        ]);
      }
      if (first.length > 0) {
        await client.query('INSERT INTO events (drill_id, seq, at, actor, event) SELECT $1, s, a, ac, ev FROM unnest($2::integer[], $3::bigint[], $4::text[], $5::text[]) AS x(s, a, ac, ev)', [
          drill.id,
          first.map((e) => e.seq),
          first.map((e) => e.at),
          first.map((e) => JSON.stringify(e.actor)),
          first.map((e) => JSON.stringify(e.event)),
        ]);
      }
      // Nobody holds a new drill: the node its first connection reaches takes it (lease.ts).
      await client.query('INSERT INTO leases (drill_id) VALUES ($1)', [drill.id]);
    });
    for (const s of seats) this.seatsByToken.set(s.tokenHash, { drillId: drill.id, seat: s.seat, role: s.role, tokenHash: s.tokenHash });
  }

  async getDrill(id: string): Promise<DrillRecord | null> {
    const { rows } = await this.reads.query<DrillRow>({ name: 'ttx-get-drill', text: 'SELECT * FROM drills WHERE id = $1', values: [id] });
    return rows[0] ? toDrill(rows[0]) : null;
  }

  async listDrills(hostKeyHash: string): Promise<DrillRecord[]> {
    const { rows } = await this.reads.query<DrillRow>('SELECT * FROM drills WHERE host_key_hash = $1 ORDER BY created_at DESC', [hostKeyHash]);
    return rows.map(toDrill);
  }

  async runningByScenario(): Promise<RunningGroup[]> {
    const seats = await this.reads.query<SeatRow>('SELECT s.drill_id, s.seat, s.role, s.token_hash FROM seats s JOIN drills d ON d.id = s.drill_id WHERE d.running');
    for (const row of seats.rows) this.seatsByToken.set(row.token_hash, seatOf(row));
    // Grouped by the text's hash, so each distinct scenario text is read once.
    const { rows } = await this.reads.query<{ scenario_file: string; scenario_text: string; drills: { id: string; anchor_wall: number; anchor_game: number; speed: number; running: boolean }[] }>(
      `SELECT g.scenario_file, (SELECT scenario_text FROM drills WHERE id = g.sample) AS scenario_text, g.drills FROM (
         SELECT scenario_file, min(id) AS sample,
           json_agg(json_build_object('id', id, 'anchor_wall', anchor_wall, 'anchor_game', anchor_game, 'speed', speed, 'running', running)) AS drills
         FROM drills WHERE running GROUP BY scenario_hash, scenario_file) g`,
    );
    return rows.map((r) => ({ scenarioText: r.scenario_text, scenarioFile: r.scenario_file, drills: r.drills.map((d) => ({ id: d.id, anchor: toAnchor(d) })) }));
  }

  findSeat(tokenHash: string): SeatOfDrill | Promise<SeatOfDrill | null> {
    const known = this.seatsByToken.get(tokenHash);
    if (known) return { ...known };
    return this.reads.query<SeatRow>({ name: 'ttx-find-seat', text: 'SELECT drill_id, seat, role, token_hash FROM seats WHERE token_hash = $1', values: [tokenHash] }).then(({ rows }) => {
      if (!rows[0]) return null;
      const seat = seatOf(rows[0]);
      this.seatsByToken.set(tokenHash, seat);
      return { ...seat };
    });
  }

  async seats(drillId: string): Promise<SeatRecord[]> {
    const { rows } = await this.reads.query<SeatRow>({ name: 'ttx-seats', text: 'SELECT seat, role, token_hash FROM seats WHERE drill_id = $1 ORDER BY position', values: [drillId] });
    return rows.map((r) => ({ seat: r.seat, role: r.role, tokenHash: r.token_hash }));
  }

  /** Commit a group of items in one transaction; resolves once it is committed, with the items it refused. */
  async commit(items: CommitItem[]): Promise<CommitRefusals> {
    // Into the filter before the database confirms, as in SqliteStore.commit.
    for (const item of items) if (item.idempotency) this.addKey(item.drillId, item.idempotency.key);
    const { rows } = await this.writes.query<{ refused_index: number; refusal: string }>({ name: 'ttx-commit', text: 'SELECT refused_index, refusal FROM ttx_commit($1::json)', values: [JSON.stringify(items)] });
    return rows.map((r) => ({ index: r.refused_index, message: r.refusal }));
  }

  /** One write on the commit connection, to learn whether the database takes writes again. */
  async probeWrite(at: number): Promise<void> {
    await this.writes.query({ name: 'ttx-probe', text: 'INSERT INTO write_probe (id, at) VALUES (1, $1) ON CONFLICT (id) DO UPDATE SET at = excluded.at', values: [at] });
  }

  async entries(drillId: string, afterSeq = -1): Promise<LogEntry[]> {
    const { rows } = await this.reads.query<{ log: string }>({ name: 'ttx-log-after', text: LOG_AFTER_SQL, values: [drillId, afterSeq] });
    return JSON.parse(rows[0]?.log ?? '[]') as LogEntry[];
  }

  async lastSeq(drillId: string): Promise<number> {
    const { rows } = await this.reads.query<{ seq: number | null }>('SELECT max(seq) AS seq FROM events WHERE drill_id = $1', [drillId]);
    return rows[0]?.seq ?? -1;
  }

  async anchor(drillId: string): Promise<ClockAnchor | null> {
    const { rows } = await this.reads.query<AnchorRow>({ name: 'ttx-anchor', text: 'SELECT anchor_wall, anchor_game, speed, running FROM drills WHERE id = $1', values: [drillId] });
    return rows[0] ? toAnchor(rows[0]) : null;
  }

  /**
   * The stored answer for a key. A key the drill has never stored is answered from memory, at once
   * (IDEM1–5); a "maybe" asks the database. The filter is loaded on the drill's first lookup.
   */
  idempotent(drillId: string, key: string): StoredResult | null | Promise<StoredResult | null> {
    const filter = this.keyFilter(drillId);
    if (filter instanceof KeyFilter) return filter.mightHave(key) ? this.storedResult(drillId, key) : null;
    return filter.then((loaded) => (loaded.mightHave(key) ? this.storedResult(drillId, key) : null));
  }

  private async storedResult(drillId: string, key: string): Promise<StoredResult | null> {
    const { rows } = await this.reads.query<{ ok: boolean; body: string }>({ name: 'ttx-idempotent', text: 'SELECT ok, body FROM idempotency WHERE drill_id = $1 AND key = $2', values: [drillId, key] });
    return rows[0] ? { ok: rows[0].ok, body: rows[0].body } : null;
  }

  private keyFilter(drillId: string): KeyFilter | Promise<KeyFilter> {
    const known = this.keyFilters.get(drillId);
    if (known) return known;
    const loading = this.reads.query<{ key: string }>('SELECT key FROM idempotency WHERE drill_id = $1', [drillId]).then(({ rows }) => {
      const filter = new KeyFilter();
      for (const row of rows) filter.add(row.key);
      // Replaced only if still this load: a forget() meanwhile means the drill left this node.
      if (this.keyFilters.get(drillId) === loading) this.keyFilters.set(drillId, filter);
      return filter;
    });
    this.keyFilters.set(drillId, loading);
    loading.catch(() => {
      if (this.keyFilters.get(drillId) === loading) this.keyFilters.delete(drillId);
    });
    return loading;
  }

  /**
   * A key being committed goes into the filter. While the filter loads, it is added once the load is
   * in: the load's query may have run before this commit, and a lookup after the commit waits on the
   * same load, so it finds the key (its continuation runs after this one).
   */
  private addKey(drillId: string, key: string): void {
    const filter = this.keyFilter(drillId);
    if (filter instanceof KeyFilter) filter.add(key);
    else void filter.then((loaded) => loaded.add(key), () => undefined);
  }

  forget(drillId: string): void {
    this.keyFilters.delete(drillId);
    for (const [hash, seat] of this.seatsByToken) if (seat.drillId === drillId) this.seatsByToken.delete(hash);
  }

  async close(): Promise<void> {
    await Promise.all([this.reads.end(), this.writes.end()]);
  }
}
