import type { Severity } from './types.ts';

/*
 * Points a grave failure takes off the total, whatever the categories say. They follow the
 * order an incident lead judges by (docs/SCORING.md defends each with its runbook citation): a
 * failure higher up outweighs what speed can buy back. Timeliness is one category of five, worth at
 * most about 20 points of the total, so destroying a breached system's disk (25) costs more than
 * the fastest containment can earn.
 */
export const PENALTY = {
  /** Severity 1: the disk of a compromised system destroyed before a secured image. */
  diskDestroyed: 25,
  /** Severity 1: a compromised system's memory lost before it was captured. */
  memoryLost: 8,
  /** Severity 2: each claim in a public statement the team had not established. */
  speculation: 6,
  /** Severity 2: each claim in a public statement that contradicts what is true. */
  misinformation: 10,
  /** Severity 2: naming the attacker or blaming a supplier in public. */
  namedInPublic: 10,
  /** Severity 2: secrets (credentials, internal hosts, the codename's meaning) published. */
  secretPublished: 12,
  /** Severity 3: telling the person the insider question is about. */
  toldSuspect: 12,
  /** Severity 3: the whole company told before an insider was ruled out. */
  internalTooEarly: 8,
  /** Severity 3: discussing the incident over a channel the attacker reads. */
  compromisedChannel: 8,
  /** Severity 4: secrets sent to someone outside the team. */
  secretLeaked: 6,
  /** Severity 4: incident details over SMS. */
  smsDetails: 4,
  /** Severity 4: unencrypted email with incident details to an outside party. */
  unencryptedDetails: 3,
} as const;

/** Most a single public message can cost in severity-2 points: one statement cannot sink a drill on its own past this. */
export const MAX_STATEMENT_PENALTY = 30;

export const SEVERITY_OF: Record<keyof typeof PENALTY, Severity> = {
  diskDestroyed: 1,
  memoryLost: 1,
  speculation: 2,
  misinformation: 2,
  namedInPublic: 2,
  secretPublished: 2,
  toldSuspect: 3,
  internalTooEarly: 3,
  compromisedChannel: 3,
  secretLeaked: 4,
  smsDetails: 4,
  unencryptedDetails: 4,
};
