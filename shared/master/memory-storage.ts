import type { LogEntry } from '../engine/types.ts';
import type { ClockAnchor, CommitItem, Storage, StoredResult } from './ports.ts';

/**
 * The storage port in memory: solo mode's log, and tests'. It keeps the same rules as the server's
 * stores: a drill's seqs are gapless from 0, an item with a gap, a duplicate seq or a key already
 * stored is refused whole, and commits complete in the order asked. Entries are kept as given (the
 * engine never changes an entry once decided).
 */
export class MemoryStorage implements Storage {
  private readonly logs = new Map<string, LogEntry[]>();
  private readonly anchors = new Map<string, ClockAnchor>();
  private readonly results = new Map<string, StoredResult>();

  commit(item: CommitItem): Promise<void> {
    const fault = this.faultOf(item);
    if (fault) return Promise.reject(new Error(fault));
    const log = this.logs.get(item.drillId) ?? [];
    for (const e of item.entries) log.push(e);
    this.logs.set(item.drillId, log);
    if (item.anchor) this.anchors.set(item.drillId, { ...item.anchor });
    if (item.idempotency) this.results.set(`${item.drillId}\u0000${item.idempotency.key}`, { ...item.idempotency.result });
    return Promise.resolve();
  }

  private faultOf(item: CommitItem): string | null {
    let expected = this.lastSeq(item.drillId) + 1;
    for (const e of item.entries) {
      if (e.seq !== expected) return `seq gap or duplicate in drill ${item.drillId}: expected ${expected}, got ${e.seq}`;
      expected++;
    }
    if (item.idempotency && this.results.has(`${item.drillId}\u0000${item.idempotency.key}`)) return `duplicate idempotency key ${item.idempotency.key}`;
    return null;
  }

  idempotent(drillId: string, key: string): StoredResult | null {
    return this.results.get(`${drillId}\u0000${key}`) ?? null;
  }

  entries(drillId: string, afterSeq = -1): LogEntry[] {
    const log = this.logs.get(drillId) ?? [];
    // Seqs are gapless from 0, so the entry after afterSeq is at index afterSeq + 1.
    return log.slice(Math.max(0, afterSeq + 1));
  }

  lastSeq(drillId: string): number {
    return this.logs.get(drillId)?.at(-1)?.seq ?? -1;
  }

  anchor(drillId: string): ClockAnchor | null {
    const anchor = this.anchors.get(drillId);
    return anchor ? { ...anchor } : null;
  }
}
