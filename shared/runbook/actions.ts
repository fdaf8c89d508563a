import type { MessageKey } from '../i18n/catalogs/index.ts';
import { localized } from '../i18n/message.ts';
import type { ActionDef, PlayerRole, RunbookRef } from './types.ts';

/*
 * The action catalog: everything a team can do in a drill. Each entry says which roles may do it,
 * which should, which checklist step it serves, and what it does to the world and to evidence.
 * Section ids in `refs` are defined in ./sources.ts; titles are the catalogs' `runbook.action.<id>`.
 */

/** The ids the catalogs title (`runbook.action.<id>`), so an action without a title fails the typecheck. */
type IdsAfter<K, Prefix extends string> = K extends `${Prefix}${infer Id}` ? Id : never;
type ActionId = IdsAfter<MessageKey, 'runbook.action.'>;

const ANY: readonly PlayerRole[] = ['ic', 'deputy', 'scribe', 'sme'];
const LEADS: readonly PlayerRole[] = ['ic', 'deputy'];
const HANDS: readonly PlayerRole[] = ['ic', 'deputy', 'sme'];
const SME: readonly PlayerRole[] = ['sme'];

const pd = (section: string): RunbookRef => ({ source: 'pd', section });
const ooda = (section: string): RunbookRef => ({ source: 'pd-ooda', section });
const st = (n: number): RunbookRef => ({ source: 'sectemplates', section: `step-${n}` });

type Spec = Omit<ActionDef, 'id' | 'title' | 'sets' | 'evidence' | 'once' | 'noisy' | 'handsOn' | 'target' | 'minutes'> &
  Partial<Pick<ActionDef, 'sets' | 'evidence' | 'once' | 'noisy' | 'handsOn' | 'target'>>;

function action(id: ActionId, minutes: number, spec: Spec): ActionDef {
  return {
    id,
    minutes,
    title: localized(`runbook.action.${id}`),
    target: 'none',
    handsOn: false,
    noisy: false,
    sets: {},
    evidence: 'none',
    once: true,
    ...spec,
  };
}

