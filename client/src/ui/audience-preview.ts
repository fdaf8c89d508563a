import { reachOf, resolveRecipient } from '../../../shared/engine/reach.ts';
import type { MessageDraft, MessageReach, Truth } from '../../../shared/engine/types.ts';
import type { PublicScenario } from '../../../shared/engine/view-types.ts';
import type { Scenario } from '../../../shared/scenario/schema.ts';

/*
 * Who a message will reach, shown before it is sent, worked out by the engine's own functions
 * (reachOf, resolveRecipient) so the preview and the recorded reach cannot disagree. They need only
 * the organisation, the directory and the channel; the parts of the world a seat must not know are
 * given as nothing: no compromised host, no insider, no channel the attacker reads. Whether the
 * attacker reads a message is never shown: the team finds out by what happens.
 */

const NO_COMPROMISE: Truth = { entry: '', compromised: {}, insider: false, times: {}, cause: '', actor: '', exfilPerMinute: null };

/** The scenario as reachOf reads it, from what every seat may see. */
function reachable(scenario: PublicScenario): Scenario {
  return {
    organisation: scenario.organisation,
    directory: scenario.directory.map((p) => ({ ...p, readByInsider: false })),
    adversary: { reads: [] },
  } as unknown as Scenario;
}

const cache = new WeakMap<PublicScenario, Scenario>();
const asScenario = (scenario: PublicScenario): Scenario => {
  let s = cache.get(scenario);
  if (!s) cache.set(scenario, (s = reachable(scenario)));
  return s;
};

export type Preview = Omit<MessageReach, 'attackerReads'>;

/** The audience, organisations and directory entries a draft reaches. */
export function previewReach(scenario: PublicScenario, draft: Pick<MessageDraft, 'channel' | 'recipients'>): Preview {
  const { audience, orgs, people } = reachOf(asScenario(scenario), NO_COMPROMISE, { channel: draft.channel, recipients: draft.recipients, subject: '', body: '', encrypted: false }, 0);
  return { audience, orgs, people };
}

/** Free addresses that are neither directory entries nor addresses (the engine refuses those). */
export function unknownAddresses(scenario: PublicScenario, recipients: readonly string[]): string[] {
  return recipients.filter((r) => resolveRecipient(asScenario(scenario), r) === null);
}
