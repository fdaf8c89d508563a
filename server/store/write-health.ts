import type { Scheduler } from '../clock.ts';
import { isPromise, type MaybePromise } from './maybe.ts';

/** How often a store that failed a write is tried again while nothing else writes. */
export const PROBE_EVERY_MS = 5_000;

/*
 * Whether the store is taking writes, for GET /healthz: from a failed transaction until a write
 * succeeds again it is not, and says why. A load balancer then stops sending players to a server
 * that can acknowledge nothing. Once it has, no command may arrive to show the disk is back, so
 * while writes fail the store is probed every PROBE_EVERY_MS (OPS8).
 */
export class WriteHealth {
  private lastFailure: string | null = null;
  /** Failures so far: a probe that succeeds clears only if no write failed while it ran. */
  private failures = 0;
  private timer: unknown = null;
  private closed = false;

  constructor(
    private readonly probe: () => MaybePromise<void>,
    private readonly scheduler: Scheduler,
  ) {}

  committed(): void {
    this.lastFailure = null;
    if (this.timer !== null) this.scheduler.clear(this.timer);
    this.timer = null;
  }

  failed(error: Error): void {
    this.lastFailure = error.message;
    this.failures++;
    if (this.timer === null && !this.closed) this.timer = this.scheduler.set(this.tryAgain, PROBE_EVERY_MS);
  }

  /** Why writes are failing, or null while they succeed. */
  get failure(): string | null {
    return this.lastFailure;
  }

  close(): void {
    this.closed = true;
    this.committed();
  }

  private readonly tryAgain = (): void => {
    this.timer = null;
    if (this.closed || this.lastFailure === null) return;
    const since = this.failures;
    const fail = (error: unknown) => this.failed(error instanceof Error ? error : new Error(String(error)));
    const succeeded = () => {
      if (this.failures === since) this.committed();
    };
    try {
      const done = this.probe();
      if (isPromise(done)) done.then(succeeded, fail);
      else succeeded();
    } catch (error) {
      fail(error);
    }
  };
}
