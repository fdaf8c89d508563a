/*
 * Waiting out another connection's hold on the database file. Each thread (and any other process
 * opening the file, such as the CLI) has its own connection; SQLite's busy handler covers most
 * waits, but not all of them.
 */

const pause = new Int32Array(new SharedArrayBuffer(4));

/** Whether an error is SQLite saying another connection holds the file (SQLITE_BUSY and its variants). */
export const isBusy = (error: unknown): boolean => String((error as { code?: unknown } | null)?.code ?? '').startsWith('SQLITE_BUSY');

/**
 * Run `attempt` until it does not fail with SQLITE_BUSY, sleeping `pollMs` between tries, for up
 * to `waitMs`; any other error, or BUSY past the deadline, is thrown. Blocks the thread while it
 * waits: for a worker thread, or for start-up before the server serves anything. `attempt` must be
 * safe to run again after a BUSY (nothing of it applied).
 */
export function retryWhileBusy<T>(attempt: () => T, options: { waitMs?: number; pollMs?: number; now?: () => number } = {}): T {
  const { waitMs = 5_000, pollMs = 0.1, now = () => performance.now() } = options;
  const deadline = now() + waitMs;
  for (;;) {
    try {
      return attempt();
    } catch (error) {
      if (!isBusy(error) || now() > deadline) throw error;
      Atomics.wait(pause, 0, 0, pollMs);
    }
  }
}
