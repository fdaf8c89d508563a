import { describe, expect, it } from 'vitest';
import { LocalTransport } from '../../client/src/transport/local-transport.ts';
import { BUNDLED } from '../../client/src/scenarios.ts';
import { ManualTime } from '../../server/clock.ts';
import type { Actor, Command, Viewer } from '../../shared/engine/index.ts';
import type { Dispatch } from '../../shared/master/index.ts';
import { getAction } from '../../shared/runbook/actions.ts';
import type { LiveScore } from '../../shared/scoring/live.ts';

/*
 * Solo trains one person. Bots play every other seat through the drill master, honestly (the same
 * durations, refusals and views as anyone), and never do the trainee's duties: a bot takes only work
 * its own role owns, and answers only the decisions its role owns. The trainee is scored on their
 * own seat: a trainee who does nothing does not inherit the bots' score.
 */

const compiled = BUNDLED.find((c) => c.scenario.id === 'exfiltration-detected')!;

/** A solo drill the trainee starts at 10× and then leaves alone for `minutes` game minutes. */
async function idleTrainee(trainee: Viewer, minutes: number) {
  const time = new ManualTime();
  const solo = new LocalTransport(compiled, '7', trainee, { clock: time, scheduler: time });
  let score: LiveScore | null = null;
  solo.start({ view: () => undefined, clock: () => undefined, entries: () => undefined, history: () => undefined, presence: () => undefined, score: (s) => (score = s), status: () => undefined });
  const decided: { seat: Actor; command: Command }[] = [];
  const dispatch = solo.dispatch.bind(solo);
  solo.dispatch = (d: Dispatch) => {
    decided.push({ seat: d.envelope.actor, command: d.envelope.command });
    dispatch(d);
  };
  expect(await solo.send({ type: 'drill.start' })).toMatchObject({ ok: true });
  expect(await solo.send({ type: 'drill.setSpeed', speed: 10 })).toMatchObject({ ok: true });
  for (let wall = 0; wall < minutes * 6_000; wall += 1_000) {
    time.advance(1_000);
    for (let i = 0; i < 3; i++) await solo.master.idle();
  }
  solo.close();
  return { decided: decided.filter((d) => d.seat.role !== 'system' && d.seat.seat !== 'facilitator'), score: score as LiveScore | null, state: solo.master.state };
}

const TRAINEES: Viewer[] = [{ role: 'ic', seat: 'ic' }, { role: 'deputy', seat: 'deputy' }, { role: 'scribe', seat: 'scribe' }, { role: 'sme', seat: 'sme-2' }];

describe('SOLO: bots around one trainee', () => {
  for (const trainee of TRAINEES) {
    it(`SOLO1 with a ${trainee.seat} trainee, bots play the other seats and never take work or decisions their role does not own`, async () => {
      const { decided, state } = await idleTrainee(trainee, 40);
      expect(decided.length).toBeGreaterThan(0);
      expect(decided.filter((d) => d.seat.seat === trainee.seat)).toEqual([]);
      for (const { seat, command } of decided) {
        if (command.type === 'action.take') {
          const def = getAction(command.action);
          expect(def?.owners, `${seat.seat} took ${command.action}`).toContain(seat.role);
        }
        if (command.type === 'decision.answer') {
          const decision = compiled.injectsById.get(command.injectId)?.decision;
          expect(decision?.by[0], `${seat.seat} answered ${command.injectId}`).toBe(seat.role);
        }
      }
      if (trainee.role === 'deputy') {
        // Paging the IC and assembling the team is the deputy's: with the trainee idle, nobody does it for them.
        expect(state.facts.icPaged).toBeUndefined();
      } else {
        // The drill went on around the trainee, with work that took its time.
        expect(state.work.some((w) => w.seat !== trainee.seat && w.status !== 'running')).toBe(true);
      }
    });
  }

  it('SOLO2 an idle trainee’s own seat score stays below the team’s: the bots’ work is not the trainee’s', async () => {
    const { score } = await idleTrainee({ role: 'ic', seat: 'ic' }, 40);
    expect(score).not.toBeNull();
    const mine = score!.seats.find((s) => s.seat === 'ic');
    expect(mine).toBeDefined();
    expect(mine!.total).not.toBeNull();
    expect(mine!.total!).toBeLessThan(score!.total);
  });
});
