import type { MessageDraft } from '../engine/types.ts';
import type { Scenario } from '../scenario/schema.ts';

/*
 * The words bots write. By-the-book messages follow every communication rule; reckless ones break
 * the rules a hurried team typically breaks. Dates are fixed so simulations are reproducible.
 */

const AWP = 'Attorney Work Product';
const DRILL_DATE = '2026-11-22';

const dataNames = (s: Scenario) => s.dataStores.map((d) => d.name.en).join(', ') || 'internal records';

export function teamUpdate(codename: string): MessageDraft {
  return {
    channel: 'chat',
    audience: 'team',
    purpose: 'discussion',
    recipients: [],
    subject: `${AWP}: ${codename}`,
    body: `${AWP}. ${codename} update: evidence is being preserved first, containment follows; keep all discussion in this channel and on the bridge.`,
    encrypted: false,
  };
}

export function internalAnnouncement(codename: string): MessageDraft {
  return {
    channel: 'chat',
    audience: 'internal',
    purpose: 'internal-announcement',
    recipients: ['engineering-all'],
    subject: `${AWP}: ${codename}`,
    body: `${AWP}. Overview of ${codename}: we detected and contained unauthorised access; timeline and mitigation steps are in the incident document. More to follow once known.`,
    encrypted: false,
  };
}

export function publicStatement(s: Scenario): MessageDraft {
  return {
    channel: 'statement',
    audience: 'public',
    purpose: 'public-statement',
    recipients: [],
    subject: `Security incident update, ${DRILL_DATE}`,
    body:
      `Timeline: on ${DRILL_DATE} at 09:12 UTC our monitoring detected unauthorised access; by 09:40 UTC access was cut off and the affected systems isolated. ` +
      `Data affected: ${dataNames(s)}. ` +
      `What you should do: reset your password and enable multi-factor authentication, and be wary of phishing emails that mention this incident. ` +
      `We are responsible for protecting this data and we are sorry; here is exactly how we will prevent this in future.`,
    encrypted: false,
  };
}

export function customerNotice(s: Scenario): MessageDraft {
  return { ...publicStatement(s), channel: 'email', audience: 'customers', purpose: 'customer-notice', recipients: [`security@customer.example`], encrypted: true, subject: `Security incident update, ${DRILL_DATE}` };
}

export function lawEnforcementBrief(s: Scenario): MessageDraft {
  return {
    channel: 'email',
    audience: 'external',
    purpose: 'external-contact',
    recipients: ['cyber-unit@police.example'],
    subject: AWP,
    body: `${AWP}. Reporting unauthorised access at ${s.organisation.name}; indicators and a timeline are available on request.`,
    encrypted: true,
  };
}

export function recklessSms(): MessageDraft {
  return {
    channel: 'sms',
    audience: 'team',
    purpose: 'discussion',
    recipients: ['+1-555-0100'],
    subject: '',
    body: 'We got hacked, the customer database is being stolen right now. Call me.',
    encrypted: false,
  };
}

export function recklessEmail(s: Scenario): MessageDraft {
  return {
    channel: 'email',
    audience: 'external',
    purpose: 'external-contact',
    recipients: ['friend@vendor.example'],
    subject: 'Breach at ' + s.organisation.name,
    body: 'We have a data breach on our production database, attacker still inside. Any ideas?',
    encrypted: false,
  };
}

export function recklessAnnouncement(s: Scenario): MessageDraft {
  return {
    channel: 'email',
    audience: 'internal',
    purpose: 'internal-announcement',
    recipients: [`all-staff@${s.organisation.domain}`],
    subject: 'URGENT: we have been breached',
    body: 'All staff: attackers breached our systems and stole customer data. Do not talk to the press.',
    encrypted: false,
  };
}

export function recklessStatement(): MessageDraft {
  return {
    channel: 'statement',
    audience: 'public',
    purpose: 'public-statement',
    recipients: [],
    subject: 'Security notice',
    body: 'We take security very seriously. This incident was caused by the negligence of our hosting vendor. No action is needed.',
    encrypted: false,
  };
}
