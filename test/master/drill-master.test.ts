import { describe, expect, it } from 'vitest';
import { redactEntryFor, replay, viewFor, viewPatch, type Command, type DrillState, type DrillView, type Viewer } from '../../shared/engine/index.ts';
import { applyViewPatch } from '../../shared/engine/view-patch.ts';
import type { MemoryStorage} from '../../shared/master/index.ts';
import { type Storage } from '../../shared/master/index.ts';
import { compiledFixture } from '../engine/fixture.ts';
import { DEPUTY, DRILL, EVERY_SEAT, FAC, GatedStorage, IC, newMaster, note, OBSERVER, SCRIBE, settle, SME, take } from './harness.ts';

/*
 * The drill master's loop with memory storage and a manual clock: what it refuses, how it answers
 * a repeated key, and who it sends what. Pipelining against a real server is in
 * test/server/pipeline.test.ts (PIPE1–4), the clock in timer.test.ts.
 */

const compiled = compiledFixture();

/** Everything a refusal must leave alone. */
function snapshot(t: ReturnType<typeof newMaster>) {
  return JSON.stringify({ state: t.master.state, log: t.storage.entries(DRILL), timers: t.time.pending(), dispatched: t.outbox.dispatches.length, gameTime: t.master.gameTime() });
}

async function started() {
  const t = newMaster();
  expect(await t.send(FAC, { type: 'drill.start' })).toMatchObject({ ok: true });
  return t;
}

describe('MASTER2: authorisation, decided once', () => {
  it('MASTER2 a refused command changes nothing: not the state, the log, the clock, what was sent or what the next command is decided on', async () => {
    const t = await started();
    const before = snapshot(t);
    const refusals: [Viewer, Command, string][] = [
      [IC, { type: 'drill.pause' }, 'FORBIDDEN'],
      [OBSERVER, note('observers cannot write'), 'FORBIDDEN'],
      [FAC, take('page-ic'), 'FORBIDDEN'],
      [IC, { type: 'clock.tick' }, 'FORBIDDEN'],
      [FAC, { type: 'clock.tick' }, 'FORBIDDEN'],
      [IC, take('no-such-action'), 'UNKNOWN_ACTION'],
      [SME, take('declare-severity', undefined, 'sev1'), 'FORBIDDEN'],
      [FAC, { type: 'drill.setSpeed', speed: 99 }, 'BAD_SPEED'],
      [FAC, { type: 'inject.push', injectId: 'nope' }, 'UNKNOWN_INJECT'],
    ];
    for (const [seat, command, code] of refusals) {
      expect(await t.send(seat, command, { key: 'refused-key' }), `${seat.seat} ${command.type}`).toMatchObject({ ok: false, error: { code } });
      expect(snapshot(t)).toBe(before);
    }
    // Refusals are not remembered: the same key, with the cause fixed, is a new command, decided on the durable state.
    const seq = t.master.state.seq;
    expect(await t.send(IC, take('page-ic'), { key: 'refused-key' })).toMatchObject({ ok: true, data: { seq: seq + 1 } });
  });

  it('MASTER2 a refusal names what is wrong', async () => {
    const t = await started();
    expect(await t.send(OBSERVER, note('x'))).toMatchObject({ ok: false, error: { message: expect.stringMatching(/observers/) } });
    expect(await t.send(SCRIBE, { type: 'drill.end', reason: 'x' })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/only the facilitator may drill\.end/) } });
    expect(await t.send(FAC, note('x'))).toMatchObject({ ok: false, error: { message: expect.stringMatching(/facilitator does not play/) } });
    expect(await t.send(IC, { type: 'clock.tick' })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/clients cannot tick/) } });
  });
});

