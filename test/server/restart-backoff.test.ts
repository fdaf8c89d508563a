import { describe, expect, it } from 'vitest';
import { RestartBackoff } from '../../server/cluster/restart-backoff.ts';

/* When the primary starts a crashed worker again (server/cluster/primary.ts). */

describe('BACKOFF: restarting crashed workers', () => {
  it('BACKOFF1 a worker that keeps crashing waits twice as long each time, up to the cap', () => {
    const b = new RestartBackoff(1_000, 30_000, 60_000);
    const waits: number[] = [];
    let now = 0;
    for (let i = 0; i < 7; i++) {
      b.started(now);
      now += 500; // up half a second, then down again
      waits.push(b.stopped(now));
      now += waits.at(-1)!;
    }
    expect(waits).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000]);
  });

  it('BACKOFF2 crashes before the worker is ever ready count too', () => {
    const b = new RestartBackoff(1_000, 30_000, 60_000);
    expect([b.stopped(0), b.stopped(1_000), b.stopped(3_000)]).toEqual([1_000, 2_000, 4_000]);
  });

  it('BACKOFF3 a worker that stayed up for the stable period starts again after the base wait', () => {
    const b = new RestartBackoff(1_000, 30_000, 60_000);
    b.started(0);
    b.stopped(100);
    b.started(1_100);
    b.stopped(1_200);
    b.started(3_200);
    expect(b.stopped(3_200 + 60_000)).toBe(1_000);
    b.started(70_000);
    expect(b.stopped(70_000 + 59_999)).toBe(2_000);
  });
});
