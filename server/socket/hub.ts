import type { Server, Socket } from 'socket.io';
import type { Viewer } from '../../shared/engine/index.ts';
import type { Dispatch, Outbox } from '../../shared/master/ports.ts';
import type { Locale } from '../../shared/i18n/locales.ts';
import type { ClientToServerEvents, DrillEnded, SeatPresence, ServerToClientEvents, SocketData } from '../../shared/protocol/index.ts';
import type { LiveScore } from '../../shared/scoring/index.ts';
import type { Clock, Scheduler } from '../clock.ts';
import type { DrillRegistry } from '../drills/registry.ts';
import type { Logger } from '../log.ts';
import { isPromise, type MaybePromise } from '../store/maybe.ts';
import type { EventStore } from '../store/types.ts';
import { InlineScoring } from './inline-scoring.ts';
import { LiveScores, type ScoreRendering, type ScoreWatchers, type ScoringBackend } from './live-score.ts';

export type TtxSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
export type TtxServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

/**
 * How long an ended drill with nobody connected stays in memory. Long enough that a facilitator who
 * reloads the debrief finds it warm; afterwards it is rebuilt from its log (a fold: replay runs at
 * over 500,000 events a second).
 */
export const ENDED_DRILL_IDLE_MS = 5 * 60_000;

/** Presence is a status dot: a quarter of a second late is not noticed, and it bounds the fan-out. */
const PRESENCE_INTERVAL_MS = 250;

/** One drill's connections, by seat. */
interface DrillSockets {
  bySeat: Map<string, TtxSocket[]>;
  /** Each connected seat once: the drill master's audience, kept here rather than built per command. */
  audience: Viewer[];
  count: number;
  /** The drill's facilitator consoles as the live score sees them, made once. */
  watchers: ScoreWatchers;
}

/**
 * Who is connected to which drill, and the socket.io outbox of the drill masters: the master says
 * which seats get what (shared/master/fanout.ts), and the hub maps those seats to their sockets and
 * emits, one encoded packet per delivery. The facilitator also gets the live score, kept
 * incrementally and pushed at most every five seconds in the console's language (see
 * live-score.ts; the server scores on a thread of its own, scoring-thread.ts). When the drill ends
 * every seat is told, with where to fetch the report.
 */
export class Hub implements Outbox {
  private readonly drills = new Map<string, DrillSockets>();
  registry: DrillRegistry | null = null;
  /** Set once the socket.io server exists; broadcasts go through it so each payload is encoded once. */
  io: TtxServer | null = null;
  readonly scores: LiveScores;
  /**
   * Seats never change after a drill is created, so they are read from the store once. Only the
   * seat and role are kept: presence needs nothing else, and each seat's token hash is a 64-character
   * string (half a megabyte over 8,000 seats).
   */
  private readonly seatCache = new Map<string, Viewer[]>();
  /** The seq of the last score each console was sent, so an older one that finishes later is not sent after it. */
  private readonly scoreSeqSent = new WeakMap<TtxSocket, number>();

  constructor(
    private readonly store: EventStore,
    clock: Clock,
    private readonly scheduler: Scheduler,
    private readonly log: Pick<Logger, 'error'>,
    scoring: ScoringBackend = new InlineScoring(),
  ) {
    this.scores = new LiveScores(
      scheduler,
      () => clock.now(),
      (drillId) => store.entries(drillId),
      scoring,
    );
  }

  join(socket: TtxSocket): void {
    const { drillId, seat } = socket.data;
    this.keep(drillId);
    let drill = this.drills.get(drillId);
    if (!drill) {
      drill = { bySeat: new Map(), audience: [], count: 0, watchers: this.watchersOf(drillId) };
      this.drills.set(drillId, drill);
    }
    const same = drill.bySeat.get(seat.seat);
    if (same) same.push(socket);
    else {
      drill.bySeat.set(seat.seat, [socket]);
      drill.audience.push(seat);
    }
    drill.count++;
    this.presenceChanged(drillId);
  }

