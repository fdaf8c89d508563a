import { fork, type ChildProcess } from 'node:child_process';
import { buildBenchServer } from './build-bench.ts';
import { parseMetrics, type Samples } from './metrics.ts';
import { statsBetween, type ServerStats } from './server-stats.ts';

/*
 * Start the benchmark server in a child process, read its figures from its /metrics, kill it
 * (SIGKILL for the chaos bench) and start it again on the same database.
 */

/**
 * The benchmark server runs as deployed: bundled to plain JavaScript (dist/bench), with no TypeScript
 * loader. It is built once per process; under vitest, the server project's global setup builds it
 * before any test file runs (parallel files would otherwise write it at the same time) and says so
 * with TTX_BENCH_SERVER.
 */
const built = new Map<'bench' | 'floor', Promise<string>>();
function benchServerEntry(kind: ServerKind): Promise<string> {
  if (kind === 'app' && process.env.TTX_BENCH_SERVER) return Promise.resolve(process.env.TTX_BENCH_SERVER);
  const target = kind === 'app' ? 'bench' : 'floor';
  if (!built.has(target)) built.set(target, buildBenchServer(target));
  return built.get(target)!;
}

/**
 * 'app' is the real server. 'floor' is the transport floor (floor-server.ts): the same sockets,
 * message sizes and group-committed SQLite writes with no game behind them; 'floor-nodisk' skips the
 * disk too. The load bench runs against them to show what part of a latency is the server's own.
 */
export type ServerKind = 'app' | 'floor' | 'floor-nodisk';

export interface ServerProcess {
  child: ChildProcess;
  port: number;
  url: string;
  /** The server's figures since the last reset() (or since it started). */
  stats(): Promise<ServerStats>;
  /** Its /metrics now and at the last reset(), and the time between (figures over several nodes: deployment.ts). */
  window(): Promise<MetricsWindow>;
  /** The live JS heap after a full collection (pauses the server: ask after measuring). */
  liveHeapMb(): Promise<number>;
  /** Write a V8 heap snapshot of the server to `path` (pauses it for seconds: ask after measuring). */
  heapSnapshot(path: string): Promise<void>;
  /** Its event loop's delay sampled every millisecond since the last reset() (bench-ipc.ts): the 99th percentile and the longest. */
  loopDelay(): Promise<LoopDelay>;
  /** Start measuring now (after the warm-up). */
  reset(): Promise<void>;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

export interface LoopDelay {
  p99Ms: number;
  maxMs: number;
}

export interface MetricsWindow {
  now: Samples;
  base: Samples;
  elapsedMs: number;
}

export interface ServerOptions {
  /** A SQLite file, or a postgres:// URL (the server is then one node of several: nodes.ts). */
  db: string;
  rate?: { burst: number; perSecond: number };
  port?: number;
  /** The node's name in PostgreSQL's lease table. */
  nodeName?: string;
  /** Which server to start (default 'app'). */
  kind?: ServerKind;
}

export async function startServer(options: ServerOptions): Promise<ServerProcess> {
  const kind = options.kind ?? 'app';
  const child = fork(await benchServerEntry(kind), [], {
    // TTX_BENCH_PROFILE=dir writes a CPU profile of the server there (open it in Chrome DevTools).
    // TTX_BENCH_NODE_FLAGS adds V8/Node flags to the server only (e.g. --trace-gc).
    execArgv: [
      // For ServerProcess.liveHeapMb(): a full collection on request, after the measurement.
      '--expose-gc',
      ...(process.env.TTX_BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.TTX_BENCH_PROFILE}`] : []),
      ...(process.env.TTX_BENCH_NODE_FLAGS ?? '').split(' ').filter(Boolean),
    ],
    env: {
      ...process.env,
      TTX_DB: options.db,
      PORT: String(options.port ?? 0),
      TTX_RATE_BURST: String(options.rate?.burst ?? 30),
      TTX_RATE_PER_SECOND: String(options.rate?.perSecond ?? 10),
      ...(options.nodeName ? { TTX_NODE_NAME: options.nodeName } : {}),
      TTX_FLOOR_STORE: kind === 'floor-nodisk' ? 'none' : 'sqlite',
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let nextId = 0;
  const ask = <T>(type: string, extra: Record<string, unknown> = {}): Promise<T> =>
    new Promise((resolve, reject) => {
      const id = ++nextId;
      const onMessage = (msg: { type: string; id?: number; stats?: unknown }) => {
        if (msg.id !== id) return;
        child.off('message', onMessage);
        resolve((msg.stats ?? undefined) as T);
      };
      child.on('message', onMessage);
      // With a callback, a closed channel (the server has died) rejects here instead of being
      // emitted as an 'error' the bench does not handle.
      child.send({ type, id, ...extra }, (error) => {
        if (!error) return;
        child.off('message', onMessage);
        reject(new Error(`server process is gone (${error.message})`));
      });
    });
  /** One scrape of the server's /metrics. */
  const scrape = async (url: string): Promise<Samples> => parseMetrics(await (await fetch(`${url}/metrics`)).text());
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`benchmark server exited before it was ready (code ${code})`));
    child.once('exit', onExit);
    child.once('message', (msg: { type: string; port: number }) => {
      if (msg.type !== 'ready') return;
      child.off('exit', onExit);
      const url = `http://127.0.0.1:${msg.port}`;
      let base: Samples = new Map();
      let baseAt = performance.now();
      resolve({
        child,
        port: msg.port,
        url,
        stats: async () => statsBetween(await scrape(url), base, performance.now() - baseAt),
        window: async () => ({ now: await scrape(url), base, elapsedMs: performance.now() - baseAt }),
        liveHeapMb: () => ask<{ liveHeapMb: number }>('liveHeap').then((r) => r.liveHeapMb),
        heapSnapshot: (path) => ask<{ error?: string }>('heapSnapshot', { path }).then((r) => {
          if (r?.error) throw new Error(r.error);
        }),
        loopDelay: () => ask<LoopDelay>('loopDelay'),
        reset: async () => {
          await ask('loopDelayReset');
          base = await scrape(url);
          baseAt = performance.now();
        },
        kill: (signal = 'SIGTERM') =>
          new Promise((done) => {
            if (child.exitCode !== null || child.signalCode !== null) return done();
            child.once('exit', () => done());
            child.kill(signal);
          }),
      });
    });
  });
}
