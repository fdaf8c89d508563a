import { setup, type AnyStateMachine } from 'xstate';
import { evaluateCondition } from '../engine/conditions.ts';
import type { DrillState } from '../engine/types.ts';
import type { CompiledScenario } from './compiled.ts';
import type { Condition, Inject, Scenario } from './schema.ts';

/*
 * Compile a scenario into an XState v5 machine. The machine is parallel: one region holds the story
 * phase, and one region per inject holds whether it has been delivered. Guards and actions are named
 * and parameterised through setup(), so the machine config itself stays plain data.
 *
 * The engine never runs this machine as an actor. It resolves the machine's state from drill state
 * and advances it with the pure transition() function, reading the actions it returns.
 */

export type MachineEvent = { type: 'evaluate'; drill: DrillState; minute: number } | { type: 'inject.push'; injectId: string };

function deliveryTransitions(inject: Inject) {
  const push = { target: 'delivered', guard: { type: 'isInject', params: { injectId: inject.id } }, actions: { type: 'deliverInject', params: { injectId: inject.id, trigger: 'facilitator' } } } as const;
  const d = inject.delivery;
  if ('facilitator' in d) return { 'inject.push': push };
  const condition: Condition = 'at' in d ? { after: d.at } : d.when;
  const trigger = 'at' in d ? 'schedule' : 'condition';
  return {
    'inject.push': push,
    evaluate: { target: 'delivered', guard: { type: 'holds', params: { condition } }, actions: { type: 'deliverInject', params: { injectId: inject.id, trigger } } },
  };
}

export function buildMachine(scenario: Scenario) {
  const phaseStates = Object.fromEntries(
    scenario.phases.states.map((phase) => [
      phase.id,
      phase.final
        ? { type: 'final' as const }
        : {
            on: {
              evaluate: phase.transitions.map((t) => ({
                target: t.to,
                guard: { type: 'holds' as const, params: { condition: t.when } },
                actions: { type: 'enterPhase' as const, params: { from: phase.id, to: t.to } },
              })),
            },
          },
    ]),
  );
  const injectStates = Object.fromEntries(
    scenario.injects.map((inject) => [
      inject.id,
      { initial: 'pending', states: { pending: { on: deliveryTransitions(inject) }, delivered: { type: 'final' as const } } },
    ]),
  );

  return setup({
    types: { events: {} as MachineEvent },
    guards: {
      holds: ({ event }, params: { condition: Condition }) => event.type === 'evaluate' && evaluateCondition(params.condition, event.drill, scenario),
      isInject: ({ event }, params: { injectId: string }) => event.type === 'inject.push' && event.injectId === params.injectId,
    },
    actions: {
      // No-ops: the engine reads these from transition()'s action list and logs them as events.
      deliverInject: (_, _params: { injectId: string; trigger: 'schedule' | 'condition' | 'facilitator' }) => {},
      enterPhase: (_, _params: { from: string; to: string }) => {},
    },
  }).createMachine({
    id: `scenario:${scenario.id}`,
    type: 'parallel',
    states: {
      phase: { initial: scenario.phases.initial, states: phaseStates },
      injects: { type: 'parallel', states: injectStates },
    },
  } as never);
}

export function compileScenario(scenario: Scenario): CompiledScenario {
  return {
    scenario,
    // The concrete machine type is too precise for the shared interface; the engine only needs AnyStateMachine.
    machine: buildMachine(scenario) as unknown as AnyStateMachine,
    injectsById: new Map(scenario.injects.map((i) => [i.id, i])),
    assetsById: new Map(scenario.assets.map((a) => [a.id, a])),
    phasesById: new Map(scenario.phases.states.map((p) => [p.id, p])),
  };
}

/** The machine's state value for a drill state: the current phase and which injects are out. */
export function machineValueFor(drill: DrillState, compiled: CompiledScenario) {
  const delivered = new Set(drill.injects.map((i) => i.injectId));
  const injects: Record<string, string> = {};
  for (const id of compiled.injectsById.keys()) injects[id] = delivered.has(id) ? 'delivered' : 'pending';
  return { phase: drill.phase, injects };
}
