import type { LogEntry } from '../../shared/engine/types.ts';
import type { ClockAnchor, CommitItem, CommitRefusals, DrillRecord, EventStore, RunningGroup, SeatRecord, StoredResult } from './types.ts';

/** The same contract in memory, for tests and for tools that need no persistence. */
export class MemoryStore implements EventStore {
  private readonly drills = new Map<string, DrillRecord>();
  private readonly seatsBy = new Map<string, SeatRecord[]>();
  private readonly log = new Map<string, LogEntry[]>();
  private readonly anchors = new Map<string, ClockAnchor>();
  private readonly idem = new Map<string, StoredResult>();

  createDrill(drill: DrillRecord, seats: SeatRecord[], first: LogEntry[], anchor: ClockAnchor): void {
    if (this.drills.has(drill.id)) throw new Error(`drill ${drill.id} exists`);
    const hashes = new Set([...this.seatsBy.values()].flat().map((s) => s.tokenHash));
    if (seats.some((s) => hashes.has(s.tokenHash))) throw new Error('token hash collision');
    this.drills.set(drill.id, structuredClone(drill));
    this.seatsBy.set(drill.id, structuredClone(seats));
    this.log.set(drill.id, structuredClone(first));
    this.anchors.set(drill.id, { ...anchor });
  }
  getDrill(id: string) {
    const d = this.drills.get(id);
    return d ? structuredClone(d) : null;
  }
  listDrills(hostKeyHash: string) {
    return [...this.drills.values()].filter((d) => d.hostKeyHash === hostKeyHash).sort((a, b) => b.createdAt - a.createdAt).map((d) => structuredClone(d));
  }
  runningByScenario() {
    const groups = new Map<string, RunningGroup>();
    for (const d of this.drills.values()) {
      const anchor = this.anchors.get(d.id);
      if (!anchor?.running) continue;
      const key = `${d.scenarioFile}\u0000${d.scenarioText}`;
      const group = groups.get(key) ?? { scenarioText: d.scenarioText, scenarioFile: d.scenarioFile, drills: [] };
      group.drills.push({ id: d.id, anchor: { ...anchor } });
      groups.set(key, group);
    }
    return [...groups.values()];
  }
  findSeat(tokenHash: string) {
    for (const [drillId, seats] of this.seatsBy) {
      const seat = seats.find((s) => s.tokenHash === tokenHash);
      if (seat) return { ...seat, drillId };
    }
    return null;
  }
  seats(drillId: string) {
    return structuredClone(this.seatsBy.get(drillId) ?? []);
  }
  /** Memory always takes writes. */
  probeWrite(): void {}

  /** Each item stands or falls on its own, as in SQLite's savepoint per item (sqlite-schema.ts). */
  commit(items: CommitItem[]): CommitRefusals {
    const refused: { index: number; message: string }[] = [];
    items.forEach((item, index) => {
      const fault = this.faultOf(item);
      if (fault) return void refused.push({ index, message: fault });
      this.log.get(item.drillId)?.push(...structuredClone(item.entries));
      if (item.anchor) this.anchors.set(item.drillId, { ...item.anchor });
      if (item.idempotency) this.idem.set(`${item.drillId}\u0000${item.idempotency.key}`, { ...item.idempotency.result });
    });
    return refused;
  }
  private faultOf(item: CommitItem): string | null {
    let expected = this.lastSeq(item.drillId) + 1;
    for (const e of item.entries) {
      if (e.seq !== expected) return `seq gap or duplicate in drill ${item.drillId}: expected ${expected}, got ${e.seq}`;
      expected++;
    }
    if (item.idempotency && this.idem.has(`${item.drillId}\u0000${item.idempotency.key}`)) return 'duplicate idempotency key';
    return null;
  }
  entries(drillId: string, afterSeq = -1) {
    return structuredClone((this.log.get(drillId) ?? []).filter((e) => e.seq > afterSeq));
  }
  lastSeq(drillId: string) {
    return this.log.get(drillId)?.at(-1)?.seq ?? -1;
  }
  anchor(drillId: string) {
    const a = this.anchors.get(drillId);
    return a ? { ...a } : null;
  }
  idempotent(drillId: string, key: string) {
    const r = this.idem.get(`${drillId}\u0000${key}`);
    return r ? { ...r } : null;
  }
  close(): void {}
}
