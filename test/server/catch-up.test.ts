import { describe, expect, it } from 'vitest';
import { catchUp } from '../../server/socket/handlers.ts';
import { replay, viewFor, type DrillState } from '../../shared/engine/index.ts';
import { liveScore, scoreDrill } from '../../shared/scoring/index.ts';
import type { EventStore } from '../../server/store/types.ts';
import { createDrill, take, tracked, type TestServer } from './harness.ts';

/*
 * What a returning seat is sent: the entries it missed, read from the log, or nothing (without a
 * read) when it had everything, as nearly every seat has after a server restart; and its whole view
 * only when the view it holds (the handshake's viewSeq) is not the current one; likewise a
 * facilitator's live score (scoreSeq).
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

/** The drill's whole state, folded from its log here (its master keeps a trimmed one). */
function folded(s: TestServer, drillId: string): DrillState {
  const entries = s.store.entries(drillId);
  if (entries instanceof Promise) throw new Error('these tests use a store that answers at once');
  return replay(s.app.registry.peek(drillId)!.compiled, entries);
}

/** A started drill with its facilitator and IC connected. */
async function started() {
  const s = await server();
  const d = await createDrill(s);
  const fac = await client(s, d.seat('facilitator'));
  const ic = await client(s, d.seat('ic'));
  expect(await fac.send({ type: 'drill.start' })).toMatchObject({ ok: true });
  return { s, d, fac, ic, room: s.app.registry.peek(d.drillId)! };
}

describe('CATCHUP: a returning seat', () => {
  it('CATCHUP1 a seat that is behind gets the entries it missed, read from the log', async () => {
    const { s, ic, room } = await started();
    const before = room.state.seq;
    expect(await ic.send(take('set-codename', undefined, 'blue-heron'))).toMatchObject({ ok: true });
    const { store, reads } = counting(s.store);
    const caught = catchUp(store, s.app.registry, room, { role: 'ic', seat: 'ic' }, before);
    expect(reads()).toBe(1);
    expect('entries' in caught && caught.entries.map((e) => e.event.type)).toEqual(['action.started']);
  });

  it('CATCHUP2 a seat that had everything gets nothing, and the log is not read', async () => {
    const { s, room } = await started();
    const { store, reads } = counting(s.store);
    expect(catchUp(store, s.app.registry, room, { role: 'ic', seat: 'ic' }, room.state.seq)).toEqual({ entries: [] });
    // A seat claiming to be ahead of the drill (a hostile or confused client) gets nothing either.
    expect(catchUp(store, s.app.registry, room, { role: 'ic', seat: 'ic' }, room.state.seq + 5)).toEqual({ entries: [] });
    expect(reads()).toBe(0);
  });
});

describe('WELCOME-V: the view in a welcome', () => {
  it('WELCOME-V1 a seat whose view is current is welcomed without it, keeps its own, and later patches keep it right', async () => {
    const { s, d, fac, ic, room } = await started();
    expect(await ic.send(take('set-codename', undefined, 'blue-heron'))).toMatchObject({ ok: true });
    const held = ic.view!;
    expect(held.seq).toBe(room.state.seq);
    ic.close();

    const back = await client(s, d.seat('ic'), { lastSeq: held.seq, viewSeq: held.seq });
    expect(back.welcome).not.toHaveProperty('view');
    expect(back.welcome?.missed).toEqual([]);
    // The client carries on from the view it held, as the browser client does.
    back.view = held;
    expect(await fac.send({ type: 'inject.push', injectId: 'exec-update' })).toMatchObject({ ok: true });
    expect(await back.send({ type: 'decision.answer', injectId: 'exec-update', option: 'hold-until-facts' })).toMatchObject({ ok: true });
    expect(back.view).toEqual(viewFor(room.compiled, folded(s, d.drillId), { role: 'ic', seat: 'ic' }));
  });

  it('WELCOME-V2 a seat whose view is behind, or who holds none, gets the whole current view', async () => {
    const s = await server();
    const d = await createDrill(s);
    const fac = await client(s, d.seat('facilitator'));
    const ic = await client(s, d.seat('ic'));
    const heldSeq = ic.view!.seq;
    ic.close();
    expect(await fac.send({ type: 'drill.start' })).toMatchObject({ ok: true });
    const room = s.app.registry.peek(d.drillId)!;
    const current = viewFor(room.compiled, folded(s, d.drillId), { role: 'ic', seat: 'ic' });

    const behind = await client(s, d.seat('ic'), { lastSeq: heldSeq, viewSeq: heldSeq });
    expect(behind.welcome?.view).toEqual(current);
    behind.close();
    const fresh = await client(s, d.seat('ic'));
    expect(fresh.welcome?.view).toEqual(current);
  });

  it('WELCOME-V3 a facilitator whose console holds the latest live score is welcomed without it', async () => {
    const s = await server();
    const d = await createDrill(s);
    const fac = await client(s, d.seat('facilitator'));
    expect(await fac.send({ type: 'drill.start' })).toMatchObject({ ok: true });
    fac.close();
    const first = await client(s, d.seat('facilitator'));
    const held = first.welcome?.score;
    expect(held?.seq).toBe(s.app.registry.peek(d.drillId)!.state.seq);
    first.close();
    const back = await client(s, d.seat('facilitator'), { scoreSeq: held!.seq });
    expect(back.welcome).not.toHaveProperty('score');
  });

  it('WELCOME-V4 a facilitator whose live score is out of date gets the latest', async () => {
    const s = await server();
    const d = await createDrill(s);
    const fac = await client(s, d.seat('facilitator'));
    const heldSeq = fac.welcome!.score!.seq;
    expect(await fac.send({ type: 'drill.start' })).toMatchObject({ ok: true });
    fac.close();
    const back = await client(s, d.seat('facilitator'), { scoreSeq: heldSeq });
    const room = s.app.registry.peek(d.drillId)!;
    expect(back.welcome?.score?.seq).toBe(room.state.seq);
    expect(back.welcome?.score?.total).toBe(liveScore(scoreDrill(room.compiled, s.store.entries(d.drillId)), 'en', room.state.seq).total);
  });
});
