import { describe, expect, it } from 'vitest';
import { catchUp } from '../../server/socket/handlers.ts';
import { applyViewPatch, replay, viewFor, type DrillState, type DrillView } from '../../shared/engine/index.ts';
import { ManualTime } from '../../server/clock.ts';
import { SqliteStore } from '../../server/store/sqlite.ts';
import { liveScore, scoreDrill } from '../../shared/scoring/index.ts';
import type { EventStore } from '../../server/store/types.ts';
import { createDrill, take, tempDb, tracked, until, type TestClient, type TestServer } from './harness.ts';

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
    const { s, d, fac, ic, room } = await started();
    // Held at a seq after the drill was created: not a state the server keeps, so no change can be worked out.
    await until(() => ic.view?.seq === room.state.seq, 'the IC holds the started view');
    const heldSeq = ic.view!.seq;
    ic.close();
    expect(await fac.send({ type: 'inject.push', injectId: 'exec-update' })).toMatchObject({ ok: true });
    const current = viewFor(room.compiled, folded(s, d.drillId), { role: 'ic', seat: 'ic' });

    const behind = await client(s, d.seat('ic'), { lastSeq: heldSeq, viewSeq: heldSeq });
    expect(behind.welcome?.view).toEqual(current);
    expect(behind.welcome).not.toHaveProperty('viewPatch');
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
  it('WELCOME-V5 after a restart, a seat that held the view the drill was rebuilt with is sent the change since, not its whole view', async () => {
    const db = tempDb();
    const time = new ManualTime();
    const first = await server({ store: new SqliteStore(db), time });
    const d = await createDrill(first);
    const seats = ['facilitator', 'ic', 'sme-1'] as const;
    const clients: TestClient[] = [];
    for (const name of seats) clients.push(await client(first, d.seat(name)));
    const [fac, ic, sme] = clients as [TestClient, TestClient, TestClient];
    expect(await fac.send({ type: 'drill.start' })).toMatchObject({ ok: true });
    expect(await sme.send(take('review-system-logs', 'app-1'))).toMatchObject({ ok: true });
    expect(await ic.send({ type: 'message.send', message: { channel: 'chat', recipients: ['soc'], subject: '', body: 'bridge is open', encrypted: false } })).toMatchObject({ ok: true });
    const rebuiltSeq = first.app.registry.peek(d.drillId)!.state.seq;
    await until(() => clients.every((c) => c.view?.seq === rebuiltSeq), 'every seat holds the latest view');
    const held = new Map<string, DrillView>(seats.map((name, i) => [name, clients[i]!.view!]));
    for (const c of clients) c.close();
    await first.close();

    // Down for ten game minutes: at boot the drill catches up (the review finishes, injects fall due).
    time.advance(10 * 60_000);
    const second = await server({ store: new SqliteStore(db), time });
    const room = second.app.registry.peek(d.drillId)!;
    await until(() => room.state.seq > rebuiltSeq, 'the catch-up tick commits what fell due');
    const back = async (name: (typeof seats)[number]) => {
      const c = await client(second, d.seat(name), { lastSeq: rebuiltSeq, viewSeq: rebuiltSeq });
      const welcome = c.welcome!;
      const current = viewFor(room.compiled, folded(second, d.drillId), { role: name === 'sme-1' ? 'sme' : name, seat: name } as never);
      expect(welcome).not.toHaveProperty('view');
      // A player's change carries nothing of the facilitator's (the truth, the adversary's state).
      if (name !== 'facilitator') expect(welcome.viewPatch).not.toHaveProperty('facilitator');
      // The held view with the change applied is the seat's whole view now, fog of war included.
      expect(applyViewPatch(held.get(name)!, welcome.viewPatch!)).toEqual(current);
      expect(JSON.stringify(welcome.viewPatch).length).toBeLessThan(JSON.stringify(current).length / 2);
      return c;
    };
    for (const name of seats) await back(name);
    // The drill moves on again; a seat that held the rebuilt view is still sent the change, to the new seq.
    const facAgain = await client(second, d.seat('facilitator'), { lastSeq: room.state.seq, viewSeq: room.state.seq });
    expect(await facAgain.send({ type: 'inject.adhoc', title: 'A call from the press', body: 'They know.', audience: 'all' })).toMatchObject({ ok: true });
    const late = await back('ic');
    expect(late.welcome!.viewPatch!.seq).toBe(room.state.seq);
    expect(applyViewPatch(held.get('ic')!, late.welcome!.viewPatch!).injects.map((i) => i.title.en)).toContain('A call from the press');
  });
});