describe('MASTER3: idempotency', () => {
  it('MASTER3 a retry with the same key gets the same answer and is applied once, whether the first is still in flight or stored', async () => {
    let gated!: GatedStorage;
    const t = newMaster({ storage: (memory) => (gated = new GatedStorage(memory)) });
    const start = t.send(FAC, { type: 'drill.start' });
    while (gated.waiting.length === 0) await new Promise((resolve) => setImmediate(resolve));
    gated.releaseAll();
    await start;
    const first = t.send(SCRIBE, note('once'), { key: 'same' });
    const inFlight = t.send(SCRIBE, note('once'), { key: 'same' });
    await new Promise((resolve) => setImmediate(resolve));
    expect(gated.waiting).toHaveLength(1);
    gated.releaseAll();
    const [a, b] = await Promise.all([first, inFlight]);
    expect(b).toEqual(a);
    expect(a.ok).toBe(true);
    // Settled: the stored answer, and still nothing applied again.
    const stored = await t.send(SCRIBE, note('once'), { key: 'same' });
    expect(stored).toEqual(a);
    expect(gated.waiting).toHaveLength(0);
    expect(t.storage.entries(DRILL).filter((e) => e.event.type === 'timeline.added')).toHaveLength(1);
  });

  it('MASTER3 keys are scoped to the seat: the same key from another seat is that seat\'s own command', async () => {
    const t = await started();
    const fromScribe = await t.send(SCRIBE, note('scribe'), { key: 'shared-key' });
    const fromIc = await t.send(IC, note('ic'), { key: 'shared-key' });
    expect(fromScribe.ok && fromIc.ok).toBe(true);
    expect(fromIc).not.toEqual(fromScribe);
    expect(t.storage.entries(DRILL).flatMap((e) => (e.event.type === 'timeline.added' ? [e.event.text] : []))).toEqual(['scribe', 'ic']);
    expect(t.storage.idempotent(DRILL, 'scribe:shared-key')).not.toBeNull();
    expect(t.storage.idempotent(DRILL, 'ic:shared-key')).not.toBeNull();
  });
});

describe('MEM6: one actor per seat', () => {
  it('MEM6 the entries one seat makes share one actor object', async () => {
    const t = await started();
    const message = { channel: 'chat' as const, recipients: ['soc'], subject: '', encrypted: false };
    await t.send({ role: 'ic', seat: 'ic' }, { type: 'message.send', message: { ...message, body: 'first' } });
    await t.send({ role: 'ic', seat: 'ic' }, { type: 'message.send', message: { ...message, body: 'second' } });
    const [first, second] = t.outbox.dispatches.slice(-2).map((d) => d.entries[0]!.actor);
    expect(first).toEqual({ role: 'ic', seat: 'ic' });
    expect(second).toBe(first);
  });
});

