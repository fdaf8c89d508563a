import { createServer, type Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import { systemClock, systemScheduler, type Clock, type Scheduler } from './clock.ts';
import { GroupCommitter } from './drills/committer.ts';
import { SoleLeases, type DrillLeases } from './drills/lease.ts';
import { DrillRegistry } from './drills/registry.ts';
import { committedStorage } from './drills/storage.ts';
import type { DrillMaster } from '../shared/master/index.ts';
import { WaitingDrills } from './drills/waiting-drills.ts';
import type { LogEntry } from '../shared/engine/types.ts';
import type { CreationRate } from './http/drill-creation.ts';
import { PublicOrigin } from './http/public-origin.ts';
import { createHttpHandler } from './http/routes.ts';
import { BundledScenarios } from './http/scenarios.ts';
import { createLogger, type Logger } from './log.ts';
import { ServerMetrics } from './metrics.ts';
import { Hub, type TtxServer, type TtxSocket } from './socket/hub.ts';
import { installSocketHandlers } from './socket/handlers.ts';
import { releaseUpgradeRequest } from './socket/release-upgrade-request.ts';
import { InFlightLimit, LagMonitor } from './socket/overload.ts';
import { textOnlyParser } from './socket/text-parser.ts';
import { InlineScoring } from './socket/inline-scoring.ts';
import { ScoringThread } from './socket/scoring-thread.ts';
import type { EventStore } from './store/types.ts';
import { WriteHealth } from './store/write-health.ts';
import type { ValidatedScenarios } from './drills/validated-scenarios.ts';

/** Pending connections the kernel may queue for us (see listen() below). */
export const LISTEN_BACKLOG = 4096;

/**
 * Commands accepted and not yet answered, server-wide, past which new ones are shed with OVERLOADED:
 * by Little's law this bounds the wait of what is accepted (ARCHITECTURE.md SHED1–9; figures in
 * test/bench/RESULTS.md).
 */
export const MAX_COMMANDS_IN_FLIGHT = 256;

/** The tighter cap while saturated (InFlightLimit): it holds a flood's latency down without shedding a normal load. */
export const SATURATED_COMMANDS_IN_FLIGHT = 32;

export interface AppOptions {
  store: EventStore;
  clock?: Clock;
  scheduler?: Scheduler;
  log?: Logger;
  /** Built client to serve; null in development (vite serves it). */
  staticDir?: string | null;
  /** The URL browsers reach this server at (TTX_PUBLIC_URL); its origin is the only one trusted. Absent: the listening address. */
  publicUrl?: string | null;
  /** Further origins trusted besides the public one (the vite dev server in development). */
  devOrigins?: string[];
  /** TTX_ORGANISER_KEY: when set, creating a drill needs it. */
  organiserKey?: string | null;
  /** When set, `GET /metrics` needs it as a bearer token. */
  metricsToken?: string | null;
  /** Drills one address may create: a burst, then one every `everyMs` (server/http/drill-creation.ts). */
  creationRate?: CreationRate;
  /** Drills held in memory that have not started, past which creation is refused (server/drills/waiting-drills.ts). */
  maxWaitingDrills?: number;
  rate?: { burst: number; perSecond: number };
  /** Shed commands with OVERLOADED when the event loop lags this much (ms); 0 turns this signal off. */
  shedLagMs?: number;
  /**
   * Shed commands with OVERLOADED while this many accepted commands are not yet answered, server-wide
   * (default MAX_COMMANDS_IN_FLIGHT; 0 for no limit).
   */
  maxCommandsInFlight?: number;
  /** The cap while saturated (default SATURATED_COMMANDS_IN_FLIGHT; 0 keeps maxCommandsInFlight throughout). */
  saturatedCommandsInFlight?: number;
  /**
   * Which drills this process runs: absent, all of them (one process); with several nodes on one
   * PostgreSQL database, those whose lease it holds (server/store/postgres-leases.ts).
   */
  leases?: DrillLeases;
  /**
   * Where live scores are computed: 'thread', on a thread of their own (what `npm start` runs), or
   * 'inline', on the main thread (the default: tests drive it with a manual clock and read scores at once).
   */
  scoring?: 'thread' | 'inline';
  /** Scenarios `npm run build` validated, compiled on boot without parsing them again (server/drills/validated-scenarios.ts). */
  validatedScenarios?: ValidatedScenarios;
}

export interface App {
  http: HttpServer;
  io: TtxServer;
  registry: DrillRegistry;
  committer: GroupCommitter;
  /** The bundled scenarios, loaded on first use; drills of them share these compiled scenarios. */
  bundled: BundledScenarios;
  /** What GET /metrics serves. */
  metrics: ServerMetrics;
  /** Where browsers reach the server (TTX_PUBLIC_URL, or the listening address once listening). */
  origin: PublicOrigin;
  listen(port: number, host?: string): Promise<number>;
  close(): Promise<void>;
}

function countBy<T>(items: Iterable<T>, key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

export function createApp(options: AppOptions): App {
  const clock = options.clock ?? systemClock;
  const scheduler = options.scheduler ?? systemScheduler;
  const store = options.store;
  // The gauges read the registry and the socket server, both made below.
  let registryRef: DrillRegistry | null = null;
  let ioRef: TtxServer | null = null;
  const metrics = new ServerMetrics({
    drills: () => countBy(registryRef?.live() ?? [], (master) => master.state.lifecycle),
    seats: () => ioRef?.of('/').sockets.size ?? 0,
  });
  const health = new WriteHealth(() => store.probeWrite(clock.now()), scheduler);
  const committer = new GroupCommitter(store, {
    committed: (items, seconds) => {
      metrics.commitObserver.committed(items, seconds);
      health.committed();
    },
    failed: (error) => {
      metrics.commitObserver.failed();
      health.failed(error);
    },
  });
  const baseLog = options.log ?? createLogger();
  const log: Logger = {
    ...baseLog,
    security: (kind, details) => {
      metrics.security.inc({ kind });
      baseLog.security(kind, details);
    },
  };
  const scoring = options.scoring === 'thread' ? new ScoringThread((problem) => log.error(problem, undefined), { logFile: store.logFile }) : new InlineScoring();
  const hub = new Hub(store, clock, scheduler, log, scoring);
  const leases = options.leases ?? new SoleLeases();
  // A drill made live has its live score primed from its log, and, if it has ended, is let go of
  // again unless a seat connects (the handshake that rebuilt it may never complete). A drill whose
  // lease moved to another node is let go of here, its connections closed so they go there.
  const onLive = (master: DrillMaster, entries: readonly LogEntry[]) => {
    hub.scores.prime(master.id, master.compiled, entries);
    hub.forgetWhenIdle(master.id);
  };
  const storage = committedStorage(store, committer);
  const registry = new DrillRegistry(
    { store, storage, outbox: hub, clock, scheduler, logger: { error: (message) => log.error(message, undefined) }, ...(options.validatedScenarios ? { validated: options.validatedScenarios } : {}) },
    { onLive, onLetGo: (drillId) => hub.letGo(drillId) },
    leases,
  );
  hub.registry = registry;
  registryRef = registry;
  const origin = new PublicOrigin(options.publicUrl ?? null, options.devOrigins ?? []);
  const bundled = new BundledScenarios(registry);
  const waiting = new WaitingDrills({
    ...(options.maxWaitingDrills ? { max: options.maxWaitingDrills } : {}),
    clock,
    scheduler,
    waiting: () => registry.live().flatMap((master) => (master.state.lifecycle === 'briefing' ? [master.id] : [])),
    connected: () => new Set([...(ioRef?.of('/').sockets.values() ?? [])].map((socket) => socket.data.drillId)),
    evict: (drillId) => {
      if (!registry.evict(drillId)) return false;
      hub.scores.forget(drillId);
      store.forget?.(drillId);
      return true;
    },
  });
  const handler = createHttpHandler({ store, registry, bundled, log, metrics, health, staticDir: options.staticDir ?? null, origin, organiserKey: options.organiserKey ?? null, metricsToken: options.metricsToken ?? null, waiting, ...(options.creationRate ? { creationRate: options.creationRate } : {}), now: () => clock.now() });
  const http = createServer((req, res) => void handler(req, res));
  const io: TtxServer = new Server(http, {
    maxHttpBufferSize: 64 * 1024,
    parser: textOnlyParser,
    transports: ['websocket', 'polling'],
    allowRequest: (req, callback) => {
      const ok = origin.allows(req);
      if (!ok) log.security('bad-origin', { origin: String(req.headers.origin).slice(0, 80) });
      callback(ok ? null : 'origin not allowed', ok);
    },
  });
  hub.io = io;
  ioRef = io;
  // A waiting drill is idle while nobody is connected to it (one listener shared by every socket).
  function seenAgain(this: TtxSocket): void {
    waiting.seen(this.data.drillId);
  }
  io.on('connection', (socket) => {
    waiting.seen(socket.data.drillId);
    socket.on('disconnect', seenAgain);
  });
  // The HTTP request that opened each connection is not needed once the handshake is built (the
  // seat comes from the auth payload); dropping it saves a few KB per socket (socket.io's advice),
  // once engine.io's own hold on it is released too (release-upgrade-request.ts).
  io.engine.on('connection', (raw: Parameters<typeof releaseUpgradeRequest>[0] & { request: unknown; once(event: 'upgrade', f: () => void): void }) => {
    raw.request = null;
    if (!releaseUpgradeRequest(raw)) raw.once('upgrade', () => releaseUpgradeRequest(raw));
  });
  const shedLagMs = options.shedLagMs ?? 150;
  const lag = new LagMonitor(shedLagMs > 0 ? shedLagMs : 150, 50, (ms) => metrics.loopLag.observe(ms / 1000));
  const maxInFlight = options.maxCommandsInFlight ?? MAX_COMMANDS_IN_FLIGHT;
  const saturatedInFlight = Math.min(maxInFlight, options.saturatedCommandsInFlight ?? SATURATED_COMMANDS_IN_FLIGHT);
  installSocketHandlers({ io, store, registry, hub, clock, log, rate: options.rate ?? { burst: 30, perSecond: 10 }, metrics, ...(shedLagMs > 0 ? { overload: lag } : {}), ...(maxInFlight > 0 ? { inFlight: new InFlightLimit(maxInFlight, { saturated: saturatedInFlight }) } : {}) });

  return {
    http,
    io,
    registry,
    committer,
    bundled,
    metrics,
    origin,
    listen(port, host = '0.0.0.0') {
      return new Promise((resolve) => {
        // After a restart every client reconnects at once; a connection the kernel drops waits for
        // TCP's SYN retries (1 s, 2 s, 4 s). 4,096 is Linux's default ceiling (net.core.somaxconn).
        http.listen({ port, host, backlog: LISTEN_BACKLOG }, () => {
          const address = http.address();
          const bound = typeof address === 'object' && address ? address.port : port;
          origin.listening(host, bound);
          resolve(bound);
        });
      });
    },
    async close() {
      registry.close();
      waiting.close();
      health.close();
      hub.scores.close();
      lag.close();
      await new Promise<void>((resolve) => io.close(() => resolve()));
      // Leases go back before the store closes, so other nodes take this node's drills at once.
      await leases.close();
      await store.close();
    },
  };
}
