import type { MessageDraft, StatementClaims } from '../engine/types.ts';
import type { PublicScenario } from '../engine/view-types.ts';

/*
 * The words bots write. By-the-book messages follow every communication rule and claim only what
 * the team has established; reckless ones break the rules a hurried team typically breaks. Dates
 * are fixed so simulations are reproducible.
 */

const AWP = 'Attorney Work Product';
const DRILL_DATE = '2026-11-22';

const storeNames = (s: PublicScenario, ids: readonly string[]) => ids.map((id) => s.dataStores.find((d) => d.id === id)?.name.en ?? id).join(', ');

export function teamUpdate(codename: string, to: string): MessageDraft {
  return {
    channel: 'chat',
    recipients: [to],
    subject: `${AWP}: ${codename}`,
    body: `${AWP}. ${codename} update: we look before we touch anything, evidence is preserved first, containment follows; keep all discussion in this channel and on the bridge.`,
    encrypted: false,
  };
}

export function internalAnnouncement(codename: string, to: string): MessageDraft {
  return {
    channel: 'email',
    recipients: [to],
    subject: AWP,
    body: `${AWP}. Overview of ${codename}: we detected and contained unauthorised access; the timeline and the steps we took are in the incident document. More to follow once known.`,
    encrypted: true,
  };
}

/** A holding statement says that the company is investigating and when it will say more; it claims nothing. */
export function holdingStatement(s: PublicScenario, to: string[]): MessageDraft {
  return {
    channel: 'statement',
    recipients: to,
    subject: `Statement from ${s.organisation.name}, ${DRILL_DATE}`,
    body: `We are investigating a security incident affecting some of our systems. We have brought in specialists and will share what we learn, and what customers should do, as soon as it is confirmed. We will update this statement by tomorrow.`,
    encrypted: false,
    statement: { kind: 'holding', claims: {} },
  };
}

function noticeBody(s: PublicScenario, claims: StatementClaims): string {
  const parts = ['Timeline: earlier this week an attacker gained access to one of our systems; our monitoring detected the activity and we cut off the access and isolated the affected systems the same night.'];
  if (claims.data?.length) parts.push(`Data affected: ${storeNames(s, claims.data)}${claims.records ? ` (about ${claims.records.toLocaleString('en-US')} records)` : ''}.`);
  parts.push('What you should do: reset your password and enable multi-factor authentication, and be wary of emails that mention this incident or ask you to re-verify your password.');
  parts.push('We are responsible for protecting this data and we are sorry. We will publish what we change to prevent this happening again.');
  return parts.join(' ');
}

export function finalNotice(s: PublicScenario, claims: StatementClaims, channel: 'statement' | 'email', to: string[]): MessageDraft {
  return {
    channel,
    recipients: to,
    subject: `Security incident update, ${DRILL_DATE}`,
    body: noticeBody(s, claims),
    encrypted: channel === 'email',
    statement: { kind: 'final', claims },
  };
}

export function lawEnforcementBrief(s: PublicScenario, to: string): MessageDraft {
  return {
    channel: 'email',
    recipients: [to],
    subject: AWP,
    body: `${AWP}. Reporting unauthorised access at ${s.organisation.name}; indicators and a timeline are available on request.`,
    encrypted: true,
  };
}

export function regulatorNotice(s: PublicScenario, to: string): MessageDraft {
  return {
    channel: 'email',
    recipients: [to],
    subject: AWP,
    body: `${AWP}. ${s.organisation.name} is notifying a personal-data breach. The affected data, the timeline and the measures taken are in the attached report; we will send updates as the investigation completes.`,
    encrypted: true,
  };
}

export function recklessSms(): MessageDraft {
  return {
    channel: 'sms',
    recipients: ['+1 555 0100'],
    subject: '',
    body: 'We got hacked, the customer database is being stolen right now. Call me.',
    encrypted: false,
  };
}

export function recklessEmail(): MessageDraft {
  return {
    channel: 'email',
    recipients: ['friend@vendor.example'],
    subject: 'Breach!!',
    body: 'We have a data breach on our production database, attacker still inside. The admin password is Winter2026! if you want to look. Any ideas?',
    encrypted: false,
  };
}

export function recklessAnnouncement(s: PublicScenario, to: string): MessageDraft {
  return {
    channel: 'email',
    recipients: [to],
    subject: 'URGENT: we have been breached',
    body: `All staff: attackers breached ${s.organisation.name} and stole customer data. Do not talk to the press.`,
    encrypted: false,
  };
}

/** A statement that guesses: every claim in it is unestablished when it goes out. */
export function recklessStatement(s: PublicScenario): MessageDraft {
  const store = s.dataStores[0];
  return {
    channel: 'statement',
    recipients: [],
    subject: 'Security notice',
    body: 'We take security very seriously. This incident was caused by the negligence of our hosting vendor and a criminal gang. Only a few records were touched. No action is needed.',
    encrypted: false,
    statement: { kind: 'final', claims: { ...(store ? { data: [store.id] } : {}), records: 100, cause: s.claims.causes[s.claims.causes.length - 1]?.id, actor: s.claims.actors[0]?.id } },
  };
}
