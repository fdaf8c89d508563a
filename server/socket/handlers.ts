import { redactEntryFor, viewFor } from '../../shared/engine/view.ts';
import { commandRequestSchema, ERROR, handshakeSchema, MAX_REPLAY_GAP, PROTOCOL_VERSION, syncRequestSchema, type AckResult, type Welcome } from '../../shared/protocol/index.ts';
import { scoreDrill } from '../../shared/scoring/score.ts';
import type { Clock } from '../clock.ts';
import type { DrillRegistry } from '../drills/registry.ts';
import { hashToken } from '../drills/tokens.ts';
import type { Logger } from '../log.ts';
import type { EventStore } from '../store/types.ts';
import type { Hub, TtxServer, TtxSocket } from './hub.ts';
import { TokenBucket } from './rate-limit.ts';

/*
 * The socket edge, kept thin: authenticate the seat at connect; for each message parse the payload,
 * rate-limit, hand it to the drill's queue, and ack with the result. No rules live here.
 */

export interface SocketDeps {
  io: TtxServer;
  store: EventStore;
  registry: DrillRegistry;
  hub: Hub;
  clock: Clock;
  log: Logger;
  rate: { burst: number; perSecond: number };
}

const bad = (code: string, message: string): AckResult<never> => ({ ok: false, error: { code, message } });

function issuesText(error: { issues: { path: PropertyKey[]; message: string }[] }): string {
  return error.issues.slice(0, 3).map((i) => `${i.path.map(String).join('.') || 'payload'}: ${i.message}`).join('; ');
}

export function installSocketHandlers(deps: SocketDeps): void {
  const { io, store, registry, hub, clock, log } = deps;

  io.use((socket, next) => {
    const auth = handshakeSchema.safeParse(socket.handshake.auth);
    if (!auth.success) {
      log.security('invalid-payload', { where: 'handshake', from: socket.handshake.address });
      return next(new Error(`bad handshake: send auth { token, protocolVersion: ${PROTOCOL_VERSION}, lastSeq? }`));
    }
    if (auth.data.protocolVersion !== PROTOCOL_VERSION) {
      log.security('protocol-mismatch', { got: auth.data.protocolVersion, from: socket.handshake.address });
      return next(new Error(`protocol version ${auth.data.protocolVersion} is not supported; this server speaks version ${PROTOCOL_VERSION}. Reload the page.`));
    }
    const seat = store.findSeat(hashToken(auth.data.token));
    if (!seat || !registry.get(seat.drillId)) {
      log.security('bad-token', { from: socket.handshake.address });
      return next(new Error('this join link is not valid; ask the facilitator for a new one'));
    }
    socket.data.drillId = seat.drillId;
    socket.data.seat = { role: seat.role, seat: seat.seat };
    next();
  });

  io.on('connection', (raw) => {
    const socket = raw as TtxSocket;
    const { drillId, seat } = socket.data;
    const room = registry.get(drillId);
    if (!room) return socket.disconnect(true);
    const bucket = new TokenBucket(deps.rate.burst, deps.rate.perSecond, clock.now());
    const limited = (event: string): AckResult<never> | null => {
      if (bucket.take(clock.now())) return null;
      log.security('rate-limited', { drill: drillId, seat: seat.seat, event });
      return bad(ERROR.RATE_LIMITED, 'too many messages: slow down and retry in a second');
    };

    hub.join(socket);
    const lastSeq = (socket.handshake.auth as { lastSeq?: number }).lastSeq ?? -1;
    const gap = room.state.seq - lastSeq;
    const welcome: Welcome = {
      protocolVersion: PROTOCOL_VERSION,
      drillId,
      seat,
      view: viewFor(room.compiled, room.state, seat),
      missed: lastSeq >= 0 && gap <= MAX_REPLAY_GAP ? store.entries(drillId, lastSeq).flatMap((e) => redactEntryFor(room.compiled, e, seat) ?? []) : [],
      presence: hub.presence(drillId),
      ...(seat.role === 'facilitator' ? { score: scoreDrill(room.compiled, store.entries(drillId)) } : {}),
    };
    socket.emit('drill:welcomed', welcome);

    socket.on('drill:command', async (payload, ack) => {
      if (typeof ack !== 'function') return;
      const stop = limited('drill:command');
      if (stop) return ack(stop);
      const parsed = commandRequestSchema.safeParse(payload);
      if (!parsed.success) {
        log.security('invalid-payload', { drill: drillId, seat: seat.seat, event: 'drill:command' });
        return ack(bad(ERROR.BAD_REQUEST, `invalid command: ${issuesText(parsed.error)}`));
      }
      try {
        const result = await room.submit(seat, parsed.data);
        if (!result.ok && result.error.code === ERROR.FORBIDDEN) log.security('forbidden', { drill: drillId, seat: seat.seat, command: parsed.data.command.type });
        ack(result);
      } catch (error) {
        console.error(`drill ${drillId}: command failed: ${(error as Error).message}`);
        ack(bad(ERROR.INTERNAL, 'the server could not save that; nothing was applied. Try again.'));
      }
    });

    socket.on('drill:sync', (payload, ack) => {
      if (typeof ack !== 'function') return;
      const stop = limited('drill:sync');
      if (stop) return ack(stop);
      const parsed = syncRequestSchema.safeParse(payload);
      if (!parsed.success) return ack(bad(ERROR.BAD_REQUEST, `invalid sync: ${issuesText(parsed.error)}`));
      const behind = room.state.seq - parsed.data.lastSeq;
      if (parsed.data.lastSeq < 0 || behind > MAX_REPLAY_GAP) return ack({ ok: true, data: { snapshot: viewFor(room.compiled, room.state, seat) } });
      const entries = store.entries(drillId, parsed.data.lastSeq).flatMap((e) => redactEntryFor(room.compiled, e, seat) ?? []);
      ack({ ok: true, data: { entries } });
    });

    socket.onAny((event: string) => {
      if (event !== 'drill:command' && event !== 'drill:sync') log.security('invalid-payload', { drill: drillId, seat: seat.seat, event: event.slice(0, 40) });
    });

    socket.on('disconnect', () => hub.leave(socket));
  });
}
