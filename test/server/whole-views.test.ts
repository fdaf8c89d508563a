import { describe, expect, it } from 'vitest';
import { WHOLE_STATE_KEPT_MS } from '../../server/drills/whole-states.ts';
import { MemoryStore } from '../../server/store/memory.ts';
import { applyViewPatch, replay, viewFor, type DrillView, type LogEntry } from '../../shared/engine/index.ts';
import { createDrill, join, startServer, take, type TestServer } from './harness.ts';

/*
 * A live drill's master keeps a trimmed state: its messages, timeline and finished work are in the
 * log only. A seat that needs its whole view gets it from the log folded whole; the seats of one
 * wave share one fold, and the drill lets it go once nobody has asked for a while.
 */

/** A memory store that notes every log read: [drill, afterSeq]. */
function countingStore(): { store: MemoryStore; reads: [string, number | undefined][] } {
  const reads: [string, number | undefined][] = [];
  const store = new Proxy(new MemoryStore(), {
    get(target, key, receiver) {
      if (key === 'entries') return (drillId: string, afterSeq?: number) => (reads.push([drillId, afterSeq]), target.entries(drillId, afterSeq));
      return Reflect.get(target, key, receiver) as unknown;
    },
  });
  return { store, reads };
}

/** The view of the drill's log folded whole, as the seat sees it. */
function foldedView(s: TestServer<MemoryStore>, drillId: string, seat: { role: string; seat: string }): DrillView {
  const compiled = s.app.registry.peek(drillId)!.compiled;
  return viewFor(compiled, replay(compiled, s.store.entries(drillId) as LogEntry[]), seat as never);
}

async function playedDrill() {
  const { store, reads } = countingStore();
  const s = await startServer({ store });
  const d = await createDrill(s);
  const fac = await join(s, d.seat('facilitator'));
  const sme = await join(s, d.seat('sme-1'));
  const ic = await join(s, d.seat('ic'));
  const scribe = await join(s, d.seat('scribe'));
  expect(await fac.send({ type: 'drill.start' })).toMatchObject({ ok: true });
  expect(await sme.send(take('review-system-logs', 'app-1'))).toMatchObject({ ok: true });
  expect(await ic.send({ type: 'message.send', message: { channel: 'chat', recipients: ['soc'], subject: '', body: 'status on the bridge', encrypted: false } })).toMatchObject({ ok: true });
  expect(await scribe.send({ type: 'timeline.add', text: 'review under way' })).toMatchObject({ ok: true });
  expect(await fac.send({ type: 'inject.adhoc', title: 'A call from the press', body: 'They know.', audience: 'all' })).toMatchObject({ ok: true });
  expect(await sme.send({ type: 'action.cancel', workId: 'w1' })).toMatchObject({ ok: true });
  return { s, d, reads, clients: [fac, sme, ic, scribe] };
}

