import { redactEntryFor, viewFor, type DrillView, type LogEntry, type ViewPatch, type Viewer } from '../../shared/engine/index.ts';
import {
  CLIENT_EVENTS,
  commandRequestSchema,
  ERROR,
  findBadText,
  handshakeSchema,
  HISTORY_PAGE,
  historyRequestSchema,
  joinRequestSchema,
  MAX_REPLAY_GAP,
  PROTOCOL_VERSION,
  syncRequestSchema,
  type AckResult,
  type ConnectionWelcome,
  type Handshake,
  type ClockReading,
  type ErrorCode,
  type HistoryPage,
  type SyncResult,
  type Welcome,
  type DrillElsewhere,
} from '../../shared/protocol/index.ts';
import type { Locale } from '../../shared/i18n/locales.ts';
import type { LiveScore } from '../../shared/scoring/index.ts';
import type { Clock } from '../clock.ts';
import { isElsewhere, type DrillRegistry } from '../drills/registry.ts';
import type { DrillMaster } from '../../shared/master/index.ts';
import { hashToken } from '../drills/tokens.ts';
import type { LogFields, Logger, SecurityKind } from '../log.ts';
import type { ServerMetrics } from '../metrics.ts';
import { after, isPromise, type MaybePromise } from '../store/maybe.ts';
import type { EventStore } from '../store/types.ts';
import type { Hub, TtxServer, TtxSocket } from './hub.ts';
import { TokenBucket } from './rate-limit.ts';

/*
 * The socket edge, kept thin: authenticate the seat at connect; for each message rate-limit, parse
 * the payload, hand it to the drill's queue, and ack with the result. No drill rules live here.
 */

export interface SocketDeps {
  io: TtxServer;
  store: EventStore;
  registry: DrillRegistry;
  hub: Hub;
  clock: Clock;
  log: Logger;
  rate: { burst: number; perSecond: number };
  /** Refuses commands while the server is past capacity (absent: never). */
  overload?: { overloaded(): boolean };
  metrics?: Pick<ServerMetrics, 'commands' | 'commandSeconds' | 'shed' | 'security'>;
  /** Commands accepted and not yet answered, server-wide; new ones are shed when it is full (absent: no limit). */
  inFlight?: { enter(): boolean; leave(): void };
}

const KNOWN_EVENTS = new Set<string>(CLIENT_EVENTS);
/**
 * Refusals (invalid payloads, unknown events, forbidden commands, requests without an ack) a
 * connection may collect; the last is answered, then the connection is dropped. A real client never
 * gets near it; a flood stops costing the server more than this.
 */
export const MAX_STRIKES = 50;

/** Security log lines per connection: a burst of this many, then one every LOG_LINE_INTERVAL_MS; the rest are counted in the next line. */
export const LOG_LINES_BURST = 5;
export const LOG_LINE_INTERVAL_MS = 10_000;

const bad = (code: ErrorCode, message: string): AckResult<never> => ({ ok: false, error: { code, message } });
const OVERLOADED = bad(ERROR.OVERLOADED, 'the server is at capacity and did not take this command; nothing was applied. Retry with the same key in a moment.');
const INTERNAL = bad(ERROR.INTERNAL, 'the server could not handle that; nothing was applied. Try again.');

function issuesText(error: { issues: { path: PropertyKey[]; message: string }[] }): string {
  return error.issues.slice(0, 3).map((i) => `${i.path.map(String).join('.') || 'payload'}: ${i.message}`).join('; ');
}

/**
 * A seat's whole view of a live drill. The master keeps no history (its state is trimmed), so the
 * view is built from the drill's log, read from the store (DrillRegistry.wholeState).
 */
function wholeView(registry: DrillRegistry, master: DrillMaster, seat: Viewer): MaybePromise<DrillView> {
  return after(registry.wholeState(master), (state) => viewFor(master.compiled, state, seat));
}

/**
 * What a welcome brings a seat whose view is not current: the change since the view it holds, when
 * that is the state the drill was rebuilt with (after a restart, nearly every seat), else the whole view.
 */
function viewOrChange(registry: DrillRegistry, master: DrillMaster, seat: Viewer, viewSeq: number | undefined): MaybePromise<{ view: DrillView } | { viewPatch: ViewPatch }> {
  const change = viewSeq === undefined ? null : registry.viewChangeSince(master, viewSeq);
  return after(change, (patches) => (patches ? { viewPatch: patches(seat) } : after(wholeView(registry, master, seat), (view) => ({ view }))));
}

