import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { LoadMetrics } from './load.ts';
import { startProxy, type Proxy } from './haproxy.ts';
import { cpuMsOfTree } from './process-cpu.ts';
import { startServer, type LoopDelay, type ServerKind, type ServerProcess } from './server-process.ts';
import { combineScrapes } from './metrics.ts';
import { statsBetween, type ServerStats } from './server-stats.ts';
import { createDatabase, startPostgres, type ThrowawayPostgres } from './throwaway-postgres.ts';
import { verifyDatabase, verifyPostgres, type Verdict } from './verify.ts';

/*
 * The server as a benchmark or test deploys it: one process on a SQLite file (`npm start`), or N
 * nodes on PostgreSQL behind HAProxy (README "Running on several machines"): a throwaway
 * PostgreSQL server (throwaway-postgres.ts), the nodes, and the proxy with the shipped
 * configuration (haproxy.ts), all on loopback. Clients connect to `url`: the server, or the proxy.
 * Figures are the nodes' added up (CPU, memory, counts, and the histograms percentiles come from).
 */

export type StoreKind = 'sqlite' | 'postgres';

export interface DeploymentOptions {
  store: StoreKind;
  /** Nodes (PostgreSQL only; SQLite is one process). */
  nodes?: number;
  /** Where the SQLite file goes (a folder). */
  dir: string;
  rate?: { burst: number; perSecond: number };
  kind?: ServerKind;
  /** A PostgreSQL server already running to make the database on (tests share one); else one is started. */
  postgresUrl?: string;
  /** Extra PostgreSQL settings for a server started here. */
  postgresSettings?: string[];
}

export interface Deployment {
  store: StoreKind;
  /** Where clients connect. */
  url: string;
  /** The node processes (a killed one stays in place, dead). */
  nodes: ServerProcess[];
  /** The database: a SQLite path, or a PostgreSQL URL. */
  db: string;
  stats(): Promise<ServerStats>;
  liveHeapMb(): Promise<number>;
  /** The worst node's event-loop delay sampled every millisecond since the last reset (bench-ipc.ts). */
  loopDelay(): Promise<LoopDelay>;
  heapSnapshot(path: string): Promise<void>;
  reset(): Promise<void>;
  /** CPU ms since the last reset of PostgreSQL and of HAProxy (null: not measured, e.g. a shared server). */
  otherCpuMs(): { postgres: number | null; proxy: number | null };
  verify(metrics: LoadMetrics): Promise<Verdict>;
  /** Stop everything (nodes with `signal`, then the proxy and a PostgreSQL started here). */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

const alive = (node: ServerProcess) => node.child.exitCode === null && node.child.signalCode === null;

export async function deploy(o: DeploymentOptions): Promise<Deployment> {
  const kind = o.kind ?? 'app';
  if (o.store === 'sqlite') {
    if ((o.nodes ?? 1) !== 1) throw new Error('SQLite is one process: --nodes needs --store postgres');
    const db = join(o.dir, 'load.db');
    const server = await startServer({ db, kind, ...(o.rate ? { rate: o.rate } : {}) });
    return {
      store: 'sqlite',
      url: server.url,
      nodes: [server],
      db,
      stats: () => server.stats(),
      liveHeapMb: () => server.liveHeapMb(),
      loopDelay: () => server.loopDelay(),
      heapSnapshot: (path) => server.heapSnapshot(path),
      reset: () => server.reset(),
      otherCpuMs: () => ({ postgres: null, proxy: null }),
      verify: async (metrics) => verifyDatabase(db, metrics),
      stop: (signal = 'SIGTERM') => server.kill(signal),
    };
  }
  if (kind !== 'app') throw new Error(`--server ${kind} runs on SQLite only`);
  const count = o.nodes ?? 1;
  const postgres: ThrowawayPostgres | null = o.postgresUrl ? null : await startPostgres({ settings: o.postgresSettings ?? [] });
  const nodes: ServerProcess[] = [];
  let proxy: Proxy | null = null;
  const stop = async (signal: NodeJS.Signals = 'SIGTERM') => {
    await Promise.all(nodes.map((n) => n.kill(signal)));
    await proxy?.stop();
    await postgres?.stop();
  };
  try {
    const db = await createDatabase(o.postgresUrl ?? postgres!.url, `ttx_${randomBytes(4).toString('hex')}`);
    // One at a time: the first creates the schema (the others would wait for its lock anyway).
    for (let i = 0; i < count; i++) nodes.push(await startServer({ db, kind, nodeName: `node${i + 1}`, ...(o.rate ? { rate: o.rate } : {}) }));
    proxy = await startProxy(nodes.map((n) => `127.0.0.1:${n.port}`));
    const up = () => nodes.filter(alive);
    const proxyPid = proxy.child.pid ?? 0;
    const cpu = () => ({ postgres: postgres ? cpuMsOfTree(postgres.pid()) : null, proxy: cpuMsOfTree(proxyPid) });
    let cpuBase = cpu();
    return {
      store: 'postgres',
      url: proxy.url,
      nodes,
      db,
      stats: () => combined(up()),
      liveHeapMb: async () => (await Promise.all(up().map((n) => n.liveHeapMb()))).reduce((a, b) => a + b, 0),
      loopDelay: async () => {
        const all = await Promise.all(up().map((n) => n.loopDelay()));
        return { p99Ms: Math.max(0, ...all.map((d) => d.p99Ms)), maxMs: Math.max(0, ...all.map((d) => d.maxMs)) };
      },
      heapSnapshot: async (path) => {
        if (count !== 1) throw new Error('a heap snapshot is of one process: run with --nodes 1');
        await nodes[0]!.heapSnapshot(path);
      },
      reset: async () => {
        await Promise.all(up().map((n) => n.reset()));
        cpuBase = cpu();
      },
      otherCpuMs: () => {
        const now = cpu();
        const since = (a: number | null, b: number | null) => (a === null || b === null ? null : a - b);
        return { postgres: since(now.postgres, cpuBase.postgres), proxy: since(now.proxy, cpuBase.proxy) };
      },
      verify: (metrics) => verifyPostgres(db, metrics),
      stop,
    };
  } catch (error) {
    await stop('SIGKILL');
    throw error;
  }
}

/**
 * The nodes' figures as one server's: their scrapes added up (CPU, memory, counts and histogram
 * buckets, so a percentile is over every node's observations), the longest loop delay the worst.
 */
async function combined(nodes: ServerProcess[]): Promise<ServerStats> {
  if (nodes.length === 1) return nodes[0]!.stats();
  const windows = await Promise.all(nodes.map((n) => n.window()));
  const worst = (series: string) => series.startsWith('nodejs_eventloop_lag');
  const now = combineScrapes(windows.map((w) => w.now), worst);
  const base = combineScrapes(windows.map((w) => w.base), worst);
  return statsBetween(now, base, Math.max(...windows.map((w) => w.elapsedMs)));
}
