import type { AnyStateMachine } from 'xstate';
import type { Asset, Inject, Phase, Scenario } from './schema.ts';

/**
 * A validated scenario made ready for the engine: lookup tables plus the XState machine that
 * decides which injects fire and which story phase the drill is in (see compile.ts).
 */
export interface CompiledScenario {
  scenario: Scenario;
  machine: AnyStateMachine;
  injectsById: ReadonlyMap<string, Inject>;
  assetsById: ReadonlyMap<string, Asset>;
  phasesById: ReadonlyMap<string, Phase>;
}
