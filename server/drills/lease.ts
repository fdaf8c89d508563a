import type { MaybePromise } from '../store/maybe.ts';

/*
 * Which node runs a drill. A drill is live (its queue, its clock) in exactly one process at a time.
 * With one process that is always this one (SoleLeases). With several nodes on one PostgreSQL
 * database each drill has a lease there (server/store/postgres-leases.ts): the node holding it runs
 * the drill, and every commit carries the lease's fencing token, which the database checks, so a
 * node that lost a drill cannot write to it (ARCHITECTURE.md LEASE1–7).
 */

/** A drill's lease: held by this node (with its fencing token, when there is one), or held elsewhere. */
export type LeaseAnswer = { held: true; fence?: number } | { held: false; retryAfterMs: number };

/**
 * Why this node must let go of a drill it runs: 'taken', its lease lapsed and another node took it;
 * 'wanted', another node receives the drill's connections now and asked for it.
 */
export type LostReason = 'taken' | 'wanted';

export interface DrillLeases {
  /** True when this process runs every drill (one process): boot resumes every running drill. */
  readonly sole: boolean;
  /**
   * Take the drill's lease for this node. When another node holds it, say when to ask again, and
   * ask that node to hand it over (this node is the one the drill's connections reach now).
   */
  acquire(drillId: string): MaybePromise<LeaseAnswer>;
  /** Give up a lease this node holds (it no longer runs the drill). */
  release(drillId: string, fence: number | undefined): MaybePromise<void>;
  /** Set by the registry: called when this node must let go of a drill it runs. */
  onLost: ((drillId: string, why: LostReason) => void) | null;
  /** Stop renewing, and give up every lease held, so other nodes can take the drills at once. */
  close(): MaybePromise<void>;
}

const HELD: LeaseAnswer = { held: true };

/** One process: it holds every drill, with no token (the embedded stores ignore fences). */
export class SoleLeases implements DrillLeases {
  readonly sole = true;
  onLost: DrillLeases['onLost'] = null;
  acquire(): LeaseAnswer {
    return HELD;
  }
  release(): void {}
  close(): void {}
}
