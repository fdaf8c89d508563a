/*
 * Load shedding. When the event loop falls behind (the machine is past its capacity), new commands
 * are refused at once with an explicit OVERLOADED error rather than queued behind work that is
 * already late: latency for the commands that are accepted stays bounded, and clients are told to
 * retry. The lag probe is a timer that should fire every `intervalMs`; how late it fires is the lag.
 */

/**
 * Whether the loop is behind, from the lateness of successive probe ticks. Only a *sustained* lag
 * counts: every one of the last `sustainTicks` ticks late past the threshold. One long synchronous
 * task (compiling a scenario on first use, a major GC) makes a single tick late and then the loop
 * is free again; shedding the next command for it refused a drill's first `drill.start` after a
 * worker booted (SHARD5, CLUSTER1 in CI). Pure, so it is tested without timers.
 */
export class LagSignal {
  private readonly recent: number[] = [];

  constructor(
    private readonly thresholdMs = 150,
    private readonly sustainTicks = 3,
  ) {}

  /** One probe tick that fired `lagMs` later than it should have. */
  record(lagMs: number): void {
    this.recent.push(lagMs);
    if (this.recent.length > this.sustainTicks) this.recent.shift();
  }

  overloaded(): boolean {
    return this.recent.length === this.sustainTicks && this.recent.every((lag) => lag > this.thresholdMs);
  }
}

export class LagMonitor {
  private readonly signal: LagSignal;
  private expected = performance.now();
  private readonly timer: ReturnType<typeof setInterval>;

  constructor(thresholdMs = 150, intervalMs = 50) {
    this.signal = new LagSignal(thresholdMs);
    this.timer = setInterval(() => {
      const now = performance.now();
      this.signal.record(Math.max(0, now - this.expected - intervalMs));
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
 * The commands accepted and not yet answered, server-wide, with a cap past which new ones are shed
 * (server/app.ts MAX_COMMANDS_IN_FLIGHT: Little's law bounds the wait of what is accepted).
 */
export class InFlightLimit {
  private count = 0;

  constructor(private readonly max: number) {}

  /** Take a place, or say there is none (the command is then shed). */
  enter(): boolean {
    if (this.count >= this.max) return false;
    this.count++;
    return true;
  }

  leave(): void {
    this.count--;
  }
}
