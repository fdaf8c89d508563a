/*
 * Load shedding. When the event loop falls behind (the machine is past its capacity), new commands
 * are refused at once with an explicit OVERLOADED error rather than queued behind work that is
 * already late: latency for the commands that are accepted stays bounded, and clients are told to
 * retry. The lag probe is a timer that should fire every `intervalMs`; how late it fires is the lag.
 */

/**
 * Whether the loop is behind, from the lateness of successive probe ticks. The lag is smoothed
 * (half the last tick, half the ticks before), and shedding starts only once two ticks in a row
 * were late past the threshold; it then lasts while the smoothed lag stays past it.
 *
 * Two ticks, because one long task on a quiet server (compiling a scenario on first use, a major
 * GC) makes one tick late and is not overload. Smoothed, because under a flood the loop alternates
 * between drowned turns and turns freed by shedding, and stopping at the first tick on time would
 * let the next flood straight in (SHED3–5).
 */
export class LagSignal {
  private smoothed = 0;
  private lateStreak = 0;
  private shedding = false;

  constructor(private readonly thresholdMs = 150) {}

  /** One probe tick that fired `lagMs` later than it should have. */
  record(lagMs: number): void {
    this.smoothed = this.smoothed * 0.5 + lagMs * 0.5;
    this.lateStreak = lagMs > this.thresholdMs ? this.lateStreak + 1 : 0;
    this.shedding = this.smoothed > this.thresholdMs && (this.shedding || this.lateStreak >= 2);
  }

  overloaded(): boolean {
    return this.shedding;
  }
}

export class LagMonitor {
  private readonly signal: LagSignal;
  private expected = performance.now();
  private readonly timer: ReturnType<typeof setInterval>;

  /** `onSample` is told each probe tick's lag in ms (the /metrics histogram). */
  constructor(thresholdMs = 150, intervalMs = 50, onSample?: (lagMs: number) => void) {
    this.signal = new LagSignal(thresholdMs);
    this.timer = setInterval(() => {
      const now = performance.now();
      const lag = Math.max(0, now - this.expected - intervalMs);
      this.signal.record(lag);
      onSample?.(lag);
      this.expected = now;
    }, intervalMs);
    this.timer.unref();
  }

  overloaded(): boolean {
    return this.signal.overloaded();
  }

  close(): void {
    clearInterval(this.timer);
  }
}

/**
 * How long a stretch is judged for whether the tight cap of InFlightLimit still holds: short, so a
 * normal load that touched the cap in a commit stall is let go soon, while a flood still sheds more
 * than it takes in every window.
 */
export const SATURATION_WINDOW_MS = 250;

/**
 * The commands accepted and not yet answered, server-wide, with a cap past which new ones are shed
 * (server/app.ts MAX_COMMANDS_IN_FLIGHT: Little's law bounds the wait of what is accepted).
 *
 * With a `saturated` cap, the limit tightens while the server is saturated. Reaching the normal cap
 * says so (a team's pace reaches it only in a long commit stall on a slow hour), and the tight cap
 * then holds while more commands are shed than taken over each window (SATURATION_WINDOW_MS): a
 * flood keeps it, a normal load lets it go at the end of the window after its stall. No one fixed
 * cap does both: a high one lets a burst wait long, a low one sheds a normal load in every commit
 * stall (SHED6–9; figures in test/bench/RESULTS.md).
 */
export class InFlightLimit {
  private count = 0;
  private tight = false;
  private windowStart = 0;
  private shedInWindow = 0;
  private takenInWindow = 0;

  private readonly saturated: number;
  private readonly windowMs: number;
  private readonly now: () => number;

  constructor(
    private readonly max: number,
    tighten: { saturated?: number; windowMs?: number; now?: () => number } = {},
  ) {
    this.saturated = tighten.saturated ?? 0;
    this.windowMs = tighten.windowMs ?? SATURATION_WINDOW_MS;
    this.now = tighten.now ?? (() => performance.now());
  }

  /** Take a place, or say there is none (the command is then shed). */
  enter(): boolean {
    const now = this.roll();
    const cap = this.tight ? this.saturated : this.max;
    if (this.count >= cap) {
      if (this.saturated > 0 && !this.tight) {
        // Saturated from now: the first window judged is the tight cap's own.
        this.tight = true;
        this.openWindow(now);
      }
      this.shedInWindow++;
      return false;
    }
    this.count++;
    this.takenInWindow++;
    return true;
  }

  leave(): void {
    this.count--;
  }

  /** Whether the tight cap is in force (for tests and figures). */
  get isSaturated(): boolean {
    return this.tight;
  }

  /** Close the window once it is over, and judge it; returns the time. */
  private roll(): number {
    const now = this.now();
    if (now - this.windowStart < this.windowMs) return now;
    // A window that ended a window's length ago saw no commands after it: nothing was shed then.
    const whole = now - this.windowStart < 2 * this.windowMs;
    if (this.tight && (!whole || this.shedInWindow <= this.takenInWindow)) this.tight = false;
    this.openWindow(now);
    return now;
  }

  private openWindow(now: number): void {
    this.windowStart = now;
    this.shedInWindow = 0;
    this.takenInWindow = 0;
  }
}
