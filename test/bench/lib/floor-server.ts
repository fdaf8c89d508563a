import '../../../server/memory-tuning.ts';
import { createServer } from 'node:http';
import { randomUUID } from 'node:crypto';
import { Server, type Socket } from 'socket.io';
import { GroupCommitter } from '../../../server/drills/committer.ts';
import { ServerMetrics } from '../../../server/metrics.ts';
import { InFlightLimit, LagMonitor } from '../../../server/socket/overload.ts';
import { SqliteStore } from '../../../server/store/sqlite.ts';
import type { ClockAnchor } from '../../../server/store/types.ts';
import type { LogEntry } from '../../../shared/engine/types.ts';
import { answerBenchRequests } from './bench-ipc.ts';

/*
 * The transport floor: what the load bench measures when the server does nothing but move messages
 * and make them durable. It speaks just enough of the protocol for the load generator (create a
 * drill, welcome a seat, take a command), and for each command it does what the real server does
 * on the wire and on disk: one group-committed SQLite transaction through the same GroupCommitter
 * and writer thread, one `drill:eventApplied` of the real average size to every seat of the room,
 * then the ack. It also sends what the real server sends unasked: a game-minute tick per room and,
 * every 5 s, a live score of the real size to the facilitator. It runs no engine, no view patches,
 * no scoring, no validation and no rate limit, so its latencies are a floor under the real
 * server's on the same machine, with the same load generator sharing its cores.
 *
 * Restarted on its database (the chaos bench's `--server floor`), it takes back the drills that were
 * running: their seats and last seq, nothing else, as it has no state to rebuild. A returning seat
 * is welcomed with the entries it missed, read from the store as the real server reads them. So
 * its restart → caught up is the floor under the real server's: the same clients reconnecting over
 * the same sockets, with no drill to fold, no view and no score.
 *
 * Against the fuzz bench (`fuzz --server floor`) it shows what a flood of hostile connections and
 * frames costs the transport itself: it guards only against throwing, and applies every command
 * that names a type, so its "state changes" mean nothing there.
 *
 * Sizes are the averages the load generator receives from the real server (its `frames` figure at
 * 1,000 × 8 over 60 s): drill:eventApplied 518 bytes, drill:scoreChanged 8,287 bytes, an ack 45 bytes.
 * TTX_FLOOR_STORE=none skips the disk: each group is "durable" on the next turn.
 *
 * TTX_BENCH_MAX_IN_FLIGHT=N gives the floor the real server's cap on commands in flight (it has
 * none by default): past N accepted and unanswered, a command gets OVERLOADED at once. With it,
 * a burst run says what latency the cheapest possible server keeps for what it accepts.
 */

const EVENT_APPLIED_BYTES = 518;
const SCORE_BYTES = 8287;
const SCORE_EVERY_MS = 5000;
const TICK_EVERY_MS = 60_000;

interface Seat {
  drillId: string;
  seat: string;
  role: string;
}
interface FloorRoom {
  id: string;
  seq: number;
  startedAt: number | null;
  sockets: Set<Socket>;
  timers: ReturnType<typeof setInterval>[];
  /** Idempotency keys taken: a repeated one is answered without a second commit (the store would refuse it). */
  keys: Set<string>;
}

const rooms = new Map<string, FloorRoom>();
// The real server's metrics, so the load bench reads the floor's figures the same way.
const metrics = new ServerMetrics({ drills: () => new Map([['running', rooms.size]]), seats: () => io.of('/').sockets.size });
new LagMonitor(150, 50, (ms) => metrics.loopLag.observe(ms / 1000));
const store = process.env.TTX_FLOOR_STORE === 'none' ? null : new SqliteStore(process.env.TTX_DB ?? ':memory:');
const committer = store ? new GroupCommitter(store, metrics.commitObserver) : null;
const maxInFlight = Number(process.env.TTX_BENCH_MAX_IN_FLIGHT ?? 0);
const inFlight = maxInFlight > 0 ? new InFlightLimit(maxInFlight) : null;
const OVERLOADED = { ok: false, error: { code: 'OVERLOADED', message: 'the floor is at its cap of commands in flight' } };
const seatsByToken = new Map<string, Seat>();
const scorePayload = { seq: 0, pad: 'x'.repeat(SCORE_BYTES - 40) };

