import { redactEntryFor, viewFor, type Viewer } from '../../shared/engine/index.ts';
import {
  commandRequestSchema,
  ERROR,
  handshakeSchema,
  joinRequestSchema,
  MAX_REPLAY_GAP,
  PROTOCOL_VERSION,
  syncRequestSchema,
  type AckResult,
  type ConnectionWelcome,
  type Handshake,
  type ErrorCode,
  type SyncResult,
  type Welcome,
  type DrillElsewhere,
} from '../../shared/protocol/index.ts';
import type { Locale } from '../../shared/i18n/locales.ts';
import { liveScore, type LiveScore } from '../../shared/scoring/index.ts';
import type { Clock } from '../clock.ts';
import { isElsewhere, type DrillRegistry } from '../drills/registry.ts';
import type { DrillRoom } from '../drills/room.ts';
import { hashToken } from '../drills/tokens.ts';
import type { Logger } from '../log.ts';
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
  /** Records each command's time from arrival to ack, in µs (absent: not measured). */
  commandLatency?: { record(us: number): void };
  /** Commands accepted and not yet answered, server-wide; new ones are shed when it is full (absent: no limit). */
  inFlight?: { enter(): boolean; leave(): void };
}

const KNOWN_EVENTS = new Set(['drill:join', 'drill:command', 'drill:sync']);
/**
 * Refusals (invalid payloads, unknown events, forbidden commands) a connection may collect before it
 * is dropped. A real client never gets near it; a flood stops costing the server more than this.
 */
export const MAX_STRIKES = 50;

const bad = (code: ErrorCode, message: string): AckResult<never> => ({ ok: false, error: { code, message } });
const OVERLOADED = bad(ERROR.OVERLOADED, 'the server is at capacity and did not take this command; nothing was applied. Retry with the same key in a moment.');
const INTERNAL = bad(ERROR.INTERNAL, 'the server could not handle that; nothing was applied. Try again.');

function issuesText(error: { issues: { path: PropertyKey[]; message: string }[] }): string {
  return error.issues.slice(0, 3).map((i) => `${i.path.map(String).join('.') || 'payload'}: ${i.message}`).join('; ');
}

/** The seat's entries after lastSeq, or a snapshot when it is too far behind to replay. */
export function catchUp(store: EventStore, room: DrillRoom, seat: Viewer, lastSeq: number): MaybePromise<SyncResult> {
  if (lastSeq < 0 || room.state.seq - lastSeq > MAX_REPLAY_GAP) return { snapshot: viewFor(room.compiled, room.state, seat) };
  // A seat that had everything missed nothing, and the database need not be asked. After a restart
  // that is nearly every seat (nothing is committed while the server is down): 6,000 reads of an
  // empty range were a quarter of a second of the main thread while every client came back.
  if (lastSeq >= room.state.seq) return { entries: [] };
  return after(store.entries(room.id, lastSeq), (entries) => ({ entries: entries.flatMap((e) => redactEntryFor(room.compiled, e, seat) ?? []) }));
}

function welcomeFor(deps: SocketDeps, room: DrillRoom, seat: Viewer, lastSeq: number, locale: Locale): MaybePromise<Welcome>;
function welcomeFor(deps: SocketDeps, room: DrillRoom, seat: Viewer, lastSeq: number, locale: Locale, held: Pick<Handshake, 'viewSeq' | 'scoreSeq'>): MaybePromise<ConnectionWelcome>;
function welcomeFor(deps: SocketDeps, room: DrillRoom, seat: Viewer, lastSeq: number, locale: Locale, held: Pick<Handshake, 'viewSeq' | 'scoreSeq'> = {}): MaybePromise<ConnectionWelcome> {
  const { viewSeq, scoreSeq } = held;
  const caught = lastSeq >= 0 ? catchUp(deps.store, room, seat, lastSeq) : null;
  // When the reads take a while (a store over the network), the view is taken once they are in:
  // entries committed meanwhile were sent to this socket already (it joined the drill first).
  return after(caught, (missed) =>
    after(deps.hub.presence(room.id), (presence) => {
      // The drill's state is a fold over its log, so at the same seq the seat's view is the same.
      const viewIsCurrent = viewSeq === room.state.seq;
      return {
        protocolVersion: PROTOCOL_VERSION,
        drillId: room.id,
        seat,
        ...(viewIsCurrent ? {} : { view: viewFor(room.compiled, room.state, seat) }),
        missed: missed && 'entries' in missed ? missed.entries : [],
        presence,
        ...(seat.role === 'facilitator' ? scoreFor(deps, room, locale, scoreSeq) : {}),
      };
    }),
  );
}

/** The facilitator's live score for a welcome; none when the console holds the latest (`scoreSeq`). */
function scoreFor(deps: SocketDeps, room: DrillRoom, locale: Locale, scoreSeq: number | undefined): { score?: LiveScore } {
  const score = deps.hub.scores.current(room.id, room.compiled, scoreSeq);
  return score ? { score: liveScore(score, locale, deps.hub.scores.seqOf(room.id, room.compiled)) } : {};
}

