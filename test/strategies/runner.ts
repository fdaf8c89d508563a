import { createDrill, execute, viewFor } from '../../shared/engine/index.ts';
import type { Actor, Command, CommandEnvelope, DrillState, LogEntry } from '../../shared/engine/types.ts';
import { MS_PER_MINUTE, SYSTEM_ACTOR } from '../../shared/engine/types.ts';
import type { DrillView } from '../../shared/engine/view-types.ts';
import type { CompiledScenario } from '../../shared/scenario/compiled.ts';
import { toPlayScript } from '../../shared/script/index.ts';

/*
 * Runs a team strategy through a whole drill and keeps every command it tried, refused or not, so
 * the run can be written as a play script and replayed with `ttx play`. A strategy sees only what
 * a player sees: the IC's view of the drill at each turn.
 */

export interface Strategy {
  name: string;
  /**
   * Commands to try this turn, in order, each from a seat of the team. `view` is the IC's view;
   * `team` lets a bot team decide from each of its own seats' views (bots build their own).
   */
  turn(view: DrillView, at: number, team: { compiled: CompiledScenario; state: () => DrillState }): Iterable<{ as: Actor; command: Command }>;
  /** Told when the engine refused a command, so a bot does not try it again. */
  refused?(as: Actor, command: Command): void;
}

const FACILITATOR: Actor = { role: 'facilitator', seat: 'facilitator' };
const TURN_MS = 30_000;

export interface StrategyRun {
  envelopes: CommandEnvelope[];
  entries: LogEntry[];
  state: DrillState;
}

export function runStrategy(compiled: CompiledScenario, seed: string, strategy: Strategy): StrategyRun {
  const created = createDrill(compiled, seed);
  let state = created.state;
  const entries = [...created.entries];
  const envelopes: CommandEnvelope[] = [];
  const send = (envelope: CommandEnvelope): boolean => {
    envelopes.push(envelope);
    const result = execute(compiled, state, envelope);
    if (result.ok) {
      state = result.state;
      entries.push(...result.entries);
    }
    return result.ok;
  };
  send({ at: 0, actor: FACILITATOR, command: { type: 'drill.start' } });
  const end = compiled.scenario.durationMinutes * MS_PER_MINUTE;
  // Facilitator-only injects arrive at evenly spaced moments, as in bot simulations.
  const pushes = compiled.scenario.injects.filter((i) => 'facilitator' in i.delivery).map((inject, i, all) => ({ at: Math.round((compiled.scenario.durationMinutes * (i + 1)) / (all.length + 4)) * MS_PER_MINUTE, id: inject.id }));
  for (let at = 0; at < end && state.lifecycle !== 'ended'; at += TURN_MS) {
    // What fell due happens before the team looks (a clock tick is not a play-script step; on
    // replay the next command processes the same moments).
    const ticked = execute(compiled, state, { at, actor: SYSTEM_ACTOR, command: { type: 'clock.tick' } });
    if (ticked.ok) {
      state = ticked.state;
      entries.push(...ticked.entries);
    }
    for (const push of pushes) if (push.at === at) send({ at, actor: FACILITATOR, command: { type: 'inject.push', injectId: push.id } });
    const view = viewFor(compiled, state, { role: 'ic', seat: 'ic' });
    for (const { as, command } of strategy.turn(view, at, { compiled, state: () => state })) {
      if (state.lifecycle === 'ended') break;
      if (!send({ at, actor: as, command })) strategy.refused?.(as, command);
    }
    if (state.facts.postmortemScheduled !== undefined) send({ at, actor: FACILITATOR, command: { type: 'drill.end', reason: 'team closed the incident' } });
  }
  return { envelopes, entries, state };
}

/** The run as a play script: the commands tried, with the seed they were tried on. */
export const scriptOf = (seed: string, run: StrategyRun): string => toPlayScript(seed, run.envelopes);