describe('TRIM3: whole views come from the log', () => {
  it('TRIM3 a seat joining a drill with a history gets the view of its log folded whole, while the master keeps none of it', async () => {
    const { s, d, clients } = await playedDrill();
    const master = s.app.registry.peek(d.drillId)!;
    expect(master.state.trimmed).toBe(true);
    expect({ messages: master.state.messages, timeline: master.state.timeline, work: master.state.work }).toEqual({ messages: [], timeline: [], work: [] });
    const deputy = await join(s, d.seat('deputy'));
    const view = deputy.welcome!.view!;
    expect(view).toEqual(foldedView(s, d.drillId, { role: 'deputy', seat: 'deputy' }));
    expect(view.messages.map((m) => m.body)).toEqual(['status on the bridge']);
    expect(view.timeline.map((t) => t.text)).toEqual(['review under way']);
    expect(view.work.map((w) => w.status)).toEqual(['cancelled']);
    expect(view.injects.map((i) => i.title.en)).toContain('A call from the press');
    // drill:sync's snapshot and GET /drills/:id/view are the same whole view.
    const sync = await deputy.socket.timeout(5000).emitWithAck('drill:sync', { lastSeq: -1 });
    expect(sync).toEqual({ ok: true, data: { snapshot: view } });
    const res = await fetch(`${s.url}/drills/${d.drillId}/view`, { headers: { authorization: `Bearer ${d.seat('deputy').token}` } });
    expect(((await res.json()) as { data: DrillView }).data).toEqual(view);
    for (const c of [...clients, deputy]) c.close();
    await s.close();
  });

  it('TRIM3 the seats of a wave share one fold: another whole view at the same seq reads nothing, a later one only what was committed since', async () => {
    const { s, d, reads, clients } = await playedDrill();
    const seq = s.app.registry.peek(d.drillId)!.state.seq;
    reads.length = 0;
    const deputy = await join(s, d.seat('deputy'));
    const observer = await join(s, d.seat('observer-1'));
    expect(deputy.welcome?.view?.seq).toBe(seq);
    expect(observer.welcome?.view?.seq).toBe(seq);
    // The whole state kept since the drill was created is moved on with what was committed since: one read.
    expect(reads.filter(([id]) => id === d.drillId)).toHaveLength(1);
    expect(reads[0]![1]).toBeGreaterThanOrEqual(0);
    reads.length = 0;
    expect(await clients[2]!.send({ type: 'message.send', message: { channel: 'chat', recipients: ['soc'], subject: '', body: 'later', encrypted: false } })).toMatchObject({ ok: true });
    deputy.close();
    const back = await join(s, d.seat('deputy'));
    expect(reads).toEqual([[d.drillId, seq]]);
    expect(back.welcome?.view).toEqual(foldedView(s, d.drillId, { role: 'deputy', seat: 'deputy' }));
    for (const c of [...clients, observer, back]) c.close();
    await s.close();
  });

  it('TRIM3 a whole state nobody asked for in WHOLE_STATE_KEPT_MS is let go of: the next whole view folds the whole log again', async () => {
    const { s, d, reads, clients } = await playedDrill();
    await join(s, d.seat('deputy')).then((c) => c.close());
    s.time.advance(WHOLE_STATE_KEPT_MS);
    reads.length = 0;
    const observer = await join(s, d.seat('observer-1'));
    expect(reads.filter(([id]) => id === d.drillId)).toEqual([[d.drillId, undefined]]);
    expect(observer.welcome?.view).toEqual(foldedView(s, d.drillId, { role: 'observer', seat: 'observer-1' }));
    for (const c of [...clients, observer]) c.close();
    await s.close();
  });
  it('WELCOME-V5 the state a drill was created with is a base only while its whole state is kept: a seat holding it gets the change, and once let go of the whole view', async () => {
    const s = await startServer({ store: new MemoryStore() });
    const d = await createDrill(s);
    const ic = await join(s, d.seat('ic'));
    const created = ic.view!;
    ic.close();
    const fac = await join(s, d.seat('facilitator'));
    expect(await fac.send({ type: 'drill.start' })).toMatchObject({ ok: true });
    const icSeat = { role: 'ic', seat: 'ic' };
    const soon = await join(s, d.seat('ic'), { lastSeq: created.seq, viewSeq: created.seq });
    expect(soon.welcome).not.toHaveProperty('view');
    expect(applyViewPatch(created, soon.welcome!.viewPatch!)).toEqual(foldedView(s, d.drillId, icSeat));
    soon.close();
    s.time.advance(WHOLE_STATE_KEPT_MS);
    const late = await join(s, d.seat('ic'), { lastSeq: created.seq, viewSeq: created.seq });
    expect(late.welcome).not.toHaveProperty('viewPatch');
    expect(late.welcome?.view).toEqual(foldedView(s, d.drillId, icSeat));
    for (const c of [fac, late]) c.close();
    await s.close();
  });
});
