import type { Localized } from '../i18n/locales.ts';
import { catalogKey, localized, msg } from '../i18n/message.ts';
import { SOURCE_IDS, type SourceDoc, type SourceId } from './types.ts';

/*
 * The documents the rubric is built from, and the sections of each that rules cite. Titles are our
 * own short names for the documents and sections (the catalogs' `runbook.source.*` and
 * `runbook.section.*`), not the documents' wording.
 */

export const SOURCES: readonly SourceDoc[] = SOURCE_IDS.map((id) => ({ id, title: localized(`runbook.source.${id}`) }));

const CHECKLIST_SECTIONS = [
  'ic-required',
  'stop-attack',
  'cut-vector',
  'assemble-team',
  'isolate-instances',
  'attack-timeline',
  'compromised-data',
  'assess-risk',
  'additional-mitigations',
  'forensics',
  'internal-comms',
  'law-enforcement',
  'external-comms',
  'communicating',
] as const;

/** Sections of the OODA variant that the checklist lacks or names differently. */
const OODA_SECTIONS = ['observe-passive', 'observe-active', 'orient', 'decide', 'act', 'ooda-caution', 'law-enforcement'] as const;

const checklist: Record<string, Localized> = Object.fromEntries(CHECKLIST_SECTIONS.map((id) => [id, localized(`runbook.section.pd.${id}`)]));

/** The 21 numbered steps of the sectemplates runbook, each titled "Step n: …". */
const sectemplates: Record<string, Localized> = Object.fromEntries(
  Array.from({ length: 21 }, (_, i) => {
    const id = `step-${i + 1}`;
    return [id, localized('runbook.section.sectemplates.numbered', { n: String(i + 1), title: msg(catalogKey(`runbook.section.sectemplates.${id}`)) })];
  }),
);

export const SECTIONS: Record<SourceId, Record<string, Localized>> = {
  pd: checklist,
  'pd-ooda': { ...checklist, ...Object.fromEntries(OODA_SECTIONS.map((id) => [id, localized(`runbook.section.pd-ooda.${id}`)])) },
  spearhead: Object.fromEntries(Object.entries(checklist).filter(([id]) => id !== 'communicating')),
  sectemplates,
};
