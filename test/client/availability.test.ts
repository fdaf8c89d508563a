import { describe, expect, it } from 'vitest';
import { availability, minutesFor, seatBlocked } from '../../client/src/ui/availability.ts';
import { BUNDLED } from '../../client/src/scenarios.ts';
import { createDrill, execute } from '../../shared/engine/execute.ts';
import type { Actor, Command, DrillState } from '../../shared/engine/types.ts';
import { viewFor } from '../../shared/engine/view.ts';
import { getAction } from '../../shared/runbook/actions.ts';

/*
 * What the war room greys out, and why, from a seat's view alone. Each case is checked against the
 * engine: what the view says cannot be started now, the engine refuses, and what it offers, the
 * engine accepts.
 */

const compiled = BUNDLED.find((c) => c.scenario.id === 'exfiltration-detected')!;
const FAC = { role: 'facilitator', seat: 'facilitator' } as const;
const SME = { role: 'sme', seat: 'sme-1' } as const;
const IC = { role: 'ic', seat: 'ic' } as const;

function run(steps: [number, Actor, Command][]): DrillState {
  let state = createDrill(compiled, '3').state;
  for (const [at, actor, command] of steps) {
    const r = execute(compiled, state, { at, actor, command });
    if (!r.ok) throw new Error(`${command.type}: ${r.error.message}`);
    state = r.state;
  }
  return state;
}

/** The view's verdict and the engine's, for one seat's action at `at`. */
function both(state: DrillState, actor: Actor & { role: 'sme' | 'ic' }, action: string, target: string | undefined, at: number) {
  const view = viewFor(compiled, state, actor);
  const a = availability(view, actor.seat, actor.role, action, target, at);
  const engine = execute(compiled, state, { at, actor, command: { type: 'action.take', action, ...(target ? { target } : {}) } });
  return { a, engine: engine.ok ? 'ok' : engine.error.code };
}

describe('AVAIL: what a seat can start, from its view', () => {
  it('AVAIL1 before the start and while paused nothing can be started', () => {
    const before = run([]);
    expect(both(before, SME, 'review-network-logs', 'app-1', 0)).toMatchObject({ a: { ok: false, reason: { key: 'notStarted' } }, engine: 'NOT_STARTED' });
    const paused = run([[0, FAC, { type: 'drill.start' }], [60_000, FAC, { type: 'drill.pause' }]]);
    expect(both(paused, SME, 'review-network-logs', 'app-1', 60_000)).toMatchObject({ a: { ok: false, reason: { key: 'paused' } }, engine: 'PAUSED' });
  });

  it('AVAIL2 a seat busy with work or with assigning is told until when; the engine refuses with BUSY', () => {
    const busy = run([[0, FAC, { type: 'drill.start' }], [0, SME, { type: 'action.take', action: 'review-network-logs', target: 'app-1' }]]);
    const r = both(busy, SME, 'capture-memory', 'app-2', 60_000);
    expect(r).toMatchObject({ a: { ok: false, reason: { key: 'busy' } }, engine: 'BUSY' });
    expect(r.a.ok === false && r.a.reason.work?.endsAt).toBe(12 * 60_000);
    const assigning = run([[0, FAC, { type: 'drill.start' }], [0, IC, { type: 'task.assign', toSeat: 'sme-1', action: 'capture-memory', target: 'app-1' }]]);
    expect(both(assigning, IC, 'declare-severity', undefined, 30_000)).toMatchObject({ a: { ok: false, reason: { key: 'assigning', values: { until: 60_000 } } }, engine: 'BUSY' });
    expect(seatBlocked(viewFor(compiled, assigning, IC), 'ic', 60_000)).toBeNull();
  });

  it('AVAIL3 work someone else is doing, work already done once and work on a destroyed system are refused, with the reason', () => {
    const other = { role: 'sme', seat: 'sme-2' } as const;
    const running = run([[0, FAC, { type: 'drill.start' }], [0, other, { type: 'action.take', action: 'network-isolate', target: 'app-1' }]]);
    expect(both(running, SME, 'network-isolate', 'app-1', 60_000)).toMatchObject({ a: { ok: false, reason: { key: 'running' } }, engine: 'ALREADY_RUNNING' });
    const done = run([[0, FAC, { type: 'drill.start' }], [0, other, { type: 'action.take', action: 'network-isolate', target: 'app-1' }], [5 * 60_000, FAC, { type: 'clock.tick' }]]);
    expect(both(done, SME, 'network-isolate', 'app-1', 5 * 60_000)).toMatchObject({ a: { ok: false, reason: { key: 'done' } }, engine: 'ALREADY_DONE' });
    const gone = run([[0, FAC, { type: 'drill.start' }], [0, other, { type: 'action.take', action: 'terminate-instance', target: 'app-2' }], [3 * 60_000, FAC, { type: 'clock.tick' }]]);
    expect(both(gone, SME, 'capture-memory', 'app-2', 3 * 60_000)).toMatchObject({ a: { ok: false, reason: { key: 'destroyed' } }, engine: 'NOT_POSSIBLE' });
  });

  it('AVAIL4 what is offered is accepted, and takes the scenario’s time on that system', () => {
    const started = run([[0, FAC, { type: 'drill.start' }]]);
    const r = both(started, SME, 'image-disk', 'db-prod', 0);
    expect(r).toMatchObject({ a: { ok: true, minutes: 90 }, engine: 'ok' });
    const view = viewFor(compiled, started, SME);
    const def = getAction('image-disk')!;
    expect(minutesFor(view, def, 'app-1')).toBe(12);
    expect(minutesFor(view, def, 'bastion')).toBe(def.minutes);
    // An action that needs a system says so before one is picked.
    expect(availability(view, 'sme-1', 'sme', 'image-disk', undefined, 0)).toMatchObject({ ok: false, reason: { key: 'needsTarget' } });
    // And one the role may not take is not offered as possible.
    expect(availability(view, 'sme-1', 'sme', 'declare-severity', undefined, 0)).toMatchObject({ ok: false, reason: { key: 'notYourRole' } });
  });
});
