import seedrandom from 'seedrandom';
import { io, type Socket } from 'socket.io-client';
import type { Command, LogEntry } from '../../../shared/engine/types.ts';
import type { DrillView } from '../../../shared/engine/view-types.ts';
import { retryElsewhere } from '../../../client/src/transport/elsewhere-retry.ts';
import { PROTOCOL_VERSION, type AckResult, type ClientToServerEvents, type CommandResult, type ServerToClientEvents, type ConnectionWelcome } from '../../../shared/protocol/index.ts';

/*
 * The load generator: R rooms × P sockets on loopback, playing at a team's realistic pace (one
 * action per 10 s and one message per 20 s per player, one inject per 30 s per room) or a multiple
 * of it. It measures what a player feels (action → ack, inject due → inject on screen) and keeps
 * every acknowledgement, so the database can be checked afterwards for lost or duplicated events.
 */

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface LoadConfig {
  url: string;
  rooms: number;
  /** Sockets per room, facilitator included: 6 (one SME) or 8 (three SMEs); at least 5. */
  socketsPerRoom: number;
  /** 1 = realistic rates; 5 = the burst mode. */
  rateMultiplier: number;
  seed: string;
  /** Reconnect quickly after a server restart (chaos); plain load leaves socket.io's defaults. */
  fastReconnect?: boolean;
  /** The scenario the drills play (default the bundled exfiltration-detected) and their speed (default 1). */
  scenario?: { text: string; file: string };
  speed?: number;
  /**
   * How each client keeps its view: 'patch' takes the patches sent with the entries, as the browser
   * does, but does not apply them (for thousands of clients in one process that CPU would be taken
   * from the server; a real client applies its own on its own machine); it keeps the seq they move
   * the view to, and reconnects with it as viewSeq. 'sync' re-reads the whole view with drill:sync
   * 60 ms after each entry: a client that keeps no view, to measure what that costs the server.
   */
  viewUpdates?: 'patch' | 'sync';
}

interface SeatInfo {
  seat: string;
  role: string;
  token: string;
}

export interface Room {
  drillId: string;
  seats: SeatInfo[];
  /** Ad-hoc inject title → when it was sent (the moment it falls due), and whether inside the measured window. */
  injectsDue: Map<string, { sentAt: number; measured: boolean }>;
}

export interface Client {
  room: Room;
  seat: SeatInfo;
  socket: ClientSocket;
  lastSeq: number;
  welcomedAt: number;
  timers: ReturnType<typeof setTimeout>[];
  counter: number;
  /** The whole view, in 'sync' mode. */
  view: DrillView | null;
  /**
   * The seq of the view the client would hold: its welcome's, moved on by each patch. Sent as the
   * handshake's viewSeq when it reconnects, as the browser client does (the bench does not keep the
   * view's contents, but what the server does only depends on the seq).
   */
  viewSeq: number;
  /** Facilitators: the seq of the live score last received, sent as scoreSeq on reconnecting, as the console does. */
  scoreSeq: number;
  refresh: ReturnType<typeof setTimeout> | null;
  /** The work this player has running (from its own action.started), which its next turn cancels. */
  work: string | null;
  /** Which of the room's players this is, so players of one room take different work. */
  playerIndex: number;
}

export interface WelcomeStatus {
  clients: number;
  /** Clients not welcomed since the moment asked about. */
  late: number;
  /** Wall-clock time of the latest welcome since then (0 if none). */
  lastEpochMs: number;
}

export interface LoadMetrics {
  ackMs: number[];
  injectMs: number[];
  injectsSent: number;
  injectDeliveries: number;
  commandsSent: number;
  commandsAcked: number;
  errors: Record<string, number>;
  disconnects: number;
  /** drillId → seqs the server acknowledged as committed. */
  ackedSeqs: Map<string, Set<number>>;
  /** Unique texts of acknowledged commands, to find any applied twice. */
  ackedTexts: Map<string, string>;
  /** Frames the clients received while measuring, by event ('ack' for acknowledgements): how many, and their characters. */
  frames: Record<string, FrameCount>;
}

export interface FrameCount {
  count: number;
  chars: number;
}

export const emptyLoadMetrics = (): LoadMetrics => ({ ackMs: [], injectMs: [], injectsSent: 0, injectDeliveries: 0, commandsSent: 0, commandsAcked: 0, errors: {}, disconnects: 0, ackedSeqs: new Map(), ackedTexts: new Map(), frames: {} });

/** The event a socket.io text frame carries: `2["name",…]` is an event, `3<id>[…]` an acknowledgement. */
function frameEvent(data: string): string {
  if (data.charCodeAt(0) === 51) return 'ack';
  const open = data.indexOf('"');
  return open < 0 ? 'other' : data.slice(open + 1, data.indexOf('"', open + 1));
}

