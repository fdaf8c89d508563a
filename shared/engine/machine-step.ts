import { transition } from 'xstate';
import { machineValueFor } from '../scenario/compile.ts';
import type { CompiledScenario } from '../scenario/compiled.ts';
import type { Condition } from '../scenario/schema.ts';
import { evaluateCondition } from './conditions.ts';
import type { DrillState } from './types.ts';
import { learn, lessonsOf } from './knowledge.ts';
import { resolveAsset } from './truth.ts';
import type { Step } from './step.ts';
import { SYSTEM_ACTOR, type InjectTrigger } from './types.ts';

type MachineInput = { type: 'evaluate' } | { type: 'inject.push'; injectId: string };

/*
 * Ask the scenario's XState machine what happens now, and log it. The machine's state is never
 * stored: it is resolved from the drill state each time, so a drill restored from its log carries
 * no timers or snapshots that could be lost (delayed transitions are not used at all).
 * Runs to a fixed point, because one delivery can satisfy another inject's condition.
 */
export function runMachine(step: Step, at: number, input: MachineInput): void {
  const { machine } = step.compiled;
  const limit = step.compiled.injectsById.size + step.compiled.phasesById.size + 2;
  let event: MachineInput = input;
  for (let round = 0; round < limit; round++) {
    if (event.type === 'evaluate' && !anyGuardCouldPass(step.compiled, { ...step.draft, clock: at })) return;
    const snapshot = machine.resolveState({ value: machineValueFor(step.draft, step.compiled), context: {} });
    const machineEvent =
      event.type === 'evaluate' ? { type: 'evaluate', drill: { ...step.draft, clock: at }, minute: at / 60_000 } : event;
    const [, actions] = transition(machine, snapshot, machineEvent);
    let changed = false;
    for (const action of actions as unknown as { type: string; params?: Record<string, unknown> }[]) {
      const params = action.params ?? {};
      if (action.type === 'deliverInject') {
        const injectId = String(params.injectId);
        if (step.draft.injects.some((i) => i.injectId === injectId)) continue;
        step.emit(at, SYSTEM_ACTOR, { type: 'inject.delivered', injectId, trigger: params.trigger as InjectTrigger });
        const inject = step.compiled.injectsById.get(injectId);
        // What only the facilitator is told teaches the team nothing.
        if (inject && inject.audience !== 'facilitator') for (const item of lessonsOf(step, inject.learn)) learn(step, at, item, { inject: injectId });
        if (inject?.alertsAdversary && step.compiled.scenario.adversary.tipOff && step.draft.adversary.alertedAt === null && step.draft.adversary.fallbackAt === null) {
          step.emit(at, SYSTEM_ACTOR, { type: 'adversary.noticed', injectId });
        }
        for (const effect of inject?.effects ?? []) {
          const asset = resolveAsset(effect.asset, step.draft.truth);
          if (asset && step.draft.assets[asset] && !step.draft.assets[asset]!.destroyed) step.emit(at, SYSTEM_ACTOR, { type: 'asset.changed', asset, change: { ...effect.set }, cause: injectId });
        }
        changed = true;
      } else if (action.type === 'enterPhase') {
        const from = String(params.from);
        const to = String(params.to);
        if (step.draft.phase !== from || from === to) continue;
        step.emit(at, SYSTEM_ACTOR, { type: 'phase.changed', from, to });
        changed = true;
      }
    }
    if (!changed) return;
    event = { type: 'evaluate' };
  }
}

/** Evaluate conditions of pending injects and the current phase's transitions for each scenario once. */
const guardCache = new WeakMap<CompiledScenario, { injects: [string, Condition][]; phases: Map<string, Condition[]> }>();

function guardsOf(compiled: CompiledScenario) {
  let cached = guardCache.get(compiled);
  if (!cached) {
    const injects: [string, Condition][] = [];
    for (const inject of compiled.scenario.injects) {
      const d = inject.delivery;
      if ('at' in d) injects.push([inject.id, { after: d.at }]);
      else if ('when' in d) injects.push([inject.id, d.when]);
    }
    const phases = new Map(compiled.scenario.phases.states.map((p) => [p.id, p.final ? [] : p.transitions.map((t) => t.when)]));
    cached = { injects, phases };
    guardCache.set(compiled, cached);
  }
  return cached;
}

/**
 * A cheap pre-check so the machine only runs when one of its guards can pass. It reads the same
 * conditions the machine's `holds` guard reads, so it can only skip rounds in which the machine
 * would have done nothing.
 */
function anyGuardCouldPass(compiled: CompiledScenario, drill: DrillState): boolean {
  const { injects, phases } = guardsOf(compiled);
  const delivered = new Set(drill.injects.map((i) => i.injectId));
  for (const [id, condition] of injects) {
    if (!delivered.has(id) && evaluateCondition(condition, drill, compiled.scenario)) return true;
  }
  return (phases.get(drill.phase) ?? []).some((c) => evaluateCondition(c, drill, compiled.scenario));
}
