import type { Condition, Scenario } from '../scenario/schema.ts';
import { MS_PER_MINUTE, type DrillState } from './types.ts';

/** Keys under which DrillState.actionsTaken records an action: by itself, per target, per role. */
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
    return drill.actionsTaken[actionKey(condition.action, condition.target)] !== undefined;
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
  if ('message' in condition) {
    const want = condition.message;
    return drill.messages.some(
      (m) =>
        (want.purpose === undefined || m.purpose === want.purpose) &&
        (want.audience === undefined || m.audience === want.audience) &&
        (want.channel === undefined || m.channel === want.channel),
    );
  }
  if ('all' in condition) return condition.all.every((c) => evaluateCondition(c, drill, scenario));
  if ('any' in condition) return condition.any.some((c) => evaluateCondition(c, drill, scenario));
  return !evaluateCondition(condition.not, drill, scenario);
}
