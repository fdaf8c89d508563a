import { ACTION_TITLES } from './action-titles.ts';
import type { ActionDef, PlayerRole, RunbookRef } from './types.ts';

/*
 * The action catalog: everything a team can do in a drill. Each entry says which roles may do it,
 * which should, which checklist step it serves, and what it does to the world and to evidence.
 * Section ids in `refs` are defined in ./sources.ts.
 */

const ANY: readonly PlayerRole[] = ['ic', 'deputy', 'scribe', 'sme'];
const LEADS: readonly PlayerRole[] = ['ic', 'deputy'];
const HANDS: readonly PlayerRole[] = ['ic', 'deputy', 'sme'];
const SME: readonly PlayerRole[] = ['sme'];

const pd = (section: string): RunbookRef => ({ source: 'pd', section });
const ooda = (section: string): RunbookRef => ({ source: 'pd-ooda', section });
const st = (n: number): RunbookRef => ({ source: 'sectemplates', section: `step-${n}` });

type Spec = Omit<ActionDef, 'id' | 'title' | 'sets' | 'evidence' | 'once' | 'noisy' | 'handsOn' | 'target' | 'minutes'> &
  Partial<Pick<ActionDef, 'sets' | 'evidence' | 'once' | 'noisy' | 'handsOn' | 'target'>>;

