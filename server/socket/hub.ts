import type { Server, Socket } from 'socket.io';
import { redactEntryFor, viewPatches, type DrillState, type LogEntry, type Viewer } from '../../shared/engine/index.ts';
import type { ClientToServerEvents, DrillEnded, SeatPresence, ServerToClientEvents, SocketData } from '../../shared/protocol/index.ts';
import { liveScore, type ScoreResult } from '../../shared/scoring/index.ts';
import type { Clock, Scheduler } from '../clock.ts';
import type { DrillRegistry } from '../drills/registry.ts';
import type { RoomOutput } from '../drills/room.ts';
import { isPromise, type MaybePromise } from '../store/maybe.ts';
import type { EventStore } from '../store/types.ts';
import { LiveScores } from './live-score.ts';

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

/**
 * Who is connected to which drill, and the fan-out of committed entries: each socket gets each entry
 * as its seat may see it (redactEntryFor) and, with the last of them, what the command changed in its
 * view (viewPatch); the facilitator also gets the live score, kept incrementally and pushed at most
 * every five seconds in the console's language (see live-score.ts). When the drill ends every seat is
 * told, with where to fetch the report.
 */
export class Hub implements RoomOutput {
  private readonly sockets = new Map<string, Set<TtxSocket>>();
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

  constructor(
    private readonly store: EventStore,
    clock: Clock,
    private readonly scheduler: Scheduler,
  ) {
    this.scores = new LiveScores(scheduler, () => clock.now(), (drillId) => {
      // Every drill's score is primed with its log as it becomes live (app.ts), so this reads only
      // from a store that answers at once; a promise here would be a drill scored without its log.
      const log = store.entries(drillId);
      if (isPromise(log)) throw new Error(`drill ${drillId}: its live score was not primed with its log`);
      return log;
    });
  }

  join(socket: TtxSocket): void {
    this.keep(socket.data.drillId);
    const set = this.sockets.get(socket.data.drillId) ?? new Set();
    set.add(socket);
    this.sockets.set(socket.data.drillId, set);
    this.presenceChanged(socket.data.drillId);
  }

  leave(socket: TtxSocket): void {
    this.sockets.get(socket.data.drillId)?.delete(socket);
    this.presenceChanged(socket.data.drillId);
    this.forgetWhenIdle(socket.data.drillId);
  }

  private readonly forgetTimers = new Map<string, unknown>();

  /**
   * An ended drill nobody is connected to is let go of after ENDED_DRILL_IDLE_MS: its room, live
   * score, seats and idempotency filter (about 20 KB a drill after 80 events). Otherwise a server
   * that runs for weeks kept every drill it had ever played since it started. Its log stays;
   * reports are read from the log, and a seat that comes back rebuilds the room.
   */
  forgetWhenIdle(drillId: string): void {
    if (this.forgetTimers.has(drillId) || (this.sockets.get(drillId)?.size ?? 0) > 0) return;
    if (this.registry?.peek(drillId)?.state.lifecycle !== 'ended') return;
    this.forgetTimers.set(
      drillId,
      this.scheduler.set(() => {
        this.forgetTimers.delete(drillId);
        if ((this.sockets.get(drillId)?.size ?? 0) > 0) return;
        // A room with commands still queued is asked again later.
        if (!this.registry?.evict(drillId)) return void this.forgetWhenIdle(drillId);
        this.scores.forget(drillId);
        this.sockets.delete(drillId);
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

  private presenceOf(drillId: string, seats: Viewer[]): SeatPresence[] {
    const online = new Set([...(this.sockets.get(drillId) ?? [])].map((s) => s.data.seat.seat));
    return seats.map((s) => ({ seat: s.seat, role: s.role, connected: online.has(s.seat) }));
  }

  /**
   * This node no longer runs the drill (its lease moved): close its connections at the transport, so
   * the clients reconnect by themselves through the proxy to the node that runs it, and forget what
   * was kept for it here.
   */
  letGo(drillId: string): void {
    for (const socket of this.sockets.get(drillId) ?? []) socket.conn.close();
    this.sockets.delete(drillId);
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
      const send = (presence: SeatPresence[]) => this.broadcast([...(this.sockets.get(drillId) ?? [])], (to) => to.emit('drill:presenceChanged', presence));
      const presence = this.presence(drillId);
      if (isPromise(presence)) presence.then(send, (error: Error) => console.error(`drill ${drillId}: presence failed: ${error.message}`));
      else send(presence);
    }, PRESENCE_INTERVAL_MS).unref();
  }

  applied(drillId: string, entries: LogEntry[], before: DrillState, after: DrillState): void {
    const room = this.registry?.peek(drillId);
    if (!room) return;
    const end = entries.find((e) => e.event.type === 'drill.ended');
    const ended: DrillEnded | null = end && end.event.type === 'drill.ended'
      ? { drillId, seq: end.seq, reason: end.event.reason, reports: { html: `/drills/${drillId}/report.html`, md: `/drills/${drillId}/report.md`, json: `/drills/${drillId}/report.json` } }
      : null;
    const sockets = [...(this.sockets.get(drillId) ?? [])];
    // Seats that receive the same entries and the same patch form a group, sent one encoded packet.
    // Players differ only by inject audience (their role) when an inject arrived, and by hints
    // (their seat) when one was given; otherwise every player gets the same.
    const hintGiven = entries.some((e) => e.event.type === 'hint.given');
    const injectsArrived = after.injects.length !== before.injects.length;
    const groups = new Map<string, TtxSocket[]>();
    for (const socket of sockets) {
      const { role, seat } = socket.data.seat;
      const key = role === 'facilitator' ? 'facilitator' : hintGiven ? `seat:${seat}` : injectsArrived ? `role:${role}` : 'players';
      groups.set(key, [...(groups.get(key) ?? []), socket]);
    }
    const patchFor = viewPatches(room.compiled, before, after);
    for (const group of groups.values()) {
      const viewer = group[0]!.data.seat;
      const visible = entries.flatMap((e) => redactEntryFor(room.compiled, e, viewer) ?? []);
      const patch = patchFor(viewer);
      visible.forEach((entry, i) => {
        const last = i === visible.length - 1;
        this.broadcast(group, (to) => (last && patch ? to.emit('drill:eventApplied', entry, patch) : to.emit('drill:eventApplied', entry)));
      });
      if (visible.length === 0 && patch) this.broadcast(group, (to) => to.emit('drill:viewPatched', patch));
    }
    if (ended) this.broadcast(sockets, (to) => to.emit('drill:ended', ended));
    // The final score goes out at once; during play, at most every five seconds per drill, and only
    // while a facilitator is connected to see it.
    const watching = sockets.some((s) => s.data.seat.role === 'facilitator');
    const push = (score: ScoreResult, seq: number) => {
      for (const socket of this.sockets.get(drillId) ?? []) if (socket.data.seat.role === 'facilitator') socket.emit('drill:scoreChanged', liveScore(score, socket.data.locale, seq));
    };
    this.scores.applied(drillId, room.compiled, entries, watching ? push : null, ended !== null);
    if (ended) this.forgetWhenIdle(drillId);
  }

  /** Send one message to several sockets, encoding it once (falls back to one emit each in tests without a server). */
  private broadcast(sockets: TtxSocket[], send: (to: Pick<TtxSocket, 'emit'>) => void): void {
    if (sockets.length === 0) return;
    if (this.io && sockets.length > 1) send(this.io.to(sockets.map((s) => s.id)) as unknown as Pick<TtxSocket, 'emit'>);
    else for (const socket of sockets) send(socket);
  }
}