/** The seat's entries after lastSeq, or a snapshot when it is too far behind to replay. */
export function catchUp(store: EventStore, registry: DrillRegistry, master: DrillMaster, seat: Viewer, lastSeq: number): MaybePromise<SyncResult> {
  if (lastSeq < 0 || master.state.seq - lastSeq > MAX_REPLAY_GAP) return after(wholeView(registry, master, seat), (snapshot) => ({ snapshot }));
  // A seat that had everything missed nothing, and the database need not be asked. After a restart
  // that is nearly every seat (nothing is committed while the server is down), all coming back at once.
  if (lastSeq >= master.state.seq) return { entries: [] };
  return after(store.entries(master.id, lastSeq), (entries) => ({ entries: entries.flatMap((e) => redactEntryFor(master.compiled, e, seat) ?? []) }));
}

/**
 * A page of the seat's history: its entries after `afterSeq` up to `untilSeq` (and the drill's
 * durable seq), at most HISTORY_PAGE of the log's entries, redacted for the seat. Read only when a
 * client asks (a reload, a late join), so no welcome carries a drill's whole history.
 */
export function historyPage(store: EventStore, master: DrillMaster, seat: Viewer, afterSeq: number, untilSeq: number): MaybePromise<HistoryPage> {
  const last = Math.min(untilSeq, master.state.seq, afterSeq + HISTORY_PAGE);
  if (last <= afterSeq) return { entries: [], through: Math.max(afterSeq, Math.min(untilSeq, master.state.seq)) };
  return after(store.entries(master.id, afterSeq), (log) => {
    const entries: LogEntry[] = [];
    for (const e of log) {
      if (e.seq > last) break;
      const seen = redactEntryFor(master.compiled, e, seat);
      if (seen) entries.push(seen);
    }
    return { entries, through: last };
  });
}

/** The drill's game clock now, for a client to count from (PROTOCOL.md §7). */
function clockReading(master: DrillMaster): ClockReading {
  const anchor = master.clockAnchor();
  return { gameMs: master.gameTime(), speed: anchor.speed, running: anchor.running };
}

/** Sends a facilitator the score its welcome went without (as of `seq`), once the welcome is on its way. */
type LateScore = (score: LiveScore, seq: number) => void;

function welcomeFor(deps: SocketDeps, master: DrillMaster, seat: Viewer, lastSeq: number, locale: Locale, late: LateScore): MaybePromise<Welcome>;
function welcomeFor(deps: SocketDeps, master: DrillMaster, seat: Viewer, lastSeq: number, locale: Locale, late: LateScore, held: Pick<Handshake, 'viewSeq' | 'scoreSeq'>): MaybePromise<ConnectionWelcome>;
function welcomeFor(deps: SocketDeps, master: DrillMaster, seat: Viewer, lastSeq: number, locale: Locale, late: LateScore, held: Pick<Handshake, 'viewSeq' | 'scoreSeq'> = {}): MaybePromise<ConnectionWelcome> {
  const { viewSeq, scoreSeq } = held;
  const caught = lastSeq >= 0 ? catchUp(deps.store, deps.registry, master, seat, lastSeq) : null;
  const scored = seat.role === 'facilitator' ? scoreFor(deps, master, locale, scoreSeq) : NO_SCORE;
  // The seq a score asked for now counts up to: the entries folded so far (the thread answers in order).
  const scoredSeq = isPromise(scored) ? deps.hub.scores.seqOf(master.id, master.compiled) : -1;
  // A score still being computed (the scoring thread, which after a restart first scores every
  // drill again) does not hold the welcome up: it follows it.
  const inWelcome = isPromise(scored) ? NO_SCORE : scored;
  // When the reads take a while (a store over the network), the view is taken once they are in:
  // entries committed meanwhile were sent to this socket already (it joined the drill first).
  return after(caught, (missed) =>
    after(deps.hub.presence(master.id), (presence) =>
      // The drill's state is a fold over its log, so at the same seq the seat's view is the same.
      after(viewSeq === master.state.seq ? null : viewOrChange(deps.registry, master, seat, viewSeq), (view) => {
        if (isPromise(scored)) followWith(scored, (score) => late(score, scoredSeq));
        return {
          protocolVersion: PROTOCOL_VERSION,
          drillId: master.id,
          seat,
          ...view,
          // Read as the welcome is sent: the view's clock is its last entry's time, not now.
          clock: clockReading(master),
          missed: missed && 'entries' in missed ? missed.entries : [],
          presence,
          ...inWelcome,
        };
      }),
    ),
  );
}

