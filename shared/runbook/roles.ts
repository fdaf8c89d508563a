import { localized } from '../i18n/message.ts';
import type { RoleDef } from './types.ts';

/* The seats of a drill and what each is for, in our own words (the catalogs' `runbook.role.<id>`). */

export const ROLE_DEFS: readonly RoleDef[] = [
  {
    id: 'ic',
    title: localized('runbook.role.ic.title'),
    duties: [localized('runbook.role.ic.duty.lead'), localized('runbook.role.ic.duty.appoint'), localized('runbook.role.ic.duty.approve'), localized('runbook.role.ic.duty.close')],
    refs: [{ source: 'pd', section: 'ic-required' }, { source: 'sectemplates', section: 'step-18' }],
  },
  {
    id: 'deputy',
    title: localized('runbook.role.deputy.title'),
    duties: [localized('runbook.role.deputy.duty.checklist'), localized('runbook.role.deputy.duty.invite'), localized('runbook.role.deputy.duty.outreach')],
    refs: [{ source: 'pd', section: 'assemble-team' }, { source: 'pd', section: 'law-enforcement' }],
  },
  {
    id: 'scribe',
    title: localized('runbook.role.scribe.title'),
    duties: [localized('runbook.role.scribe.duty.timeline'), localized('runbook.role.scribe.duty.document')],
    refs: [{ source: 'sectemplates', section: 'step-9' }, { source: 'sectemplates', section: 'step-15' }],
  },
  {
    id: 'sme',
    title: localized('runbook.role.sme.title'),
    duties: [localized('runbook.role.sme.duty.work'), localized('runbook.role.sme.duty.report')],
    refs: [{ source: 'pd-ooda', section: 'observe-active' }, { source: 'pd', section: 'isolate-instances' }],
  },
  {
    id: 'facilitator',
    title: localized('runbook.role.facilitator.title'),
    duties: [localized('runbook.role.facilitator.duty.run'), localized('runbook.role.facilitator.duty.debrief')],
    refs: [{ source: 'sectemplates', section: 'step-21' }],
  },
  {
    id: 'observer',
    title: localized('runbook.role.observer.title'),
    duties: [localized('runbook.role.observer.duty.watch')],
    refs: [{ source: 'pd', section: 'assemble-team' }],
  },
];
