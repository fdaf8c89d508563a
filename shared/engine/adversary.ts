import type { ActionRef } from '../scenario/schema.ts';
import { actionKey } from './conditions.ts';
import { draw } from './rng.ts';
import type { Step } from './step.ts';
import { isCompromised, resolveAsset } from './truth.ts';
import { SYSTEM_ACTOR, type DrillState } from './types.ts';

/*
 * The adversary moves on the minute: data leaves until the path it really takes is cut, and an
 * attacker that noticed the response reacts after a delay unless the team got there first. Noisy
 * work on a compromised asset, and messages over channels the attacker reads, can tip it off.
 */

function exfilStore(step: Step) {
  const ex = step.compiled.scenario.adversary.exfiltration;
  const store = ex && step.compiled.scenario.dataStores.find((d) => d.id === ex.from);
  return ex && store ? { ex, store } : null;
}

/** Whether a scenario's action reference matches completed work in this drill's world. */
export const refMatches = (state: DrillState, ref: ActionRef, action: string, target?: string): boolean =>
  ref.action === action && (ref.target === undefined || resolveAsset(ref.target, state.truth) === target);

/** Whether work the reference names has completed (in full or in part): actionsTaken records every such completion. */
function completedRef(state: DrillState, ref: ActionRef): boolean {
  if (ref.target === undefined) return state.actionsTaken[ref.action] !== undefined;
  const target = resolveAsset(ref.target, state.truth);
  return !!target && state.actionsTaken[actionKey(ref.action, target)] !== undefined;
}

export function progressExfiltration(step: Step, t: number, minute: number): void {
  const found = exfilStore(step);
  const { exfil } = step.draft;
  if (!found || exfil.stoppedAt !== null || minute <= found.ex.startsAtMinute) return;
  const records = Math.min(exfil.perMinute, found.store.records - exfil.records);
  if (records > 0) step.emit(t, SYSTEM_ACTOR, { type: 'exfil.progressed', records, total: exfil.records + records });
}

export function stopExfiltrationIfCut(step: Step, at: number, action: string, target?: string): void {
  const found = exfilStore(step);
  if (!found || step.draft.exfil.stoppedAt !== null) return;
  if (found.ex.stoppedBy.some((r) => refMatches(step.draft, r, action, target))) {
    step.emit(at, SYSTEM_ACTOR, { type: 'exfil.stopped', by: actionKey(action, target) });
  }
}

/** A noisy action on a compromised asset (or on none) may alert the attacker, by a seeded roll. */
export function maybeAlertAdversary(step: Step, at: number, action: string, target: string | undefined): void {
  const tip = step.compiled.scenario.adversary.tipOff;
  const { draft } = step;
  if (!tip || draft.adversary.alertedAt !== null || draft.adversary.fallbackAt !== null) return;
  if (target !== undefined && !isCompromised(draft.truth, target, at)) return;
  const roll = draw(draft.rng, 1).values[0] ?? 0;
  step.emit(at, SYSTEM_ACTOR, { type: 'adversary.rolled', action, roll, alerted: roll < tip.chance, draws: 1 });
}

export function maybeFireFallback(step: Step, t: number): void {
  const tip = step.compiled.scenario.adversary.tipOff;
  const { draft } = step;
  const { alertedAt, fallbackAt, preventedAt } = draft.adversary;
  if (!tip || alertedAt === null || fallbackAt !== null || preventedAt !== null) return;
  if (t < alertedAt + tip.fallbackAfterMinutes * 60_000) return;
  const preventer = tip.preventedBy.find((ref) => completedRef(draft, ref));
  if (preventer) {
    const target = preventer.target === undefined ? undefined : resolveAsset(preventer.target, draft.truth);
    step.emit(t, SYSTEM_ACTOR, { type: 'adversary.fallbackPrevented', by: actionKey(preventer.action, target) });
    return;
  }
  const target = resolveAsset(tip.fallback.target, draft.truth) ?? tip.fallback.target;
  step.emit(t, SYSTEM_ACTOR, { type: 'adversary.fallbackFired', kind: tip.fallback.kind, target });
  const found = exfilStore(step);
  if (tip.fallback.kind === 'dump' && found && draft.exfil.records < found.store.records) {
    const records = found.store.records - draft.exfil.records;
    step.emit(t, SYSTEM_ACTOR, { type: 'exfil.progressed', records, total: found.store.records });
  }
}
