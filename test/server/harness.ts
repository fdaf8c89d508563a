import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join as pathJoin } from 'node:path';
import { io as connect, type Socket } from 'socket.io-client';
import { afterEach } from 'vitest';
import { createApp, type App } from '../../server/app.ts';
import type { DrillLeases } from '../../server/drills/lease.ts';
import { ManualTime } from '../../server/clock.ts';
import { silentLogger, type Logger } from '../../server/log.ts';
import { MemoryStore } from '../../server/store/memory.ts';
import { SqliteStore } from '../../server/store/sqlite.ts';
import type { EventStore } from '../../server/store/types.ts';
import type { Command, DrillState, LogEntry } from '../../shared/engine/types.ts';
import type { DrillView } from '../../shared/engine/view-types.ts';
import { applyViewPatch, type ViewPatch } from '../../shared/engine/view-patch.ts';
import { drillOfToken, PROTOCOL_VERSION, viewAfterWelcome, type AckResult, type ClientToServerEvents, type CommandResult, type DrillEnded, type ServerToClientEvents, type ConnectionWelcome } from '../../shared/protocol/index.ts';
import type { LiveScore } from '../../shared/scoring/index.ts';
import { retryWhileOverloaded } from '../../client/src/transport/overload-retry.ts';

/*
 * A real server on a loopback port with a manual clock, and real socket.io clients that record
 * everything they receive. Tests wait on conditions, never on wall-clock sleeps.
 */

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A test's server; its store is the one given (the memory store by default), typed as given. */
export interface TestServer<S extends EventStore = MemoryStore | SqliteStore> {
  app: App;
  time: ManualTime;
  store: S;
  url: string;
  close(): Promise<void>;
}

export function tempDb(): string {
  return pathJoin(mkdtempSync(pathJoin(tmpdir(), 'ttx-test-')), 'ttx.db');
}

export interface ServerOptions<S extends EventStore> {
  store?: S;
  leases?: DrillLeases;
  time?: ManualTime;
  rate?: { burst: number; perSecond: number };
  staticDir?: string;
  log?: Logger;
  maxCommandsInFlight?: number;
  publicUrl?: string;
  organiserKey?: string;
  metricsToken?: string;
  /** Drill creation per address; tests create many drills from one, so the default here is generous. */
  creationRate?: { burst: number; everyMs: number };
  maxWaitingDrills?: number;
  scoring?: 'thread' | 'inline';
}

export async function startServer<S extends EventStore = MemoryStore | SqliteStore>(options: ServerOptions<S> = {}): Promise<TestServer<S>> {
  const time = options.time ?? new ManualTime();
  const store = options.store ?? (new MemoryStore() as EventStore as S);
  const app = createApp({
    store,
    clock: time,
    scheduler: time,
    log: options.log ?? silentLogger,
    rate: options.rate ?? { burst: 1000, perSecond: 1000 },
    staticDir: options.staticDir ?? null,
    ...(options.maxCommandsInFlight ? { maxCommandsInFlight: options.maxCommandsInFlight } : {}),
    ...(options.leases ? { leases: options.leases } : {}),
    ...(options.publicUrl ? { publicUrl: options.publicUrl } : {}),
    ...(options.organiserKey ? { organiserKey: options.organiserKey } : {}),
    ...(options.metricsToken ? { metricsToken: options.metricsToken } : {}),
    creationRate: options.creationRate ?? { burst: 10_000, everyMs: 1 },
    ...(options.maxWaitingDrills ? { maxWaitingDrills: options.maxWaitingDrills } : {}),
    ...(options.scoring ? { scoring: options.scoring } : {}),
  });
  await app.registry.boot();
  const port = await app.listen(0, '127.0.0.1');
  return { app, time, store, url: `http://127.0.0.1:${port}`, close: () => app.close() };
}

export const sqliteStore = (path = tempDb()) => new SqliteStore(path);

/**
 * A live drill's whole state. Its master keeps the state trimmed (its history is in the log), so
 * this is the log folded up to the master's seq, as the server builds whole views (TRIM3).
 */
export async function wholeState(server: { app: App }, drillId: string): Promise<DrillState> {
  const master = server.app.registry.peek(drillId);
  if (!master) throw new Error(`drill ${drillId} is not live`);
  return server.app.registry.wholeState(master);
}

export interface Seat {
  role: string;
  seat: string;
  token: string;
}

export async function createDrill(server: { url: string }, body: Record<string, unknown> = {}): Promise<{ drillId: string; hostKey: string; facilitatorToken: string; seats: Seat[]; seat(name: string): Seat }> {
  const res = await fetch(`${server.url}/api/drills`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ scenarioId: 'exfiltration-detected', seed: '7', ...body }) });
  const json = (await res.json()) as { ok: boolean; data: { drillId: string; hostKey: string; facilitatorToken: string; seats: Seat[] }; error?: unknown };
  if (!json.ok) throw new Error(`create failed: ${JSON.stringify(json)}`);
  const seats = json.data.seats;
  return { ...json.data, seat: (name: string) => seats.find((s) => s.seat === name) ?? (() => { throw new Error(`no seat ${name}`); })() };
}

/** A connected client that keeps every entry, welcome, presence and score it receives. */
export class TestClient {
  readonly entries: LogEntry[] = [];
  readonly raw: string[] = [];
  welcome: ConnectionWelcome | null = null;
  /** The seat's view as a real client keeps it: the welcome's, with every patch applied. */
  view: DrillView | null = null;
  patches = 0;
  welcomes = 0;
  scores = 0;
  /** The last live score received, in the welcome or pushed. */
  score: LiveScore | null = null;
  ended: DrillEnded | null = null;
  private keyCounter = 0;

