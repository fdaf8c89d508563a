import type { Localized } from '../i18n/locales.ts';
import type { AssetFlags, PlayerRole, ResponseFact, Role } from '../runbook/types.ts';
import type { Audience } from '../scenario/schema.ts';
import type { RngState } from './rng.ts';

/*
 * The engine's vocabulary. Commands are requests (they may be refused); events are facts (they are
 * never refused, only folded). Game time `at` is integer milliseconds since the drill was created,
 * and it only ever comes from the command, never from a clock.
 */

export const MS_PER_MINUTE = 60_000;

/** Who issued a command or caused an event. `seat` distinguishes several SMEs (`sme-1`, `sme-2`). */
export interface Actor {
  role: Role | 'system';
  seat: string;
}
export const SYSTEM_ACTOR: Actor = { role: 'system', seat: 'engine' };

export const CHANNELS = ['voice', 'chat', 'email', 'sms', 'statement'] as const;
export type Channel = (typeof CHANNELS)[number];

/** Who a message is addressed to, from narrowest to widest. */
export const AUDIENCES = ['team', 'internal', 'external', 'customers', 'public'] as const;
export type MessageAudience = (typeof AUDIENCES)[number];

/**
 * What a message is for. `discussion` is ordinary team talk; `redirect` asks someone to move to a
 * secure channel (the one thing SMS may carry); the rest are the formal communications of the
 * runbook's communication steps.
 */
export const MESSAGE_PURPOSES = [
  'discussion',
  'redirect',
  'internal-announcement',
  'external-contact',
  'customer-notice',
  'public-statement',
] as const;
export type MessagePurpose = (typeof MESSAGE_PURPOSES)[number];

export interface MessageDraft {
  channel: Channel;
  audience: MessageAudience;
  purpose: MessagePurpose;
  /** Addresses or names; email recipients are checked against the organisation's domain. */
  recipients: string[];
  subject: string;
  body: string;
  encrypted: boolean;
}

export type Command =
  | { type: 'drill.start' }
  | { type: 'clock.tick' }
  | { type: 'drill.pause' }
  | { type: 'drill.resume' }
  | { type: 'drill.setSpeed'; speed: number }
  | { type: 'drill.end'; reason: string }
  | { type: 'inject.push'; injectId: string }
  | { type: 'inject.adhoc'; title: string; body: string; audience: Audience }
  | { type: 'facilitator.note'; text: string }
  | { type: 'action.take'; action: string; target?: string; /** Free text some actions carry: the codename, the severity. */ detail?: string }
  | { type: 'task.assign'; toRole: PlayerRole; action: string; target?: string; note?: string }
  | { type: 'message.send'; message: MessageDraft }
  | { type: 'timeline.add'; text: string; /** The game time the entry says the thing happened, if any. */ claimedAt?: number }
  | { type: 'hint.request' };

export type CommandType = Command['type'];

/** A command as the engine receives it: what, who, and when in game time. */
export interface CommandEnvelope {
  at: number;
  actor: Actor;
  command: Command;
}

export type InjectTrigger = 'schedule' | 'condition' | 'facilitator';

export type DrillEvent =
  | { type: 'drill.created'; scenarioId: string; scenarioVersion: number; seed: string }
  | { type: 'drill.started' }
  | { type: 'drill.paused' }
  | { type: 'drill.resumed' }
  | { type: 'drill.speedChanged'; speed: number }
  | { type: 'drill.ended'; reason: string }
  | { type: 'clock.advanced'; to: number }
  | { type: 'inject.delivered'; injectId: string; trigger: InjectTrigger }
  | { type: 'inject.adhocDelivered'; injectId: string; title: string; body: string; audience: Audience }
  | { type: 'phase.changed'; from: string; to: string }
  | { type: 'facilitator.noted'; text: string }
  | { type: 'action.taken'; action: string; target?: string; detail?: string; /** Text the action revealed to the team, if any. */ reveal?: Localized }
  | { type: 'task.assigned'; toRole: PlayerRole; action: string; target?: string; note?: string }
  | { type: 'message.sent'; messageId: string; message: MessageDraft }
  | { type: 'timeline.added'; entryId: string; text: string; claimedAt?: number }
  | { type: 'hint.given'; injectId: string | null; text: Localized }
  | { type: 'exfil.progressed'; records: number; total: number }
  | { type: 'exfil.stopped'; by: string }
  | { type: 'adversary.rolled'; action: string; roll: number; alerted: boolean; draws: number }
  | { type: 'adversary.fallbackFired'; kind: string; target: string }
  | { type: 'adversary.fallbackPrevented'; by: string };

export type DrillEventType = DrillEvent['type'];

/** One entry of the append-only log. `seq` starts at 0 (drill.created) and has no gaps. */
export interface LogEntry {
  seq: number;
  at: number;
  actor: Actor;
  event: DrillEvent;
}

export type Lifecycle = 'briefing' | 'running' | 'paused' | 'ended';

export interface AssetState extends AssetFlags {
  compromised: boolean;
}

export interface MessageRecord extends MessageDraft {
  id: string;
  at: number;
  seq: number;
  from: Actor;
}

export interface TimelineEntry {
  id: string;
  at: number;
  seq: number;
  by: Actor;
  text: string;
  claimedAt?: number;
}

export interface DeliveredInject {
  injectId: string;
  at: number;
  seq: number;
  trigger: InjectTrigger;
  /** Set for ad-hoc injects written by the facilitator. */
  adhoc?: { title: string; body: string; audience: Audience };
}

/** Everything the engine knows about a drill. A pure fold over the log; see evolve.ts. */
export interface DrillState {
  scenarioId: string;
  scenarioVersion: number;
  seed: string;
  /** Seq of the last event folded in; -1 before drill.created. */
  seq: number;
  /** Game time of the last event, in ms. */
  clock: number;
  lifecycle: Lifecycle;
  speed: number;
  phase: string;
  /** Private: never leaves the server or the solo engine. */
  rng: RngState;
  injects: DeliveredInject[];
  assets: Record<string, AssetState>;
  /** Response-wide facts with the game time each was first established. */
  facts: Partial<Record<ResponseFact, number>>;
  /** First time each action was taken, keyed `action` and `action@target`. */
  actionsTaken: Record<string, number>;
  /** The incident codename, once set. */
  codename: string | null;
  /** Outcome of assess-insider-threat: null until assessed. */
  insider: 'ruled-out' | 'confirmed' | null;
  exfil: { records: number; stoppedAt: number | null; stoppedBy: string | null };
  adversary: { alertedAt: number | null; fallbackAt: number | null; preventedAt: number | null };
  messages: MessageRecord[];
  timeline: TimelineEntry[];
  tasks: { at: number; toRole: PlayerRole; action: string; target?: string; note?: string }[];
  hints: { at: number; injectId: string | null; by: Actor; text: Localized }[];
  notes: { at: number; text: string }[];
}

export const ERROR_CODES = [
  'INVALID_COMMAND',
  'FORBIDDEN',
  'UNKNOWN_ACTION',
  'UNKNOWN_TARGET',
  'UNKNOWN_INJECT',
  'ALREADY_DONE',
  'NOT_POSSIBLE',
  'NOT_STARTED',
  'PAUSED',
  'ENDED',
  'TIME_WENT_BACKWARDS',
  'BAD_SPEED',
] as const;
export type EngineErrorCode = (typeof ERROR_CODES)[number];

export interface EngineError {
  code: EngineErrorCode;
  message: string;
}

export type ExecuteResult =
  | { ok: true; entries: LogEntry[]; state: DrillState }
  | { ok: false; error: EngineError };