export const ACTIONS: readonly ActionDef[] = [
  // ── Response set-up ────────────────────────────────────────────────────────────
  action('page-ic', 2, { step: 'assemble-team', ooda: 'act', roles: ANY, owners: ANY, fact: 'icPaged', refs: [pd('ic-required'), st(4)] }),
  action('set-codename', 1, { step: 'assemble-team', ooda: 'act', roles: LEADS, owners: LEADS, fact: 'codenameSet', refs: [pd('assemble-team')] }),
  action('open-private-channel', 2, { step: 'assemble-team', ooda: 'act', roles: ['ic', 'deputy', 'scribe'], owners: ['deputy', 'scribe'], fact: 'privateChannel', refs: [pd('assemble-team'), st(2)] }),
  action('start-bridge', 2, { step: 'assemble-team', ooda: 'act', roles: LEADS, owners: LEADS, fact: 'bridge', refs: [pd('assemble-team'), st(3)] }),
  action('invite-security', 2, { step: 'assemble-team', ooda: 'act', roles: LEADS, owners: LEADS, fact: 'securityInvited', refs: [pd('assemble-team')] }),
  action('invite-service-owners', 3, { step: 'assemble-team', ooda: 'act', roles: LEADS, owners: LEADS, fact: 'ownersInvited', refs: [pd('assemble-team'), st(7)] }),
  action('invite-legal', 3, { step: 'assemble-team', ooda: 'act', roles: LEADS, owners: LEADS, fact: 'legalInvited', refs: [pd('assemble-team'), st(16)] }),
  action('invite-executives', 3, { step: 'assemble-team', ooda: 'act', roles: LEADS, owners: LEADS, fact: 'execsInvited', refs: [pd('assemble-team'), st(17)] }),
  action('declare-severity', 1, { step: null, ooda: 'decide', roles: ['ic'], owners: ['ic'], fact: 'severityDeclared', refs: [st(4), st(6)] }),
  action('create-working-document', 3, { step: null, ooda: 'act', roles: ['ic', 'deputy', 'scribe'], owners: ['scribe'], fact: 'workingDoc', refs: [st(9)] }),
  action('approve-disclosure', 3, { step: 'external-comms', ooda: 'decide', roles: ['ic'], owners: ['ic'], fact: 'disclosureApproved', refs: [pd('communicating')] }),

  // ── Observe: passive, then active assessment ────────────────────────────────────
  action('review-network-logs', 12, { step: 'attack-timeline', ooda: 'observe', roles: HANDS, owners: SME, target: 'asset', handsOn: true, once: false, refs: [ooda('observe-passive')] }),
  action('review-system-logs', 15, { step: 'attack-timeline', ooda: 'observe', roles: HANDS, owners: SME, target: 'asset', handsOn: true, once: false, refs: [ooda('observe-passive')] }),
  action('deploy-sensors', 10, { step: 'additional-mitigations', ooda: 'observe', roles: HANDS, owners: SME, target: 'asset', handsOn: true, sets: { sensorsDeployed: true }, refs: [ooda('observe-passive')] }),
  action('validate-backup', 15, { step: 'additional-mitigations', ooda: 'observe', roles: HANDS, owners: SME, target: 'asset', handsOn: true, refs: [ooda('observe-passive'), pd('additional-mitigations')] }),
  action('capture-memory', 15, { step: 'forensics', ooda: 'observe', roles: HANDS, owners: SME, target: 'asset', handsOn: true, sets: { memoryCaptured: true }, evidence: 'captures-memory', refs: [ooda('observe-active')] }),
  action('image-disk', 30, { step: 'isolate-instances', ooda: 'observe', roles: HANDS, owners: SME, target: 'asset', handsOn: true, sets: { imaged: true, imageSecured: true }, evidence: 'captures-disk', refs: [pd('isolate-instances'), ooda('observe-active'), st(11)] }),
  action('image-disk-on-host', 20, { step: 'isolate-instances', ooda: 'observe', roles: HANDS, owners: SME, target: 'asset', handsOn: true, sets: { imaged: true }, evidence: 'captures-disk', refs: [pd('isolate-instances')] }),

  // ── Act: stop the attack and cut the vector ─────────────────────────────────────
  action('network-isolate', 4, { step: 'isolate-instances', ooda: 'act', roles: HANDS, owners: SME, target: 'asset', handsOn: true, sets: { isolated: true }, refs: [pd('stop-attack'), pd('isolate-instances')] }),
  action('shutdown-instance', 3, { step: 'stop-attack', ooda: 'act', roles: HANDS, owners: SME, target: 'asset', handsOn: true, sets: { shutDown: true }, evidence: 'loses-memory', refs: [pd('stop-attack')] }),
  action('reboot-host', 5, { step: 'stop-attack', ooda: 'act', roles: HANDS, owners: SME, target: 'asset', handsOn: true, once: false, sets: { rebooted: true }, evidence: 'loses-memory', refs: [ooda('observe-active')] }),
  action('terminate-instance', 2, { step: 'stop-attack', ooda: 'act', roles: HANDS, owners: SME, target: 'asset', handsOn: true, sets: { destroyed: true, shutDown: true }, evidence: 'destroys-disk', refs: [pd('stop-attack'), st(11)] }),
  action('clean-host', 30, { step: 'additional-mitigations', ooda: 'act', roles: HANDS, owners: SME, target: 'asset', handsOn: true, sets: { destroyed: true }, evidence: 'destroys-disk', refs: [st(11)] }),
  action('kill-sessions', 5, { step: 'stop-attack', ooda: 'act', roles: HANDS, owners: SME, target: 'asset', handsOn: true, noisy: true, sets: { sessionsKilled: true }, refs: [pd('stop-attack'), ooda('ooda-caution')] }),
  action('lock-accounts', 8, { step: 'cut-vector', ooda: 'act', roles: HANDS, owners: SME, handsOn: true, noisy: true, fact: 'accountsLocked', refs: [pd('stop-attack'), pd('cut-vector')] }),
  action('block-ips', 5, { step: 'cut-vector', ooda: 'act', roles: HANDS, owners: SME, handsOn: true, noisy: true, fact: 'ipsBlocked', refs: [pd('isolate-instances'), pd('additional-mitigations')] }),
  action('disable-code-path', 8, { step: 'cut-vector', ooda: 'act', roles: HANDS, owners: SME, target: 'asset', handsOn: true, sets: { isolated: true }, refs: [pd('cut-vector'), st(10)] }),
  action('rotate-credentials', 20, { step: 'additional-mitigations', ooda: 'act', roles: HANDS, owners: SME, handsOn: true, fact: 'credentialsRotated', refs: [pd('assess-risk'), pd('additional-mitigations')] }),
  action('restore-from-backup', 40, { step: 'additional-mitigations', ooda: 'act', roles: HANDS, owners: SME, target: 'asset', handsOn: true, sets: { restored: true }, evidence: 'destroys-disk', refs: [pd('additional-mitigations'), st(11)] }),
  action('deploy-clean-instance', 30, { step: 'additional-mitigations', ooda: 'act', roles: HANDS, owners: SME, target: 'asset', handsOn: true, sets: { restored: true }, refs: [st(11), pd('additional-mitigations')] }),
  action('add-monitoring', 15, { step: 'additional-mitigations', ooda: 'act', roles: HANDS, owners: ['sme', 'deputy'], handsOn: true, fact: 'monitoringAdded', refs: [pd('additional-mitigations'), st(13)] }),
  action('verify-fix', 15, { step: 'additional-mitigations', ooda: 'act', roles: HANDS, owners: SME, handsOn: true, fact: 'fixVerified', refs: [st(12)] }),

  // ── Orient: analysis ───────────────────────────────────────────────────────────
  action('build-attack-timeline', 30, { step: 'attack-timeline', ooda: 'orient', roles: ['ic', 'deputy', 'sme', 'scribe'], owners: ['sme', 'scribe'], fact: 'timelineBuilt', refs: [pd('attack-timeline')] }),
  action('identify-compromised-data', 20, { step: 'compromised-data', ooda: 'orient', roles: HANDS, owners: SME, handsOn: true, fact: 'dataIdentified', refs: [pd('compromised-data')] }),
  action('assess-risk-other-systems', 15, { step: 'risk-other-systems', ooda: 'orient', roles: HANDS, owners: ['sme', 'deputy'], fact: 'riskAssessed', refs: [pd('assess-risk')] }),
  action('assess-reattack-risk', 10, { step: 'risk-reattack', ooda: 'orient', roles: HANDS, owners: ['sme', 'deputy'], fact: 'reattackAssessed', refs: [pd('assess-risk')] }),
  action('forensic-analysis', 40, { step: 'forensics', ooda: 'orient', roles: HANDS, owners: SME, handsOn: true, fact: 'forensicsDone', refs: [pd('forensics'), st(11)] }),
  action('assess-insider-threat', 15, { step: 'forensics', ooda: 'orient', roles: HANDS, owners: ['sme', 'deputy'], fact: 'insiderAssessed', refs: [pd('assemble-team'), pd('internal-comms')] }),

  // ── Outreach ──────────────────────────────────────────────────────────────────
  action('contact-law-enforcement', 10, { step: 'law-enforcement', ooda: 'act', roles: LEADS, owners: ['deputy'], fact: 'lawEnforcement', refs: [pd('law-enforcement')] }),
  action('contact-cert', 5, { step: 'law-enforcement', ooda: 'act', roles: LEADS, owners: ['deputy'], fact: 'certContacted', refs: [ooda('law-enforcement')] }),
  action('contact-insurer', 5, { step: 'law-enforcement', ooda: 'act', roles: LEADS, owners: ['deputy'], fact: 'insurerContacted', refs: [ooda('law-enforcement')] }),
  action('contact-third-parties', 10, { step: 'external-parties', ooda: 'act', roles: LEADS, owners: ['deputy'], fact: 'thirdPartiesContacted', refs: [pd('law-enforcement')] }),

  // ── Closing ────────────────────────────────────────────────────────────────────
  action('file-incident-ticket', 5, { step: null, ooda: 'act', roles: ['deputy', 'scribe', 'ic'], owners: ['deputy', 'scribe'], fact: 'ticketFiled', refs: [st(14)] }),
  action('close-incident', 2, { step: null, ooda: 'decide', roles: ['ic'], owners: ['ic'], fact: 'closed', refs: [st(18)] }),
  action('schedule-postmortem', 2, { step: null, ooda: 'act', roles: LEADS, owners: ['ic'], fact: 'postmortemScheduled', refs: [st(20)] }),
];

export const ACTIONS_BY_ID: ReadonlyMap<string, ActionDef> = new Map(ACTIONS.map((a) => [a.id, a]));

export function getAction(id: string): ActionDef | undefined {
  return ACTIONS_BY_ID.get(id);
}
