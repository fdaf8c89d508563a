import { ENTRY } from '../scenario/constants.ts';
import type { Condition, Scenario } from '../scenario/schema.ts';
import { MS_PER_MINUTE, type DrillState } from './types.ts';

/** Keys under which DrillState.actionsTaken records a completed action: by itself, per target, per role. */
export const actionKey = (action: string, target?: string): string => (target ? `${action}@${target}` : action);
export const actionByRoleKey = (action: string, role: string): string => `${action}~${role}`;

/**
 * Whether a scenario condition holds in a drill state at the state's clock. Pure; used by the
 * compiled machine's `holds` guard and by static checks.
 */
export function evaluateCondition(condition: Condition, drill: DrillState, scenario: Scenario): boolean {
  if ('after' in condition) return drill.clock >= condition.after * MS_PER_MINUTE;
  if ('action' in condition) {
    if (condition.by && drill.actionsTaken[actionByRoleKey(condition.action, condition.by)] === undefined) return false;
    const target = condition.target === ENTRY ? drill.truth.entry : condition.target;
    return drill.actionsTaken[actionKey(condition.action, target)] !== undefined;
  }
  if ('delivered' in condition) {
    const delivered = drill.injects.find((i) => i.injectId === condition.delivered);
    return delivered !== undefined && drill.clock >= delivered.at + (condition.plus ?? 0) * MS_PER_MINUTE;
  }
  if ('exfilAtLeast' in condition) return drill.exfil.records >= condition.exfilAtLeast;
  if ('exfilStopped' in condition) return drill.exfil.stoppedAt !== null;
  if ('adversary' in condition) {
    return condition.adversary === 'alerted' ? drill.adversary.alertedAt !== null : drill.adversary.fallbackAt !== null;
  }
  if ('phase' in condition) return drill.phase === condition.phase;
  if ('insider' in condition) return drill.insider === condition.insider;
  if ('known' in condition) return drill.knowledge.facts[condition.known] !== undefined;
  if ('decision' in condition) {
    const d = drill.decisions.find((x) => x.injectId === condition.decision);
    if (!d) return false;
    if (condition.is === 'missed') return d.missedAt !== null && (d.answer === null || d.answer.late);
    if (condition.is === 'answered') return d.answer !== null;
    return d.answer?.option === condition.is;
  }
  if ('message' in condition) {
    const want = condition.message;
    // Each kind of message sent is kept once, with org null standing for "whoever it reached".
    return drill.sentKinds.some(
      (k) =>
        k.org === (want.reaches ?? null) &&
        (want.channel === undefined || k.channel === want.channel) &&
        (want.kind === undefined || k.kind === want.kind),
    );
  }
  if ('all' in condition) return condition.all.every((c) => evaluateCondition(c, drill, scenario));
  if ('any' in condition) return condition.any.some((c) => evaluateCondition(c, drill, scenario));
  return !evaluateCondition(condition.not, drill, scenario);
}
