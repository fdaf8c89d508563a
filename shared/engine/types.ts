import type { Localized } from '../i18n/locales.ts';
import type { AssetFlags, PlayerRole, ResponseFact, Role } from '../runbook/types.ts';
import type { Audience, KnowledgeLevel, Org } from '../scenario/schema.ts';
import type { RngState } from './rng.ts';

/*
 * The engine's vocabulary. Commands are requests (they may be refused); events are facts (they are
 * never refused, only folded). Game time `at` is integer milliseconds since the drill was created,
 * and it only ever comes from the command, never from a clock.
 */

export const MS_PER_MINUTE = 60_000;

/**
 * The version of the rules a log was recorded under. A log from another version is refused with a
 * message saying so rather than replayed under rules it was not played by.
 */
export const ENGINE_VERSION = 2;

/** Who issued a command or caused an event. `seat` distinguishes several SMEs (`sme-1`, `sme-2`). */
export interface Actor {
  role: Role | 'system';
  seat: string;
}
export const SYSTEM_ACTOR: Actor = { role: 'system', seat: 'engine' };

/** A player seat of the drill: the team the engine schedules work for. */
export interface SeatDef {
  seat: string;
  role: PlayerRole;
}

export const CHANNELS = ['voice', 'chat', 'email', 'sms', 'statement'] as const;
export type Channel = (typeof CHANNELS)[number];

/** Who a message reached, from narrowest to widest; worked out from its recipients, never declared. */
export const AUDIENCES = ['team', 'internal', 'external', 'customers', 'public'] as const;
export type MessageAudience = (typeof AUDIENCES)[number];

/** A public statement's kind: a holding statement says only what is known; an update and a final notice say more. */
export const STATEMENT_KINDS = ['holding', 'update', 'final'] as const;
export type StatementKind = (typeof STATEMENT_KINDS)[number];

/**
 * What a statement asserts, chosen in the composer beside its free text, so each claim can be
 * judged against what the team had established and against the truth.
 */
export interface StatementClaims {
  /** Data stores affected; an empty list claims no data was affected. */
  data?: string[];
  /** Records affected. */
  records?: number;
  /** Since when (game ms; negative is before the drill began). */
  since?: number;
  /** Cause, from the scenario's claim options. */
  cause?: string;
  /** Who did it, from the scenario's claim options. */
  actor?: string;
}

