import '../../../server/memory-tuning.ts';
import { createApp } from '../../../server/app.ts';
import { startPrimary } from '../../../server/cluster/primary.ts';
import { serveHandedConnections, workerShard } from '../../../server/cluster/worker.ts';
import type { Logger } from '../../../server/log.ts';
import { SqliteStore } from '../../../server/store/sqlite.ts';
import { liveHeapMb, reportStatsOverIpc, type ServerStats } from './stats-reporter.ts';

/*
 * The server as benchmarks run it: the real app on a real SQLite file, in its own process so its
 * CPU, memory and event loop can be measured apart from the load generator. It reports over IPC:
 * `ready` with its port, and `stats` whenever asked. Security log lines are counted, not printed.
 * With TTX_WORKERS > 1 it runs as deployed on several cores (server/cluster/): this process is the
 * primary, and its stats add up the workers' (CPU, memory, counts) with the primary's own CPU and
 * memory; a percentile is the highest of the workers' (they are not mergeable across processes).
 */


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
const shard = workerShard();
const workers = Number(process.env.TTX_WORKERS ?? 1);

if (!shard && workers > 1) await runPrimary();
else await runServer();

async function runServer(): Promise<void> {
  // TTX_BENCH_MAX_IN_FLIGHT tries another cap on commands in flight (0: none); rows record it.
  // TTX_BENCH_SATURATED_IN_FLIGHT the cap while saturated (0: keep the first cap throughout).
  const maxInFlight = process.env.TTX_BENCH_MAX_IN_FLIGHT;
  const saturatedInFlight = process.env.TTX_BENCH_SATURATED_IN_FLIGHT;
  const app = createApp({
    store: new SqliteStore(db),
    log,
    rate: { burst, perSecond },
    staticDir: null,
    ...(shard ? { shard } : {}),
    ...(maxInFlight ? { maxCommandsInFlight: Number(maxInFlight) } : {}),
    ...(saturatedInFlight ? { saturatedCommandsInFlight: Number(saturatedInFlight) } : {}),
  });
  await app.registry.boot();
  const port = shard ? 0 : await app.listen(Number(process.env.PORT ?? 0), '127.0.0.1');

  reportStatsOverIpc({ committer: app.committer, commandLatency: app.commandLatency, securityEvents });
  // A clean exit on SIGTERM, so `--cpu-prof` (TTX_BENCH_PROFILE) can write its profile.
  process.on('SIGTERM', () => process.exit(0));
  if (shard) serveHandedConnections(app.http);
  else process.send?.({ type: 'ready', port });
}

/** Sum what adds up across processes; take the worst of what does not (percentiles, maxima). */
function combine(parts: ServerStats[], own: { rssMb: number; cpuUserMs: number; cpuSystemMs: number }): ServerStats {
  const sum = (k: keyof ServerStats) => parts.reduce((s, p) => s + (p[k] as number), 0);
  const max = (k: keyof ServerStats) => Math.max(0, ...parts.map((p) => p[k] as number));
  const securityEvents: Record<string, number> = {};
  for (const p of parts) for (const [k, v] of Object.entries(p.securityEvents)) securityEvents[k] = (securityEvents[k] ?? 0) + v;
  return {
    rssMb: sum('rssMb') + own.rssMb,
    heapUsedMb: sum('heapUsedMb'),
    heapTotalMb: sum('heapTotalMb'),
    externalMb: sum('externalMb'),
    cpuUserMs: sum('cpuUserMs') + own.cpuUserMs,
    cpuSystemMs: sum('cpuSystemMs') + own.cpuSystemMs,
    loopP50Ms: max('loopP50Ms'),
    loopP99Ms: max('loopP99Ms'),
    loopP999Ms: max('loopP999Ms'),
    loopMaxMs: max('loopMaxMs'),
    committedItems: sum('committedItems'),
    transactions: sum('transactions'),
    commitP50Ms: max('commitP50Ms'),
    commitP99Ms: max('commitP99Ms'),
    commitMaxMs: max('commitMaxMs'),
    commitWaitP99Ms: max('commitWaitP99Ms'),
    serverAckP50Ms: max('serverAckP50Ms'),
    serverAckP99Ms: max('serverAckP99Ms'),
    serverAckMaxMs: max('serverAckMaxMs'),
    securityEvents,
    uptimeMs: max('uptimeMs'),
  };
}

async function runPrimary(): Promise<void> {
  const replies = new Map<number, { left: number; parts: ServerStats[]; done: (parts: ServerStats[]) => void }>();
  const primary = await startPrimary({
    workers,
    entry: process.argv[1] ?? '',
    port: Number(process.env.PORT ?? 0),
    host: '127.0.0.1',
    // A worker that dies is restarted by the primary; the bench must still hear of it (fuzz counts crashes).
    onWorkerExit: (index, how) => process.send?.({ type: 'worker-exit', index, how }),
    onMessage: (_index, message) => {
      const m = message as { type: string; id: number; stats?: ServerStats };
      const waiting = replies.get(m.id);
      if (!waiting) return;
      if (m.stats) waiting.parts.push(m.stats);
      if (--waiting.left === 0) {
        replies.delete(m.id);
        waiting.done(waiting.parts);
      }
    },
  });
  let nextId = 0;
  const askAll = (type: string) =>
    new Promise<ServerStats[]>((done) => {
      const id = ++nextId;
      replies.set(id, { left: workers, parts: [], done });
      for (let i = 0; i < workers; i++) if (!primary.send(i, { type, id })) replies.get(id)!.left--;
      if (replies.get(id)?.left === 0) {
        replies.delete(id);
        done([]);
      }
    });
  let cpuBase = process.cpuUsage();
  process.on('message', (msg: { type: string; id?: number }) => {
    if (msg.type === 'stats') {
      void askAll('stats').then((parts) => {
        const cpu = process.cpuUsage(cpuBase);
        const own = { rssMb: Math.round(process.memoryUsage().rss / 2 ** 20), cpuUserMs: Math.round(cpu.user / 1000), cpuSystemMs: Math.round(cpu.system / 1000) };
        process.send?.({ type: 'stats', id: msg.id, stats: combine(parts, own) });
      });
    }
    if (msg.type === 'liveHeap') {
      void askAll('liveHeap').then((parts) => {
        const live = parts.reduce((s, p) => s + (p as unknown as { liveHeapMb: number }).liveHeapMb, 0);
        process.send?.({ type: 'liveHeap', id: msg.id, stats: { liveHeapMb: live + liveHeapMb() } });
      });
    }
    if (msg.type === 'heapSnapshot') process.send?.({ type: 'heapSnapshot', id: msg.id, stats: { error: 'a heap snapshot is of one process: run the server with --workers 1' } });
    if (msg.type === 'reset') {
      cpuBase = process.cpuUsage();
      void askAll('reset').then(() => process.send?.({ type: 'reset', id: msg.id }));
    }
  });
  const stop = () => void primary.close().then(() => process.exit(0));
  process.on('SIGTERM', stop);
  // A bench (or test) that dies without stopping its server must not leave it running.
  process.on('disconnect', stop);
  process.send?.({ type: 'ready', port: primary.port });
}
