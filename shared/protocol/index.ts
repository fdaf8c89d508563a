import { z } from 'zod';
import type { CommandEnvelope, EngineErrorCode, LogEntry } from '../engine/types.ts';
import type { DrillView, Viewer } from '../engine/view-types.ts';
import { applyViewPatch, type ViewPatch } from '../engine/view-patch.ts';
import { commandSchema } from '../engine/command-schema.ts';
import type { LiveScore } from '../scoring/live.ts';
import { LOCALES, type Locale } from '../i18n/locales.ts';

export { findBadText, type TextProblem } from './text.ts';

/*
 * The socket protocol, written once for server and client. Client-to-server events are imperative,
 * server-to-client events are past tense. Every payload is parsed with the schemas below on the
 * server; every request is acknowledged with an AckResult. See PROTOCOL.md.
 */

export const PROTOCOL_VERSION = 2;

export const ERROR = {
  BAD_REQUEST: 'BAD_REQUEST',
  UNAUTHORIZED: 'UNAUTHORIZED',
  FORBIDDEN: 'FORBIDDEN',
  STALE: 'STALE',
  RATE_LIMITED: 'RATE_LIMITED',
  /** The server is past its capacity and shed the request; nothing was applied. */
  OVERLOADED: 'OVERLOADED',
  NOT_FOUND: 'NOT_FOUND',
  /** An older engine recorded the drill: it is listed, but can be neither opened nor reported under today's rules. */
  OLD_ENGINE: 'OLD_ENGINE',
  INTERNAL: 'INTERNAL',
} as const;
/** Codes a client makes up itself when the server never answered; the server never sends them. */
export const CLIENT_ERROR = {
  OFFLINE: 'OFFLINE',
  TIMEOUT: 'TIMEOUT',
} as const;

export type ProtocolErrorCode = (typeof ERROR)[keyof typeof ERROR];
export type ClientErrorCode = (typeof CLIENT_ERROR)[keyof typeof CLIENT_ERROR];
/** Protocol error codes, the engine's refusal codes (shared/engine/types.ts ERROR_CODES) and client-side codes. */
export type ErrorCode = ProtocolErrorCode | EngineErrorCode | ClientErrorCode;

export type AckResult<T> = { ok: true; data: T } | { ok: false; error: { code: ErrorCode; message: string } };
export type Ack<T> = (result: AckResult<T>) => void;

export const handshakeSchema = z.strictObject({
  token: z.string().min(10).max(200),
  protocolVersion: z.number().int(),
  lastSeq: z.number().int().min(-1).optional(),
  /**
   * The `seq` of the view the client already holds, if it holds one. When that is still the drill's
   * seq, its view is current and the welcome leaves the view out.
   */
  viewSeq: z.number().int().min(-1).optional(),
  /** Facilitator: the `seq` of the live score the console holds; when it is still the latest, the welcome leaves the score out. */
  scoreSeq: z.number().int().min(-1).optional(),
  /** The reader's language, for text the server words (the facilitator's live findings); default en. */
  locale: z.enum(LOCALES).optional(),
});
export type Handshake = z.infer<typeof handshakeSchema>;

/**
 * Seat tokens begin with their drill's id and a dot (`<drillId>.<secret>`). A client names the drill
 * in its connection URL (`?drill=`) so a proxy in front of several server nodes can route every
 * connection of a drill to the same node; the secret part is what authenticates. Tokens minted
 * before this format have no dot: null, and the node says which drill it is (DrillElsewhere).
 */
export function drillOfToken(token: string): string | null {
  const dot = token.indexOf('.');
  const id = dot > 0 ? token.slice(0, dot) : '';
  return isDrillId(id) ? id : null;
}

/** The shape of a drill id (lower-case letters and digits), wherever one arrives from outside. */
export const isDrillId = (s: string): boolean => /^[a-z0-9]{1,40}$/.test(s);

/**
 * The data of a handshake refused because another server node runs the drill at the moment (its
 * lease is held elsewhere, or this node is handing it over). Connect again, through the proxy,
 * after about `retryAfterMs`, naming the drill (`?drill=drillId`).
 */
export interface DrillElsewhere {
  code: 'DRILL_ELSEWHERE';
  drillId: string;
  retryAfterMs: number;
}

export const commandRequestSchema = z.strictObject({
  command: commandSchema,
  /** The seq the client last saw; a command sent from a stale view is refused with STALE. */
  expectedSeq: z.number().int().min(0).optional(),
  /** Unique per logical command; a retry with the same key gets the first answer and is not applied twice. */
  idempotencyKey: z.string().min(8).max(100),
});
export type CommandRequest = z.infer<typeof commandRequestSchema>;

export const syncRequestSchema = z.strictObject({ lastSeq: z.number().int().min(-1) });
export type SyncRequest = z.infer<typeof syncRequestSchema>;

/**
 * drill:history: a page of the seat's log, oldest first, for a client that has no feed yet (a
 * reload, a late join) or a gap in it (a reconnection too far behind to be sent what it missed).
 * The entries after `afterSeq`, up to `untilSeq` and at most HISTORY_PAGE of the log's entries,
 * each as the seat may see it. Asked for only when needed, never sent unasked: a restart's
 * reconnection storm must not carry every drill's whole history to every seat.
 */
export const historyRequestSchema = z.strictObject({ afterSeq: z.number().int().min(-1), untilSeq: z.number().int().min(0) });
export type HistoryRequest = z.infer<typeof historyRequestSchema>;