  leave(socket: TtxSocket): void {
    const { drillId, seat } = socket.data;
    const drill = this.drills.get(drillId);
    const same = drill?.bySeat.get(seat.seat);
    const at = same?.indexOf(socket) ?? -1;
    if (drill && same && at >= 0) {
      same.splice(at, 1);
      drill.count--;
      if (same.length === 0) {
        drill.bySeat.delete(seat.seat);
        drill.audience = drill.audience.filter((v) => v.seat !== seat.seat);
      }
    }
    this.presenceChanged(drillId);
    this.forgetWhenIdle(drillId);
  }

  private connected(drillId: string): number {
    return this.drills.get(drillId)?.count ?? 0;
  }

  /** Every socket of a drill. */
  private socketsOf(drillId: string): TtxSocket[] {
    const drill = this.drills.get(drillId);
    const all: TtxSocket[] = [];
    if (drill) for (const same of drill.bySeat.values()) for (const socket of same) all.push(socket);
    return all;
  }

  private readonly forgetTimers = new Map<string, unknown>();

  /**
   * An ended drill nobody is connected to is let go of after ENDED_DRILL_IDLE_MS: its master, live
   * score, seats and idempotency filter, so a server that runs for weeks does not keep every drill it
   * has played (LIFE1–4). Its log stays; reports are read from the log, and a seat that comes back
   * rebuilds the master.
   */
  forgetWhenIdle(drillId: string): void {
    if (this.forgetTimers.has(drillId) || this.connected(drillId) > 0) return;
    if (this.registry?.peek(drillId)?.state.lifecycle !== 'ended') return;
    this.forgetTimers.set(
      drillId,
      this.scheduler.set(() => {
        this.forgetTimers.delete(drillId);
        if (this.connected(drillId) > 0) return;
        // A master with commands still queued is asked again later.
        if (!this.registry?.evict(drillId)) return void this.forgetWhenIdle(drillId);
        this.scores.forget(drillId);
        this.drills.delete(drillId);
        this.seatCache.delete(drillId);
        this.store.forget?.(drillId);
      }, ENDED_DRILL_IDLE_MS),
    );
  }

  /** A seat joined: the drill is wanted again. */
  private keep(drillId: string): void {
    const timer = this.forgetTimers.get(drillId);
    if (timer === undefined) return;
    this.scheduler.clear(timer);
    this.forgetTimers.delete(drillId);
  }

  /** Who is connected: at once once the drill's seats are known, else when the store has read them. */
  presence(drillId: string): MaybePromise<SeatPresence[]> {
    const seats = this.seatCache.get(drillId);
    if (seats) return this.presenceOf(drillId, seats);
    const read = this.store.seats(drillId);
    const keep = (records: Awaited<typeof read>) => {
      const kept = records.map((s) => ({ role: s.role, seat: s.seat }));
      this.seatCache.set(drillId, kept);
      return this.presenceOf(drillId, kept);
    };
    return isPromise(read) ? read.then(keep) : keep(read);
  }

  private presenceOf(drillId: string, seats: readonly Viewer[]): SeatPresence[] {
    const online = this.drills.get(drillId)?.bySeat;
    return seats.map((s) => ({ seat: s.seat, role: s.role, connected: online?.has(s.seat) ?? false }));
  }

  /**
   * This node no longer runs the drill (its lease moved): close its connections at the transport, so
   * the clients reconnect by themselves through the proxy to the node that runs it, and forget what
   * was kept for it here.
   */
  letGo(drillId: string): void {
    for (const socket of this.socketsOf(drillId)) socket.conn.close();
    this.drills.delete(drillId);
    const timer = this.forgetTimers.get(drillId);
    if (timer !== undefined) this.scheduler.clear(timer);
    this.forgetTimers.delete(drillId);
    this.scores.forget(drillId);
    this.seatCache.delete(drillId);
  }

  private readonly presenceDirty = new Set<string>();

  /**
   * Presence goes out at most every PRESENCE_INTERVAL_MS per drill: when a restarted server takes
   * back thousands of sockets, a room's six joins become one or two updates to each seat instead of
   * thirty-six, and a seat that connects and disconnects in a loop (the fuzz bench's hostile seats
   * do) cannot make the server write to everyone in the room each time.
   */
  private presenceChanged(drillId: string): void {
    if (this.presenceDirty.has(drillId)) return;
    this.presenceDirty.add(drillId);
    setTimeout(() => {
      this.presenceDirty.delete(drillId);
      const send = (presence: SeatPresence[]) => this.broadcast(this.socketsOf(drillId), (to) => to.emit('drill:presenceChanged', presence));
      const presence = this.presence(drillId);
      if (isPromise(presence)) presence.then(send, (error: unknown) => this.log.error('presence failed', error, { drill: drillId }));
      else send(presence);
    }, PRESENCE_INTERVAL_MS).unref();
  }

