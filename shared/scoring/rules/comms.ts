import {
  blamesOthers,
  containsSecurityCliche,
  describesAffectedData,
  describesTimeline,
  givesCustomerActions,
  hasAwpPrefix,
  hasDateInTitle,
  isAwpOnlySubject,
  isExternalAddress,
  isSecureChannelRedirect,
  mentionsCodename,
} from '../../comms/index.ts';
import type { CommsRuleId } from '../../runbook/types.ts';
import type { MessageRecordLite, ScoringContext } from '../context.ts';
import { before, minutes } from '../context.ts';
import type { Observation, Rule } from '../types.ts';

/*
 * Communication discipline, checked on what players actually wrote. A rule applies to the messages
 * it is about; any one offending message fails it, and each offence is its own finding.
 */

const PUBLICATIONS = new Set(['public-statement', 'customer-notice']);
const isPublication = (m: MessageRecordLite) => PUBLICATIONS.has(m.message.purpose);
const PURPOSE_WORDS: Record<string, string> = {
  discussion: 'message',
  redirect: 'redirect',
  'internal-announcement': 'internal announcement',
  'external-contact': 'message to an outside party',
  'customer-notice': 'customer notice',
  'public-statement': 'public statement',
};
const describe = (m: MessageRecordLite) =>
  `the ${PURPOSE_WORDS[m.message.purpose] ?? m.message.purpose} sent by ${m.message.channel === 'statement' ? 'publication' : m.message.channel} at ${minutes(m.at)}${m.message.subject ? ` ("${m.message.subject.slice(0, 60)}")` : ''}`;

function messageRule(
  id: string,
  commsRule: CommsRuleId,
  title: string,
  points: number,
  section: string,
  applies: (m: MessageRecordLite, ctx: ScoringContext) => boolean,
  ok: (m: MessageRecordLite, ctx: ScoringContext) => boolean,
  why: string,
  good: string,
): Rule {
  return {
    id,
    category: 'comms',
    title,
    points,
    ref: { source: section.startsWith('ooda:') ? 'pd-ooda' : 'pd', section: section.replace(/^ooda:/, '') },
    evaluate(ctx) {
      const relevant = ctx.messages.filter((m) => applies(m, ctx));
      if (relevant.length === 0) return null;
      const violations: Observation[] = relevant.filter((m) => !ok(m, ctx)).map((m) => ({ at: m.at, events: [m.seq], message: `${describe(m)[0]?.toUpperCase()}${describe(m).slice(1)} ${why}. [${commsRule}]` }));
      return { violations, pass: { at: relevant[0]?.at ?? 0, events: relevant.map((m) => m.seq), message: good } };
    },
  };
}

const statementText = (m: MessageRecordLite) => `${m.message.subject}\n${m.message.body}`;

/** Whether data is known to have left: exfiltration ran, or the attacker dumped a data store. */
const dataLeft = (ctx: ScoringContext) => ctx.exfil.total > 0 || ctx.fallback?.kind === 'dump';
const sentFor = (ctx: ScoringContext, purposes: readonly string[]) => ctx.messages.find((m) => purposes.includes(m.message.purpose)) ?? null;

/**
 * The communication duties this drill called for. Message rules judge only what was written, so
 * without this a team that never wrote a word would keep a perfect communication score.
 */
function commsDuties(ctx: ScoringContext): { label: string; done: MessageRecordLite | null }[] {
  const duties = [{ label: 'coordinate the team in writing or on the bridge', done: ctx.messages.find((m) => m.message.audience === 'team') ?? null }];
  if (ctx.insiderRuledOut) duties.push({ label: 'tell the company once an insider was ruled out', done: sentFor(ctx, ['internal-announcement']) });
  if (dataLeft(ctx)) duties.push({ label: 'tell the affected customers or the public that data left', done: sentFor(ctx, ['public-statement', 'customer-notice']) });
  return duties;
}

