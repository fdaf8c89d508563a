import { describe, expect, it } from 'vitest';
import { catchUp } from '../../server/socket/handlers.ts';
import type { EventStore } from '../../server/store/types.ts';
import { createDrill, take, tracked } from './harness.ts';

/*
 * What a returning seat is sent: the entries it missed, read from the log, or nothing (without a
 * read) when it had everything, as nearly every seat has after a server restart.
 */

const { server, client } = tracked();

/** The store, counting the log reads catch-up makes. */
function counting(store: EventStore): { store: EventStore; reads: () => number } {
  let reads = 0;
  const spy = new Proxy(store, {
    get(target, key, receiver) {
      if (key === 'entries') return (...args: Parameters<EventStore['entries']>) => (reads++, target.entries(...args));
      return Reflect.get(target, key, receiver) as unknown;
    },
  });
  return { store: spy, reads: () => reads };
}

describe('CATCHUP: a returning seat', () => {
  it('CATCHUP1 a seat that is behind gets the entries it missed, read from the log', async () => {
    const s = await server();
    const d = await createDrill(s);
    const fac = await client(s, d.seat('facilitator'));
    const ic = await client(s, d.seat('ic'));
    expect(await fac.send({ type: 'drill.start' })).toMatchObject({ ok: true });
    const room = s.app.registry.get(d.drillId)!;
    const before = room.state.seq;
    expect(await ic.send(take('set-codename', undefined, 'blue-heron'))).toMatchObject({ ok: true });
    const { store, reads } = counting(s.store);
    const caught = catchUp(store, room, { role: 'ic', seat: 'ic' }, before);
    expect(reads()).toBe(1);
    expect('entries' in caught && caught.entries.map((e) => e.event.type)).toEqual(['action.taken']);
  });

  it('CATCHUP2 a seat that had everything gets nothing, and the log is not read', async () => {
    const s = await server();
    const d = await createDrill(s);
    const fac = await client(s, d.seat('facilitator'));
    expect(await fac.send({ type: 'drill.start' })).toMatchObject({ ok: true });
    const room = s.app.registry.get(d.drillId)!;
    const { store, reads } = counting(s.store);
    expect(catchUp(store, room, { role: 'ic', seat: 'ic' }, room.state.seq)).toEqual({ entries: [] });
    // A seat claiming to be ahead of the drill (a hostile or confused client) gets nothing either.
    expect(catchUp(store, room, { role: 'ic', seat: 'ic' }, room.state.seq + 5)).toEqual({ entries: [] });
    expect(reads()).toBe(0);
  });
});
