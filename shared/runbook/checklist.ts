import type { Localized } from '../i18n/locales.ts';
import { localized } from '../i18n/message.ts';
import { OODA_PHASES, STEP_IDS, type ChecklistStep, type OodaPhase, type RunbookRef, type StepId } from './types.ts';

/*
 * The 14 checklist steps in the order the checklist lists them, and the four OODA phases. Titles and
 * summaries are our own words, in the catalogs (`runbook.step.<id>`, `runbook.ooda.<id>`).
 */

const pd = (section: string): RunbookRef => ({ source: 'pd', section });

/** Each step's OODA phase and the checklist section it cites, in STEP_IDS order. */
const STEPS: Record<StepId, [OodaPhase, RunbookRef[]]> = {
  'stop-attack': ['act', [pd('stop-attack')]],
  'cut-vector': ['act', [pd('cut-vector')]],
  'assemble-team': ['act', [pd('assemble-team')]],
  'isolate-instances': ['act', [pd('isolate-instances')]],
  'attack-timeline': ['orient', [pd('attack-timeline')]],
  'compromised-data': ['orient', [pd('compromised-data')]],
  'risk-other-systems': ['orient', [pd('assess-risk')]],
  'risk-reattack': ['orient', [pd('assess-risk')]],
  'additional-mitigations': ['act', [pd('additional-mitigations')]],
  forensics: ['orient', [pd('forensics')]],
  'internal-comms': ['act', [pd('internal-comms')]],
  'law-enforcement': ['act', [pd('law-enforcement')]],
  'external-parties': ['act', [pd('law-enforcement')]],
  'external-comms': ['act', [pd('external-comms')]],
};

export const CHECKLIST: readonly ChecklistStep[] = STEP_IDS.map((id, i) => {
  const [ooda, refs] = STEPS[id];
  return { id, number: i + 1, title: localized(`runbook.step.${id}.title`), summary: localized(`runbook.step.${id}.summary`), ooda, refs };
});

export const OODA: readonly { id: OodaPhase; title: Localized; description: Localized }[] = OODA_PHASES.map((id) => ({
  id,
  title: localized(`runbook.ooda.${id}.title`),
  description: localized(`runbook.ooda.${id}.description`),
}));

export function stepById(id: StepId): ChecklistStep | undefined {
  return CHECKLIST.find((s) => s.id === id);
}