export const COMMS_RULES: Rule[] = [
  {
    id: 'COM-0',
    category: 'comms',
    title: 'Keep the right people informed',
    points: 4,
    ref: { source: 'pd', section: 'communicating' },
    evaluate(ctx) {
      const duties = commsDuties(ctx);
      const done = duties.filter((d) => d.done !== null);
      const missing = duties.filter((d) => d.done === null).map((d) => d.label);
      return {
        fraction: done.length / duties.length,
        observation: {
          at: ctx.end.at,
          events: done.map((d) => d.done?.seq ?? 0).sort((a, b) => a - b),
          message: missing.length === 0 ? 'Everyone who needed to hear from the team did.' : `${done.length} of ${duties.length} communication duties were met; nobody was told to ${missing.join(', or ')}.`,
        },
      };
    },
  },
  {
    id: 'COM-1',
    category: 'comms',
    title: 'Name the incident with an innocuous codename',
    points: 2,
    ref: { source: 'pd', section: 'assemble-team' },
    evaluate(ctx) {
      if (ctx.messages.length === 0 && ctx.actions.length === 0) return null;
      const set = ctx.facts.codenameSet;
      const firstMessage = ctx.messages[0];
      if (set && (!firstMessage || before(set, firstMessage))) return { violations: [], pass: { at: set.at, events: [set.seq], message: `The incident was given the codename "${ctx.codename}" before anyone wrote about it.` } };
      const at = firstMessage?.at ?? ctx.end.at;
      return { violations: [{ at, events: firstMessage ? [firstMessage.seq] : [], message: set ? `The codename was set only at ${minutes(set.at)}, after messages had already gone out. [codename]` : 'The incident never got a codename, so every message named it plainly. [codename]' }], pass: { at, events: [], message: '' } };
    },
  },
  messageRule('COM-2', 'codename', 'Use the codename in team messages', 1, 'assemble-team',
    (m, ctx) => ctx.codename !== null && m.message.audience === 'team' && m.message.channel !== 'voice' && m.message.purpose !== 'redirect' && m.seq > (ctx.facts.codenameSet?.seq ?? Infinity),
    (m, ctx) => mentionsCodename(`${m.message.subject} ${m.message.body}`, ctx.codename ?? ''),
    'does not use the incident codename', 'Team messages referred to the incident by its codename.'),
  messageRule('COM-3', 'awp-prefix', 'Prefix email subjects and chat topics with the privilege label', 2, 'assemble-team',
    (m) => !isPublication(m) && (m.message.channel === 'email' || (m.message.channel === 'chat' && m.message.subject.trim() !== '')),
    (m) => hasAwpPrefix(m.message.subject),
    'lacks the "Attorney Work Product" prefix', 'Every email and chat topic carried the privilege label.'),
  messageRule('COM-4', 'email-subject-only-awp', 'Email subject is the privilege label alone', 1, 'communicating',
    (m) => !isPublication(m) && m.message.channel === 'email',
    (m) => isAwpOnlySubject(m.message.subject),
    'has a subject that says more than the privilege label', 'Email subjects gave nothing away.'),
  messageRule('COM-5', 'prefer-voice-chat', 'Prefer the bridge and chat over email within the team', 1, 'communicating',
    (m) => m.message.audience === 'team' || m.message.audience === 'internal',
    (m) => m.message.channel === 'voice' || m.message.channel === 'chat' || (m.message.channel === 'sms' && m.message.purpose === 'redirect'),
    'went by email or SMS where the bridge or chat would do', 'Internal coordination stayed on the bridge and in chat.'),
  messageRule('COM-6', 'sms-only-redirect', 'Use SMS only to move people to a secure channel', 3, 'communicating',
    (m) => m.message.channel === 'sms',
    (m) => isSecureChannelRedirect(m.message.body),
    'discussed the incident over SMS', 'SMS was only used to pull people onto a secure channel.'),
  messageRule('COM-7', 'encrypt-external-email', 'Encrypt email that leaves the company domain', 3, 'communicating',
    (m, ctx) => m.message.channel === 'email' && m.message.recipients.some((r) => isExternalAddress(r, ctx.compiled.scenario.organisation.domain)),
    (m) => m.message.encrypted,
    'went to an address outside the company unencrypted', 'Every email to an outside address was encrypted.'),
  messageRule('COM-8', 'no-disclosure-before-approval', 'Say nothing outside the response team until approved', 4, 'communicating',
    (m) => m.message.audience !== 'team',
    (m, ctx) => before(ctx.facts.disclosureApproved, m),
    'reached people outside the response team before the IC approved disclosure', 'Nothing left the response team before disclosure was approved.'),
  messageRule('COM-9', 'statement-date-in-title', 'Put the date in the title of a public statement', 1, 'external-comms',
    isPublication, (m) => hasDateInTitle(m.message.subject),
    'has no date in its title, so it can be mistaken for a new breach later', 'Public statements carried their date in the title.'),
  messageRule('COM-10', 'statement-no-cliche', 'Leave out "we take security very seriously"', 1, 'external-comms',
    isPublication, (m) => !containsSecurityCliche(statementText(m)),
    'uses the stock line about taking security seriously', 'Public statements avoided the stock line about taking security seriously.'),
  messageRule('COM-11', 'statement-timeline', 'Give a timeline in the public statement', 1, 'external-comms',
    isPublication, (m) => describesTimeline(m.message.body),
    'gives no timeline of events', 'Public statements gave a timeline.'),
  messageRule('COM-12', 'statement-data-affected', 'Say what data was affected', 1, 'external-comms',
    isPublication, (m, ctx) => describesAffectedData(m.message.body, ctx.compiled.scenario.dataStores.map((d) => d.name.en)),
    'does not say what data was affected', 'Public statements said what data was affected.'),
  messageRule('COM-13', 'statement-customer-actions', 'Tell customers what they must do', 1, 'external-comms',
    isPublication, (m) => givesCustomerActions(m.message.body),
    'does not tell customers what to do', 'Public statements told customers what to do.'),
  messageRule('COM-14', 'statement-no-blame', 'Name and shame no one', 1, 'external-comms',
    isPublication, (m) => !blamesOthers(statementText(m)),
    'blames an outside party', 'Public statements blamed no outside party.'),
];
