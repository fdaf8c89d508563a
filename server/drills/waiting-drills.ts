import type { Clock, Scheduler } from '../clock.ts';

/*
 * Drills created and not yet started are held in memory until they start or go idle. Anyone allowed
 * to create drills could otherwise fill the server with drills nobody plays: past MAX_WAITING_DRILLS
 * creation is refused (after letting go of the idle ones), and a waiting drill nobody has been
 * connected to for WAITING_IDLE_MS is let go of. Its log stays; a seat that comes back rebuilds it.
 */

export const MAX_WAITING_DRILLS = 200;
export const WAITING_IDLE_MS = 30 * 60_000;
const SWEEP_EVERY_MS = 60_000;

export interface WaitingDrillsDeps {
  /** The cap (default MAX_WAITING_DRILLS). */
  max?: number;
  clock: Clock;
  scheduler: Scheduler;
  /** The drills held in memory that have not started, by id. */
  waiting(): string[];
  /** Drills with a seat connected now. */
  connected(): Set<string>;
  /** Let go of a drill's room and what is kept for it; false if it cannot be let go of yet. */
  evict(drillId: string): boolean;
}

export class WaitingDrills {
  /** When each waiting drill last had a seat connected (or was created). */
  private readonly lastSeen = new Map<string, number>();
  private timer: unknown;
  private readonly max: number;

  constructor(private readonly deps: WaitingDrillsDeps) {
    this.max = deps.max ?? MAX_WAITING_DRILLS;
    this.timer = deps.scheduler.set(() => this.sweepAndRearm(), SWEEP_EVERY_MS);
  }

  /** A drill was created, or one of its seats connected or left. */
  seen(drillId: string): void {
    this.lastSeen.set(drillId, this.deps.clock.now());
  }

  /** Whether one more drill may be created; idle waiting drills are let go of first when at the cap. */
  admit(): boolean {
    if (this.deps.waiting().length < this.max) return true;
    this.sweep();
    return this.deps.waiting().length < this.max;
  }

  /** Let go of the waiting drills idle for WAITING_IDLE_MS; returns how many. */
  sweep(): number {
    const now = this.deps.clock.now();
    const connected = this.deps.connected();
    const waiting = new Set(this.deps.waiting());
    let evicted = 0;
    for (const id of waiting) {
      if (connected.has(id)) {
        this.lastSeen.set(id, now);
        continue;
      }
      const seen = this.lastSeen.get(id);
      if (seen === undefined) this.lastSeen.set(id, now);
      else if (now - seen >= WAITING_IDLE_MS && this.deps.evict(id)) {
        this.lastSeen.delete(id);
        evicted++;
      }
    }
    // Started, ended or let go of some other way: no longer waiting.
    for (const id of this.lastSeen.keys()) if (!waiting.has(id)) this.lastSeen.delete(id);
    return evicted;
  }

  close(): void {
    this.deps.scheduler.clear(this.timer);
  }

  private sweepAndRearm(): void {
    this.sweep();
    this.timer = this.deps.scheduler.set(() => this.sweepAndRearm(), SWEEP_EVERY_MS);
  }
}
