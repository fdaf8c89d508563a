import { describe, expect, it } from 'vitest';
import { MAX_WAIT_MS, MIN_WAIT_MS, retryElsewhere, type RetryableSocket } from '../../client/src/transport/elsewhere-retry.ts';

/* The client's answer to a handshake refused with DRILL_ELSEWHERE: a new connection, naming the drill, after the wait. */

function fakeSocket(query: object = {}) {
  const calls: string[] = [];
  const socket: RetryableSocket = { io: { opts: { query } }, connect: () => calls.push('connect'), disconnect: () => calls.push('disconnect') };
  const scheduled: { run: () => void; ms: number }[] = [];
  return { socket, calls, scheduled, deps: { random: () => 0.5, schedule: (run: () => void, ms: number) => void scheduled.push({ run, ms }) } };
}

const refusal = (retryAfterMs: number, drillId = 'abc123') => Object.assign(new Error('another server node runs this drill'), { data: { code: 'DRILL_ELSEWHERE', drillId, retryAfterMs } });

describe('CLIENT-ELSEWHERE: another node runs the drill at the moment', () => {
  it('CLIENT-ELSEWHERE1 the client closes the refused connection and opens a new one naming the drill, after the wait it was given', () => {
    const f = fakeSocket();
    expect(retryElsewhere(f.socket, refusal(700), f.deps)).toBe(true);
    expect(f.calls).toEqual(['disconnect']);
    expect(f.socket.io.opts.query).toEqual({ drill: 'abc123' });
    expect(f.scheduled.map((s) => s.ms)).toEqual([700]);
    f.scheduled[0]!.run();
    expect(f.calls).toEqual(['disconnect', 'connect']);
  });

  it('CLIENT-ELSEWHERE2 the wait is kept between bounds and spread, so a room does not return all at once', () => {
    const f = fakeSocket({ drill: 'abc123', other: 'kept' });
    retryElsewhere(f.socket, refusal(60_000), { ...f.deps, random: () => 0.999 });
    retryElsewhere(f.socket, refusal(0), { ...f.deps, random: () => 0 });
    expect(f.scheduled.map((s) => s.ms)).toEqual([Math.round(MAX_WAIT_MS * (0.75 + 0.5 * 0.999)), Math.round(MIN_WAIT_MS * 0.75)]);
    expect(f.socket.io.opts.query).toEqual({ drill: 'abc123', other: 'kept' });
  });

  it('CLIENT-ELSEWHERE3 any other connection error is left alone', () => {
    const f = fakeSocket();
    expect(retryElsewhere(f.socket, new Error('this join link is not valid'), f.deps)).toBe(false);
    expect(retryElsewhere(f.socket, Object.assign(new Error('x'), { data: { code: 'DRILL_ELSEWHERE' } }), f.deps)).toBe(false);
    expect(f.calls).toEqual([]);
    expect(f.scheduled).toEqual([]);
  });
});
