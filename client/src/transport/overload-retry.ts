import type { AckResult } from '../../../shared/protocol/index.ts';

/**
 * The server sheds commands it cannot take in time with OVERLOADED (nothing applied; PROTOCOL.md):
 * past a number of commands in flight, or when its event loop lags. A short stall on a busy server
 * can shed a few commands even at a normal pace (60-s runs at 1,000 rooms × 8 on two cores: 127 of
 * 55,845 with a cap of 128; 388–529 of about 56,000 on a slow hour with the cap of 256 that tightens
 * to 32 while saturated, session 11), so the client tries again by itself, with the same
 * idempotency key, before telling the person:
 * after about 0.3, 0.6 and 1.2 s, each spread by ±50 % so shed clients do not return together.
 * Sustained overload still reaches the person, after about 2 s.
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
