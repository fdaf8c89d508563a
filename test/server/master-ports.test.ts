import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { ManualTime } from '../../server/clock.ts';
import { GroupCommitter } from '../../server/drills/committer.ts';
import { DrillRegistry, type CreatedDrill } from '../../server/drills/registry.ts';
import { committedStorage } from '../../server/drills/storage.ts';
import { hashToken } from '../../server/drills/tokens.ts';
import { Hub, type TtxSocket } from '../../server/socket/hub.ts';
import { MemoryStore } from '../../server/store/memory.ts';
import type { CommitItem } from '../../server/store/types.ts';
import { createDrill, type Viewer } from '../../shared/engine/index.ts';
import { DrillMaster, isPromise, type ClockAnchor, type Dispatch } from '../../shared/master/index.ts';
import { loadScenario } from '../../shared/scenario/index.ts';
import { compiledFixture, FAC } from '../engine/fixture.ts';
import { RecordingOutbox } from '../master/harness.ts';
import { sqliteStore } from './harness.ts';

/*
 * The drill master's server ports where they meet the leases: the storage port carries a master's
 * fencing token to the store, and the Hub, as the outbox, sends nothing for a drill this node let go of;
 * on an embedded store the edge's reads answer at once, as the master's do (MASTER6).
 */

const compiled = compiledFixture();

/** A memory store that keeps every item it is asked to commit. */
function recordingStore(): { store: MemoryStore; items: CommitItem[] } {
  const store = new MemoryStore();
  const items: CommitItem[] = [];
  const commit = store.commit.bind(store);
  store.commit = (batch) => {
    items.push(...batch);
    return commit(batch);
  };
  return { store, items };
}

/** A drill written to the store and a master for it on the server's storage port (the group commit). */
function serverMaster(store: MemoryStore, id: string, fence?: number): DrillMaster {
  const { state, entries } = createDrill(compiled, 'seed-1');
  const anchor: ClockAnchor = { wallMs: 0, gameMs: 0, speed: 1, running: false };
  store.createDrill({ id, scenarioId: compiled.scenario.id, scenarioVersion: compiled.scenario.version, scenarioText: '', scenarioFile: 'fixture', seed: 'seed-1', hostKeyHash: 'host', createdAt: 0 }, [], entries, anchor);
  const time = new ManualTime();
  const deps = { storage: committedStorage(store, new GroupCommitter(store)), outbox: new RecordingOutbox(), clock: time, scheduler: time, logger: { error: () => undefined } };
  return new DrillMaster(id, compiled, state, anchor, deps, fence);
}

describe('LEASE2: the fence reaches the store', () => {
  it('LEASE2 a master run under a lease sends its fencing token with every commit item, through the server storage port and the group commit', async () => {
    const { store, items } = recordingStore();
    const master = serverMaster(store, 'fenced', 42);
    expect(await master.submit(FAC, { command: { type: 'drill.start' }, idempotencyKey: 'start' })).toMatchObject({ ok: true });
    expect(await master.submit(FAC, { command: { type: 'drill.pause' }, idempotencyKey: 'pause' })).toMatchObject({ ok: true });
    expect(items.map((i) => [i.drillId, i.fence])).toEqual([
      ['fenced', 42],
      ['fenced', 42],
    ]);
  });

  it('LEASE2 a master with no lease (one process, solo mode) claims none: its items have no fence', async () => {
    const { store, items } = recordingStore();
    const master = serverMaster(store, 'unfenced');
    expect(await master.submit(FAC, { command: { type: 'drill.start' }, idempotencyKey: 'start' })).toMatchObject({ ok: true });
    expect(items).toHaveLength(1);
    expect('fence' in items[0]!).toBe(false);
  });
});

