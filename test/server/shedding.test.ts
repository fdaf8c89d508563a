import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../server/store/memory.ts';
import type { CommitItem, CommitRefusals, EventStore } from '../../server/store/types.ts';
import { LagSignal } from '../../server/socket/overload.ts';
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
  it('SHED3 one long stall does not shed: a tick late by a second, then on time', () => {
    const signal = new LagSignal(150, 3);
    signal.record(0);
    signal.record(0);
    signal.record(1_000);
    expect(signal.overloaded()).toBe(false);
    signal.record(2);
    expect(signal.overloaded()).toBe(false);
  });

  it('SHED4 a sustained lag sheds, and stops as soon as a tick is on time', () => {
    const signal = new LagSignal(150, 3);
    signal.record(200);
    signal.record(400);
    expect(signal.overloaded()).toBe(false);
    signal.record(160);
    expect(signal.overloaded()).toBe(true);
    signal.record(10);
    expect(signal.overloaded()).toBe(false);
  });

  it('SHED5 lag at the threshold is not overload', () => {
    const signal = new LagSignal(150, 2);
    signal.record(150);
    signal.record(150);
    expect(signal.overloaded()).toBe(false);
  });
});
