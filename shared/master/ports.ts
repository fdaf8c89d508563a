import type { CommandEnvelope, LogEntry } from '../engine/types.ts';
import type { Viewer } from '../engine/view-types.ts';
import type { ViewPatch } from '../engine/view-patch.ts';
import type { CompiledScenario } from '../scenario/compiled.ts';

/*
 * What a drill master needs from its edge. The server plugs in SQLite (through its group commit),
 * socket.io and the system clock; solo mode an in-memory log, the trainee's store and the page's
 * clock. The master itself reads no clock, sets no timer and does no I/O of its own.
 */

/** Wall time in milliseconds. Only differences matter, so any monotonic source will do. */
export interface Clock {
  now(): number;
}

export interface Scheduler {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

/** Errors the master cannot hand back to a caller: a failed broadcast, a failed tick. */
export interface Logger {
  error(message: string): void;
}

/** Absolute mapping from wall time to game time, stored with the drill so a restart resumes the same clock. */
export interface ClockAnchor {
  wallMs: number;
  gameMs: number;
  speed: number;
  running: boolean;
}

/** A command's stored answer (the ack's JSON), kept under its idempotency key. */
export interface StoredResult {
  ok: boolean;
  body: string;
}

/** One command's writes: its entries, the clock anchor when it moved, and its answer under its key. */
export interface CommitItem {
  drillId: string;
  entries: LogEntry[];
  anchor?: ClockAnchor;
  idempotency?: { key: string; result: StoredResult };
  /**
   * The fencing token of the drill's lease the edge runs it under (server/drills/lease.ts), given to
   * the master and passed on as is: a store shared by several nodes refuses the item unless it is
   * the drill's current one, so a node that lost a drill cannot write to it. Absent, the item claims
   * no lease, and such a store takes it only while nobody holds one. A store of one process ignores it.
   */
  fence?: number;
}

/** A value now, or later. Reads answer synchronously when they can, and the master then does not wait. */
export type MaybePromise<T> = T | Promise<T>;

export interface Storage {
  /**
   * Make one command's writes durable; resolves once they are. Commits resolve in the order they
   * were asked for. Rejects when the item is refused (a seq gap or duplicate: nothing of it is
   * written) or the write failed.
   */
  commit(item: CommitItem): Promise<void>;
  /** The answer stored under a (seat-scoped) idempotency key, or null. */
  idempotent(drillId: string, key: string): MaybePromise<StoredResult | null>;
  /** The durable entries after `afterSeq`, in seq order. */
  entries(drillId: string, afterSeq: number): MaybePromise<LogEntry[]>;
}

/** One group of seats that receive the same entries (redacted for them) and the same view patch. */
export interface Delivery {
  seats: string[];
  entries: LogEntry[];
  patch: ViewPatch | null;
}

/** These entries ended the drill. */
export interface DrillEndedNotice {
  seq: number;
  reason: string;
}

/** What one durable command sends out. */
export interface Dispatch {
  drillId: string;
  compiled: CompiledScenario;
  /** The command as decided: its game time, actor and command. */
  envelope: CommandEnvelope;
  /** The entries it made durable, unredacted: for what the edge keeps (the live score, solo's log). */
  entries: LogEntry[];
  /** One per group of the audience's seats that receive the same; none for seats that see nothing new. */
  deliveries: Delivery[];
  ended: DrillEndedNotice | null;
}

export interface Outbox {
  /** The seats to deliver to now: each seat connected to the drill, once. */
  audience(drillId: string): readonly Viewer[];
  /** A command became durable; called in commit order. */
  dispatch(dispatch: Dispatch): void;
}

export function isPromise<T>(value: MaybePromise<T>): value is Promise<T> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}
