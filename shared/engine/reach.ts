import type { Org, Person, Scenario } from '../scenario/schema.ts';
import { isCompromised } from './truth.ts';
import type { MessageAudience, MessageDraft, MessageReach, Truth } from './types.ts';

/*
 * Who a message reaches, worked out from its recipients and channel: a message's audience is a fact
 * about where it went, never a label its sender chose. Recipients are directory ids or addresses;
 * an address that matches no directory entry is classified by its form (the company's own mail
 * domain is inside the company; anything else is outside it).
 */

export type ReachOrg = Org | 'outside';

const AUDIENCE_OF: Record<ReachOrg, MessageAudience> = {
  team: 'team',
  company: 'internal',
  vendor: 'external',
  'law-enforcement': 'external',
  regulator: 'external',
  attacker: 'external',
  outside: 'external',
  customer: 'customers',
  press: 'public',
};
const WIDTH: Record<MessageAudience, number> = { team: 0, internal: 1, external: 2, customers: 3, public: 4 };

const EMAIL = /^[^\s@]+@([a-z0-9.-]+\.[a-z]{2,})$/i;
const CHAT = /^#[a-z0-9][a-z0-9._-]*$/i;
const PHONE = /^\+?[0-9][0-9 ().-]{5,}$/;

export type Recipient = { person: Person } | { address: string; org: ReachOrg };

/** A recipient as the directory or its form says it is, or null when it is neither a known id nor an address. */
export function resolveRecipient(scenario: Scenario, raw: string): Recipient | null {
  const r = raw.trim();
  const lower = r.toLowerCase();
  const person = scenario.directory.find((p) => p.id === r || p.address.toLowerCase() === lower);
  if (person) return { person };
  const email = EMAIL.exec(r);
  if (email) {
    const domain = email[1]!.toLowerCase();
    const own = scenario.organisation.domain;
    return { address: r, org: domain === own || domain.endsWith(`.${own}`) ? 'company' : 'outside' };
  }
  if (CHAT.test(r)) return { address: r, org: 'company' };
  if (PHONE.test(r)) return { address: r, org: 'outside' };
  return null;
}

/** Recipients that are neither directory ids nor addresses, for a refusal that names them. */
export function unknownRecipients(scenario: Scenario, recipients: readonly string[]): string[] {
  return recipients.filter((r) => resolveRecipient(scenario, r) === null);
}

/** Where a message went and who can read it. `at` is when it is sent (what the attacker has compromised by then matters). */
export function reachOf(scenario: Scenario, truth: Truth, message: MessageDraft, at: number): MessageReach {
  const orgs = new Set<ReachOrg>();
  const people: string[] = [];
  let attackerReads = false;
  for (const raw of message.recipients) {
    const r = resolveRecipient(scenario, raw);
    if (!r) continue;
    if ('person' in r) {
      orgs.add(r.person.org);
      if (!people.includes(r.person.id)) people.push(r.person.id);
      if (r.person.org === 'attacker') attackerReads = true;
      // Whoever controls the suspect's account is the adversary: the insider, or an outsider who stole it.
      if (scenario.adversary.origin === 'insider' && (r.person.readByInsider || r.person.suspect)) attackerReads = true;
    } else {
      orgs.add(r.org);
    }
  }
  if (message.channel === 'statement') orgs.add('press');
  if (orgs.size === 0) orgs.add('team');
  const reads = scenario.adversary.reads.some((c) => c.channel === message.channel && (c.ifCompromised === undefined || isCompromised(truth, c.ifCompromised, at)));
  if (reads && message.channel !== 'statement') attackerReads = true;
  let audience: MessageAudience = 'team';
  for (const org of orgs) if (WIDTH[AUDIENCE_OF[org]] > WIDTH[audience]) audience = AUDIENCE_OF[org];
  return { audience, orgs: [...orgs], people, attackerReads };
}
