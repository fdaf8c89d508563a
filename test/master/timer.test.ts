import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DrillState } from '../../shared/engine/index.ts';
import type { CompiledScenario } from '../../shared/scenario/compiled.ts';
import type { MemoryStorage} from '../../shared/master/index.ts';
import { type Storage } from '../../shared/master/index.ts';
import { compiledFixture } from '../engine/fixture.ts';
import { DRILL, FAC, newMaster, settle } from './harness.ts';

/*
 * The master's one timer (MASTER4): armed for the moment the engine names (nextDueAt), counted on
 * the clock anchor. nextDueAt is wrapped so a test can name other moments than whole minutes, as
 * the engine will once actions take time; left alone it is the engine's own.
 */

type NextDueAt = (compiled: CompiledScenario, state: DrillState, after?: number) => number | null;
const due = vi.hoisted(() => ({ override: null as null | ((real: NextDueAt, ...args: Parameters<NextDueAt>) => number | null), calls: [] as (number | undefined)[] }));
vi.mock('../../shared/engine/schedule.ts', async (importOriginal) => {
  const real = await importOriginal<{ nextDueAt: NextDueAt }>();
  return {
    ...real,
    nextDueAt: (...args: Parameters<NextDueAt>) => {
      due.calls.push(args[2]);
      return due.override ? due.override(real.nextDueAt, ...args) : real.nextDueAt(...args);
    },
  };
});

afterEach(() => {
  due.override = null;
  due.calls.length = 0;
});

/** A scenario where nothing happens by itself after minute 0: no exfiltration, no tip-off, no later inject. */
const quiet = compiledFixture({
  adversary: { origin: 'external', profile: 'Quiet.', entry: ['app'], cause: 'vuln', actor: 'crew' },
  injects: [{ id: 'alert', title: 'Unusual egress', body: 'Spike.', delivery: { at: 0 } }],
  phases: { initial: 'active', states: [{ id: 'active', title: 'Active', final: true }] },
});

const MIN = 60_000;

describe('MASTER4: one timer, armed from nextDueAt', () => {
  it('MASTER4 the timer is armed for the moment nextDueAt names, and the tick then processes the drill up to it', async () => {
    due.override = (real, compiled, state, after = state.clock) => (state.lifecycle === 'running' && after < 90_000 ? 90_000 : null);
    const t = newMaster();
    const t0 = t.time.now();
    await t.send(FAC, { type: 'drill.start' });
    expect(t.time.pending()).toEqual([t0 + 90_000]);
    const seq = t.master.state.seq;
    t.time.advance(89_999);
    await settle(t.master);
    expect(t.master.state.seq).toBe(seq);
    t.time.advance(1);
    await settle(t.master);
    // The minute-1 adversary move and inject, processed by the tick at 1:30.
    expect(t.storage.entries(DRILL, seq).map((e) => [e.at, e.event.type])).toContainEqual([MIN, 'exfil.progressed']);
    expect(due.calls.at(-1)).toBe(90_000);
    expect(t.time.pending()).toEqual([]);
  });

  it('MASTER4 the delay is the game time to the due moment over the speed, from the anchor', async () => {
    const t = newMaster();
    const t0 = t.time.now();
    t.time.advance(5_000);
    await t.send(FAC, { type: 'drill.start' });
    expect(t.time.pending()).toEqual([t0 + 5_000 + MIN]);
    t.time.advance(10_000);
    await t.send(FAC, { type: 'drill.setSpeed', speed: 4 });
    // Game 0:10 at speed 4: 50 game seconds to minute 1 is 12.5 wall seconds, rounded up.
    expect(t.master.gameTime()).toBe(10_000);
    expect(t.time.pending()).toEqual([t0 + 15_000 + 12_500]);
    t.time.advance(12_500);
    await settle(t.master);
    expect(t.master.state.clock).toBe(MIN);
    expect(t.time.pending()).toEqual([t0 + 27_500 + 15_000]);
  });

  it('MASTER4 a tick over a quiet minute arms the next one: one timer at a time, one tick a minute', async () => {
    let armed = 0;
    const t = newMaster({ compiled: quiet });
    const set = t.time.set.bind(t.time);
    t.time.set = (fn, ms) => (armed++, set(fn, ms));
    await t.send(FAC, { type: 'drill.start' });
    const clock = t.master.state.clock;
    for (let minute = 1; minute <= 10; minute++) {
      t.time.advance(MIN);
      await settle(t.master);
      expect(t.time.pending()).toHaveLength(1);
    }
    // Nothing happened, so the state's clock stayed put, and still each minute was ticked once.
    expect(t.master.state.clock).toBe(clock);
    expect(armed).toBe(11);
  });

  it('MASTER4 pausing disarms, resuming re-arms from the new anchor, and an ended drill has no timer', async () => {
    const t = newMaster();
    const t0 = t.time.now();
    await t.send(FAC, { type: 'drill.start' });
    t.time.advance(20_000);
    await t.send(FAC, { type: 'drill.pause' });
    expect(t.time.pending()).toEqual([]);
    t.time.advance(5 * MIN);
    await t.send(FAC, { type: 'drill.resume' });
    expect(t.master.gameTime()).toBe(20_000);
    expect(t.time.pending()).toEqual([t0 + 20_000 + 5 * MIN + 40_000]);
    await t.send(FAC, { type: 'drill.end', reason: 'done' });
    expect(t.time.pending()).toEqual([]);
  });

  it('MASTER4 a tick whose commit fails is reported and tried again at the next moment due, not in a loop', async () => {
    let failing = false;
    const t = newMaster({
      storage: (memory: MemoryStorage): Storage => ({
        commit: (item) => (failing ? Promise.reject(new Error('disk full')) : memory.commit(item)),
        idempotent: (d, k) => memory.idempotent(d, k),
        entries: (d, a) => memory.entries(d, a),
      }),
    });
    const t0 = t.time.now();
    await t.send(FAC, { type: 'drill.start' });
    failing = true;
    t.time.advance(MIN);
    await settle(t.master);
    expect(t.errors).toEqual([expect.stringMatching(/tick failed: disk full/)]);
    expect(t.time.pending()).toEqual([t0 + 2 * MIN]);
    failing = false;
    t.time.advance(MIN);
    await settle(t.master);
    // Both minutes processed, once each, with no gap in the log.
    const log = t.storage.entries(DRILL);
    expect(log.map((e) => e.seq)).toEqual(log.map((_, i) => i));
    expect(log.filter((e) => e.event.type === 'exfil.progressed').map((e) => e.at)).toEqual([MIN, 2 * MIN]);
    expect(t.errors).toHaveLength(1);
  });
});
