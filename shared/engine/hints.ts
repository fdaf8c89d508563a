import type { Localized } from '../i18n/locales.ts';
import { ACTIONS } from '../runbook/actions.ts';
import { STEP_IDS } from '../runbook/types.ts';
import type { CompiledScenario } from '../scenario/compiled.ts';
import { audienceIncludes } from './audience.ts';
import type { Actor, DrillState } from './types.ts';

/**
 * The hint a trainee gets on request: the newest inject they can see that carries a hint they have
 * not had yet, else a pointer to the first checklist step the team has not touched.
 */
export function nextHint(compiled: CompiledScenario, drill: DrillState, actor: Actor): { injectId: string | null; text: Localized } {
  const given = new Set(drill.hints.filter((h) => h.by.seat === actor.seat).map((h) => h.injectId));
  for (let i = drill.injects.length - 1; i >= 0; i--) {
    const delivered = drill.injects[i];
    if (!delivered || given.has(delivered.injectId)) continue;
    const inject = compiled.injectsById.get(delivered.injectId);
    if (inject?.hint && audienceIncludes(inject.audience, actor.role)) return { injectId: inject.id, text: inject.hint };
  }
  const touched = new Set(ACTIONS.filter((a) => drill.actionsTaken[a.id] !== undefined).map((a) => a.step));
  const next = STEP_IDS.find((step) => !touched.has(step));
  const action = ACTIONS.find((a) => a.step === next);
  return {
    injectId: null,
    text: next && action
      ? { en: `Nothing new to go on. The checklist step "${next}" has not been started: consider "${action.title.en}".` }
      : { en: 'Every checklist step has been started. Check the timeline is complete, then close out.' },
  };
}