describe('LEASE4: a drill let go of sends nothing', () => {
  function hubWithOneSocket(live: boolean) {
    const time = new ManualTime();
    const errors: unknown[] = [];
    const hub = new Hub(new MemoryStore(), time, time, { error: (_m, e) => errors.push(e) });
    hub.registry = { peek: () => (live ? ({} as DrillMaster) : null) } as unknown as DrillRegistry;
    const emit = vi.fn();
    const seat: Viewer = FAC;
    hub.join({ id: 'socket-1', data: { drillId: 'd1', seat, locale: 'en' }, emit } as unknown as TtxSocket);
    const { entries } = createDrill(compiled, 'seed-1');
    const dispatch: Dispatch = { drillId: 'd1', compiled, envelope: { at: 0, actor: FAC, command: { type: 'drill.start' } }, entries, deliveries: [{ seats: [FAC.seat], entries, patch: null }], ended: null };
    return { hub, emit, errors, dispatch };
  }

  it('LEASE4 the Hub delivers a durable command of a drill live on this node to its seats', () => {
    const { hub, emit, errors, dispatch } = hubWithOneSocket(true);
    hub.dispatch(dispatch);
    expect(emit).toHaveBeenCalledWith('drill:eventApplied', dispatch.entries[0]);
    expect(hub.scores.seqOf('d1', compiled)).toBe(dispatch.entries.at(-1)!.seq);
    expect(errors).toEqual([]);
    hub.scores.close();
  });

  it('LEASE4 once the registry let the drill go (its lease moved), a command that becomes durable afterwards is neither sent nor folded into a live score', () => {
    const { hub, emit, errors, dispatch } = hubWithOneSocket(false);
    hub.dispatch(dispatch);
    expect(emit).not.toHaveBeenCalled();
    expect(hub.scores.seqOf('d1', compiled)).toBe(-1);
    expect(errors).toEqual([]);
    hub.scores.close();
  });
});

describe('MASTER6: the edge reads at once from an embedded store', () => {
  it('MASTER6 on SQLite, creating a drill, finding a seat, opening the drill (live, or rebuilt from its log) and its presence answer with values, never promises', async () => {
    const store = sqliteStore();
    const time = new ManualTime();
    const errors: string[] = [];
    const hub = new Hub(store, time, time, { error: (m) => errors.push(m) });
    const registry = new DrillRegistry({ store, storage: committedStorage(store, new GroupCommitter(store)), outbox: hub, clock: time, scheduler: time, logger: { error: (m) => errors.push(m) } }, { onLive: (master, entries) => hub.scores.prime(master.id, master.compiled, entries) });
    hub.registry = registry;
    const text = readFileSync(new URL('../../scenarios/reporter-leak.yaml', import.meta.url), 'utf8');
    const loaded = loadScenario(text, 'reporter-leak.yaml');
    if (!loaded.ok) throw new Error('the bundled scenario does not load');
    const created = registry.create({ scenarioText: text, scenarioFile: 'reporter-leak.yaml', seed: '1', speed: 1, smeCount: 1, observerCount: 1, hostKey: 'host' }, loaded.compiled);
    expect(isPromise(created)).toBe(false);
    const { drillId, seats } = created as CreatedDrill;
    const seat = store.findSeat(hashToken(seats[0]!.token));
    expect(seat).toMatchObject({ drillId, seat: 'facilitator' });
    expect(registry.open(drillId)).toBeInstanceOf(DrillMaster);
    // Let go of (as an idle drill is) and opened again: rebuilt from its log in the same turn.
    expect(registry.evict(drillId)).toBe(true);
    expect(registry.peek(drillId)).toBeNull();
    const rebuilt = registry.open(drillId);
    expect(rebuilt).toBeInstanceOf(DrillMaster);
    expect((rebuilt as DrillMaster).state.seq).toBeGreaterThanOrEqual(0);
    expect(hub.presence(drillId)).toEqual(seats.map((s) => ({ seat: s.seat, role: s.role, connected: false })));
    expect(errors).toEqual([]);
    registry.close();
    hub.scores.close();
    await store.close();
  });
});
