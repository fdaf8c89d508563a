import { createDrill, execute } from '../engine/execute.ts';
import type { CommandEnvelope, DrillState, EngineError, LogEntry } from '../engine/types.ts';
import { MS_PER_MINUTE, SYSTEM_ACTOR } from '../engine/types.ts';
import type { CompiledScenario } from '../scenario/compiled.ts';

export interface ScriptRun {
  state: DrillState;
  entries: LogEntry[];
  /** Steps the engine refused, with why; a script run never stops on a refusal. */
  refusals: { index: number; envelope: CommandEnvelope; error: EngineError }[];
}

/**
 * Play command envelopes in order against a fresh drill. The facilitator starts the drill at 0
 * unless the script does; the drill ends at the scenario's duration unless the script ends it.
 */
export function runScript(compiled: CompiledScenario, seed: string, envelopes: readonly CommandEnvelope[]): ScriptRun {
  const created = createDrill(compiled, seed);
  let state = created.state;
  const entries = [...created.entries];
  const refusals: ScriptRun['refusals'] = [];
  const run = (envelope: CommandEnvelope, index: number) => {
    const result = execute(compiled, state, envelope);
    if (result.ok) {
      state = result.state;
      entries.push(...result.entries);
    } else if (index >= 0) {
      refusals.push({ index, envelope, error: result.error });
    }
  };
  if (!envelopes.some((e) => e.command.type === 'drill.start')) {
    run({ at: 0, actor: { role: 'facilitator', seat: 'facilitator' }, command: { type: 'drill.start' } }, -1);
  }
  envelopes.forEach((envelope, index) => run(envelope, index));
  if (state.lifecycle !== 'ended') {
    const endAt = Math.max(state.clock, compiled.scenario.durationMinutes * MS_PER_MINUTE);
    run({ at: endAt, actor: SYSTEM_ACTOR, command: { type: 'clock.tick' } }, -1);
    // `run` reassigns `state`; TypeScript cannot see that through the closure.
    if ((state.lifecycle as string) !== 'ended') run({ at: endAt, actor: SYSTEM_ACTOR, command: { type: 'drill.end', reason: 'time-up' } }, -1);
  }
  return { state, entries, refusals };
}