  private watchersOf(drillId: string): ScoreWatchers {
    const consoles = () => this.socketsOf(drillId).filter((socket) => socket.data.seat.role === 'facilitator');
    return {
      locales: () => [...new Set<Locale>(consoles().map((socket) => socket.data.locale))],
      send: (score: ScoreRendering) => {
        // From the scoring thread the score is JSON text, which the encoder puts in the frame as it is.
        for (const socket of consoles()) {
          this.scoreSeqSent.set(socket, score.seq);
          socket.emit('drill:scoreChanged', score.inLocale(socket.data.locale) as LiveScore);
        }
      },
    };
  }

  /**
   * One console's score as of `seq` (one its welcome went without): not sent if the console has
   * gone, or a push as late or later reached it first (both come from the scoring thread, and the
   * older may finish last).
   */
  scoreTo(socket: TtxSocket, score: LiveScore, seq: number): void {
    if (!socket.connected || (this.scoreSeqSent.get(socket) ?? -1) >= seq) return;
    this.scoreSeqSent.set(socket, seq);
    socket.emit('drill:scoreChanged', score);
  }

  /** The master's audience: each seat with a socket connected, once. */
  audience(drillId: string): readonly Viewer[] {
    return this.drills.get(drillId)?.audience ?? NOBODY;
  }

  /** A command became durable: send each delivery to its seats' sockets, fold the score, tell everyone when the drill ended. */
  dispatch({ drillId, compiled, entries, deliveries, ended }: Dispatch): void {
    // A drill this node let go of (its lease moved) sends nothing more: its connections are closed,
    // its live score forgotten, and the node that runs it now sends what it commits.
    if (!this.registry?.peek(drillId)) return;
    const drill = this.drills.get(drillId);
    if (drill) {
      for (const { seats, entries: visible, patch } of deliveries) {
        const to = seats.length === 1 ? (drill.bySeat.get(seats[0]!) ?? NO_SOCKETS) : seats.flatMap((seat) => drill.bySeat.get(seat) ?? NO_SOCKETS);
        for (let i = 0; i < visible.length; i++) {
          const entry = visible[i]!;
          this.broadcast(to, (s) => (i === visible.length - 1 && patch ? s.emit('drill:eventApplied', entry, patch) : s.emit('drill:eventApplied', entry)));
        }
        if (visible.length === 0 && patch) this.broadcast(to, (s) => s.emit('drill:viewPatched', patch));
      }
    }
    const notice: DrillEnded | null = ended
      ? { drillId, seq: ended.seq, reason: ended.reason, reports: { html: `/drills/${drillId}/report.html`, md: `/drills/${drillId}/report.md`, json: `/drills/${drillId}/report.json` } }
      : null;
    if (notice) this.broadcast(this.socketsOf(drillId), (to) => to.emit('drill:ended', notice));
    // The final score goes out at once; during play, at most every five seconds per drill, and only
    // while a facilitator is connected to see it.
    const watching = drill?.audience.some((v) => v.role === 'facilitator') ?? false;
    this.scores.applied(drillId, compiled, entries, watching ? drill!.watchers : null, notice !== null);
    if (notice) this.forgetWhenIdle(drillId);
  }

  /** Send one message to several sockets, encoding it once (falls back to one emit each in tests without a server). */
  private broadcast(sockets: readonly TtxSocket[], send: (to: Pick<TtxSocket, 'emit'>) => void): void {
    if (sockets.length === 0) return;
    if (this.io && sockets.length > 1) send(this.io.to(sockets.map((s) => s.id)) as unknown as Pick<TtxSocket, 'emit'>);
    else for (const socket of sockets) send(socket);
  }
}

const NOBODY: readonly Viewer[] = [];
const NO_SOCKETS: readonly TtxSocket[] = [];
