import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../server/store/memory.ts';
import type { CommitItem, CommitRefusals, EventStore } from '../../server/store/types.ts';
import { InFlightLimit, LagSignal } from '../../server/socket/overload.ts';
import { createDrill, tracked, until } from './harness.ts';

/*
 * Shedding on the commands in flight (server/app.ts MAX_COMMANDS_IN_FLIGHT): while that many
 * accepted commands are not yet answered, a new one is refused with OVERLOADED and nothing of it is
 * applied; the client retries with the same key. Commits are held at the disk to keep commands in
 * flight for as long as the test needs. Shedding on the event loop's lag is decided by LagSignal,
 * tested here on recorded tick lateness rather than a real timer.
 */

/** A memory store whose commits are held until released. */
function heldStore(): { store: MemoryStore; release: () => void; held: () => number } {
  const store = new MemoryStore();
  const commitNow = store.commit.bind(store);
  const waiting: (() => void)[] = [];
  const held: EventStore = store;
  held.commit = (items: CommitItem[]) => new Promise<CommitRefusals>((resolve) => waiting.push(() => resolve(commitNow(items))));
  return { store, release: () => waiting.splice(0).forEach((f) => f()), held: () => waiting.length };
}

const { server, client } = tracked();
const note = (text: string, idempotencyKey: string) => ({ command: { type: 'timeline.add' as const, text }, idempotencyKey });

describe('SHED: commands in flight', () => {
  it('SHED1 past the limit a command gets OVERLOADED with nothing applied, and the same key goes through once the server has answered the ones before', async () => {
    const { store, release, held } = heldStore();
    const s = await server({ store, maxCommandsInFlight: 1 });
    const d = await createDrill(s);
    const fac = await client(s, d.seat('facilitator'));
    const scribe = await client(s, d.seat('scribe'));
    const starting = fac.send({ type: 'drill.start' });
    await until(() => held() === 1, 'the start is at the disk');
    const shed = await scribe.socket.emitWithAck('drill:command', note('while the start is in flight', 'scribe-note-1'));
    expect(shed).toMatchObject({ ok: false, error: { code: 'OVERLOADED' } });
    release();
    expect((await starting).ok).toBe(true);
    expect(store.entries(d.drillId).filter((e) => e.event.type === 'timeline.added')).toEqual([]);
    const retried = scribe.socket.emitWithAck('drill:command', note('while the start is in flight', 'scribe-note-1'));
    await until(() => held() === 1, 'the retry is at the disk');
    release();
    expect((await retried).ok).toBe(true);
    expect(store.entries(d.drillId).filter((e) => e.event.type === 'timeline.added')).toHaveLength(1);
  });

  it('SHED2 under the limit commands are taken while others are in flight', async () => {
    const { store, release, held } = heldStore();
    const s = await server({ store, maxCommandsInFlight: 2 });
    const d = await createDrill(s);
    const fac = await client(s, d.seat('facilitator'));
    const scribe = await client(s, d.seat('scribe'));
    const starting = fac.send({ type: 'drill.start' });
    await until(() => held() === 1, 'the start is at the disk');
    const second = scribe.socket.emitWithAck('drill:command', note('one more in flight', 'scribe-note-2'));
    await until(() => held() === 2, 'the second command is at the disk too');
    release();
    expect((await starting).ok).toBe(true);
    expect((await second).ok).toBe(true);
  });
});

describe('SHED: event-loop lag', () => {
  /** Whether a 150-ms signal sheds after each of these probe ticks' lateness. */
  const shedding = (lags: number[]) => {
    const signal = new LagSignal(150);
    return lags.map((lag) => {
      signal.record(lag);
      return signal.overloaded();
    });
  };

  it('SHED3 one long stall on a quiet server does not shed: a tick late by a second, then on time', () => {
    expect(shedding([0, 1_000, 2])).toEqual([false, false, false]);
  });

  it('SHED4 two late ticks in a row shed, and shedding lasts until the smoothed lag is back under the threshold', () => {
    // After the first tick on time the smoothed lag is (400 + 10) / 2 = 205 ms, still past 150: the
    // flood is not let back in yet. After the second, 107.5 ms: over.
    expect(shedding([400, 400, 10, 10])).toEqual([false, true, true, false]);
  });

  it('SHED5 lag at the threshold is not overload, nor are late ticks that are not consecutive', () => {
    expect(shedding([150, 150, 150, 600, 0, 600, 0, 600])).toEqual(Array(8).fill(false));
  });
});

describe('SHED: the cap tightens while saturated', () => {
  /** A limit of 8, tightened to 2 and judged each second, on a clock the test moves. */
  function limit() {
    let now = 0;
    const cap = new InFlightLimit(8, { saturated: 2, windowMs: 1_000, now: () => now });
    const take = (n: number) => Array.from({ length: n }, () => cap.enter());
    return { cap, take, at: (ms: number) => (now = ms) };
  }

  it('SHED6 under the normal cap nothing tightens, however long commands stay in flight', () => {
    const { cap, take, at } = limit();
    expect(take(7)).toEqual(Array(7).fill(true));
    at(5_000);
    expect(cap.enter()).toBe(true);
    expect(cap.isSaturated).toBe(false);
  });

  it('SHED7 reaching the normal cap tightens it: until a second passes with fewer shed than taken, only 2 may be in flight', () => {
    const { cap, take, at } = limit();
    take(8);
    expect(cap.enter()).toBe(false);
    expect(cap.isSaturated).toBe(true);
    // All 8 answered: room again, but only for 2 (this second: 2 taken, 5 shed).
    for (let i = 0; i < 8; i++) cap.leave();
    expect(take(6)).toEqual([true, true, false, false, false, false]);
    // The next second is still a flood (shed 10, taken 2): the tight cap holds.
    at(1_000);
    for (let i = 0; i < 2; i++) cap.leave();
    take(12);
    at(2_000);
    for (let i = 0; i < 2; i++) cap.leave();
    expect(take(3)).toEqual([true, true, false]);
    expect(cap.isSaturated).toBe(true);
  });

  it('SHED8 a second with fewer shed than taken lets the normal cap back', () => {
    const { cap, take, at } = limit();
    take(8);
    cap.enter();
    for (let i = 0; i < 8; i++) cap.leave();
    at(1_000);
    // A normal pace: two taken and answered, one shed while they were in flight.
    take(2);
    for (let i = 0; i < 2; i++) cap.leave();
    take(2);
    cap.enter();
    for (let i = 0; i < 2; i++) cap.leave();
    at(2_000);
    expect(take(5)).toEqual(Array(5).fill(true));
    expect(cap.isSaturated).toBe(false);
  });

  it('SHED9 with no saturated cap, reaching the cap only sheds', () => {
    let now = 0;
    const cap = new InFlightLimit(2, { now: () => now });
    expect([cap.enter(), cap.enter(), cap.enter()]).toEqual([true, true, false]);
    cap.leave();
    now = 1_500;
    expect(cap.enter()).toBe(true);
    expect(cap.isSaturated).toBe(false);
  });
});