/*
 * Work takes game minutes, so a player who took an action every 10 s would mostly be told BUSY. Each
 * player instead starts a review on an asset of its own and cancels it on its next turn: every
 * command commits an entry, as a player's command does, without waiting out the work.
 */
const PLAYER_ACTIONS = ['review-network-logs', 'review-system-logs'];

export class LoadGenerator {
  readonly rooms: Room[] = [];
  readonly clients: Client[] = [];
  readonly metrics: LoadMetrics = emptyLoadMetrics();
  private measuring = false;
  private running = false;
  private closed = false;
  private readonly rng: () => number;

  constructor(private readonly config: LoadConfig) {
    this.rng = seedrandom(config.seed);
  }

  /** Create the drills over HTTP, `concurrency` at a time. */
  async createRooms(onProgress?: (done: number) => void): Promise<void> {
    const smeCount = Math.max(1, this.config.socketsPerRoom - 5);
    let next = 0;
    const worker = async () => {
      while (next < this.config.rooms) {
        const i = next++;
        const res = await fetch(`${this.config.url}/api/drills`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            ...(this.config.scenario ? { scenarioText: this.config.scenario.text, fileName: this.config.scenario.file } : { scenarioId: 'exfiltration-detected' }),
            seed: `${this.config.seed}-${i}`,
            speed: this.config.speed ?? 1,
            smeCount,
          }),
        });
        const body = (await res.json()) as { ok: boolean; data: { drillId: string; seats: SeatInfo[] }; error?: { message: string } };
        if (!body.ok) throw new Error(`could not create drill ${i}: ${body.error?.message}`);
        // P sockets: the facilitator, the players, and the observer if there is room for one.
        const seats = body.data.seats.slice(0, this.config.socketsPerRoom);
        this.rooms.push({ drillId: body.data.drillId, seats, injectsDue: new Map() });
        onProgress?.(this.rooms.length);
      }
    };
    await Promise.all(Array.from({ length: 20 }, worker));
  }

  /** Open every socket and wait for its welcome, `batch` at a time. */
  async connectAll(onProgress?: (done: number) => void, batch = 200): Promise<void> {
    const pending: (() => Promise<void>)[] = [];
    for (const room of this.rooms) for (const seat of room.seats) pending.push(() => this.connect(room, seat));
    for (let i = 0; i < pending.length; i += batch) {
      await Promise.all(pending.slice(i, i + batch).map((f) => f()));
      onProgress?.(Math.min(pending.length, i + batch));
    }
  }

  private connect(room: Room, seat: SeatInfo): Promise<void> {
    const client: Client = { room, seat, socket: null as unknown as ClientSocket, lastSeq: -1, welcomedAt: 0, timers: [], counter: 0, view: null, viewSeq: -1, scoreSeq: -1, refresh: null, work: null, playerIndex: room.seats.filter((s) => s.role !== 'facilitator' && s.role !== 'observer' && s.role !== 'scribe').findIndex((s) => s.seat === seat.seat) };
    const socket: ClientSocket = io(this.config.url, {
      transports: ['websocket'],
      forceNew: true,
      reconnection: true,
      // Names the drill so a proxy in front of several nodes routes the connection to the one that runs it.
      query: { drill: room.drillId },
      ...(this.config.fastReconnect ? { reconnectionDelay: 200, reconnectionDelayMax: 1000, randomizationFactor: 0.5 } : {}),
      // A function, so a reconnect after a restart sends the last seq this client has seen.
      auth: (cb) => cb({ token: seat.token, protocolVersion: PROTOCOL_VERSION, ...(client.lastSeq >= 0 ? { lastSeq: client.lastSeq } : {}), ...(client.viewSeq >= 0 && this.config.viewUpdates !== 'sync' ? { viewSeq: client.viewSeq } : {}), ...(client.scoreSeq >= 0 && this.config.viewUpdates !== 'sync' ? { scoreSeq: client.scoreSeq } : {}) }),
    });
    client.socket = socket;
    this.clients.push(client);
    // What the server sends, by event and size: the wire cost of each kind of update.
    socket.io.on('open', () =>
      socket.io.engine.on('packet', (packet) => {
        if (!this.measuring || packet.type !== 'message' || typeof packet.data !== 'string') return;
        const event = frameEvent(packet.data);
        const count = (this.metrics.frames[event] ??= { count: 0, chars: 0 });
        count.count++;
        count.chars += packet.data.length;
      }),
    );
    // Patches arrive with the entries (the server's cost is the same); see viewUpdates for why they
    // are not applied here.
    socket.on('drill:eventApplied', (entry, patch) => {
      this.received(client, entry);
      if (patch) client.viewSeq = patch.seq;
    });
    socket.on('drill:viewPatched', (patch) => (client.viewSeq = patch.seq));
    socket.on('drill:scoreChanged', (score) => (client.scoreSeq = score.seq));
    socket.on('disconnect', () => {
      if (this.measuring) this.metrics.disconnects++;
    });
    return new Promise((resolve, reject) => {
      socket.on('drill:welcomed', (welcome: ConnectionWelcome) => {
        client.welcomedAt = performance.now();
        // As the browser client does: no view in the welcome means the one it holds is current.
        if (welcome.view) [client.view, client.viewSeq] = [welcome.view, welcome.view.seq];
        else if (welcome.viewPatch) client.viewSeq = welcome.viewPatch.seq;
        if (welcome.score) client.scoreSeq = welcome.score.seq;
        for (const e of welcome.missed) this.received(client, e);
        client.lastSeq = Math.max(client.lastSeq, client.viewSeq);
        resolve();
      });
      socket.on('connect_error', (e) => {
        // Another node runs the drill at the moment (it is moving between nodes): as the browser
        // client does, connect again after the wait the node asked for.
        if (retryElsewhere(socket, e, { random: Math.random, schedule: (reconnect, ms) => void setTimeout(() => this.closed || reconnect(), ms) })) return;
        if (client.welcomedAt === 0) reject(e);
      });
    });
  }


  private received(client: Client, entry: LogEntry): void {
    client.lastSeq = Math.max(client.lastSeq, entry.seq);
    const { event } = entry;
    if (event.type === 'action.started' && event.seat === client.seat.seat) client.work = event.workId;
    else if ((event.type === 'action.cancelled' || event.type === 'action.completed') && event.workId === client.work) client.work = null;
    if (this.config.viewUpdates === 'sync') {
      if (client.refresh) clearTimeout(client.refresh);
      client.refresh = setTimeout(() => {
        client.refresh = null;
        void client.socket.emitWithAck('drill:sync', { lastSeq: -1 }).then((r) => {
          if (r.ok && 'snapshot' in r.data) client.view = r.data.snapshot;
        });
      }, 60);
    }
    if (entry.event.type === 'inject.adhocDelivered') {
      // Counted when the inject was sent inside the window, whenever it arrives: one still on its way
      // when the window closed is expected on every seat all the same, however slow the machine.
      const due = client.room.injectsDue.get(entry.event.title);
      if (due?.measured) {
        this.metrics.injectMs.push(performance.now() - due.sentAt);
        this.metrics.injectDeliveries++;
      }
    }
  }

  private async send(client: Client, command: Command, text?: string): Promise<AckResult<CommandResult>> {
    // Like the real client, nothing is sent (or queued) while the socket is down: socket.io would
    // otherwise buffer every command of the outage and flood the restarted server with them.
    if (!client.socket.connected) {
      if (this.measuring) this.metrics.errors.OFFLINE = (this.metrics.errors.OFFLINE ?? 0) + 1;
      return { ok: false, error: { code: 'OFFLINE', message: 'not connected' } };
    }
    const key = `${client.seat.seat}-${client.room.drillId}-${++client.counter}`;
    const sentAt = performance.now();
    if (this.measuring) this.metrics.commandsSent++;
    const result = await client.socket
      .timeout(20_000)
      .emitWithAck('drill:command', { command, idempotencyKey: key })
      .catch((): AckResult<CommandResult> => ({ ok: false, error: { code: 'TIMEOUT', message: 'no ack within 20 s' } }));
    if (result.ok) {
      const seqs = this.metrics.ackedSeqs.get(client.room.drillId) ?? new Set<number>();
      for (const s of result.data.seqs) seqs.add(s);
      this.metrics.ackedSeqs.set(client.room.drillId, seqs);
      if (text) this.metrics.ackedTexts.set(text, client.room.drillId);
      if (this.measuring) {
        this.metrics.commandsAcked++;
        this.metrics.ackMs.push(performance.now() - sentAt);
      }
    } else if (this.measuring) {
      this.metrics.errors[result.error.code] = (this.metrics.errors[result.error.code] ?? 0) + 1;
    }
    return result;
  }

  /**
   * The facilitator of every room starts its drill, the starts spread evenly over `spreadMs`. Real
   * drills do not all begin in the same second; if they did, every room's game-minute tick would
   * fall due at the same instant, which measures a herd no deployment sees.
   */
  async startDrills(spreadMs = 0): Promise<void> {
    const facilitators = this.clients.filter((c) => c.seat.role === 'facilitator');
    await Promise.all(facilitators.map((c, i) => new Promise<void>((resolve) => {
      // A facilitator whose start was shed (OVERLOADED) presses Start again, as a person would.
      const start = () => void this.send(c, { type: 'drill.start' }).then((r) => (!r.ok && r.error.code === 'OVERLOADED' ? setTimeout(start, 250) : resolve()));
      setTimeout(start, (spreadMs * i) / Math.max(1, facilitators.length));
    })));
  }

  /** Everyone plays at the configured pace until stop(); figures count only while measuring. */
  play(): void {
    this.running = true;
    const m = this.config.rateMultiplier;
    const every = (client: Client, periodMs: number, fn: () => void) => {
      // A random phase per socket, so a thousand rooms do not act in lockstep.
      const loop = () => {
        if (!this.running) return;
        fn();
        client.timers.push(setTimeout(loop, periodMs));
      };
      client.timers.push(setTimeout(loop, this.rng() * periodMs));
    };
    for (const client of this.clients) {
      const { role, seat } = client.seat;
      if (role === 'facilitator') {
        every(client, 30_000 / m, () => {
          const title = `load ${client.room.drillId} ${++client.counter}`;
          client.room.injectsDue.set(title, { sentAt: performance.now(), measured: this.measuring });
          if (this.measuring) this.metrics.injectsSent++;
          void this.send(client, { type: 'inject.adhoc', title, body: 'A load-test inject.', audience: 'all' });
        });
      } else if (role === 'scribe') {
        every(client, 10_000 / m, () => {
          const text = `log ${client.room.drillId} ${seat} ${client.counter + 1}`;
          void this.send(client, { type: 'timeline.add', text }, text);
        });
      } else if (role !== 'observer') {
        every(client, 10_000 / m, () => void this.send(client, this.playerTurn(client)));
      }
      if (role !== 'facilitator' && role !== 'observer') {
        every(client, 20_000 / m, () => {
          const body = `msg ${client.room.drillId} ${seat} ${client.counter + 1}: status on the bridge`;
          void this.send(client, { type: 'message.send', message: { channel: 'chat', recipients: ['soc'], subject: '', body, encrypted: false } }, body);
        });
      }
    }
  }

  private playerTurn(client: Client): Command {
    if (client.work) return { type: 'action.cancel', workId: client.work };
    const assets = Object.keys(client.view?.assets ?? {});
    const i = Math.max(0, client.playerIndex);
    const action = PLAYER_ACTIONS[i % PLAYER_ACTIONS.length] ?? 'review-network-logs';
    const target = assets[Math.floor(i / PLAYER_ACTIONS.length) % Math.max(1, assets.length)];
    return { type: 'action.take', action, ...(target ? { target } : {}) };
  }

  /** Start counting (after the warm-up). */
  measure(on: boolean): void {
    this.measuring = on;
  }

  stop(): void {
    this.running = false;
    for (const c of this.clients) {
      for (const t of c.timers.splice(0)) clearTimeout(t);
      if (c.refresh) clearTimeout(c.refresh);
    }
  }

  close(): void {
    this.closed = true;
    this.stop();
    for (const c of this.clients) c.socket.disconnect();
  }

  /**
   * After a restart: how many clients have not been welcomed since `sinceEpochMs`, and when the last
   * welcome came. Wall-clock milliseconds, so processes can compare them.
   */
  welcomeStatus(sinceEpochMs: number, drills?: readonly string[]): WelcomeStatus {
    let late = 0;
    let lastEpochMs = 0;
    const only = drills ? new Set(drills) : null;
    for (const c of this.clients) {
      if (only && !only.has(c.room.drillId)) continue;
      const at = performance.timeOrigin + c.welcomedAt;
      if (c.welcomedAt === 0 || at < sinceEpochMs) late++;
      else lastEpochMs = Math.max(lastEpochMs, at);
    }
    return { clients: only ? this.clients.filter((c) => only.has(c.room.drillId)).length : this.clients.length, late, lastEpochMs };
  }

  /** Each room's facilitator's last seq (it sees every entry): [drillId, seq]. */
  facilitatorSeqs(): [string, number][] {
    return this.clients.filter((c) => c.seat.role === 'facilitator').map((c) => [c.room.drillId, Math.max(c.lastSeq, c.viewSeq)]);
  }

  /** Inject deliveries expected so far: every socket of the room should see each inject sent. */
  expectedDeliveries(): number {
    return this.metrics.injectsSent * this.config.socketsPerRoom;
  }
}
