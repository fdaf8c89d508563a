import type { Clock, Scheduler } from '../shared/master/ports.ts';

/*
 * Wall time and timers for the server's drill masters (the ports are in shared/master/ports.ts), and
 * a manual pair tests drive. The engine never sees these: the master turns wall time into game time
 * and stamps it on commands.
 */

export type { Clock, Scheduler };

export const systemClock: Clock = { now: () => Date.now() };

export const systemScheduler: Scheduler = {
  set: (fn, ms) => {
    const t = setTimeout(fn, ms);
    t.unref?.();
    return t;
  },
  clear: (h) => clearTimeout(h as NodeJS.Timeout),
};

/** A clock and scheduler that only move when a test says so. */
export class ManualTime implements Clock, Scheduler {
  private t: number;
  private timers: { at: number; fn: () => void; id: number }[] = [];
  private nextId = 1;

  constructor(start = 1_700_000_000_000) {
    this.t = start;
  }
  now(): number {
    return this.t;
  }
  set(fn: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.timers.push({ at: this.t + ms, fn, id });
    return id;
  }
  clear(handle: unknown): void {
    this.timers = this.timers.filter((t) => t.id !== handle);
  }
  /** When each armed timer is due (ms since the epoch), soonest first. */
  pending(): number[] {
    return this.timers.map((t) => t.at).sort((a, b) => a - b);
  }
  /** Move time forward, firing due timers in order. */
  advance(ms: number): void {
    const end = this.t + ms;
    for (;;) {
      const due = this.timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      this.timers = this.timers.filter((t) => t !== due);
      this.t = Math.max(this.t, due.at);
      due.fn();
    }
    this.t = end;
  }
}
