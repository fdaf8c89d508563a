import { createHistogram } from 'node:perf_hooks';
import type { CommitItem, EventStore } from '../store/types.ts';

/**
 * Group commit: everything submitted while the previous transaction is being written goes into the
 * next one, then every submitter of that batch is released. Callers broadcast and acknowledge only
 * after their promise resolves, so nothing is ever sent that is not on disk. With the SQLite writer
 * on its own thread, the event loop keeps gathering the next batch while the disk confirms this one,
 * and the next batch goes to the disk while this one is broadcast.
 */
/**
 * Transactions queued at the writer at once. With one, the writer finished a transaction and then
 * waited for this thread to read the reply and send the next group, so every long event-loop turn
 * here also stalled the disk; with two, the next group is already waiting at the writer.
 */
const MAX_IN_FLIGHT = 2;

export class GroupCommitter {
  private pending: { item: CommitItem; submitted: number; resolve: () => void; reject: (e: Error) => void }[] = [];
  private scheduled = false;
  /** Transactions sent to the store and not yet durable. */
  private inFlight = 0;
  /** Transactions and items written, for benchmarks. */
  readonly stats = { transactions: 0, items: 0 };
  /** How long each transaction took to become durable (µs), for benchmarks. */
  readonly latency = createHistogram();
  /** How long each item waited from submission until durable (µs): its own transaction plus the queue before it. */
  readonly waitLatency = createHistogram();

  constructor(private readonly store: EventStore) {}

  commit(item: CommitItem): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pending.push({ item, submitted: performance.now(), resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.inFlight >= MAX_IN_FLIGHT || this.pending.length === 0) return;
    this.scheduled = true;
    // Wait for the rest of this event-loop turn, so its commands share one transaction.
    setImmediate(() => void this.flush());
  }

  private async flush(): Promise<void> {
    this.scheduled = false;
    const batch = this.pending;
    this.pending = [];
    this.inFlight++;
    let failure: Error | null = null;
    let refused = new Map<number, string>();
    try {
      const started = performance.now();
      refused = new Map((await this.store.commit(batch.map((b) => b.item))).map((r) => [r.index, r.message]));
      this.latency.record(Math.max(1, Math.round((performance.now() - started) * 1000)));
      this.stats.transactions++;
      this.stats.items += batch.length;
    } catch (error) {
      failure = error as Error;
    }
    this.inFlight--;
    // Hand the next group to the writer before releasing this one: the disk works on it while this
    // thread broadcasts and acknowledges the batch just made durable (before, the writer sat idle
    // through every broadcast). Items are settled in the order they were submitted, batch after
    // batch: a drill's commands are pipelined (shared/master/drill-master.ts) and must come out in the order decided.
    if (this.pending.length > 0 && !this.scheduled) void this.flush();
    const done = performance.now();
    batch.forEach((b, index) => {
      const refusal = refused.get(index);
      if (failure) b.reject(failure);
      else if (refusal !== undefined) b.reject(new Error(refusal));
      else {
        this.waitLatency.record(Math.max(1, Math.round((done - b.submitted) * 1000)));
        b.resolve();
      }
    });
  }
}
