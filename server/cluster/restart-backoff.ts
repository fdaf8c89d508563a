/**
 * When to start a crashed worker again. The first restart comes after `baseMs`; each further crash
 * doubles the wait, up to `maxMs`, so a worker that dies at every start (a bad deploy, a full disk)
 * does not spin a core restarting; a worker that then stays up for `stableMs` is forgiven its past
 * crashes.
 */
export class RestartBackoff {
  private crashes = 0;
  private upSince: number | null = null;

  constructor(
    private readonly baseMs = 1_000,
    private readonly maxMs = 30_000,
    private readonly stableMs = 60_000,
  ) {}

  /** The worker is up (ready) at `now` (ms). */
  started(now: number): void {
    this.upSince = now;
  }

  /** The worker stopped at `now` (ms), ready or not: how long to wait before starting it again. */
  stopped(now: number): number {
    if (this.upSince !== null && now - this.upSince >= this.stableMs) this.crashes = 0;
    this.upSince = null;
    const wait = Math.min(this.maxMs, this.baseMs * 2 ** this.crashes);
    this.crashes++;
    return wait;
  }
}
