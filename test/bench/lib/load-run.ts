import { monitorEventLoopDelay } from 'node:perf_hooks';
import { LoadGenerator, type LoadMetrics } from './load.ts';
import { SplitLoad } from './load-split.ts';
import { percentile } from './results.ts';
import { deploy, type StoreKind } from './deployment.ts';
import type { ServerKind } from './server-process.ts';
import type { Verdict } from './verify.ts';

/*
 * One load run from start to verdict: start the server (one process on SQLite, or nodes on
 * PostgreSQL behind HAProxy: deployment.ts), create the rooms, connect every
 * socket, start the drills, play through a warm-up and then the measured window, stop, and let the
 * database say whether anything acknowledged was lost. The smoke test runs the same code, small.
 */

export interface LoadRunOptions {
  /** A folder for the SQLite file. */
  dir: string;
  /** 'sqlite' (one process, the default) or 'postgres' (`nodes` nodes behind HAProxy). */
  store?: StoreKind;
  nodes?: number;
  rooms: number;
  socketsPerRoom: number;
  durationMs: number;
  warmupMs: number;
  rateMultiplier: number;
  rate: { burst: number; perSecond: number };
  /** Load-generator processes; 1 = in this process. */
  processes?: number;
  /** How clients keep their view (see LoadConfig.viewUpdates); 'patch' unless measuring a client that keeps no view. */
  viewUpdates?: 'patch' | 'sync';
  /** The real server ('app', the default) or the transport floor under it (server-process.ts). */
  server?: ServerKind;
  /** Write a heap snapshot of the server here once the measurement is over (read it with heap-report.ts). */
  heapSnapshot?: string;
  log?: (line: string) => void;
}

