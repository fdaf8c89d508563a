import { describe, expect, it } from 'vitest';
import { recordingLogger } from '../../server/log.ts';
import { redactEntryFor } from '../../shared/engine/index.ts';
import { MemoryStore } from '../../server/store/memory.ts';
import type { CommitItem } from '../../server/store/types.ts';
import { createDrill, join, metricValue, take, tracked, until, wholeState } from './harness.ts';

const { server, client } = tracked();

describe('FLOW: requests, pushes and ordering', () => {
  it('FLOW1 drill:join answers with a fresh welcome; drill:ended reaches every seat with the report paths', async () => {
    const s = await server();
    const d = await createDrill(s);
    const fac = await client(s, d.seat('facilitator'));
    const scribe = await client(s, d.seat('scribe'));
    await fac.send({ type: 'drill.start' });
    await until(() => scribe.entries.some((e) => e.event.type === 'drill.started'), 'scribe saw the start');
    const rejoin = await scribe.socket.emitWithAck('drill:join', { lastSeq: 0 });
    expect(rejoin.ok).toBe(true);
    if (rejoin.ok) {
      expect(rejoin.data.seat).toEqual({ role: 'scribe', seat: 'scribe' });
      expect(rejoin.data.view.lifecycle).toBe('running');
      expect(rejoin.data.missed[0]?.seq).toBe(1);
      expect(rejoin.data.score).toBeUndefined();
    }
    await fac.send({ type: 'drill.end', reason: 'time' });
    await until(() => scribe.ended !== null && fac.ended !== null, 'both told the drill ended');
    expect(scribe.ended).toMatchObject({ drillId: d.drillId, reason: 'time', reports: { html: `/drills/${d.drillId}/report.html` } });
    const report = await fetch(`${s.url}${scribe.ended?.reports.json}?token=${d.seat('scribe').token}`);
    expect(report.status).toBe(200);
  });

  it('FLOW2 the facilitator sees seats come and go', async () => {
    const s = await server();
    const d = await createDrill(s);
    const fac = await client(s, d.seat('facilitator'));
    const presence: { seat: string; connected: boolean }[][] = [];
    fac.socket.on('drill:presenceChanged', (p) => presence.push(p));
    const ic = await client(s, d.seat('ic'));
    await until(() => presence.some((p) => p.find((x) => x.seat === 'ic')?.connected === true), 'ic shown online');
    ic.close();
    await until(() => presence.at(-1)?.find((x) => x.seat === 'ic')?.connected === false, 'ic shown offline, seat kept');
    const back = await client(s, d.seat('ic'));
    expect(back.welcome?.seat.seat).toBe('ic');
    await until(() => presence.at(-1)?.find((x) => x.seat === 'ic')?.connected === true, 'ic back in its held seat');
  });

  it('FLOW3 entries the seat cannot see do not make its expectedSeq stale; entries it can see do', async () => {
    const s = await server();
    const d = await createDrill(s);
    const fac = await client(s, d.seat('facilitator'));
    const ic = await client(s, d.seat('ic'));
    const scribe = await client(s, d.seat('scribe'));
    await fac.send({ type: 'drill.start' });
    await until(() => ic.lastSeq() === s.store.lastSeq(d.drillId), 'ic caught up');
    const seen = ic.lastSeq();
    await fac.send({ type: 'facilitator.note', text: 'hidden from players' });
    expect(s.store.lastSeq(d.drillId)).toBe(seen + 1);
    expect(await ic.send({ type: 'timeline.add', text: 'fine' }, { expectedSeq: seen })).toMatchObject({ ok: true });
    await scribe.send({ type: 'timeline.add', text: 'visible to the ic' });
    const before = s.store.lastSeq(d.drillId);
    expect(await ic.send({ type: 'timeline.add', text: 'late' }, { expectedSeq: seen })).toMatchObject({ ok: false, error: { code: 'STALE' } });
    expect(await ic.send({ type: 'timeline.add', text: 'future' }, { expectedSeq: before + 5 })).toMatchObject({ ok: false, error: { code: 'STALE' } });
    expect(s.store.lastSeq(d.drillId)).toBe(before);
  });

  it('FLOW4 idempotency keys belong to a seat: the same key from another seat is a new command', async () => {
    const s = await server();
    const d = await createDrill(s);
    const fac = await client(s, d.seat('facilitator'));
    const ic = await client(s, d.seat('ic'));
    const scribe = await client(s, d.seat('scribe'));
    await fac.send({ type: 'drill.start' });
    const a = await ic.send({ type: 'timeline.add', text: 'from ic' }, { idempotencyKey: 'shared-key-1' });
    const b = await scribe.send({ type: 'timeline.add', text: 'from scribe' }, { idempotencyKey: 'shared-key-1' });
    expect(a.ok && b.ok).toBe(true);
    expect(a).not.toEqual(b);
    expect((await wholeState(s, d.drillId)).timeline.map((t) => t.text)).toEqual(['from ic', 'from scribe']);
  });

  it('FLOW5 unknown events and calls without an ack are refused and logged, without tokens or bodies', async () => {
    const log = recordingLogger();
    const lines = () => log.events.map((e) => `${e.kind} ${JSON.stringify(e.details)}`);
    const s = await server({ log });
    const d = await createDrill(s);
    const ic = await client(s, d.seat('ic'));
    const answer = await (ic.socket as unknown as { emitWithAck(e: string, p: unknown): Promise<unknown> }).emitWithAck('drill:hack', { body: 'SECRET-BODY' });
    expect(answer).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', message: expect.stringContaining('drill:command') } });
    await ic.send({ type: 'drill.end', reason: 'SECRET-BODY' });
    await expect(join(s, { role: 'ic', seat: 'ic', token: `${d.seat('ic').token}x` })).rejects.toThrow(/not valid/);
    await until(() => log.events.length >= 3, 'three security lines');
    expect(lines().map((l) => l.split(' ')[0])).toEqual(expect.arrayContaining(['invalid-payload', 'forbidden', 'bad-token']));
    for (const line of lines()) {
      expect(line).not.toContain('SECRET-BODY');
      for (const seat of d.seats) expect(line).not.toContain(seat.token);
      expect(line.split('\n')).toHaveLength(1);
    }
  });
});