/** `anchor` with the drill's start, as the real server records it: a restart resumes the drills that were running. */
function durable(drillId: string, entry: LogEntry, key?: string, anchor?: ClockAnchor): Promise<void> {
  if (!committer) return new Promise((resolve) => setImmediate(resolve));
  return committer.commit({ drillId, entries: [entry], ...(anchor ? { anchor } : {}), ...(key ? { idempotency: { key, result: { ok: true, body: `{"seqs":[${entry.seq}]}` } } } : {}) });
}

/** The padding that brings a broadcast of this entry to the real average size on the wire. */
function patchFor(entry: LogEntry): { seq: number; pad: string } {
  const framing = 30 + JSON.stringify(entry).length;
  return { seq: entry.seq, pad: 'p'.repeat(Math.max(0, EVENT_APPLIED_BYTES - framing)) };
}

function createRoom(smeCount: number): { drillId: string; seats: { seat: string; role: string; token: string }[] } {
  const id = randomUUID();
  const roles = ['facilitator', 'ic', 'deputy', 'scribe', ...Array.from({ length: smeCount }, (_, i) => `sme-${i + 1}`), 'observer'];
  const seats = roles.map((r) => ({ seat: r, role: r.startsWith('sme') ? 'sme' : r, token: randomUUID() }));
  for (const s of seats) seatsByToken.set(s.token, { drillId: id, seat: s.seat, role: s.role });
  const entry: LogEntry = { seq: 0, at: 0, actor: { role: 'system', seat: 'system' }, event: { type: 'drill.created', scenarioId: 'floor', scenarioVersion: 1, seed: id } } as LogEntry;
  store?.createDrill(
    { id, scenarioId: 'floor', scenarioVersion: 1, scenarioText: 'floor', scenarioFile: 'floor', seed: id, hostKeyHash: 'floor', createdAt: Date.now() },
    seats.map((s) => ({ seat: s.seat, role: s.role as never, tokenHash: s.token })),
    [entry],
    { wallMs: Date.now(), gameMs: 0, speed: 1, running: false },
  );
  rooms.set(id, { id, seq: 0, startedAt: null, sockets: new Set(), timers: [], keys: new Set() });
  return { drillId: id, seats };
}

/** A restart: the drills that had started come back with their seats and seq, and tick again. */
function resume(): void {
  if (!store) return;
  for (const group of store.runningByScenario()) {
    for (const { id } of group.drills) {
      for (const s of store.seats(id)) seatsByToken.set(s.tokenHash, { drillId: id, seat: s.seat, role: s.role });
      const room: FloorRoom = { id, seq: store.lastSeq(id), startedAt: null, sockets: new Set(), timers: [], keys: new Set() };
      rooms.set(id, room);
      start(room);
    }
  }
}

const http = createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/metrics') {
    void metrics.exposition().then(({ type, text }) => res.writeHead(200, { 'content-type': type }).end(text));
    return;
  }
  if (req.method !== 'POST' || req.url !== '/api/drills') {
    res.writeHead(404).end();
    return;
  }
  let body = '';
  req.on('data', (chunk: Buffer) => (body += chunk.toString()));
  req.on('end', () => {
    const { smeCount } = JSON.parse(body) as { smeCount?: number };
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: true, data: createRoom(smeCount ?? 1) }));
  });
});
const io = new Server(http, { maxHttpBufferSize: 64 * 1024, transports: ['websocket', 'polling'] });

function emitEntry(room: FloorRoom, entry: LogEntry): void {
  io.to([...room.sockets].map((s) => s.id)).emit('drill:eventApplied', entry, patchFor(entry));
}

