import '../../../server/memory-tuning.ts';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createApp } from '../../../server/app.ts';
import type { Logger } from '../../../server/log.ts';
import { SqliteStore } from '../../../server/store/sqlite.ts';

/*
 * The server as benchmarks run it: the real app on a real SQLite file, in its own process so its
 * CPU, memory and event loop can be measured apart from the load generator. It reports over IPC:
 * `ready` with its port, and `stats` whenever asked. Security log lines are counted, not printed.
 */

export interface ServerStats {
  rssMb: number;
  heapUsedMb: number;
  cpuUserMs: number;
  cpuSystemMs: number;
  loopP50Ms: number;
  loopP99Ms: number;
  loopP999Ms: number;
  loopMaxMs: number;
  committedItems: number;
  transactions: number;
  /** Time for a transaction to become durable, from the main thread (postMessage → fsync → reply). */
  commitP50Ms: number;
  commitP99Ms: number;
  commitMaxMs: number;
  /** Submission → durable for each command's items (the queue behind earlier transactions included). */
  commitWaitP99Ms: number;
  /** Command arrival → ack on the server (queue, engine, commit, broadcast). */
  serverAckP50Ms: number;
  serverAckP99Ms: number;
  serverAckMaxMs: number;
  securityEvents: Record<string, number>;
  uptimeMs: number;
}

const securityEvents: Record<string, number> = {};
const log: Logger = {
  info: () => undefined,
  security: (kind) => {
    securityEvents[kind] = (securityEvents[kind] ?? 0) + 1;
  },
};

const db = process.env.TTX_DB ?? ':memory:';
const burst = Number(process.env.TTX_RATE_BURST ?? 30);
const perSecond = Number(process.env.TTX_RATE_PER_SECOND ?? 10);
const app = createApp({ store: new SqliteStore(db), log, rate: { burst, perSecond }, staticDir: null });
await app.registry.boot();
const port = await app.listen(Number(process.env.PORT ?? 0), '127.0.0.1');

const loop = monitorEventLoopDelay({ resolution: 1 });
loop.enable();
let cpuBase = process.cpuUsage();
let started = performance.now();

function stats(): ServerStats {
  const cpu = process.cpuUsage(cpuBase);
  const ms = (ns: number) => Number((ns / 1e6).toFixed(2));
  return {
    rssMb: Math.round(process.memoryUsage().rss / 2 ** 20),
    heapUsedMb: Math.round(process.memoryUsage().heapUsed / 2 ** 20),
    cpuUserMs: Math.round(cpu.user / 1000),
    cpuSystemMs: Math.round(cpu.system / 1000),
    loopP50Ms: ms(loop.percentile(50)),
    loopP99Ms: ms(loop.percentile(99)),
    loopP999Ms: ms(loop.percentile(99.9)),
    loopMaxMs: ms(loop.max),
    committedItems: app.committer.stats.items,
    transactions: app.committer.stats.transactions,
    commitP50Ms: Number((app.committer.latency.percentile(50) / 1000).toFixed(2)),
    commitP99Ms: Number((app.committer.latency.percentile(99) / 1000).toFixed(2)),
    commitMaxMs: Number((app.committer.latency.max / 1000).toFixed(2)),
    commitWaitP99Ms: Number((app.committer.waitLatency.percentile(99) / 1000).toFixed(2)),
    serverAckP50Ms: Number((app.commandLatency.percentile(50) / 1000).toFixed(2)),
    serverAckP99Ms: Number((app.commandLatency.percentile(99) / 1000).toFixed(2)),
    serverAckMaxMs: Number((app.commandLatency.max / 1000).toFixed(2)),
    securityEvents: { ...securityEvents },
    uptimeMs: Math.round(performance.now() - started),
  };
}

process.on('message', (msg: { type: string; id?: number }) => {
  if (msg.type === 'stats') process.send?.({ type: 'stats', id: msg.id, stats: stats() });
  if (msg.type === 'reset') {
    loop.reset();
    cpuBase = process.cpuUsage();
    started = performance.now();
    app.committer.stats.items = 0;
    app.committer.stats.transactions = 0;
    app.committer.latency.reset();
    app.committer.waitLatency.reset();
    app.commandLatency.reset();
    for (const k of Object.keys(securityEvents)) delete securityEvents[k];
    process.send?.({ type: 'reset', id: msg.id });
  }
});
// A clean exit on SIGTERM, so `--cpu-prof` (TTX_BENCH_PROFILE) can write its profile.
process.on('SIGTERM', () => process.exit(0));
process.send?.({ type: 'ready', port });