export interface LoadRunResult {
  /** null for the floor with no disk (nothing to judge). */
  verdict: Verdict | null;
  figures: Record<string, number | string>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const round = (n: number) => Number(n.toFixed(2));
/** Math.max(...values) overflows the stack past ~100,000 values (a burst run has more acks). */
const maxOf = (values: readonly number[]) => values.reduce((a, b) => Math.max(a, b), 0);

export async function runLoad(o: LoadRunOptions): Promise<LoadRunResult> {
  const log = o.log ?? (() => undefined);
  const kind = o.server ?? 'app';
  const store = o.store ?? 'sqlite';
  const nodes = o.nodes ?? 1;
  if (store === 'postgres') log(`starting PostgreSQL, ${nodes} node(s) and HAProxy`);
  const server = await deploy({ store, nodes, dir: o.dir, rate: o.rate, kind });
  const config = { url: server.url, rooms: o.rooms, socketsPerRoom: o.socketsPerRoom, rateMultiplier: o.rateMultiplier, seed: 'load', viewUpdates: o.viewUpdates ?? 'patch' };
  const processes = o.processes ?? 1;
  const split = processes > 1 ? new SplitLoad(config, processes) : null;
  const local = split ? null : new LoadGenerator(config);
  const load = (split ?? local) as SplitLoad | LoadGenerator;
  const metrics = async (): Promise<LoadMetrics> => (split ? split.metrics() : (local as LoadGenerator).metrics);
  try {
    const step = Math.max(1, Math.floor(o.rooms / 10));
    await load.createRooms((n) => n % step === 0 && log(`rooms created: ${n}/${o.rooms}`));
    const sockets = o.rooms * o.socketsPerRoom;
    await (split ? split.connectAll((n) => log(`sockets connected: ${n}/${sockets}`)) : (local as LoadGenerator).connectAll((n) => log(`sockets connected: ${n}/${sockets}`), 400));
    // Drills start spread over most of the warm-up, and play as soon as they have started.
    log(`starting ${o.rooms} drills over ${Math.round((o.warmupMs * 0.8) / 1000)} s, then warming up`);
    const started = load.startDrills(o.warmupMs * 0.8);
    await load.play();
    await sleep(o.warmupMs);
    await started;
    // The live heap as the measurement starts, so its growth over the window can be given per minute:
    // a drill keeps its history, and a figure taken after 90 s of play says nothing about a long drill.
    // Taken before the reset: the full collection pauses the server, and that pause is not measured.
    const liveHeapStartMb = await server.liveHeapMb();
    await server.reset();
    const loadCpuStart = process.cpuUsage();
    // The generator's own event loop: when it stalls, the latencies it measures include the stall.
    const genLoop = monitorEventLoopDelay({ resolution: 1 });
    genLoop.enable();
    await load.measure(true);
    const seconds = Math.round(o.durationMs / 1000);
    for (let s = 1; s <= seconds; s++) {
      await sleep(1000);
      if (local && (s % 10 === 0 || s === seconds)) log(`measuring: ${s}/${seconds} s, ${local.metrics.commandsAcked} acks, ${local.metrics.injectDeliveries} inject deliveries`);
      else if (s % 10 === 0 || s === seconds) log(`measuring: ${s}/${seconds} s`);
    }
    await load.measure(false);
    genLoop.disable();
    await load.stop();
    const stats = await server.stats();
    const loopDelay = await server.loopDelay();
    const other = server.otherCpuMs();
    const liveHeapMb = await server.liveHeapMb();
    if (o.heapSnapshot) {
      log(`writing the server's heap snapshot to ${o.heapSnapshot}…`);
      await server.heapSnapshot(o.heapSnapshot);
    }
    // Let in-flight commands finish so every ack is known before the database is checked.
    await sleep(2000);
    const loadCpu = process.cpuUsage(loadCpuStart);
    const m = await metrics();
    // With no disk behind it, the floor has no database to judge (and nothing it could lose).
    const verdict = kind === 'floor-nodisk' ? null : await server.verify(m);
    await server.stop('SIGTERM');
    // With split generators, their own CPU and loop figures (the parent only orchestrates).
    const genCpuMs = split ? split.gen.cpuMs : (loadCpu.user + loadCpu.system) / 1000;
    const genLoopP99 = split ? split.gen.loopP99Ms : genLoop.percentile(99) / 1e6;
    const genLoopMax = split ? split.gen.loopMaxMs : genLoop.max / 1e6;
    const figures = {
      server: kind,
      rooms: o.rooms,
      sockets,
      store,
      serverNodes: nodes,
      rate: `${o.rateMultiplier}x`,
      viewUpdates: config.viewUpdates,
      seconds,
      injectP50Ms: round(percentile(m.injectMs, 50)),
      injectP99Ms: round(percentile(m.injectMs, 99)),
      injectMaxMs: round(maxOf(m.injectMs)),
      injectDeliveries: m.injectDeliveries,
      injectDeliveriesExpected: load.expectedDeliveries(),
      ackP50Ms: round(percentile(m.ackMs, 50)),
      ackP99Ms: round(percentile(m.ackMs, 99)),
      ackMaxMs: round(maxOf(m.ackMs)),
      commandsPerSecond: round(m.commandsAcked / (stats.uptimeMs / 1000)),
      eventsCommittedPerSecond: round(stats.committedItems / (stats.uptimeMs / 1000)),
      serverCpuPct: round((100 * (stats.cpuUserMs + stats.cpuSystemMs)) / stats.uptimeMs),
      // With PostgreSQL: its processes and HAProxy's, over the same window (the nodes' is serverCpuPct, summed).
      ...(store === 'postgres' ? { postgresCpuPct: other.postgres === null ? 'n/a' : round((100 * other.postgres) / stats.uptimeMs), proxyCpuPct: other.proxy === null ? 'n/a' : round((100 * other.proxy) / stats.uptimeMs) } : {}),
      // The generator shares the machine: if it is saturated, the latencies it sees include its own lag.
      loadGenProcesses: processes,
      loadGenCpuPct: round((100 * genCpuMs) / stats.uptimeMs),
      loadGenLoopP99Ms: round(genLoopP99),
      loadGenLoopMaxMs: round(genLoopMax),
      serverRssMb: stats.rssMb,
      serverHeapMb: stats.heapUsedMb,
      serverHeapTotalMb: stats.heapTotalMb,
      serverLiveHeapMb: liveHeapMb,
      serverLiveHeapStartMb: liveHeapStartMb,
      serverLiveHeapGrowthMbPerMin: liveHeapMb < 0 || liveHeapStartMb < 0 ? 'n/a' : round((liveHeapMb - liveHeapStartMb) / (stats.uptimeMs / 60_000)),
      serverExternalMb: stats.externalMb,
      transactionsPerSecond: round(stats.transactions / (stats.uptimeMs / 1000)),
      commitP50Ms: stats.commitP50Ms,
      commitP99Ms: stats.commitP99Ms,
      serverAckP50Ms: stats.serverAckP50Ms,
      serverAckP99Ms: stats.serverAckP99Ms,
      commandsShed: stats.commandsShed,
      shedBy: Object.entries(stats.shedBySignal).filter(([, n]) => n > 0).map(([signal, n]) => `${signal}:${n}`).join(' ') || 'none',
      loopP99Ms: stats.loopP99Ms,
      loopMaxMs: stats.loopMaxMs,
      loopDelayP99Ms: loopDelay.p99Ms,
      loopDelayMaxMs: loopDelay.maxMs,
      // Per event the server sends: frames per second across all clients, and their mean size in characters.
      framesPerSecond: round(Object.values(m.frames).reduce((n, f) => n + f.count, 0) / (stats.uptimeMs / 1000)),
      frames: Object.entries(m.frames).sort((a, b) => b[1].count - a[1].count).map(([event, f]) => `${event}:${round(f.count / (stats.uptimeMs / 1000))}/s×${Math.round(f.chars / f.count)}`).join(' ') || 'none',
      disconnects: m.disconnects,
      errors: Object.entries(m.errors).map(([k, v]) => `${k}:${v}`).join(' ') || 'none',
      lostAcked: verdict?.lostAcked ?? 'n/a',
      seqGaps: verdict?.gaps ?? 'n/a',
      duplicates: verdict?.duplicates ?? 'n/a',
    };
    return { verdict, figures };
  } finally {
    await load.close();
    await server.stop('SIGKILL');
  }
}
