/*
 * Load shedding. When the event loop falls behind (the machine is past its capacity), new commands
 * are refused at once with an explicit OVERLOADED error rather than queued behind work that is
 * already late: latency for the commands that are accepted stays bounded, and clients are told to
 * retry. The lag probe is a timer that should fire every `intervalMs`; how late it fires is the lag.
 */
export class LagMonitor {
  private lagMs = 0;
  private expected = performance.now();
  private readonly timer: ReturnType<typeof setInterval>;

  constructor(
    private readonly thresholdMs = 150,
    private readonly intervalMs = 50,
  ) {
    this.timer = setInterval(() => {
      const now = performance.now();
      // Smooth over a few ticks so one slow tick (a GC) does not refuse commands by itself.
      this.lagMs = this.lagMs * 0.5 + Math.max(0, now - this.expected - this.intervalMs) * 0.5;
      this.expected = now;
    }, intervalMs);
    this.timer.unref();
  }

  overloaded(): boolean {
    return this.lagMs > this.thresholdMs;
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
