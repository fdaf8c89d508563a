import type { LogEntry } from '../../shared/engine/types.ts';
import type { Viewer } from '../../shared/engine/view-types.ts';
import type { ClockAnchor, CommitItem, StoredResult } from '../../shared/master/ports.ts';
import type { MaybePromise } from './maybe.ts';

/**
 * A drill master's writes (with the fencing token of its lease, CommitItem.fence) and the clock
 * anchor are the master's storage port's types (shared/master/ports.ts).
 */
export type { ClockAnchor, CommitItem, StoredResult };

/*
 * Storage contract. Three adapters (SQLite, PostgreSQL, memory) pass the same suite:
 * test/server/store-contract.ts. Every write is atomic; a drill's seqs are gapless; appends are
 * refused if they would leave a gap. Reads answer with a value (SQLite, memory: the hot paths stay
 * synchronous) or a promise (PostgreSQL); callers handle both (./maybe.ts).
 */

export interface DrillRecord {
  id: string;
  scenarioId: string;
  scenarioVersion: number;
  /** The scenario source, so a drill replays even if the bundled file later changes. */
  scenarioText: string;
  scenarioFile: string;
  seed: string;
  hostKeyHash: string;
  createdAt: number;
}

export interface SeatRecord extends Viewer {
  tokenHash: string;
}

/** The items of a commit that were refused, by their index in the batch; empty when all committed. */
export type CommitRefusals = readonly { index: number; message: string }[];

export interface RunningGroup {
  scenarioText: string;
  scenarioFile: string;
  drills: { id: string; anchor: ClockAnchor }[];
}

/** A drill's log as read: its entries. */
export interface ReadLog {
  entries: LogEntry[];
}

/** A drill's log, read already and parsed on call (see EventStore.entriesOf). */
export type LogReader = () => ReadLog;

/** A seat with the drill it belongs to. */
export type SeatOfDrill = SeatRecord & { drillId: string };

export interface EventStore {
  /**
   * The SQLite file the store keeps, when other threads of this process can open it to read logs
   * themselves (the scoring thread does); absent for stores they cannot reach.
   */
  readonly logFile?: string | undefined;
  createDrill(drill: DrillRecord, seats: SeatRecord[], first: LogEntry[], anchor: ClockAnchor): MaybePromise<void>;
  getDrill(id: string): MaybePromise<DrillRecord | null>;
  listDrills(hostKeyHash: string): MaybePromise<DrillRecord[]>;
  /**
   * The running drills, to resume on boot, grouped by the scenario text they were created from:
   * each text is read once, not once per drill.
   */
  runningByScenario(): MaybePromise<RunningGroup[]>;
  findSeat(tokenHash: string): MaybePromise<SeatOfDrill | null>;
  seats(drillId: string): MaybePromise<SeatRecord[]>;
  /**
   * Commit several items (each one command's entries, anchor and idempotency result) in one
   * transaction (group commit); done when it is durable. Each item is all or nothing on its own: one
   * refused for a seq gap, a duplicate seq or a duplicate idempotency key writes nothing of itself,
   * is named in the answer, and the others commit. A failure of the transaction itself (the disk, the
   * writer) throws or rejects, and then nothing of the batch is written.
   */
  commit(items: CommitItem[]): MaybePromise<CommitRefusals>;
  /**
   * Write one row that holds nothing, the way a commit writes: done once the store takes writes
   * again after a failure (WriteHealth). `at` is the wall time, stored so each probe changes the row.
   */
  probeWrite(at: number): MaybePromise<void>;
  entries(drillId: string, afterSeq?: number): MaybePromise<LogEntry[]>;
  /**
   * Several drills' whole logs, in the order asked, possibly read off the main thread (boot). Each
   * is parsed when its reader is called, so a caller folding one drill at a time holds one parsed log.
   */
  entriesOf?(drillIds: readonly string[]): Promise<LogReader[]>;
  /** Resolves once the store's integrity check at start has passed (boot writes nothing before); a store without it needs none or checks when it opens. */
  checked?(): Promise<void>;
  lastSeq(drillId: string): MaybePromise<number>;
  anchor(drillId: string): MaybePromise<ClockAnchor | null>;
  idempotent(drillId: string, key: string): MaybePromise<StoredResult | null>;
  /** Drop what is cached in memory for a drill (its data stays stored); reloaded on next use. */
  forget?(drillId: string): void;
  close(): MaybePromise<void>;
}