describe('MASTER5: fan-out per seat', () => {
  /** Commands that make the players' deliveries differ: an inject for some roles, a hint for one seat. */
  const PLAY: [Viewer, Command][] = [
    [IC, take('page-ic')],
    [SCRIBE, note('first note')],
    [FAC, { type: 'inject.push', injectId: 'exec' }],
    [FAC, { type: 'facilitator.note', text: 'for my eyes' }],
    [SME, take('network-isolate', 'db')],
    [DEPUTY, { type: 'hint.request' }],
    [FAC, { type: 'inject.adhoc', title: 'Leads only', body: 'x', audience: ['ic', 'deputy'] }],
    [FAC, { type: 'drill.end', reason: 'done' }],
  ];

  it('MASTER5 each seat is in at most one delivery, which holds its entries as redactEntryFor gives them and its viewPatch; seats that receive the same share one', async () => {
    const t = await started();
    let before: DrillState = t.master.state;
    for (const [seat, command] of PLAY) {
      t.outbox.dispatches.length = 0;
      expect(await t.send(seat, command), command.type).toMatchObject({ ok: true });
      const after = t.master.state;
      const [dispatch] = t.outbox.dispatches;
      if (!dispatch) throw new Error(`nothing dispatched for ${command.type}`);
      const delivered = dispatch.deliveries.flatMap((d) => d.seats);
      expect(new Set(delivered).size).toBe(delivered.length);
      for (const viewer of EVERY_SEAT) {
        const delivery = dispatch.deliveries.find((d) => d.seats.includes(viewer.seat));
        const entries = dispatch.entries.flatMap((e) => redactEntryFor(compiled, e, viewer) ?? []);
        const patch = viewPatch(compiled, before, after, viewer);
        if (!delivery) expect({ entries, patch }).toEqual({ entries: [], patch: null });
        else expect({ entries: delivery.entries, patch: delivery.patch }).toEqual({ entries, patch });
      }
      before = after;
    }
  });

  it('MASTER5 players who receive the same are one delivery; an inject for some roles splits them by role, a hint by seat; seats that see nothing new get nothing', async () => {
    const t = await started();
    const SME2: Viewer = { role: 'sme', seat: 'sme-2' };
    t.outbox.seats = [...EVERY_SEAT, SME2];
    const groups = async (seat: Viewer, command: Command) => {
      t.outbox.dispatches.length = 0;
      expect(await t.send(seat, command)).toMatchObject({ ok: true });
      return t.outbox.dispatches[0]?.deliveries.map((d) => d.seats.slice().sort()).sort();
    };
    expect(await groups(SCRIBE, note('x'))).toEqual([['deputy', 'ic', 'observer-1', 'scribe', 'sme-1', 'sme-2'], ['facilitator']]);
    expect(await groups(FAC, { type: 'inject.adhoc', title: 'Hands only', body: 'x', audience: ['ic', 'sme'] })).toEqual([['facilitator'], ['ic'], ['sme-1', 'sme-2']]);
    expect(await groups(SME, { type: 'hint.request' })).toEqual([['facilitator'], ['sme-1']]);
  });

  it('MASTER5 each seat\'s view, kept from its welcome and the patches delivered to it, is viewFor after every command', async () => {
    const t = await started();
    const views = new Map<string, DrillView>(EVERY_SEAT.map((v) => [v.seat, viewFor(compiled, t.master.state, v)]));
    for (const [seat, command] of PLAY) {
      t.outbox.dispatches.length = 0;
      await t.send(seat, command);
      for (const d of t.outbox.dispatches) for (const delivery of d.deliveries) for (const s of delivery.seats) if (delivery.patch) views.set(s, applyViewPatch(views.get(s)!, delivery.patch));
      // A seat nothing visible changed for gets no patch, so its view's seq and clock may lag (as in VIEW-P1).
      for (const viewer of EVERY_SEAT) expect({ ...views.get(viewer.seat), seq: 0, clock: 0 }, `${viewer.seat} after ${command.type}`).toEqual({ ...viewFor(compiled, t.master.state, viewer), seq: 0, clock: 0 });
    }
  });

  it('MASTER5 TRIM3 with a trimmed state, as on the server, each seat\'s view from its welcome and its patches is the view of the log folded whole', async () => {
    const t = newMaster({ trimmed: true });
    const whole = () => replay(compiled, t.storage.entries(DRILL));
    const views = new Map<string, DrillView>(EVERY_SEAT.map((v) => [v.seat, viewFor(compiled, whole(), v)]));
    // Work that is cancelled or completes leaves the trimmed state while the seats still see it.
    const moves: [Viewer, Command][] = [
      [FAC, { type: 'drill.start' }],
      [SME, take('review-system-logs', 'app')],
      [IC, take('page-ic')],
      [SCRIBE, note('first note')],
      [FAC, { type: 'inject.push', injectId: 'exec' }],
      [FAC, { type: 'facilitator.note', text: 'for my eyes' }],
      [SME, { type: 'action.cancel', workId: 'w1' }],
      [SME, take('network-isolate', 'db')],
      [DEPUTY, { type: 'hint.request' }],
      [FAC, { type: 'inject.adhoc', title: 'Leads only', body: 'x', audience: ['ic', 'deputy'] }],
      [IC, { type: 'message.send', message: { channel: 'chat', recipients: ['soc'], subject: '', body: 'status', encrypted: false } }],
      [FAC, { type: 'drill.end', reason: 'done' }],
    ];
    for (const [seat, command] of moves) {
      t.outbox.dispatches.length = 0;
      expect(await t.send(seat, command), command.type).toMatchObject({ ok: true });
      t.time.advance(60_000);
      await t.master.tick();
      for (const d of t.outbox.dispatches) for (const delivery of d.deliveries) for (const s of delivery.seats) if (delivery.patch) views.set(s, applyViewPatch(views.get(s)!, delivery.patch));
      expect(t.master.state.trimmed).toBe(true);
      for (const viewer of EVERY_SEAT) expect({ ...views.get(viewer.seat), seq: 0, clock: 0 }, `${viewer.seat} after ${command.type}`).toEqual({ ...viewFor(compiled, whole(), viewer), seq: 0, clock: 0 });
    }
    expect(whole().work.map((w) => w.status)).toEqual(expect.arrayContaining(['success', 'cancelled']));
  });

  it('MASTER5 the entries that end the drill carry the ended notice; no one connected, no deliveries, but the entries still go to the outbox', async () => {
    const t = await started();
    t.outbox.seats = [];
    await t.send(FAC, { type: 'drill.end', reason: 'debrief' });
    const [dispatch] = t.outbox.dispatches.slice(-1);
    expect(dispatch?.deliveries).toEqual([]);
    expect(dispatch?.ended).toEqual({ seq: t.master.state.seq, reason: 'debrief' });
    expect(dispatch?.entries.map((e) => e.event.type)).toEqual(['drill.ended']);
    expect(dispatch?.envelope.command).toEqual({ type: 'drill.end', reason: 'debrief' });
  });

  it('MASTER5 a failing outbox is reported and does not turn a durable command into an error', async () => {
    const t = await started();
    t.outbox.dispatch = () => {
      throw new Error('socket gone');
    };
    expect(await t.send(SCRIBE, note('durable anyway'))).toMatchObject({ ok: true });
    expect(t.errors).toEqual([expect.stringMatching(/broadcast failed: socket gone/)]);
  });
});

