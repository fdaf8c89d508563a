/*
 * Whether the store is taking writes, for GET /healthz: from a failed transaction until one
 * succeeds again it is not, and says why. A load balancer then stops sending players to a server
 * that can acknowledge nothing.
 */
export class WriteHealth {
  private lastFailure: string | null = null;

  committed(): void {
    this.lastFailure = null;
  }

  failed(error: Error): void {
    this.lastFailure = error.message;
  }

  /** Why writes are failing, or null while they succeed. */
  get failure(): string | null {
    return this.lastFailure;
  }
}
