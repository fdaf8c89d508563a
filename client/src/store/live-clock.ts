import type { Lifecycle } from '../../../shared/engine/types.ts';
import type { ClockReading } from '../../../shared/protocol/index.ts';

/*
 * The game clock as a client shows it between entries. The server says what the clock read when
 * it welcomed this client (a ClockReading); from then on the client counts: game time = the
 * reading + elapsed wall time × speed while running. A start, pause, resume, speed change or end
 * arrives as a view whose lifecycle or speed changed, and its clock is the game time of the change,
 * so the count starts again from there. No message is sent just to move the clock (PROTOCOL.md §7).
 */

interface Anchor {
  gameMs: number;
  wallMs: number;
  speed: number;
  running: boolean;
}

/** What the clock needs of a view: its game time, lifecycle and speed. */
export interface ClockedView {
  clock: number;
  lifecycle: Lifecycle;
  speed: number;
}

export class LiveClock {
  private anchor: Anchor = { gameMs: 0, wallMs: 0, speed: 1, running: false };
  private last: ClockedView | null = null;

  constructor(private readonly wallNow: () => number = () => performance.now()) {}

  /** The server's (or the solo master's) reading of the clock, now. */
  read(reading: ClockReading): void {
    this.anchor = { gameMs: reading.gameMs, wallMs: this.wallNow(), speed: reading.speed, running: reading.running };
  }

  /**
   * A new view. A changed lifecycle or speed restarts the count at the view's clock (the time of the
   * change); otherwise the view only moves the count forward, when its last entry is later than the
   * count (a slow page, or a machine that slept).
   */
  observe(view: ClockedView): void {
    const before = this.last;
    const counted = this.now();
    this.last = { clock: view.clock, lifecycle: view.lifecycle, speed: view.speed };
    if (before && (before.lifecycle !== view.lifecycle || before.speed !== view.speed)) {
      this.anchor = { gameMs: view.clock, wallMs: this.wallNow(), speed: view.speed, running: view.lifecycle === 'running' };
      return;
    }
    if (view.clock > counted) this.anchor = { ...this.anchor, gameMs: view.clock, wallMs: this.wallNow() };
  }

  /** Game time now, in ms. */
  now(): number {
    const { gameMs, wallMs, speed, running } = this.anchor;
    const counted = running ? gameMs + Math.max(0, Math.floor((this.wallNow() - wallMs) * speed)) : gameMs;
    return Math.max(counted, this.last?.clock ?? 0);
  }

  running(): boolean {
    return this.anchor.running;
  }
}
