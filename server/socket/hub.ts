import type { Server, Socket } from 'socket.io';
import { redactEntryFor, type DrillState, type LogEntry } from '../../shared/engine/index.ts';
import type { ClientToServerEvents, DrillEnded, SeatPresence, ServerToClientEvents, SocketData } from '../../shared/protocol/index.ts';
import { scoreDrill } from '../../shared/scoring/index.ts';
import type { DrillRegistry } from '../drills/registry.ts';
import type { RoomOutput } from '../drills/room.ts';
import type { EventStore } from '../store/types.ts';

export type TtxSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
export type TtxServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

/**
 * Who is connected to which drill, and the fan-out of committed entries: each socket gets each entry
 * as its seat may see it (redactEntryFor), and the facilitator also gets the live score. When the
 * drill ends every seat is told, with where to fetch the report.
 */
export class Hub implements RoomOutput {
  private readonly sockets = new Map<string, Set<TtxSocket>>();
  registry: DrillRegistry | null = null;

  constructor(private readonly store: EventStore) {}

  join(socket: TtxSocket): void {
    const set = this.sockets.get(socket.data.drillId) ?? new Set();
    set.add(socket);
    this.sockets.set(socket.data.drillId, set);
    this.presenceChanged(socket.data.drillId);
  }

  leave(socket: TtxSocket): void {
    this.sockets.get(socket.data.drillId)?.delete(socket);
    this.presenceChanged(socket.data.drillId);
  }

  presence(drillId: string): SeatPresence[] {
    const online = new Set([...(this.sockets.get(drillId) ?? [])].map((s) => s.data.seat.seat));
    return this.store.seats(drillId).map((s) => ({ seat: s.seat, role: s.role, connected: online.has(s.seat) }));
  }

  private presenceChanged(drillId: string): void {
    const presence = this.presence(drillId);
    for (const socket of this.sockets.get(drillId) ?? []) socket.emit('drill:presenceChanged', presence);
  }

  applied(drillId: string, entries: LogEntry[], _state: DrillState): void {
    const room = this.registry?.get(drillId);
    if (!room) return;
    let score = null;
    const end = entries.find((e) => e.event.type === 'drill.ended');
    const ended: DrillEnded | null = end && end.event.type === 'drill.ended'
      ? { drillId, seq: end.seq, reason: end.event.reason, reports: { html: `/drills/${drillId}/report.html`, md: `/drills/${drillId}/report.md`, json: `/drills/${drillId}/report.json` } }
      : null;
    for (const socket of this.sockets.get(drillId) ?? []) {
      for (const entry of entries) {
        const visible = redactEntryFor(room.compiled, entry, socket.data.seat);
        if (visible) socket.emit('drill:eventApplied', visible);
      }
      if (socket.data.seat.role === 'facilitator') {
        score ??= scoreDrill(room.compiled, this.store.entries(drillId));
        socket.emit('drill:scoreChanged', score);
      }
      if (ended) socket.emit('drill:ended', ended);
    }
  }
}
