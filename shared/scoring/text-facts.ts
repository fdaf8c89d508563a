import {
  blamesOthers,
  containsSecurityCliche,
  describesAffectedData,
  describesTimeline,
  givesCustomerActions,
  hasAwpPrefix,
  hasDateInTitle,
  isAwpOnlySubject,
  isSecureChannelRedirect,
  makesPromises,
  mentionsCodename,
  mentionsIncident,
  namesParty,
  secretIn,
} from '../comms/index.ts';
import type { MessageAudience, MessageDraft } from '../engine/types.ts';
import type { CompiledScenario } from '../scenario/compiled.ts';

/*
 * What the communication rules ask of a message's words, answered once, when the message is folded
 * into the scoring context, so the context keeps the answers and not the text. A message is judged
 * on what the team knew when it was sent: the codename is the one set by then.
 */

/**
 * The answers, as the rules read them. Those only statements and public messages are judged on
 * (a date in the title, a timeline, …) are false for the rest, and `secret` is null for a message
 * that stays in the team: no rule asks.
 */
export interface TextFacts {
  /** It talks about the incident itself. */
  incident: boolean;
  /** Its subject or body starts with the attorney-work-product marking. */
  awp: boolean;
  /** Its subject is the marking and nothing else. */
  awpOnlySubject: boolean;
  dateInTitle: boolean;
  cliche: boolean;
  /** Its body gives a timeline. */
  timeline: boolean;
  /** Its body says what data was affected. */
  affectedData: boolean;
  /** Its body says what customers should do. */
  customerActions: boolean;
  promises: boolean;
  /** It blames another party, or names the attacker or a supplier. */
  blames: boolean;
  namesParty: boolean;
  /** Its body only moves the reader to a secure channel. */
  redirect: boolean;
  /** It names the codename set before it was sent. */
  codename: boolean;
  /** The first kind of secret it gives away (the codename counts outside the company). */
  secret: 'credential' | 'internal-system' | 'codename' | null;
}

const FLAGS = ['incident', 'awp', 'awpOnlySubject', 'dateInTitle', 'cliche', 'timeline', 'affectedData', 'customerActions', 'promises', 'blames', 'namesParty', 'redirect', 'codename'] as const;
const SECRETS = [null, 'credential', 'internal-system', 'codename'] as const;
const SECRET_SHIFT = FLAGS.length;

/** Who the attacker or a supplier is, in the words a public message must not use. */
export function partyNames(compiled: CompiledScenario): string[] {
  const { scenario } = compiled;
  return [...scenario.adversary.aliases, ...scenario.directory.filter((p) => p.org === 'vendor' || p.org === 'attacker').map((p) => p.name.en)];
}

/** The scenario's words the checks look for, worked out once per compiled scenario. */
interface ScenarioWords {
  parties: string[];
  aliases: readonly string[];
  stores: string[];
  assets: string[];
}
const wordsOf = new WeakMap<CompiledScenario, ScenarioWords>();
function scenarioWords(compiled: CompiledScenario): ScenarioWords {
  let words = wordsOf.get(compiled);
  if (!words) {
    const { scenario } = compiled;
    words = { parties: partyNames(compiled), aliases: scenario.adversary.aliases, stores: scenario.dataStores.map((d) => d.name.en), assets: scenario.assets.map((a) => a.id) };
    wordsOf.set(compiled, words);
  }
  return words;
}

/**
 * A message's text facts as one whole number (the rules read them back with textFacts). What a
 * statement or a public message is judged on (comms.ts COM-9 to COM-16) is worked out only for those,
 * and secrets only for a message that leaves the team (COM-17): a message is folded as the command
 * that sent it is answered, and most are the team's own chat.
 */
export function judgeText(compiled: CompiledScenario, message: Pick<MessageDraft, 'subject' | 'body' | 'statement'>, audience: MessageAudience, codename: string | null): number {
  const { subject, body } = message;
  // Every check normalises first, which trims: with no subject the body alone is the same text.
  const text = subject ? `${subject}\n${body}` : body;
  const w = scenarioWords(compiled);
  const statement = message.statement !== undefined || audience === 'public' || audience === 'customers';
  let bits = 0;
  const set = (flag: (typeof FLAGS)[number], value: boolean) => {
    if (value) bits |= 1 << FLAGS.indexOf(flag);
  };
  set('incident', mentionsIncident(text));
  set('awp', hasAwpPrefix(subject) || hasAwpPrefix(body));
  set('awpOnlySubject', isAwpOnlySubject(subject));
  set('redirect', isSecureChannelRedirect(body));
  set('codename', codename !== null && mentionsCodename(text, codename));
  if (statement) {
    set('dateInTitle', hasDateInTitle(subject));
    set('cliche', containsSecurityCliche(text));
    set('timeline', describesTimeline(body));
    set('affectedData', describesAffectedData(body, w.stores));
    set('customerActions', givesCustomerActions(body));
    set('promises', makesPromises(text));
    set('blames', blamesOthers(text, w.parties));
    set('namesParty', namesParty(text, w.aliases));
  }
  const secret = audience === 'team' ? null : secretIn(text, w.assets, audience === 'internal' ? null : codename);
  return bits | (SECRETS.indexOf(secret) << SECRET_SHIFT);
}

/** Every distinct answer is one shared object: a drill's messages mostly say the same kinds of thing. */
const factsByBits = new Map<number, Readonly<TextFacts>>();

export function textFacts(bits: number): Readonly<TextFacts> {
  let facts = factsByBits.get(bits);
  if (!facts) {
    const out = { secret: SECRETS[(bits >> SECRET_SHIFT) & 3]! } as TextFacts;
    FLAGS.forEach((flag, i) => (out[flag] = (bits & (1 << i)) !== 0));
    facts = Object.freeze(out);
    factsByBits.set(bits, facts);
  }
  return facts;
}
