import '../../../server/memory-tuning.ts';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { createApp } from '../../../server/app.ts';
import { startPrimary } from '../../../server/cluster/primary.ts';
import { serveHandedConnections, workerShard } from '../../../server/cluster/worker.ts';
import { silentLogger } from '../../../server/log.ts';
import { SqliteStore } from '../../../server/store/sqlite.ts';
import { answerHeapRequests, liveHeapMb } from './heap-ipc.ts';

/*
 * The server as benchmarks run it: the real app on a real SQLite file, in its own process so its
 * CPU, memory and event loop can be measured apart from the load generator. Its figures are read
 * from its GET /metrics; over IPC it says `ready` with its port and answers heap requests
 * (heap-ipc.ts). With TTX_WORKERS > 1 it runs as several processes (server/cluster/): this process
 * is the primary, and answers `metrics` with every worker's /metrics text and its own.
 */

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
    log: silentLogger,
    rate: { burst, perSecond },
    staticDir: null,
    // The load generator creates every room from one address, and starts them after creating them all.
    creationRate: { burst: 1_000_000, everyMs: 1 },
    maxWaitingDrills: 1_000_000,
    ...(shard ? { shard } : {}),
    ...(maxInFlight ? { maxCommandsInFlight: Number(maxInFlight) } : {}),
    ...(saturatedInFlight ? { saturatedCommandsInFlight: Number(saturatedInFlight) } : {}),
  });
  await app.registry.boot();
  const port = shard ? 0 : await app.listen(Number(process.env.PORT ?? 0), '127.0.0.1');

  answerHeapRequests();
  // A clean exit on SIGTERM, so `--cpu-prof` (TTX_BENCH_PROFILE) can write its profile.
  process.on('SIGTERM', () => process.exit(0));
  if (shard) {
    // A worker has no port of its own: its primary collects its /metrics text over IPC.
    process.on('message', (msg: { type: string; id?: number }) => {
      if (msg.type === 'metrics') void app.metrics.exposition().then(({ text }) => process.send?.({ type: 'metrics', id: msg.id, stats: text }));
    });
    serveHandedConnections(app.http);
  } else process.send?.({ type: 'ready', port });
}

async function runPrimary(): Promise<void> {
  const own = new Registry();
  collectDefaultMetrics({ register: own });
  const replies = new Map<number, { left: number; parts: unknown[]; done: (parts: unknown[]) => void }>();
  const primary = await startPrimary({
    workers,
    entry: process.argv[1] ?? '',
    port: Number(process.env.PORT ?? 0),
    host: '127.0.0.1',
    // A worker that dies is restarted by the primary; the bench must still hear of it (fuzz counts crashes).
    onWorkerExit: (index, how) => process.send?.({ type: 'worker-exit', index, how }),
    onMessage: (_index, message) => {
      const m = message as { type: string; id: number; stats?: unknown };
      const waiting = replies.get(m.id);
      if (!waiting) return;
      if (m.stats !== undefined) waiting.parts.push(m.stats);
      if (--waiting.left === 0) {
        replies.delete(m.id);
        waiting.done(waiting.parts);
      }
    },
  });
  let nextId = 0;
  const askAll = (type: string) =>
    new Promise<unknown[]>((done) => {
      const id = ++nextId;
      replies.set(id, { left: workers, parts: [], done });
      for (let i = 0; i < workers; i++) if (!primary.send(i, { type, id })) replies.get(id)!.left--;
      if (replies.get(id)?.left === 0) {
        replies.delete(id);
        done([]);
      }
    });
  process.on('message', (msg: { type: string; id?: number }) => {
    if (msg.type === 'metrics') void askAll('metrics').then(async (texts) => process.send?.({ type: 'metrics', id: msg.id, stats: [...texts, await own.metrics()] }));
    if (msg.type === 'liveHeap') {
      void askAll('liveHeap').then((parts) => {
        const live = parts.reduce<number>((s, p) => s + (p as { liveHeapMb: number }).liveHeapMb, 0);
        process.send?.({ type: 'liveHeap', id: msg.id, stats: { liveHeapMb: live + liveHeapMb() } });
      });
    }
    if (msg.type === 'heapSnapshot') process.send?.({ type: 'heapSnapshot', id: msg.id, stats: { error: 'a heap snapshot is of one process: run the server with --workers 1' } });
  });
  const stop = () => void primary.close().then(() => process.exit(0));
  process.on('SIGTERM', stop);
  // A bench (or test) that dies without stopping its server must not leave it running.
  process.on('disconnect', stop);
  process.send?.({ type: 'ready', port: primary.port });
}
