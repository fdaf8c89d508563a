import type { CommitItem, EventStore } from '../store/types.ts';

/** Told of each transaction: how many items it made durable and how long it took, or that it failed. */
export interface CommitObserver {
  committed(items: number, seconds: number): void;
  failed(error: Error): void;
}

/**
 * Transactions queued at the writer at once: with two, the next group is already waiting when one
 * completes, so a long event-loop turn here does not leave the disk idle.
 */
const MAX_IN_FLIGHT = 2;

/**
 * Group commit: everything submitted while the previous transaction is being written goes into the
 * next one, then every submitter of that batch is released. Callers broadcast and acknowledge only
 * after their promise resolves, so nothing is ever sent that is not on disk.
 */
export class GroupCommitter {
  private pending: { item: CommitItem; resolve: () => void; reject: (e: Error) => void }[] = [];
  private scheduled = false;
  /** Transactions sent to the store and not yet durable. */
  private inFlight = 0;

  constructor(
    private readonly store: EventStore,
    private readonly observer?: CommitObserver,
  ) {}

  commit(item: CommitItem): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pending.push({ item, resolve, reject });
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
      this.observer?.committed(batch.length - refused.size, (performance.now() - started) / 1000);
    } catch (error) {
      failure = error as Error;
      this.observer?.failed(failure);
    }
    this.inFlight--;
    // Hand the next group to the writer before releasing this one, so the disk works while this thread
    // broadcasts. Items settle in submission order: a drill's commands are pipelined and must come out
    // in the order decided.
    if (this.pending.length > 0 && !this.scheduled) void this.flush();
    batch.forEach((b, index) => {
      const refusal = refused.get(index);
      if (failure) b.reject(failure);
      else if (refusal !== undefined) b.reject(new Error(refusal));
      else b.resolve();
    });
  }
}