/** How many of the log's entries one drill:history page covers at most. */
export const HISTORY_PAGE = 500;

export interface HistoryPage {
  /** The seat's entries in the range covered, oldest first (some of the log's entries are not for this seat). */
  entries: LogEntry[];
  /** The last seq the page covers: ask again from it while it is below `untilSeq` (and below the drill's seq). */
  through: number;
}

/** drill:join re-sends the welcome on request (the server also pushes it once at connect). */
export const joinRequestSchema = z.strictObject({ lastSeq: z.number().int().min(-1).optional() });
export type JoinRequest = z.infer<typeof joinRequestSchema>;

export interface SeatPresence {
  seat: string;
  role: Viewer['role'];
  connected: boolean;
}

/**
 * The drill's game clock as the server read it when it sent this: game time in ms, the speed, and
 * whether it is running. A client shows game time between entries by counting from it (game time
 * = gameMs + elapsed wall time × speed while running), and moves the count to each ViewPatch whose
 * lifecycle or speed changed (its `clock` is the game time of the change), so the clock needs no
 * traffic of its own.
 */
export interface ClockReading {
  gameMs: number;
  speed: number;
  running: boolean;
}

export interface Welcome {
  protocolVersion: number;
  drillId: string;
  seat: Viewer;
  view: DrillView;
  /** The game clock when the welcome was sent: the view's `clock` is the time of its last entry, not now. */
  clock: ClockReading;
  /** Entries after the client's lastSeq, when it was close enough to catch up by replaying them. */
  missed: LogEntry[];
  presence: SeatPresence[];
  score?: LiveScore;
}

/**
 * The welcome a connection gets. `view` is absent when the handshake's `viewSeq` is the drill's
 * seq: the view the client holds is the current one. When the drill has moved on from a `viewSeq`
 * the server still holds the state of (the state it rebuilt the drill with after a restart), the
 * welcome carries `viewPatch`, the change since, instead of the whole view. After a restart nearly
 * every seat holds that view, and a late drill's view is tens of kilobytes, so sending every
 * returning seat its whole view again would be most of what a restart costs.
 */
export type ConnectionWelcome = Omit<Welcome, 'view'> & { view?: DrillView; viewPatch?: ViewPatch };

/** The view a client holds after a welcome: the welcome's own, the held one with its patch applied, or the held one as it is. */
export function viewAfterWelcome(held: DrillView | null, welcome: ConnectionWelcome): DrillView | null {
  if (welcome.view) return welcome.view;
  return welcome.viewPatch && held ? applyViewPatch(held, welcome.viewPatch) : held;
}

export interface CommandResult {
  /** Seqs of the entries the command produced (the entries arrive as drill:eventApplied). */
  seqs: number[];
  seq: number;
}

export type SyncResult = { entries: LogEntry[] } | { snapshot: DrillView };

/** Sent to every seat once the drill has ended; the report is then open to all participants. */
export interface DrillEnded {
  drillId: string;
  seq: number;
  reason: string;
  /** Paths of the report, relative to the server; add ?token=<your seat token>. */
  reports: { html: string; md: string; json: string };
}

export interface ClientToServerEvents {
  'drill:join': (request: JoinRequest, ack: Ack<Welcome>) => void;
  'drill:command': (request: CommandRequest, ack: Ack<CommandResult>) => void;
  'drill:sync': (request: SyncRequest, ack: Ack<SyncResult>) => void;
  'drill:history': (request: HistoryRequest, ack: Ack<HistoryPage>) => void;
}

export interface ServerToClientEvents {
  'drill:welcomed': (welcome: ConnectionWelcome) => void;
  /**
   * A committed entry this seat may see. The last one a command produced for the seat carries what
   * the command changed in the seat's view (`patch`), so the client never needs to re-read the view.
   */
  'drill:eventApplied': (entry: LogEntry, patch?: ViewPatch) => void;
  /** What a command changed in the seat's view when none of its entries are for this seat. */
  'drill:viewPatched': (patch: ViewPatch) => void;
  'drill:presenceChanged': (presence: SeatPresence[]) => void;
  'drill:ended': (ended: DrillEnded) => void;
  /** Facilitator only: the live score after each change. */
  'drill:scoreChanged': (score: LiveScore) => void;
}

/** Every event name, by direction, at run time (the interfaces above type their payloads). */
export const CLIENT_EVENTS = ['drill:join', 'drill:command', 'drill:sync', 'drill:history'] as const satisfies readonly (keyof ClientToServerEvents)[];
export const SERVER_EVENTS = ['drill:welcomed', 'drill:eventApplied', 'drill:viewPatched', 'drill:presenceChanged', 'drill:ended', 'drill:scoreChanged'] as const satisfies readonly (keyof ServerToClientEvents)[];
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _allClientEvents: Same<(typeof CLIENT_EVENTS)[number], keyof ClientToServerEvents> = true;
const _allServerEvents: Same<(typeof SERVER_EVENTS)[number], keyof ServerToClientEvents> = true;
void _allClientEvents;
void _allServerEvents;

export interface SocketData {
  drillId: string;
  seat: Viewer;
  locale: Locale;
}

/** How far behind a client may be before it gets a snapshot instead of the missed entries. */
export const MAX_REPLAY_GAP = 500;

export type { CommandEnvelope };