describe('COMMIT: group commit before any broadcast or ack', () => {
  it('COMMIT1 commands for several drills in one event-loop turn share one transaction', async () => {
    const s = await server();
    const a = await createDrill(s);
    const b = await createDrill(s);
    const roomA = s.app.registry.peek(a.drillId);
    const roomB = s.app.registry.peek(b.drillId);
    if (!roomA || !roomB) throw new Error('rooms');
    await Promise.all([roomA.submit({ role: 'facilitator', seat: 'facilitator' }, { command: { type: 'drill.start' }, idempotencyKey: 'start-a-1' }), roomB.submit({ role: 'facilitator', seat: 'facilitator' }, { command: { type: 'drill.start' }, idempotencyKey: 'start-b-1' })]);
    const counts = async () => ({ transactions: await metricValue(s.app, 'ttx_commit_duration_seconds_count'), items: await metricValue(s.app, 'ttx_committed_items_total') });
    const before = await counts();
    const results = await Promise.all([
      roomA.submit({ role: 'ic', seat: 'ic' }, { command: { type: 'timeline.add', text: 'a' }, idempotencyKey: 'turn-a-1' }),
      roomB.submit({ role: 'ic', seat: 'ic' }, { command: { type: 'timeline.add', text: 'b' }, idempotencyKey: 'turn-b-1' }),
      roomB.submit({ role: 'scribe', seat: 'scribe' }, { command: { type: 'timeline.add', text: 'b2' }, idempotencyKey: 'turn-b-2' }),
    ]);
    expect(results.every((r) => r.ok)).toBe(true);
    // roomB's second command is decided as soon as its first is submitted (pipelined), so all three
    // share one transaction rather than waiting for the first to be durable.
    const after = await counts();
    expect(after.transactions - before.transactions).toBe(1);
    expect(after.items - before.items).toBe(3);
    const [, b1, b2] = results.map((r) => (r.ok ? r.data.seq : -1));
    expect(b2).toBe((b1 ?? 0) + 1);
  });

  it('COMMIT2 every entry a client receives, and every ack, is already in the store', async () => {
    const store = new MemoryStore();
    const committed = new Map<string, number>();
    const realCommit = store.commit.bind(store);
    store.commit = (items: CommitItem[]) => {
      const refused = realCommit(items);
      for (const item of items) committed.set(item.drillId, store.lastSeq(item.drillId));
      return refused;
    };
    const s = await server({ store });
    const d = await createDrill(s);
    const fac = await client(s, d.seat('facilitator'));
    const sme = await client(s, d.seat('sme-1'));
    const violations: number[] = [];
    sme.socket.on('drill:eventApplied', (e) => {
      if ((committed.get(d.drillId) ?? 0) < e.seq) violations.push(e.seq);
    });
    await fac.send({ type: 'drill.start' });
    for (const target of ['app-1', 'db-prod']) {
      const ack = await sme.send(take('capture-memory', target));
      if (ack.ok) expect(committed.get(d.drillId) ?? -1).toBeGreaterThanOrEqual(ack.data.seq);
    }
    // The capture completes at minute 15, by the server's clock alone.
    s.time.advance(16 * 60_000);
    const room = s.app.registry.peek(d.drillId);
    const visible = () => s.store.entries(d.drillId, 0).filter((e) => room && redactEntryFor(room.compiled, e, { role: 'sme', seat: 'sme-1' }) !== null).map((e) => e.seq);
    await until(() => s.store.entries(d.drillId).some((e) => e.at >= 15 * 60_000), 'the server ticked to minute 15');
    await until(() => sme.lastSeq() === visible().at(-1), 'sme received everything it may see');
    expect(sme.entries.map((e) => e.seq)).toEqual(visible());
    expect(sme.entries.some((e) => e.at >= 15 * 60_000 && e.event.type === 'action.completed')).toBe(true);
    expect(violations).toEqual([]);
  });

  it('FLOW-P1 a seat that applies the patches it is sent has the view drill:sync returns, without asking for it', async () => {
    const s = await server();
    const d = await createDrill(s);
    const seats = ['facilitator', 'ic', 'scribe', 'sme-1'].map((name) => d.seat(name));
    const [fac, ic, scribe, sme] = await Promise.all(seats.map((seat) => client(s, seat)));
    await fac!.send({ type: 'drill.start' });
    await ic!.send(take('declare-severity', undefined, 'sev1'));
    await sme!.send(take('capture-memory', 'app-1'));
    await fac!.send({ type: 'facilitator.note', text: 'slow on comms' });
    await ic!.send({ type: 'hint.request' });
    await scribe!.send({ type: 'timeline.add', text: 'IC declared SEV-1' });
    s.time.advance(3 * 60_000);
    await until(() => s.store.entries(d.drillId).some((e) => e.at >= 3 * 60_000), 'the server ticked to minute 3');
    const room = s.app.registry.peek(d.drillId)!;
    await until(() => fac!.view?.seq === room.state.seq, 'the facilitator is current');
    // Each sync's answer comes after every push sent before it on that socket, so patches are in.
    for (const c of [fac!, ic!, scribe!, sme!]) {
      const fresh = await c.socket.emitWithAck('drill:sync', { lastSeq: -1 });
      if (!fresh.ok || !('snapshot' in fresh.data)) throw new Error(`${c.name}: no snapshot`);
      // seq and clock may trail when the last entries were ones this seat does not see.
      expect({ ...c.view, seq: 0, clock: 0 }, c.name).toEqual({ ...fresh.data.snapshot, seq: 0, clock: 0 });
      expect(c.patches, c.name).toBeGreaterThan(0);
    }
    expect(fac!.view?.facilitator?.notes.map((n) => n.text)).toEqual(['slow on comms']);
    expect(ic!.view?.hints).toHaveLength(1);
    expect(scribe!.view?.hints).toHaveLength(0);
  });

  it('FLOW-L1 the facilitator\'s live findings come worded in the language its console asked for, and only in that one', async () => {
    const s = await server();
    const d = await createDrill(s);
    const fac = await client(s, d.seat('facilitator'), { locale: 'ja' });
    let pushed: unknown = null;
    fac.socket.on('drill:scoreChanged', (score) => (pushed = score));
    await fac.send({ type: 'drill.start' });
    await fac.send({ type: 'drill.end', reason: 'done' });
    await until(() => pushed !== null, 'a score was pushed');
    const score = pushed as { locale: string; findings: { message: unknown }[] };
    expect(score.locale).toBe('ja');
    expect(score.findings.length).toBeGreaterThan(0);
    for (const f of score.findings) {
      expect(typeof f.message).toBe('string');
      expect(f.message as string).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
    }
    expect(fac.welcome?.score?.locale).toBe('ja');
  });

  it('FLOW-L1 LIVE13 scored on the server\'s scoring thread, the live score reaches the console the same way: pushed, and right after the welcome', async () => {
    const s = await server({ scoring: 'thread' });
    const d = await createDrill(s);
    const fac = await client(s, d.seat('facilitator'), { locale: 'ja' });
    const pushed: { locale: string; seq: number; findings: { message: string }[] }[] = [];
    fac.socket.on('drill:scoreChanged', (score) => pushed.push(score));
    await fac.send({ type: 'drill.start' });
    await fac.send({ type: 'drill.end', reason: 'done' });
    const last = s.store.entries(d.drillId).at(-1)!.seq;
    await until(() => pushed.at(-1)?.seq === last, 'the final score was pushed');
    const final = pushed.at(-1)!;
    expect(final.locale).toBe('ja');
    expect(final.findings.length).toBeGreaterThan(0);
    for (const f of final.findings) expect(f.message).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
    const again = await client(s, d.seat('facilitator'), { locale: 'ja' });
    // The welcome does not wait for the thread: the score follows it as a push.
    expect(again.welcome?.score).toBeUndefined();
    await until(() => again.scores === 1, 'the score after the welcome');
    expect(again.score).toEqual(final);
  });

  it('FLOW-L2 a language the server does not speak is refused at the handshake, saying which field is wrong', async () => {
    const s = await server();
    const d = await createDrill(s);
    await expect(join(s, d.seat('facilitator'), { locale: 'xx' })).rejects.toThrow(/locale/);
  });
});