function append(room: FloorRoom, actor: Seat | { role: 'system'; seat: 'system' }, event: unknown, key?: string, anchor?: ClockAnchor): Promise<LogEntry> {
  const at = room.startedAt === null ? 0 : Math.round(performance.now() - room.startedAt);
  const entry = { seq: ++room.seq, at, actor: { role: actor.role, seat: actor.seat }, event } as LogEntry;
  return durable(room.id, entry, key, anchor).then(() => {
    emitEntry(room, entry);
    return entry;
  });
}

function start(room: FloorRoom): void {
  room.startedAt = performance.now();
  room.timers.push(setInterval(() => void append(room, { role: 'system', seat: 'system' }, { type: 'clock.advanced' }), TICK_EVERY_MS));
  room.timers.push(
    setInterval(() => {
      for (const s of room.sockets) if ((s.data as Seat).role === 'facilitator') s.emit('drill:scoreChanged', { ...scorePayload, seq: room.seq });
    }, SCORE_EVERY_MS),
  );
}

/** The event the real engine records for each command the load generator sends. */
function eventOf(command: { type: string; [k: string]: unknown }): unknown {
  switch (command.type) {
    case 'action.take':
      return { type: 'action.taken', action: command.action };
    case 'message.send':
      return { type: 'message.sent', message: command.message };
    case 'timeline.add':
      return { type: 'timeline.added', text: command.text };
    case 'inject.adhoc':
      return { type: 'inject.adhocDelivered', injectId: `adhoc-${randomUUID()}`, title: command.title, body: command.body, audience: command.audience };
    case 'drill.start':
      return { type: 'drill.started' };
    default:
      return { type: command.type };
  }
}

io.on('connection', (socket) => {
  const auth = socket.handshake.auth as { token?: unknown };
  const seat = typeof auth.token === 'string' ? seatsByToken.get(auth.token) : undefined;
  const room = seat && rooms.get(seat.drillId);
  if (!seat || !room) {
    socket.disconnect(true);
    return;
  }
  socket.data = seat;
  room.sockets.add(socket);
  socket.on('disconnect', () => room.sockets.delete(socket));
  const { lastSeq } = socket.handshake.auth as { lastSeq?: unknown };
  const missed = store && typeof lastSeq === 'number' && lastSeq < room.seq ? store.entries(room.id, lastSeq) : [];
  socket.emit('drill:welcomed', { missed, view: null, score: null });
  socket.on('drill:command', (request: { command: { type: string }; idempotencyKey: string }, ack: (r: unknown) => void) => {
    // The fuzz bench sends anything: the floor checks only what it needs not to throw, and takes
    // every command that names a type (it runs no rules, so it refuses nothing else).
    if (typeof ack !== 'function' || typeof request !== 'object' || request === null || typeof request.command !== 'object' || request.command === null || typeof request.command.type !== 'string') return;
    const key = typeof request.idempotencyKey === 'string' ? request.idempotencyKey : undefined;
    if (key !== undefined && room.keys.has(key)) return void ack({ ok: true, data: { seqs: [], seq: room.seq } });
    if (inFlight && !inFlight.enter()) {
      metrics.shed.inc({ signal: 'in_flight' });
      metrics.commands.inc({ outcome: 'OVERLOADED' });
      return void ack(OVERLOADED);
    }
    if (key !== undefined) room.keys.add(key);
    const arrived = performance.now();
    const starting = request.command.type === 'drill.start' && room.startedAt === null;
    if (starting) start(room);
    const anchor = starting ? { wallMs: Date.now(), gameMs: 0, speed: 1, running: true } : undefined;
    void append(room, seat, eventOf(request.command), key, anchor).then((entry) => {
      inFlight?.leave();
      ack({ ok: true, data: { seqs: [entry.seq], seq: entry.seq } });
      metrics.commands.inc({ outcome: 'ok' });
      metrics.commandSeconds.observe((performance.now() - arrived) / 1000);
    });
  });
});

resume();
answerBenchRequests();
process.on('SIGTERM', () => process.exit(0));
http.listen({ port: Number(process.env.PORT ?? 0), host: '127.0.0.1', backlog: 4096 }, () => {
  const address = http.address();
  process.send?.({ type: 'ready', port: typeof address === 'object' && address ? address.port : 0 });
});