  constructor(readonly socket: ClientSocket, readonly name: string) {
    socket.on('drill:welcomed', (w) => {
      this.welcome = w;
      // As the browser client does: the whole view, or the change since the one it held.
      this.view = viewAfterWelcome(this.view, w);
      this.score = w.score ?? this.score;
      this.welcomes++;
      this.raw.push(JSON.stringify(w));
      for (const e of w.missed) this.add(e);
    });
    const patched = (patch: ViewPatch) => {
      this.patches++;
      if (this.view) this.view = applyViewPatch(this.view, patch);
    };
    socket.on('drill:eventApplied', (e, patch) => {
      this.raw.push(JSON.stringify(e));
      this.add(e);
      if (patch) patched(patch);
    });
    socket.on('drill:viewPatched', patched);
    socket.on('drill:ended', (e) => {
      this.raw.push(JSON.stringify(e));
      this.ended = e;
    });
    socket.on('drill:scoreChanged', (s) => {
      this.raw.push(JSON.stringify(s));
      this.scores++;
      this.score = s;
    });
  }

  /** Keep entries in seq order, dropping duplicates, as a real client does. */
  add(entry: LogEntry): void {
    if (this.entries.some((e) => e.seq === entry.seq)) return;
    this.entries.push(entry);
    this.entries.sort((a, b) => a.seq - b.seq);
  }

  lastSeq(): number {
    return Math.max(this.welcome?.view?.seq ?? -1, this.entries.at(-1)?.seq ?? -1);
  }

  send(command: Command, extra: { expectedSeq?: number; idempotencyKey?: string } = {}): Promise<AckResult<CommandResult>> {
    const idempotencyKey = extra.idempotencyKey ?? `${this.name}-${++this.keyCounter}-${Math.random().toString(36).slice(2)}`;
    const attempt = () =>
      this.socket
        .timeout(10_000)
        .emitWithAck('drill:command', { command, idempotencyKey, ...(extra.expectedSeq !== undefined ? { expectedSeq: extra.expectedSeq } : {}) })
        .catch((e: Error): AckResult<CommandResult> => ({ ok: false, error: { code: 'TIMEOUT', message: e.message } }));
    // As the browser client does (PROTOCOL.md): a command shed with OVERLOADED is sent again with the
    // same key. The server sheds on its event loop's lag, which a busy CI machine can cause in any test.
    return retryWhileOverloaded(attempt, { sleep: (ms) => new Promise((r) => setTimeout(r, ms)), random: Math.random });
  }

  close(): void {
    this.socket.disconnect();
  }
}

export async function join(server: { url: string }, seat: Seat, options: { lastSeq?: number; viewSeq?: number; scoreSeq?: number; protocolVersion?: number; locale?: string } = {}): Promise<TestClient> {
  const socket: ClientSocket = connect(server.url, {
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
    query: { drill: drillOfToken(seat.token) ?? '' },
    auth: { token: seat.token, protocolVersion: options.protocolVersion ?? PROTOCOL_VERSION, ...(options.lastSeq !== undefined ? { lastSeq: options.lastSeq } : {}), ...(options.viewSeq !== undefined ? { viewSeq: options.viewSeq } : {}), ...(options.scoreSeq !== undefined ? { scoreSeq: options.scoreSeq } : {}), ...(options.locale ? { locale: options.locale } : {}) },
  });
  const client = new TestClient(socket, seat.seat);
  await new Promise<void>((resolve, reject) => {
    socket.once('drill:welcomed', () => resolve());
    socket.once('connect_error', (e) => reject(e));
  });
  return client;
}

/** A metric's value as GET /metrics would give it, summed over its series (`name` may end in _count or _sum for a histogram). */
export async function metricValue(app: App, name: string, labels: Record<string, string> = {}): Promise<number> {
  let total = 0;
  for (const metric of await app.metrics.registry.getMetricsAsJSON()) {
    for (const v of metric.values as { value: number; labels: Record<string, string | number>; metricName?: string }[]) {
      if ((v.metricName ?? metric.name) !== name) continue;
      if (Object.entries(labels).every(([k, want]) => String(v.labels[k]) === want)) total += v.value;
    }
  }
  return total;
}

/** Wait until a condition holds, polling the event loop (not the wall clock) with a generous cap. */
export async function until(condition: () => boolean | Promise<boolean>, what: string, maxMs = 10_000): Promise<void> {
  const start = Date.now();
  while (!(await condition())) {
    if (Date.now() - start > maxMs) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

export const take = (action: string, target?: string, detail?: string): Command => ({ type: 'action.take', action, ...(target ? { target } : {}), ...(detail ? { detail } : {}) });

/**
 * Servers and clients for one test file, all closed after each test: `server()` and `client()`
 * start them and remember them.
 */
export function tracked(): {
  server<S extends EventStore = MemoryStore | SqliteStore>(options?: ServerOptions<S>): Promise<TestServer<S>>;
  client(s: TestServer, seat: Parameters<typeof join>[1], options?: Parameters<typeof join>[2]): Promise<TestClient>;
} {
  const servers: TestServer<EventStore>[] = [];
  const clients: TestClient[] = [];
  afterEach(async () => {
    for (const c of clients.splice(0)) c.close();
    // A test may have closed its server itself (restart tests); closing twice is not an error here.
    for (const s of servers.splice(0)) await s.close().catch(() => undefined);
  });
  return {
    async server<S extends EventStore = MemoryStore | SqliteStore>(options: ServerOptions<S> = {}) {
      const s = await startServer<S>(options);
      servers.push(s);
      return s;
    },
    async client(s, seat, options = {}) {
      const c = await join(s, seat, options);
      clients.push(c);
      return c;
    },
  };
}
