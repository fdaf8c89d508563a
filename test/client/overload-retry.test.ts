import { describe, expect, it } from 'vitest';
import { OVERLOAD_RETRY_DELAYS_MS, retryWhileOverloaded } from '../../client/src/transport/overload-retry.ts';
import type { AckResult } from '../../shared/protocol/index.ts';

/* The browser client's answer to OVERLOADED: the same command, same key, tried again after a pause. */

const overloaded: AckResult<number> = { ok: false, error: { code: 'OVERLOADED', message: 'busy' } };
const done: AckResult<number> = { ok: true, data: 7 };

function scripted(answers: AckResult<number>[]) {
  const slept: number[] = [];
  let calls = 0;
  const attempt = () => Promise.resolve(answers[Math.min(calls++, answers.length - 1)]!);
  return { attempt, slept, calls: () => calls, deps: { sleep: (ms: number) => (slept.push(ms), Promise.resolve()), random: () => 0.5 } };
}

describe('CLIENT-RETRY: OVERLOADED is retried by the client', () => {
  it('CLIENT-RETRY1 a command shed by a briefly busy server goes through on a later try, after growing pauses', async () => {
    const s = scripted([overloaded, overloaded, done]);
    expect(await retryWhileOverloaded(s.attempt, s.deps)).toEqual(done);
    expect(s.calls()).toBe(3);
    expect(s.slept).toEqual([OVERLOAD_RETRY_DELAYS_MS[0], OVERLOAD_RETRY_DELAYS_MS[1]]);
  });

  it('CLIENT-RETRY2 a server that stays overloaded is reported after the last try', async () => {
    const s = scripted([overloaded]);
    expect(await retryWhileOverloaded(s.attempt, s.deps)).toEqual(overloaded);
    expect(s.calls()).toBe(OVERLOAD_RETRY_DELAYS_MS.length + 1);
  });

  it('CLIENT-RETRY3 any other answer, success or refusal, is returned at once', async () => {
    const forbidden: AckResult<number> = { ok: false, error: { code: 'FORBIDDEN', message: 'no' } };
    for (const answer of [done, forbidden]) {
      const s = scripted([answer]);
      expect(await retryWhileOverloaded(s.attempt, s.deps)).toEqual(answer);
      expect([s.calls(), s.slept.length]).toEqual([1, 0]);
    }
  });

  it('CLIENT-RETRY4 pauses are spread by ±50 % so shed clients do not come back together', async () => {
    const low = scripted([overloaded, done]);
    await retryWhileOverloaded(low.attempt, { ...low.deps, random: () => 0 });
    const high = scripted([overloaded, done]);
    await retryWhileOverloaded(high.attempt, { ...high.deps, random: () => 0.999 });
    expect([low.slept[0], high.slept[0]]).toEqual([OVERLOAD_RETRY_DELAYS_MS[0] * 0.5, Math.round(OVERLOAD_RETRY_DELAYS_MS[0] * 1.499)]);
  });
});
