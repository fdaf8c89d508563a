import { describe, expect, it } from 'vitest';
import { historyPage } from '../../server/socket/handlers.ts';
import { redactEntryFor } from '../../shared/engine/index.ts';
import type { LogEntry } from '../../shared/engine/types.ts';
import { HISTORY_PAGE, type HistoryPage } from '../../shared/protocol/index.ts';
import { createDrill, take, tracked, until, type TestClient } from './harness.ts';

/*
 * What a client needs to show a live clock and the whole story without the server pushing either
 * unasked: the welcome carries the game clock as it reads now (not the time of the view's last
 * entry), and drill:history pages through the seat's log on request, redacted for the seat.
 */

const { server, client } = tracked();

/** Every page of a seat's history from the start up to `untilSeq`, as a client asks for them. */
async function wholeHistory(c: TestClient, untilSeq: number): Promise<{ entries: LogEntry[]; pages: number }> {
  const entries: LogEntry[] = [];
  let after = -1;
  let pages = 0;
  while (after < untilSeq) {
    const ack = await c.socket.emitWithAck('drill:history', { afterSeq: after, untilSeq });
    if (!ack.ok) throw new Error(ack.error.message);
    pages++;
    entries.push(...ack.data.entries);
    if (ack.data.through <= after) break;
    after = ack.data.through;
  }
  return { entries, pages };
}

describe('CLOCK-W: the welcome carries the game clock', () => {
  it('CLOCK-W1 a seat joining a running drill is told the game time now, the speed and that it runs', async () => {
    const s = await server();
    const d = await createDrill(s, { speed: 5 });
    const fac = await client(s, d.seat('facilitator'));
    expect(await fac.send({ type: 'drill.start' })).toMatchObject({ ok: true });
    // 20 wall seconds at 5× is 100 game seconds; the quiet minute-1 tick adds no entry, so the
    // view's clock lags behind the clock the welcome reads.
    s.time.advance(20_000);
    const ic = await client(s, d.seat('ic'));
    expect(ic.welcome?.clock).toEqual({ gameMs: 100_000, speed: 5, running: true });
    expect(ic.welcome?.view?.clock).toBeLessThan(100_000);
  });

  it('CLOCK-W2 before the start and while paused the clock reads as stopped, at the time it stopped', async () => {
    const s = await server();
    const d = await createDrill(s);
    const early = await client(s, d.seat('deputy'));
    expect(early.welcome?.clock).toEqual({ gameMs: 0, speed: 1, running: false });
    const fac = await client(s, d.seat('facilitator'));
    await fac.send({ type: 'drill.start' });
    s.time.advance(90_000);
    await fac.send({ type: 'drill.pause' });
    s.time.advance(10 * 60_000);
    const late = await client(s, d.seat('scribe'));
    expect(late.welcome?.clock).toEqual({ gameMs: 90_000, speed: 1, running: false });
  });

  it('CLOCK-W3 a pause, resume or speed change reaches every seat as a patch whose clock is the game time of the change', async () => {
    const s = await server();
    const d = await createDrill(s);
    const fac = await client(s, d.seat('facilitator'));
    const sme = await client(s, d.seat('sme-1'));
    await fac.send({ type: 'drill.start' });
    s.time.advance(30_000);
    await fac.send({ type: 'drill.setSpeed', speed: 10 });
    await until(() => sme.view?.speed === 10, 'the speed change reaches the SME');
    expect(sme.view?.clock).toBe(30_000);
    s.time.advance(6_000); // one game minute at 10×
    await fac.send({ type: 'drill.pause' });
    await until(() => sme.view?.lifecycle === 'paused', 'the pause reaches the SME');
    expect(sme.view?.clock).toBe(90_000);
  });
});

describe('HIST: drill:history', () => {
  it('HIST1 a late joiner pages through its whole history, as the log redacted for its seat', async () => {
    const s = await server();
    const d = await createDrill(s);
    const fac = await client(s, d.seat('facilitator'));
    const ic = await client(s, d.seat('ic'));
    await fac.send({ type: 'drill.start' });
    await fac.send({ type: 'facilitator.note', text: 'watch the IC' });
    await ic.send(take('page-ic'));
    await ic.send({ type: 'hint.request' });
    s.time.advance(3 * 60_000);
    await until(() => ic.entries.some((e) => e.event.type === 'action.completed'), 'the page completes');

    const late = await client(s, d.seat('scribe'));
    const seq = late.welcome!.view!.seq;
    const { entries } = await wholeHistory(late, seq);
    const expected = s.store.entries(d.drillId).filter((e) => e.seq <= seq).flatMap((e) => redactEntryFor(s.app.registry.peek(d.drillId)!.compiled, e, { role: 'scribe', seat: 'scribe' }) ?? []);
    expect(entries).toEqual(expected);
    const types = entries.map((e) => e.event.type);
    expect(types).toContain('drill.started');
    expect(types).toContain('inject.delivered');
    // Another seat's hint and the facilitator's note are not the scribe's to read.
    expect(types).not.toContain('facilitator.noted');
    expect(types).not.toContain('hint.given');
    // The drill's creation reaches it without the hidden world.
    expect(entries[0]?.event).toMatchObject({ type: 'drill.created', seed: '' });
  });

  it(`HIST2 a page covers at most ${HISTORY_PAGE} of the log's entries and says how far it went`, async () => {
    const s = await server();
    const d = await createDrill(s);
    const fac = await client(s, d.seat('facilitator'));
    await fac.send({ type: 'drill.start' });
    const master = s.app.registry.peek(d.drillId)!;
    const ask = async (afterSeq: number, untilSeq: number): Promise<HistoryPage> => {
      const ack = await fac.socket.emitWithAck('drill:history', { afterSeq, untilSeq });
      if (!ack.ok) throw new Error(ack.error.message);
      return ack.data;
    };
    const first = await ask(-1, 0);
    expect(first.through).toBe(0);
    expect(first.entries.map((e) => e.seq)).toEqual([0]);
    // Beyond what is durable, the page stops at the drill's seq.
    const all = await ask(0, 10_000);
    expect(all.through).toBe(master.state.seq);
    expect(all.entries.at(-1)?.seq).toBe(master.state.seq);
    // Nothing to cover: an empty page that says so.
    expect(await ask(master.state.seq, master.state.seq)).toEqual({ entries: [], through: master.state.seq });
    // The page bound, on a long log.
    const long = Array.from({ length: HISTORY_PAGE + 20 }, (_, i) => ({ seq: i, at: 0, actor: { role: 'system', seat: 'engine' }, event: { type: 'drill.paused' } }) as LogEntry);
    const store = { entries: (_id: string, after = -1) => long.filter((e) => e.seq > after) } as never;
    const paged = await historyPage(store, { id: 'x', compiled: master.compiled, state: { seq: long.length - 1 } } as never, { role: 'facilitator', seat: 'facilitator' }, -1, long.length);
    expect(paged.through).toBe(HISTORY_PAGE - 1);
    expect(paged.entries).toHaveLength(HISTORY_PAGE);
  });

  it('HIST3 a malformed history request is refused with BAD_REQUEST and changes nothing', async () => {
    const s = await server();
    const d = await createDrill(s);
    const ic = await client(s, d.seat('ic'));
    const ack = await ic.socket.emitWithAck('drill:history', { afterSeq: 'x' } as never);
    expect(ack).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  });
});