export interface MessageDraft {
  channel: Channel;
  /** Directory ids or free addresses. */
  recipients: string[];
  subject: string;
  body: string;
  encrypted: boolean;
  /** Present on public statements and customer notices. */
  statement?: { kind: StatementKind; claims: StatementClaims };
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
  | { type: 'action.cancel'; workId: string }
  | { type: 'task.assign'; toSeat: string; action: string; target?: string; note?: string }
  | { type: 'message.send'; message: MessageDraft }
  | { type: 'decision.answer'; injectId: string; option: string; note?: string }
  | { type: 'timeline.add'; text: string; /** The game time the entry says the thing happened (negative: before the drill). */ claimedAt?: number; /** The asset the entry is about. */ asset?: string; /** What kind of event it records. */ kind?: string }
  | { type: 'hint.request' };

export type CommandType = Command['type'];

/** A command as the engine receives it: what, who, and when in game time. */
export interface CommandEnvelope {
  at: number;
  actor: Actor;
  command: Command;
}

export type InjectTrigger = 'schedule' | 'condition' | 'facilitator';

/**
 * The world a drill's seed picked from the scenario's possibilities. Private: only the facilitator
 * and scoring see it; players learn pieces of it through injects and findings.
 */
export interface Truth {
  /** The asset the attacker came in through. */
  entry: string;
  /** Each compromised asset and the game minute it fell (negative: before the drill). */
  compromised: Record<string, number>;
  /** Whether a real insider is behind the attack. */
  insider: boolean;
  /** Game minute of each truth event that happened in this world. */
  times: Record<string, number>;
  cause: string;
  actor: string;
  /** Records leaving per minute, or null when nothing leaves. */
  exfilPerMinute: number | null;
}

/** What the team has learned about one asset, and when. */
export interface AssetKnowledge {
  level: KnowledgeLevel;
  at: number;
}

/** A fact may carry the figure the team learned with it (how many records it knows have left). */
export type KnowledgeItem = { asset: string; level: Exclude<KnowledgeLevel, 'unknown'> } | { fact: string; value?: number };
/** Where a piece of knowledge came from: an inject, or a piece of work. */
export type KnowledgeSource = { inject: string } | { work: string };

export type WorkOutcome = 'success' | 'partial' | 'failed';

/** Derived from the recipients when the message is sent, and recorded with it. */
export interface MessageReach {
  audience: MessageAudience;
  /** Every organisation the message reached; `outside` is an address outside the company that the directory does not list. */
  orgs: (Org | 'outside')[];
  /** Directory ids it reached (free addresses that match no entry are not listed). */
  people: string[];
  /** Whether a reader of this message is the attacker or works for it. */
  attackerReads: boolean;
}

export type DrillEvent =
  | { type: 'drill.created'; engine: number; scenarioId: string; scenarioVersion: number; seed: string; seats: SeatDef[]; truth: Truth }
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
  | { type: 'action.started'; workId: string; action: string; target?: string; detail?: string; seat: string; endsAt: number }
  | { type: 'action.completed'; workId: string; outcome: WorkOutcome; draws: number; /** What the work showed the team, if anything. */ reveal?: Localized }
  | { type: 'action.cancelled'; workId: string; by: string }
  | { type: 'knowledge.learned'; item: KnowledgeItem; source: KnowledgeSource }
  | { type: 'task.assigned'; taskId: string; toSeat: string; toRole: PlayerRole; action: string; target?: string; note?: string; busyUntil: number }
  | { type: 'message.sent'; messageId: string; message: MessageDraft; reach: MessageReach }
  | { type: 'decision.answered'; injectId: string; option: string; note?: string; late: boolean }
  | { type: 'decision.missed'; injectId: string }
  | { type: 'timeline.added'; entryId: string; text: string; claimedAt?: number; asset?: string; kind?: string }
  | { type: 'hint.given'; injectId: string | null; text: Localized }
  | { type: 'exfil.progressed'; records: number; total: number }
  | { type: 'exfil.stopped'; by: string }
  | { type: 'adversary.rolled'; action: string; roll: number; alerted: boolean; draws: number }
  | { type: 'adversary.noticed'; messageId?: string; injectId?: string }
  | { type: 'adversary.fallbackFired'; kind: string; target: string }
  | { type: 'adversary.fallbackPrevented'; by: string }
  | { type: 'asset.changed'; asset: string; change: Partial<AssetFlags>; cause: string };

export type DrillEventType = DrillEvent['type'];

/** One entry of the append-only log. `seq` starts at 0 (drill.created) and has no gaps. */
export interface LogEntry {
  seq: number;
  at: number;
  actor: Actor;
  event: DrillEvent;
}

export type Lifecycle = 'briefing' | 'running' | 'paused' | 'ended';

/** One asset as the engine keeps it: the flags work has set, and its downtime. */
export interface AssetState extends AssetFlags {
  /** Game time it went out of service, while it is out. */
  downSince: number | null;
  /** Out-of-service time already finished, in ms. */
  downMs: number;
}

/** A piece of work: running until `endsAt`, then completed (or cancelled before). */
export interface WorkRecord {
  id: string;
  action: string;
  target?: string;
  detail?: string;
  seat: string;
  role: PlayerRole;
  startedAt: number;
  endsAt: number;
  seq: number;
  status: 'running' | WorkOutcome | 'cancelled';
  finishedAt: number | null;
  reveal?: Localized;
}

export interface MessageRecord extends MessageDraft {
  id: string;
  at: number;
  seq: number;
  from: Actor;
  reach: MessageReach;
}

export interface TimelineEntry {
  id: string;
  at: number;
  seq: number;
  by: Actor;
  text: string;
  claimedAt?: number;
  asset?: string;
  kind?: string;
}

export interface DeliveredInject {
  injectId: string;
  at: number;
  seq: number;
  trigger: InjectTrigger;
  /** Set for ad-hoc injects written by the facilitator. */
  adhoc?: { title: string; body: string; audience: Audience };
}

export interface TaskRecord {
  id: string;
  at: number;
  seq: number;
  by: string;
  toSeat: string;
  toRole: PlayerRole;
  action: string;
  target?: string;
  note?: string;
  /** open until the assignee starts matching work, then working, then done (or failed). */
  status: 'open' | 'working' | 'done' | 'failed';
  workId: string | null;
}

export interface DecisionRecord {
  injectId: string;
  askedAt: number;
  dueAt: number;
  answer: { option: string; at: number; seq: number; by: Actor; late: boolean; note?: string } | null;
  missedAt: number | null;
}

/** How a piece of work ended, as DrillState.workEnds records it: 0 while it runs. */
export const WORK_ENDS = ['running', 'success', 'partial', 'failed', 'cancelled'] as const;
export type WorkStatus = (typeof WORK_ENDS)[number];

/** One kind of message the drill has sent: its channel, its statement's kind, and an organisation it reached (null: any). */
export interface SentKind {
  channel: Channel;
  kind: StatementKind | null;
  org: MessageReach['orgs'][number] | null;
}

/**
 * Everything the engine knows about a drill. A pure fold over the log; see evolve.ts.
 *
 * A trimmed state (trim.ts) is the same fold with the drill's history left in the log: no
 * messages, timeline entries, facilitator notes or ad-hoc injects, and only the work and tasks
 * still open. Deciding a command on it gives the same entries as on the whole state (TRIM1);
 * views of the whole drill are built from the whole state.
 */
export interface DrillState {
  /** Whether the history lists are trimmed to what deciding the next command needs (trim.ts). */
  trimmed: boolean;
  engine: number;
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
  /** Private: the world the seed picked. */
  truth: Truth;
  seats: SeatDef[];
  injects: DeliveredInject[];
  assets: Record<string, AssetState>;
  /** What the team has learned: per asset, and facts with when each was learned. */
  knowledge: { assets: Record<string, AssetKnowledge>; facts: Record<string, number>; values: Record<string, number> };
  /** Every piece of work started, by its id (w1, w2, …), in start order. */
  work: WorkRecord[];
  /** Seat → the time its last coordination (assigning a task) keeps it busy until. */
  busyUntil: Record<string, number>;
  /** Response-wide facts with the game time each was first established. */
  facts: Partial<Record<ResponseFact, number>>;
  /** First completion of each action, keyed `action`, `action@target` and `action~role`. */
  actionsTaken: Record<string, number>;
  /** The incident codename, once set. */
  codename: string | null;
  /** Outcome of assess-insider-threat: null until assessed. */
  insider: 'ruled-out' | 'confirmed' | null;
  exfil: { records: number; perMinute: number; stoppedAt: number | null; stoppedBy: string | null };
  adversary: { alertedAt: number | null; fallbackAt: number | null; preventedAt: number | null };
  messages: MessageRecord[];
  decisions: DecisionRecord[];
  timeline: TimelineEntry[];
  tasks: TaskRecord[];
  hints: { at: number; injectId: string | null; by: Actor; text: Localized }[];
  notes: { at: number; text: string }[];
  /** How many of each record the drill has made: new ids are numbered from these (w3, k2, m12, t4, adhoc-5). */
  made: { work: number; tasks: number; messages: number; timeline: number; adhoc: number };
  /**
   * In a trimmed state, how each piece of work ended, by its number (w1 at 0), as an index into
   * WORK_ENDS (a whole state's work list says it; this is empty there). Never changed in place.
   */
  workEnds: Uint8Array;
  /** Each kind of message sent, once, for scenario conditions on messages (conditions.ts). Never changed in place. */
  sentKinds: SentKind[];
}

export const ERROR_CODES = [
  'INVALID_COMMAND',
  'FORBIDDEN',
  'UNKNOWN_ACTION',
  'UNKNOWN_TARGET',
  'UNKNOWN_INJECT',
  'UNKNOWN_SEAT',
  'UNKNOWN_WORK',
  'UNKNOWN_RECIPIENT',
  'ALREADY_DONE',
  'ALREADY_RUNNING',
  'BUSY',
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
