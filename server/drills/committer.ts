import type { CommitItem, EventStore } from '../store/types.ts';

/**
 * Group commit: everything submitted during one event-loop turn is written in one transaction, then
 * every submitter is released. Callers broadcast and acknowledge only after their promise resolves,
 * so nothing is ever sent that is not on disk.
 */
export class GroupCommitter {
  private pending: { item: CommitItem; resolve: () => void; reject: (e: Error) => void }[] = [];
  private scheduled = false;
  /** Transactions and items written, for benchmarks. */
  readonly stats = { transactions: 0, items: 0 };

  constructor(private readonly store: EventStore) {}

  commit(item: CommitItem): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pending.push({ item, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.scheduled = false;
    const batch = this.pending;
    this.pending = [];
    try {
      this.store.commit(batch.map((b) => b.item));
      this.stats.transactions++;
      this.stats.items += batch.length;
      for (const b of batch) b.resolve();
    } catch (error) {
      for (const b of batch) b.reject(error as Error);
    }
  }
}
