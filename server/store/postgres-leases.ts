import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import pg from 'pg';
import type { DrillLeases, LeaseAnswer } from '../drills/lease.ts';
import { migrate, poolConfig } from './postgres.ts';

/*
 * Drill leases in PostgreSQL (ARCHITECTURE.md LEASE1–7). A lease is a row per drill: who holds it
 * and a token that goes up by one each time a node takes it. A holder's leases last as long as its
 * row in `nodes`, which its heartbeat renews every quarter of the lease time, so a node that dies
 * loses every lease it held within one lease time (8 s), and a node that stops cleanly gives them
 * back at once. The token is a fence: every commit carries the token the room was opened with, and
 * the database refuses it unless it is still the drill's current one (postgres-schema.ts
 * ttx_commit), so a node that lost a drill (it stalled past its lease, and another node took the
 * drill) cannot write to it, whatever it still believes. The functions run on the database's clock.
 */

/** How long a node's leases last without a heartbeat: a dead node's drills move within 10 s, with room for a stalled event loop. */
export const LEASE_TTL_MS = 8_000;

export interface PostgresLeaseOptions {
  /** This node's name in the `nodes` table (for people reading it); its id adds a random part. */
  nodeName?: string;
  ttlMs?: number;
  /** How often the heartbeat runs (default a quarter of ttlMs); 0: only when heartbeat() is called (tests). */
  heartbeatMs?: number;
  /** Hears of trouble the leases survive for now (a failed heartbeat, a lost idle connection). */
  onProblem?(message: string): void;
}

export class PostgresLeases implements DrillLeases {
  readonly sole = false;
  readonly nodeId: string;
  readonly ttlMs: number;
  onLost: DrillLeases['onLost'] = null;
  /** The drills this node holds, with the token each was taken with. */
  private readonly held = new Map<string, number>();
  /** Heartbeats have a connection of their own, so a burst of lease requests never delays one. */
  private readonly beats: pg.Pool;
  private readonly requests: pg.Pool;
  private timer: ReturnType<typeof setInterval> | null = null;
  private beating: Promise<void> | null = null;
  private closed = false;

  private constructor(
    connection: string | pg.PoolConfig,
    private readonly name: string,
    ttlMs: number,
    private readonly problem: (message: string) => void,
  ) {
    this.nodeId = `${name}-${process.pid}-${randomBytes(4).toString('hex')}`;
    this.ttlMs = ttlMs;
    this.beats = new pg.Pool(poolConfig(connection, 1));
    this.requests = new pg.Pool(poolConfig(connection, 2));
    for (const pool of [this.beats, this.requests]) pool.on('error', (error) => this.problem(`postgres leases: idle connection lost: ${error.message}`));
  }

  /** Register this node (its first heartbeat) and keep renewing. */
  static async start(connection: string | pg.PoolConfig, options: PostgresLeaseOptions = {}): Promise<PostgresLeases> {
    const leases = new PostgresLeases(connection, options.nodeName ?? hostname(), options.ttlMs ?? LEASE_TTL_MS, (message) => options.onProblem?.(message));
    try {
      await migrate(leases.requests);
      await leases.heartbeat();
    } catch (error) {
      await leases.end();
      throw error;
    }
    const every = options.heartbeatMs ?? Math.floor(leases.ttlMs / 4);
    if (every > 0) {
      leases.timer = setInterval(() => void leases.heartbeat(), Math.max(50, every));
      leases.timer.unref();
    }
    return leases;
  }

  async acquire(drillId: string): Promise<LeaseAnswer> {
    const { rows } = await this.requests.query<{ lease_token: number | null; retry_ms: number }>({ name: 'ttx-acquire', text: 'SELECT lease_token, retry_ms FROM ttx_acquire($1, $2)', values: [drillId, this.nodeId] });
    const row = rows[0];
    // No lease row: there is no such drill, and nothing to hold (the registry finds no drill either).
    if (!row) return { held: true };
    if (row.lease_token === null) return { held: false, retryAfterMs: Math.max(row.retry_ms, 0) };
    this.held.set(drillId, row.lease_token);
    return { held: true, fence: row.lease_token };
  }

  async release(drillId: string, fence: number | undefined): Promise<void> {
    if (fence === undefined || this.held.get(drillId) !== fence) return;
    this.held.delete(drillId);
    await this.requests.query('UPDATE leases SET holder = NULL, wanted_by = NULL, wanted_at = NULL WHERE drill_id = $1 AND holder = $2 AND token = $3', [drillId, this.nodeId, fence]);
  }

  /** The drills this node holds (tests, monitoring). */
  heldDrills(): string[] {
    return [...this.held.keys()];
  }

  /**
   * Renew this node's leases and hand back the drills it must let go of. One at a time: a heartbeat
   * still running when the next is due (the database is slow) is not doubled.
   */
  heartbeat(): Promise<void> {
    this.beating ??= this.beat().finally(() => (this.beating = null));
    return this.beating;
  }

  private async beat(): Promise<void> {
    if (this.closed) return;
    const ids = [...this.held.keys()];
    const fences = ids.map((id) => this.held.get(id)!);
    try {
      const { rows } = await this.beats.query<{ lost_drill: string; lost_why: 'taken' | 'wanted' }>({
        name: 'ttx-heartbeat',
        text: 'SELECT lost_drill, lost_why FROM ttx_heartbeat($1, $2, $3, $4::text[], $5::bigint[])',
        values: [this.nodeId, this.name, this.ttlMs, ids, fences],
      });
      for (const { lost_drill: drillId, lost_why: why } of rows) {
        // Still held with the token asked about (not given back or taken again meanwhile).
        if (this.held.get(drillId) !== fences[ids.indexOf(drillId)]) continue;
        if (why === 'taken') this.held.delete(drillId);
        this.onLost?.(drillId, why);
      }
    } catch (error) {
      // The leases lapse if this goes on; the fence keeps a lapsed node from writing.
      this.problem(`postgres leases: heartbeat failed: ${(error as Error).message}`);
    }
  }

  /** Stop renewing and give every lease back, so other nodes take this node's drills at once. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    await this.beating;
    try {
      await this.requests.query('UPDATE leases SET holder = NULL WHERE holder = $1', [this.nodeId]);
      await this.requests.query('DELETE FROM nodes WHERE id = $1', [this.nodeId]);
    } catch (error) {
      this.problem(`postgres leases: could not give the leases back (they lapse in ${this.ttlMs} ms): ${(error as Error).message}`);
    }
    this.held.clear();
    await this.end();
  }

  /** Stop renewing without giving anything back: what a crash does (tests). */
  async halt(): Promise<void> {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    await this.beating;
    await this.end();
  }

  private async end(): Promise<void> {
    await Promise.all([this.beats.end(), this.requests.end()]);
  }
}