/** Memory storage whose reads answer with promises, as a database reached over the network does. */
class AsyncReads implements Storage {
  constructor(private readonly memory: MemoryStorage) {}
  commit(item: Parameters<Storage['commit']>[0]) {
    return this.memory.commit(item);
  }
  idempotent(drillId: string, key: string) {
    return Promise.resolve(this.memory.idempotent(drillId, key));
  }
  entries(drillId: string, afterSeq: number) {
    return Promise.resolve(this.memory.entries(drillId, afterSeq));
  }
}

describe('MASTER6: storage reads now or later', () => {
  it('MASTER6 a storage that answers reads with promises gives the same acks and the same log as one that answers at once', async () => {
    const run = async (storage?: (memory: MemoryStorage) => Storage) => {
      const t = newMaster(storage ? { storage } : {});
      const acks = [
        await t.send(FAC, { type: 'drill.start' }, { key: 'start' }),
        await t.send(IC, take('page-ic'), { key: 'page' }),
        // A retry, answered from storage.
        await t.send(IC, take('page-ic'), { key: 'page' }),
        // Stale: the IC's own entry arrived after seq 1.
        await t.send(IC, take('set-codename', undefined, 'blue'), { key: 'stale', expectedSeq: 1 }),
        // Not stale: nothing the scribe can see arrived after the IC's page.
        await t.send(SCRIBE, note('current'), { key: 'current', expectedSeq: t.master.state.seq }),
        await t.send(SCRIBE, note('ahead'), { key: 'ahead', expectedSeq: 999 }),
      ];
      await settle(t.master);
      return { acks, log: JSON.stringify(t.storage.entries(DRILL)) };
    };
    const now = await run();
    const later = await run((memory) => new AsyncReads(memory));
    expect(now.acks.map((a) => (a.ok ? 'ok' : a.error.code))).toEqual(['ok', 'ok', 'ok', 'STALE', 'ok', 'STALE']);
    expect(later).toEqual(now);
  });

  it('MASTER6 a read that answers at once is used at once: the command reaches storage in the queue\'s own turn, with no promise in between', async () => {
    const reachesStorage = async (storage: (memory: MemoryStorage) => Storage) => {
      let committed = 0;
      const t = newMaster({
        storage: (memory) => {
          const inner = storage(memory);
          return { commit: (item) => (committed++, inner.commit(item)), idempotent: (d, k) => inner.idempotent(d, k), entries: (d, a) => inner.entries(d, a) };
        },
      });
      await t.send(FAC, { type: 'drill.start' });
      const before = committed;
      const ack = t.send(SCRIBE, note('now'));
      // One microtask: the queue's turn for this command.
      await Promise.resolve();
      const reached = committed > before;
      await ack;
      return reached;
    };
    expect(await reachesStorage((memory) => memory)).toBe(true);
    // The same lookup answered with a promise takes a turn more: the check tells the two apart.
    expect(await reachesStorage((memory) => new AsyncReads(memory))).toBe(false);
  });
});