/**
 * The score, sent once it is in and the welcome has gone: a timer's turn comes after the welcome's
 * emit or ack, which run as soon as it is returned, even when the score was already in.
 */
function followWith(scored: Promise<{ score?: LiveScore }>, late: (score: LiveScore) => void): void {
  void scored.then(({ score }) => {
    if (score) setImmediate(() => late(score));
  });
}

const NO_SCORE: { score?: LiveScore } = {};

/** The facilitator's live score for a welcome; none when the console holds the latest (`scoreSeq`). */
function scoreFor(deps: SocketDeps, master: DrillMaster, locale: Locale, scoreSeq: number | undefined): MaybePromise<{ score?: LiveScore }> {
  // From the scoring thread the score is JSON text, which serialises as the score it holds.
  return after(deps.hub.scores.current(master.id, master.compiled, locale, scoreSeq), (score) => (score ? { score: score as LiveScore } : NO_SCORE));
}

export function installSocketHandlers(deps: SocketDeps): void {
  const { io, store, registry, hub, clock, log } = deps;
  /** A late score goes to the socket welcomed without it, unless a later push reached it first. */
  const lateScoreTo =
    (socket: TtxSocket): LateScore =>
    (score, seq) =>
      hub.scoreTo(socket, score, seq);

  io.use((socket, next) => {
    const failed = (error: unknown) => {
      log.error('handshake failed', error);
      next(new Error('the server could not check your join link; try again'));
    };
    try {
      const auth = handshakeSchema.safeParse(socket.handshake.auth);
      if (!auth.success) {
        log.security('invalid-payload', { where: 'handshake', from: socket.handshake.address });
        return next(new Error(`bad handshake (${issuesText(auth.error)}): send auth { token, protocolVersion: ${PROTOCOL_VERSION}, lastSeq? }`));
      }
      if (auth.data.protocolVersion !== PROTOCOL_VERSION) {
        log.security('protocol-mismatch', { got: auth.data.protocolVersion, from: socket.handshake.address });
        return next(new Error(`protocol version ${auth.data.protocolVersion} is not supported; this server speaks version ${PROTOCOL_VERSION}. Reload the page or update the client.`));
      }
      const invalid = () => {
        log.security('bad-token', { where: 'handshake', from: socket.handshake.address });
        next(new Error('this join link is not valid; ask the facilitator for a new one'));
      };
      // Both steps answer at once with the embedded store and a live drill; over the network, later.
      const checked = after(store.findSeat(hashToken(auth.data.token)), (seat) => {
        if (!seat) return invalid();
        return after(registry.open(seat.drillId), (opened) => {
          if (isElsewhere(opened)) {
            // Another node runs the drill at the moment (LEASE3): the client connects again later,
            // through the proxy, naming the drill (an older token without its id learns it here).
            const data: DrillElsewhere = { code: 'DRILL_ELSEWHERE', drillId: seat.drillId, retryAfterMs: opened.retryAfterMs };
            return next(Object.assign(new Error(`another server node runs this drill at the moment; connect again in ${opened.retryAfterMs} ms with ?drill=${seat.drillId}`), { data }));
          }
          const refused = opened ? undefined : registry.refusal(seat.drillId);
          if (refused) return next(Object.assign(new Error(`this drill cannot be opened: ${refused}`), { data: { code: 'OLD_ENGINE' } }));
          if (!opened) return invalid();
          socket.data.drillId = seat.drillId;
          socket.data.seat = { role: seat.role, seat: seat.seat };
          socket.data.locale = auth.data.locale ?? 'en';
          next();
        });
      });
      if (isPromise(checked)) checked.catch(failed);
    } catch (error) {
      failed(error);
    }
  });

  /*
   * The request handlers are created once and shared by every connection: socket.io calls each
   * listener with the socket as `this`, and what a connection keeps between requests (its rate
   * limit, strike count and log budget) is one small record, not a dozen closures (ARCHITECTURE.md "The edge").
   */
  const connections = new WeakMap<TtxSocket, Connection>();

  /** A connection's security line, unless it has written too many lately; those are counted in its next line. */
  const report = (socket: TtxSocket, conn: Connection, kind: SecurityKind, details: LogFields) => {
    if (!conn.logLines.take(clock.now())) {
      conn.unlogged++;
      deps.metrics?.security.inc({ kind });
      return;
    }
    const unlogged = conn.unlogged;
    conn.unlogged = 0;
    log.security(kind, { drill: socket.data.drillId, seat: socket.data.seat.seat, ...details, ...(unlogged > 0 ? { unlogged } : {}) });
  };

  /** Count a refusal; the caller answers it, then drops the connection if this was the last one allowed. */
  const strike = (conn: Connection) => {
    conn.strikes++;
  };
  const dropIfStruckOut = (socket: TtxSocket, conn: Connection, last: string) => {
    if (conn.strikes < MAX_STRIKES || !socket.connected) return;
    log.security('invalid-payload', { drill: socket.data.drillId, seat: socket.data.seat.seat, why: `disconnected after ${MAX_STRIKES} refused requests (last: ${last})` });
    socket.disconnect(true);
  };

  const invalid = (socket: TtxSocket, conn: Connection, event: string, what: string, error: { issues: { path: PropertyKey[]; message: string }[] }) => {
    strike(conn);
    report(socket, conn, 'invalid-payload', { event });
    return bad(ERROR.BAD_REQUEST, `invalid ${what}: ${issuesText(error)}`);
  };

  const shed = (signal: 'lag' | 'in_flight') => {
    deps.metrics?.shed.inc({ signal });
    return OVERLOADED;
  };

  type Handler = (socket: TtxSocket, conn: Connection, master: DrillMaster, payload: unknown) => MaybePromise<AckResult<unknown>>;

  const handlers: Record<string, Handler> = {
    'drill:join': (socket, conn, master, payload) => {
      const parsed = joinRequestSchema.safeParse(payload ?? {});
      if (!parsed.success) return invalid(socket, conn, 'drill:join', 'join', parsed.error);
      return after(welcomeFor(deps, master, socket.data.seat, parsed.data.lastSeq ?? -1, socket.data.locale, lateScoreTo(socket)), (data) => ({ ok: true, data }));
    },
    'drill:command': async (socket, conn, master, payload) => {
      if (deps.overload?.overloaded()) return shed('lag');
      const parsed = commandRequestSchema.safeParse(payload);
      if (!parsed.success) return invalid(socket, conn, 'drill:command', 'command', parsed.error);
      if (deps.inFlight && !deps.inFlight.enter()) return shed('in_flight');
      const arrived = performance.now();
      const result = await master.submit(socket.data.seat, parsed.data).finally(() => deps.inFlight?.leave());
      deps.metrics?.commandSeconds.observe((performance.now() - arrived) / 1000);
      if (!result.ok && result.error.code === ERROR.FORBIDDEN) {
        strike(conn);
        report(socket, conn, 'forbidden', { command: parsed.data.command.type });
      }
      return result;
    },
    'drill:sync': (socket, conn, master, payload) => {
      const parsed = syncRequestSchema.safeParse(payload);
      if (!parsed.success) return invalid(socket, conn, 'drill:sync', 'sync', parsed.error);
      return after(catchUp(store, registry, master, socket.data.seat, parsed.data.lastSeq), (data) => ({ ok: true, data }));
    },
    'drill:history': (socket, conn, master, payload) => {
      const parsed = historyRequestSchema.safeParse(payload);
      if (!parsed.success) return invalid(socket, conn, 'drill:history', 'history request', parsed.error);
      return after(historyPage(store, master, socket.data.seat, parsed.data.afterSeq, parsed.data.untilSeq), (data) => ({ ok: true, data }));
    },
  };

  /**
   * Every request goes through here: rate limit, text check, then the handler, with any exception
   * turned into a typed INTERNAL answer (logged on the server, never sent as a stack trace). A
   * request without an ack callback is not carried out, and counts as a refusal.
   */
  async function serve(socket: TtxSocket, event: string, handler: Handler, payload: unknown, ack: unknown): Promise<void> {
    const { drillId, seat } = socket.data;
    const conn = connections.get(socket);
    const master = registry.peek(drillId);
    const reply = typeof ack === 'function' ? (ack as (r: AckResult<unknown>) => void) : null;
    // Neither can be missing for a connected socket (a drill with seats connected is let go of only
    // when its lease moves, and its connections are closed then); if one ever is, the client is told
    // rather than left waiting for an ack.
    if (!conn || !master) return reply?.(INTERNAL);
    const answer = (result: AckResult<unknown>) => {
      if (event === 'drill:command') deps.metrics?.commands.inc({ outcome: result.ok ? 'ok' : result.error.code });
      reply?.(result);
      dropIfStruckOut(socket, conn, event);
    };
    const allowed = conn.bucket.take(clock.now());
    if (!reply) {
      strike(conn);
      report(socket, conn, 'no-ack', { event });
      return dropIfStruckOut(socket, conn, 'no-ack');
    }
    if (!allowed) {
      // Not a strike: a client that bursts is told to slow down, and answering that is cheap.
      report(socket, conn, 'rate-limited', { event });
      return answer(bad(ERROR.RATE_LIMITED, `too many messages from this seat (limit ${deps.rate.perSecond}/s, bursts of ${deps.rate.burst}): slow down and retry in a second`));
    }
    const badText = findBadText(payload);
    if (badText) {
      strike(conn);
      report(socket, conn, 'invalid-payload', { event, why: 'text' });
      return answer(bad(ERROR.BAD_REQUEST, `invalid text at ${badText.path}: ${badText.message}`));
    }
    try {
      answer(await handler(socket, conn, master, payload));
    } catch (error) {
      log.error('request failed', error, { drill: drillId, seat: seat.seat, event });
      answer(INTERNAL);
    }
  }

  const listeners = Object.entries(handlers).map(([event, handler]) => [
    event,
    function (this: TtxSocket, payload: unknown, ack: unknown) {
      void serve(this, event, handler, payload, ack);
    },
  ] as const);

  function unknownEvent(this: TtxSocket, event: string, ...args: unknown[]): void {
    if (KNOWN_EVENTS.has(event)) return;
    const conn = connections.get(this);
    if (!conn) return;
    strike(conn);
    const name = String(event).slice(0, 40);
    report(this, conn, 'invalid-payload', { event: name, why: 'unknown-event' });
    const ack = args.at(-1);
    if (typeof ack === 'function') ack(bad(ERROR.BAD_REQUEST, `unknown event "${name}"; send one of ${[...KNOWN_EVENTS].join(', ')}`));
    dropIfStruckOut(this, conn, 'unknown-event');
  }

  function left(this: TtxSocket): void {
    hub.leave(this);
  }

  io.on('connection', (raw) => {
    const socket = raw as TtxSocket;
    const { drillId, seat } = socket.data;
    // Opened by the handshake; gone only if the drill's lease moved since, and then the client
    // reconnects (a transport close, not a disconnect, which socket.io clients do not retry).
    const master = registry.peek(drillId);
    if (!master) return void socket.conn.close();
    const now = clock.now();
    connections.set(socket, { bucket: new TokenBucket(deps.rate.burst, deps.rate.perSecond, now), strikes: 0, logLines: new TokenBucket(LOG_LINES_BURST, 1000 / LOG_LINE_INTERVAL_MS, now), unlogged: 0 });

    const failed = (error: unknown) => {
      log.error('welcome failed', error, { drill: drillId, seat: seat.seat });
      socket.disconnect(true);
    };
    try {
      hub.join(socket);
      // The handshake middleware validated auth with handshakeSchema.
      const { lastSeq = -1, viewSeq, scoreSeq } = socket.handshake.auth as Handshake;
      const welcomed = after(welcomeFor(deps, master, seat, lastSeq, socket.data.locale, lateScoreTo(socket), { viewSeq, scoreSeq }), (welcome) => void socket.emit('drill:welcomed', welcome));
      if (isPromise(welcomed)) welcomed.catch(failed);
    } catch (error) {
      failed(error);
      return;
    }

    const untyped = socket as unknown as { on(event: string, f: (...args: never[]) => void): void };
    for (const [event, listener] of listeners) untyped.on(event, listener);
    socket.onAny(unknownEvent);
    socket.on('disconnect', left);
  });
}

/** What a connection keeps between its requests. */
interface Connection {
  bucket: TokenBucket;
  strikes: number;
  /** Its security log lines, limited like its requests. */
  logLines: TokenBucket;
  /** Security events not logged since its last line. */
  unlogged: number;
}