function action(id: string, en: string, minutes: number, spec: Spec): ActionDef {
  return {
    id,
    minutes,
    title: { en, ...ACTION_TITLES[id] },
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
  action('page-ic', 'Page an incident commander', 2, { step: 'assemble-team', ooda: 'act', roles: ANY, owners: ANY, fact: 'icPaged', refs: [pd('ic-required'), st(4)] }),
  action('set-codename', 'Give the incident an innocuous codename', 1, { step: 'assemble-team', ooda: 'act', roles: LEADS, owners: LEADS, fact: 'codenameSet', refs: [pd('assemble-team')] }),
  action('open-private-channel', 'Open a private incident channel', 2, { step: 'assemble-team', ooda: 'act', roles: ['ic', 'deputy', 'scribe'], owners: ['deputy', 'scribe'], fact: 'privateChannel', refs: [pd('assemble-team'), st(2)] }),
  action('start-bridge', 'Start the voice bridge', 2, { step: 'assemble-team', ooda: 'act', roles: LEADS, owners: LEADS, fact: 'bridge', refs: [pd('assemble-team'), st(3)] }),
  action('invite-security', 'Invite the security team', 2, { step: 'assemble-team', ooda: 'act', roles: LEADS, owners: LEADS, fact: 'securityInvited', refs: [pd('assemble-team')] }),
  action('invite-service-owners', 'Invite owners of affected services', 3, { step: 'assemble-team', ooda: 'act', roles: LEADS, owners: LEADS, fact: 'ownersInvited', refs: [pd('assemble-team'), st(7)] }),
  action('invite-legal', 'Invite legal counsel', 3, { step: 'assemble-team', ooda: 'act', roles: LEADS, owners: LEADS, fact: 'legalInvited', refs: [pd('assemble-team'), st(16)] }),
  action('invite-executives', 'Invite executive stakeholders', 3, { step: 'assemble-team', ooda: 'act', roles: LEADS, owners: LEADS, fact: 'execsInvited', refs: [pd('assemble-team'), st(17)] }),
  action('declare-severity', 'Declare the incident severity', 1, { step: null, ooda: 'decide', roles: ['ic'], owners: ['ic'], fact: 'severityDeclared', refs: [st(4), st(6)] }),
  action('create-working-document', 'Start the incident working document', 3, { step: null, ooda: 'act', roles: ['ic', 'deputy', 'scribe'], owners: ['scribe'], fact: 'workingDoc', refs: [st(9)] }),
  action('approve-disclosure', 'Approve communication outside the response team', 3, { step: 'external-comms', ooda: 'decide', roles: ['ic'], owners: ['ic'], fact: 'disclosureApproved', refs: [pd('communicating')] }),

  // ── Observe: passive, then active assessment ────────────────────────────────────
  action('review-network-logs', 'Review network logs, netflow and packet captures', 12, { step: 'attack-timeline', ooda: 'observe', roles: HANDS, owners: SME, target: 'asset', handsOn: true, once: false, refs: [ooda('observe-passive')] }),
  action('review-system-logs', 'Review remote system logs', 15, { step: 'attack-timeline', ooda: 'observe', roles: HANDS, owners: SME, target: 'asset', handsOn: true, once: false, refs: [ooda('observe-passive')] }),
  action('deploy-sensors', 'Deploy extra sensors on the affected zone', 10, { step: 'additional-mitigations', ooda: 'observe', roles: HANDS, owners: SME, target: 'asset', handsOn: true, sets: { sensorsDeployed: true }, refs: [ooda('observe-passive')] }),
  action('validate-backup', 'Check that a clean backup exists and is valid', 15, { step: 'additional-mitigations', ooda: 'observe', roles: HANDS, owners: SME, target: 'asset', handsOn: true, refs: [ooda('observe-passive'), pd('additional-mitigations')] }),
  action('capture-memory', 'Capture live memory', 15, { step: 'forensics', ooda: 'observe', roles: HANDS, owners: SME, target: 'asset', handsOn: true, sets: { memoryCaptured: true }, evidence: 'captures-memory', refs: [ooda('observe-active')] }),
  action('image-disk', 'Take a read-only disk image to off-site cold storage', 30, { step: 'isolate-instances', ooda: 'observe', roles: HANDS, owners: SME, target: 'asset', handsOn: true, sets: { imaged: true, imageSecured: true }, evidence: 'captures-disk', refs: [pd('isolate-instances'), ooda('observe-active'), st(11)] }),
  action('image-disk-on-host', 'Copy the disk to a writable volume on the same host', 20, { step: 'isolate-instances', ooda: 'observe', roles: HANDS, owners: SME, target: 'asset', handsOn: true, sets: { imaged: true }, evidence: 'captures-disk', refs: [pd('isolate-instances')] }),

  // ── Act: stop the attack and cut the vector ─────────────────────────────────────
  action('network-isolate', 'Network-isolate the instance', 4, { step: 'isolate-instances', ooda: 'act', roles: HANDS, owners: SME, target: 'asset', handsOn: true, sets: { isolated: true }, refs: [pd('stop-attack'), pd('isolate-instances')] }),
  action('shutdown-instance', 'Shut the instance down from the provider console', 3, { step: 'stop-attack', ooda: 'act', roles: HANDS, owners: SME, target: 'asset', handsOn: true, sets: { shutDown: true }, evidence: 'loses-memory', refs: [pd('stop-attack')] }),
  action('reboot-host', 'Reboot the host', 5, { step: 'stop-attack', ooda: 'act', roles: HANDS, owners: SME, target: 'asset', handsOn: true, once: false, sets: { rebooted: true }, evidence: 'loses-memory', refs: [ooda('observe-active')] }),
  action('terminate-instance', 'Terminate or delete the instance', 2, { step: 'stop-attack', ooda: 'act', roles: HANDS, owners: SME, target: 'asset', handsOn: true, sets: { destroyed: true, shutDown: true }, evidence: 'destroys-disk', refs: [pd('stop-attack'), st(11)] }),
  action('clean-host', 'Clean or rebuild the compromised host in place', 30, { step: 'additional-mitigations', ooda: 'act', roles: HANDS, owners: SME, target: 'asset', handsOn: true, sets: { destroyed: true }, evidence: 'destroys-disk', refs: [st(11)] }),
  action('kill-sessions', 'Kill active attacker sessions', 5, { step: 'stop-attack', ooda: 'act', roles: HANDS, owners: SME, target: 'asset', handsOn: true, noisy: true, sets: { sessionsKilled: true }, refs: [pd('stop-attack'), ooda('ooda-caution')] }),
  action('lock-accounts', 'Lock out accounts used in the attack', 8, { step: 'cut-vector', ooda: 'act', roles: HANDS, owners: SME, handsOn: true, noisy: true, fact: 'accountsLocked', refs: [pd('stop-attack'), pd('cut-vector')] }),
  action('block-ips', 'Block attacker IP addresses', 5, { step: 'cut-vector', ooda: 'act', roles: HANDS, owners: SME, handsOn: true, noisy: true, fact: 'ipsBlocked', refs: [pd('isolate-instances'), pd('additional-mitigations')] }),
  action('disable-code-path', 'Disable the exploited code path or service', 8, { step: 'cut-vector', ooda: 'act', roles: HANDS, owners: SME, target: 'asset', handsOn: true, sets: { isolated: true }, refs: [pd('cut-vector'), st(10)] }),
  action('rotate-credentials', 'Rotate compromised keys and credentials', 20, { step: 'additional-mitigations', ooda: 'act', roles: HANDS, owners: SME, handsOn: true, fact: 'credentialsRotated', refs: [pd('assess-risk'), pd('additional-mitigations')] }),
  action('restore-from-backup', 'Restore from a backup validated as clean', 40, { step: 'additional-mitigations', ooda: 'act', roles: HANDS, owners: SME, target: 'asset', handsOn: true, sets: { restored: true }, evidence: 'destroys-disk', refs: [pd('additional-mitigations'), st(11)] }),
  action('deploy-clean-instance', 'Bring the service back on a known-clean instance', 30, { step: 'additional-mitigations', ooda: 'act', roles: HANDS, owners: SME, target: 'asset', handsOn: true, sets: { restored: true }, refs: [st(11), pd('additional-mitigations')] }),
  action('add-monitoring', 'Add alerting for a repeat of this attack', 15, { step: 'additional-mitigations', ooda: 'act', roles: HANDS, owners: ['sme', 'deputy'], handsOn: true, fact: 'monitoringAdded', refs: [pd('additional-mitigations'), st(13)] }),
  action('verify-fix', 'Try to bypass the fix before rolling it out', 15, { step: 'additional-mitigations', ooda: 'act', roles: HANDS, owners: SME, handsOn: true, fact: 'fixVerified', refs: [st(12)] }),

  // ── Orient: analysis ───────────────────────────────────────────────────────────
  action('build-attack-timeline', 'Build the timeline of the attack', 30, { step: 'attack-timeline', ooda: 'orient', roles: ['ic', 'deputy', 'sme', 'scribe'], owners: ['sme', 'scribe'], fact: 'timelineBuilt', refs: [pd('attack-timeline')] }),
  action('identify-compromised-data', 'Identify the compromised data', 20, { step: 'compromised-data', ooda: 'orient', roles: HANDS, owners: SME, handsOn: true, fact: 'dataIdentified', refs: [pd('compromised-data')] }),
  action('assess-risk-other-systems', 'Assess the risk to other systems', 15, { step: 'risk-other-systems', ooda: 'orient', roles: HANDS, owners: ['sme', 'deputy'], fact: 'riskAssessed', refs: [pd('assess-risk')] }),
  action('assess-reattack-risk', 'Assess the risk of re-attack', 10, { step: 'risk-reattack', ooda: 'orient', roles: HANDS, owners: ['sme', 'deputy'], fact: 'reattackAssessed', refs: [pd('assess-risk')] }),
  action('forensic-analysis', 'Analyse the secured images and logs', 40, { step: 'forensics', ooda: 'orient', roles: HANDS, owners: SME, handsOn: true, fact: 'forensicsDone', refs: [pd('forensics'), st(11)] }),
  action('assess-insider-threat', 'Weigh whether the attack came from inside', 15, { step: 'forensics', ooda: 'orient', roles: HANDS, owners: ['sme', 'deputy'], fact: 'insiderAssessed', refs: [pd('assemble-team'), pd('internal-comms')] }),

  // ── Outreach ──────────────────────────────────────────────────────────────────
  action('contact-law-enforcement', 'Contact law enforcement', 10, { step: 'law-enforcement', ooda: 'act', roles: LEADS, owners: ['deputy'], fact: 'lawEnforcement', refs: [pd('law-enforcement')] }),
  action('contact-cert', 'Contact the national or partner CERT', 5, { step: 'law-enforcement', ooda: 'act', roles: LEADS, owners: ['deputy'], fact: 'certContacted', refs: [ooda('law-enforcement')] }),
  action('contact-insurer', 'Notify the cyber-insurance provider', 5, { step: 'law-enforcement', ooda: 'act', roles: LEADS, owners: ['deputy'], fact: 'insurerContacted', refs: [ooda('law-enforcement')] }),
  action('contact-third-parties', 'Warn operators of systems used in the attack', 10, { step: 'external-parties', ooda: 'act', roles: LEADS, owners: ['deputy'], fact: 'thirdPartiesContacted', refs: [pd('law-enforcement')] }),

  // ── Closing ────────────────────────────────────────────────────────────────────
  action('file-incident-ticket', 'File the incident ticket', 5, { step: null, ooda: 'act', roles: ['deputy', 'scribe', 'ic'], owners: ['deputy', 'scribe'], fact: 'ticketFiled', refs: [st(14)] }),
  action('close-incident', 'Close the incident', 2, { step: null, ooda: 'decide', roles: ['ic'], owners: ['ic'], fact: 'closed', refs: [st(18)] }),
  action('schedule-postmortem', 'Schedule the postmortem', 2, { step: null, ooda: 'act', roles: LEADS, owners: ['ic'], fact: 'postmortemScheduled', refs: [st(20)] }),
];

export const ACTIONS_BY_ID: ReadonlyMap<string, ActionDef> = new Map(ACTIONS.map((a) => [a.id, a]));

export function getAction(id: string): ActionDef | undefined {
  return ACTIONS_BY_ID.get(id);
}