export function installSocketHandlers(deps: SocketDeps): void {
  const { io, store, registry, hub, clock, log } = deps;

  io.use((socket, next) => {
    const failed = (error: unknown) => {
      console.error(`handshake failed: ${(error as Error).message}`);
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
   * limit and strike count) is one small record. Handlers made per connection were a dozen
   * closures and a scope for each socket, about 7 MB at 8,000 sockets (test/bench/README.md).
   */
  const connections = new WeakMap<TtxSocket, Connection>();

  const strike = (socket: TtxSocket, conn: Connection, why: string) => {
    if (++conn.strikes !== MAX_STRIKES) return;
    log.security('invalid-payload', { drill: socket.data.drillId, seat: socket.data.seat.seat, why: `disconnected after ${MAX_STRIKES} refused requests (last: ${why})` });
    socket.disconnect(true);
  };

  const invalid = (socket: TtxSocket, conn: Connection, event: string, what: string, error: { issues: { path: PropertyKey[]; message: string }[] }) => {
    strike(socket, conn, 'invalid-payload');
    log.security('invalid-payload', { drill: socket.data.drillId, seat: socket.data.seat.seat, event });
    return bad(ERROR.BAD_REQUEST, `invalid ${what}: ${issuesText(error)}`);
  };

  type Handler = (socket: TtxSocket, conn: Connection, room: DrillRoom, payload: unknown) => Promise<AckResult<unknown>> | AckResult<unknown>;

  const handlers: Record<string, Handler> = {
    'drill:join': (socket, conn, room, payload) => {
      const parsed = joinRequestSchema.safeParse(payload ?? {});
      if (!parsed.success) return invalid(socket, conn, 'drill:join', 'join', parsed.error);
      return after(welcomeFor(deps, room, socket.data.seat, parsed.data.lastSeq ?? -1, socket.data.locale), (data) => ({ ok: true, data }));
    },
    'drill:command': async (socket, conn, room, payload) => {
      if (deps.overload?.overloaded()) return OVERLOADED;
      const parsed = commandRequestSchema.safeParse(payload);
      if (!parsed.success) return invalid(socket, conn, 'drill:command', 'command', parsed.error);
      if (deps.inFlight && !deps.inFlight.enter()) return OVERLOADED;
      const arrived = performance.now();
      const result = await room.submit(socket.data.seat, parsed.data).finally(() => deps.inFlight?.leave());
      deps.commandLatency?.record(Math.max(1, Math.round((performance.now() - arrived) * 1000)));
      if (!result.ok && result.error.code === ERROR.FORBIDDEN) {
        strike(socket, conn, 'forbidden');
        log.security('forbidden', { drill: socket.data.drillId, seat: socket.data.seat.seat, command: parsed.data.command.type });
      }
      return result;
    },
    'drill:sync': (socket, conn, room, payload) => {
      const parsed = syncRequestSchema.safeParse(payload);
      if (!parsed.success) return invalid(socket, conn, 'drill:sync', 'sync', parsed.error);
      return after(catchUp(store, room, socket.data.seat, parsed.data.lastSeq), (data) => ({ ok: true, data }));
    },
  };

  /**
   * Every request goes through here: rate limit, then the handler, with any exception turned into a
   * typed INTERNAL answer (logged on the server, never sent as a stack trace).
   */
  async function serve(socket: TtxSocket, event: string, handler: Handler, payload: unknown, ack: unknown): Promise<void> {
    const { drillId, seat } = socket.data;
    if (typeof ack !== 'function') {
      log.security('invalid-payload', { drill: drillId, seat: seat.seat, event, why: 'no-ack-callback' });
      return;
    }
    const reply = ack as (r: AckResult<unknown>) => void;
    const conn = connections.get(socket);
    const room = registry.peek(drillId);
    // Neither can be missing for a connected socket (a drill with seats connected is let go of only
    // when its lease moves, and its connections are closed then); if one ever is, the client is told
    // rather than left waiting for an ack.
    if (!conn || !room) return reply(INTERNAL);
    if (!conn.bucket.take(clock.now())) {
      // Not a strike: a client that bursts is told to slow down, and answering that is cheap.
      log.security('rate-limited', { drill: drillId, seat: seat.seat, event });
      return reply(bad(ERROR.RATE_LIMITED, `too many messages from this seat (limit ${deps.rate.perSecond}/s, bursts of ${deps.rate.burst}): slow down and retry in a second`));
    }
    try {
      reply(await handler(socket, conn, room, payload));
    } catch (error) {
      console.error(`drill ${drillId} ${event} from ${seat.seat} failed: ${(error as Error).message}`);
      reply(INTERNAL);
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
    if (conn) strike(this, conn, 'unknown-event');
    log.security('invalid-payload', { drill: this.data.drillId, seat: this.data.seat.seat, event: String(event).slice(0, 40), why: 'unknown-event' });
    const ack = args.at(-1);
    if (typeof ack === 'function') ack(bad(ERROR.BAD_REQUEST, `unknown event "${String(event).slice(0, 40)}"; send one of ${[...KNOWN_EVENTS].join(', ')}`));
  }

  function left(this: TtxSocket): void {
    hub.leave(this);
  }

  io.on('connection', (raw) => {
    const socket = raw as TtxSocket;
    const { drillId, seat } = socket.data;
    // Opened by the handshake; gone only if the drill's lease moved since, and then the client
    // reconnects (a transport close, not a disconnect, which socket.io clients do not retry).
    const room = registry.peek(drillId);
    if (!room) return void socket.conn.close();
    connections.set(socket, { bucket: new TokenBucket(deps.rate.burst, deps.rate.perSecond, clock.now()), strikes: 0 });

    const failed = (error: unknown) => {
      console.error(`drill ${drillId}: welcome for ${seat.seat} failed: ${(error as Error).message}`);
      socket.disconnect(true);
    };
    try {
      hub.join(socket);
      // The handshake middleware validated auth with handshakeSchema.
      const { lastSeq = -1, viewSeq, scoreSeq } = socket.handshake.auth as Handshake;
      const welcomed = after(welcomeFor(deps, room, seat, lastSeq, socket.data.locale, { viewSeq, scoreSeq }), (welcome) => void socket.emit('drill:welcomed', welcome));
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
}
