import { createHistogram, type RecordableHistogram } from 'node:perf_hooks';
import { createServer, type IncomingMessage, type Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import { systemClock, systemScheduler, type Clock, type Scheduler } from './clock.ts';
import { GroupCommitter } from './drills/committer.ts';
import { SoleLeases, type DrillLeases } from './drills/lease.ts';
import { DrillRegistry } from './drills/registry.ts';
import type { DrillRoom } from './drills/room.ts';
import type { LogEntry } from '../shared/engine/types.ts';
import { createHttpHandler } from './http/routes.ts';
import { BundledScenarios } from './http/scenarios.ts';
import { consoleLogger, type Logger } from './log.ts';
import { Hub, type TtxServer } from './socket/hub.ts';
import { installSocketHandlers } from './socket/handlers.ts';
import { releaseUpgradeRequest } from './socket/release-upgrade-request.ts';
import { InFlightLimit, LagMonitor } from './socket/overload.ts';
import type { EventStore } from './store/types.ts';

/** Pending connections the kernel may queue for us (see listen() below). */
export const LISTEN_BACKLOG = 4096;

/**
 * Commands accepted and not yet answered, server-wide, past which new ones are shed with OVERLOADED.
 * By Little's law the commands in flight are the throughput times the latency, so a cap bounds the
 * latency of what is accepted when more arrives than the machine can do; the event loop's lag alone
 * let in every command that arrived in a turn, and at the burst rate they queued behind the disk and
 * each other (ack p99 1.5–1.7 s). 60-s runs at 1,000 × 8 on two cores (test/bench/README.md,
 * session 8): with 256, burst ack p99 0.53 s at 2,083 commands/s and nothing shed at the normal
 * pace; with 128, 0.46 s at 1,598/s, but a commit stall then shed 127 commands at the normal pace
 * and 2,819 at 2,000 × 6 (838 with 256).
 */
export const MAX_COMMANDS_IN_FLIGHT = 256;

/**
 * The tighter cap while the server is saturated: from the moment the normal cap is reached until a
 * window passes in which fewer commands were shed than taken (InFlightLimit, SATURATION_WINDOW_MS).
 * 60-s burst runs at 1,000 × 8, alternating (test/bench/README.md, session 11): ack p99 261 and
 * 316 ms, against 970 ms with the cap fixed at 256. As a fixed cap, 32 shed 8 % of a normal load.
 */
export const SATURATED_COMMANDS_IN_FLIGHT = 32;

export interface AppOptions {
  store: EventStore;
  clock?: Clock;
  scheduler?: Scheduler;
  log?: Logger;
  /** Built client to serve; null in development (vite serves it). */
  staticDir?: string | null;
  /** Extra allowed origins besides the server's own. */
  allowedOrigins?: string[];
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
}

export interface App {
  http: HttpServer;
  io: TtxServer;
  registry: DrillRegistry;
  committer: GroupCommitter;
  /** The bundled scenarios, loaded on first use; drills of them share these compiled scenarios. */
  bundled: BundledScenarios;
  /** Server-side time from a command's arrival to its ack (µs), for benchmarks and monitoring. */
  commandLatency: RecordableHistogram;
  listen(port: number, host?: string): Promise<number>;
  close(): Promise<void>;
}

/** Same-origin by default: the Origin header's host must be this server's host, or be allowlisted. */
function originChecker(allowed: string[]) {
  return (req: IncomingMessage): boolean => {
    const origin = req.headers.origin;
    if (!origin) return true; // non-browser clients (bots, curl) send none
    if (allowed.includes(origin)) return true;
    try {
      return new URL(origin).host === req.headers.host;
    } catch {
      return false;
    }
  };
}

export function createApp(options: AppOptions): App {
  const clock = options.clock ?? systemClock;
  const scheduler = options.scheduler ?? systemScheduler;
  const log = options.log ?? consoleLogger;
  const store = options.store;
  const hub = new Hub(store, clock, scheduler);
  const committer = new GroupCommitter(store);
  const leases = options.leases ?? new SoleLeases();
  // A drill made live has its live score primed from its log, and, if it has ended, is let go of
  // again unless a seat connects (the handshake that rebuilt it may never complete). A drill whose
  // lease moved to another node is let go of here, its connections closed so they go there.
  const onLive = (room: DrillRoom, entries: readonly LogEntry[]) => {
    hub.scores.prime(room.id, room.compiled, entries);
    hub.forgetWhenIdle(room.id);
  };
  const registry = new DrillRegistry({ store, committer, clock, scheduler, output: hub }, { onLive, onLetGo: (drillId) => hub.letGo(drillId) }, leases);
  hub.registry = registry;
  const isAllowedOrigin = originChecker(options.allowedOrigins ?? []);
  const bundled = new BundledScenarios(registry);
  const handler = createHttpHandler({ store, registry, bundled, log, staticDir: options.staticDir ?? null, isAllowedOrigin });
  const http = createServer((req, res) => void handler(req, res));
  const io: TtxServer = new Server(http, {
    maxHttpBufferSize: 64 * 1024,
    transports: ['websocket', 'polling'],
    allowRequest: (req, callback) => {
      const ok = isAllowedOrigin(req);
      if (!ok) log.security('bad-origin', { origin: String(req.headers.origin).slice(0, 80) });
      callback(ok ? null : 'origin not allowed', ok);
    },
  });
  hub.io = io;
  // The HTTP request that opened each connection is not needed once the handshake is built (the
  // seat comes from the auth payload); dropping it saves a few KB per socket (socket.io's advice),
  // once engine.io's own hold on it is released too (release-upgrade-request.ts).
  io.engine.on('connection', (raw: Parameters<typeof releaseUpgradeRequest>[0] & { request: unknown; once(event: 'upgrade', f: () => void): void }) => {
    raw.request = null;
    if (!releaseUpgradeRequest(raw)) raw.once('upgrade', () => releaseUpgradeRequest(raw));
  });
  const lag = (options.shedLagMs ?? 150) > 0 ? new LagMonitor(options.shedLagMs ?? 150) : null;
  const maxInFlight = options.maxCommandsInFlight ?? MAX_COMMANDS_IN_FLIGHT;
  const saturatedInFlight = Math.min(maxInFlight, options.saturatedCommandsInFlight ?? SATURATED_COMMANDS_IN_FLIGHT);
  const commandLatency = createHistogram();
  installSocketHandlers({ io, store, registry, hub, clock, log, rate: options.rate ?? { burst: 30, perSecond: 10 }, commandLatency, ...(lag ? { overload: lag } : {}), ...(maxInFlight > 0 ? { inFlight: new InFlightLimit(maxInFlight, { saturated: saturatedInFlight }) } : {}) });

  return {
    http,
    io,
    registry,
    committer,
    bundled,
    commandLatency,
    listen(port, host = '0.0.0.0') {
      return new Promise((resolve) => {
        // After a restart every client reconnects at once. With Node's default accept queue (511)
        // the kernel dropped connection attempts by the thousand (ListenDrops), and each dropped
        // client waited for TCP's 1 s, 2 s, 4 s SYN retries while the server sat partly idle.
        // 4,096 is Linux's default ceiling (net.core.somaxconn).
        http.listen({ port, host, backlog: LISTEN_BACKLOG }, () => {
          const address = http.address();
          resolve(typeof address === 'object' && address ? address.port : port);
        });
      });
    },
    async close() {
      registry.close();
      hub.scores.close();
      lag?.close();
      await new Promise<void>((resolve) => io.close(() => resolve()));
      // Leases go back before the store closes, so other nodes take this node's drills at once.
      await leases.close();
      await store.close();
    },
  };
}
