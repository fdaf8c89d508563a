import type { CompiledScenario } from '../scenario/compiled.ts';
import { MS_PER_MINUTE, type DrillState } from './types.ts';

/**
 * The next game time at which the drill changes by itself, with no command: a game clock keeps one
 * timer armed for it and then ticks (ENG3: whole minutes are the beat, up to the scenario's end).
 * Null while the drill is not running. `after` is the game time the state has been processed up
 * to; it defaults to the state's clock, which only moves with entries, so a caller that ticked past
 * a quiet minute passes the time it ticked at.
 */
export function nextDueAt(compiled: CompiledScenario, state: DrillState, after: number = state.clock): number | null {
  if (state.lifecycle !== 'running') return null;
  const end = compiled.scenario.durationMinutes * MS_PER_MINUTE;
  if (after >= end) return null;
  return Math.min((Math.floor(after / MS_PER_MINUTE) + 1) * MS_PER_MINUTE, end);
}
