import { localized } from '../i18n/message.ts';
import { COMMS_RULE_IDS, type CommsRuleDef, type CommsRuleId } from './types.ts';

/*
 * The communication rules of the runbook, with why each exists; the words are the catalogs'
 * `runbook.comms.<id>`. Scored by shared/scoring/rules/comms.ts.
 */

/** The checklist section each rule comes from. */
const SECTION: Record<CommsRuleId, string> = {
  codename: 'assemble-team',
  'awp-prefix': 'assemble-team',
  'email-subject-only-awp': 'communicating',
  'prefer-voice-chat': 'communicating',
  'sms-only-redirect': 'communicating',
  'encrypt-external-email': 'communicating',
  'no-disclosure-before-approval': 'communicating',
  'internal-after-insider-ruled-out': 'internal-comms',
  'statement-date-in-title': 'external-comms',
  'statement-no-cliche': 'external-comms',
  'statement-timeline': 'external-comms',
  'statement-data-affected': 'external-comms',
  'statement-customer-actions': 'external-comms',
  'statement-no-blame': 'external-comms',
};

export const COMMS_RULES_DATA: readonly CommsRuleDef[] = COMMS_RULE_IDS.map((id) => ({
  id,
  title: localized(`runbook.comms.${id}.title`),
  explanation: localized(`runbook.comms.${id}.explanation`),
  refs: [{ source: 'pd', section: SECTION[id] }],
}));
