import type { AckResult } from '../../../shared/protocol/index.ts';

/**
 * The server sheds commands it cannot take in time with OVERLOADED (nothing applied; PROTOCOL.md),
 * and a short stall on a busy server can shed a few even at a normal pace. So the client tries again
 * by itself, with the same idempotency key, before telling the person: after about 0.3, 0.6 and
 * 1.2 s, each spread by ±50 % so shed clients do not return together. Sustained overload still
 * reaches the person, after about 2 s.
 */
export const OVERLOAD_RETRY_DELAYS_MS = [300, 600, 1200] as const;

export interface RetryDeps {
  sleep(ms: number): Promise<void>;
  /** A number in [0, 1). */
  random(): number;
}

export async function retryWhileOverloaded<T>(attempt: () => Promise<AckResult<T>>, deps: RetryDeps): Promise<AckResult<T>> {
  let result = await attempt();
  for (const delay of OVERLOAD_RETRY_DELAYS_MS) {
    if (result.ok || result.error.code !== 'OVERLOADED') return result;
    await deps.sleep(Math.round(delay * (0.5 + deps.random())));
    result = await attempt();
  }
  return result;
}
