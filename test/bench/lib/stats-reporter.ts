import { monitorEventLoopDelay, type RecordableHistogram } from 'node:perf_hooks';
import { writeHeapSnapshot } from 'node:v8';
import type { GroupCommitter } from '../../../server/drills/committer.ts';

/*
 * What a benchmark server process reports to the bench that started it, over IPC: `stats` (the
 * figures below since the last `reset`), `liveHeap` (the heap after a full collection) and `reset`
 * (start measuring now, after the warm-up). Shared by the real server (bench-server.ts) and the
 * transport floor (floor-server.ts), so both are measured the same way.
 */

export interface ServerStats {
  rssMb: number;
  heapUsedMb: number;
  /** The JS heap as reserved from the system (used plus the room V8 keeps to grow into). */
  heapTotalMb: number;
  /** Memory outside the JS heap that V8 knows of: Buffers and ArrayBuffers (socket reads and writes). */
  externalMb: number;
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

/** What a server measures itself with; the floor with no disk has no committer. */
export interface StatsSources {
  committer: GroupCommitter | null;
  /** Command arrival → ack, in µs. */
  commandLatency: RecordableHistogram;
  /** Security log lines by kind (the real server counts them; the floor has none). */
  securityEvents?: Record<string, number>;
}

const ms = (ns: number) => Number((ns / 1e6).toFixed(2));
const us = (n: number) => Number((n / 1000).toFixed(2));

/** Start measuring this process and answer the bench's `stats`, `liveHeap` and `reset` messages. */
export function reportStatsOverIpc(sources: StatsSources): void {
  const { committer, commandLatency, securityEvents = {} } = sources;
  const loop = monitorEventLoopDelay({ resolution: 1 });
  loop.enable();
  let cpuBase = process.cpuUsage();
  let started = performance.now();

  const stats = (): ServerStats => {
    const cpu = process.cpuUsage(cpuBase);
    const mem = process.memoryUsage();
    return {
      rssMb: Math.round(mem.rss / 2 ** 20),
      heapUsedMb: Math.round(mem.heapUsed / 2 ** 20),
      heapTotalMb: Math.round(mem.heapTotal / 2 ** 20),
      externalMb: Math.round(mem.external / 2 ** 20),
      cpuUserMs: Math.round(cpu.user / 1000),
      cpuSystemMs: Math.round(cpu.system / 1000),
      loopP50Ms: ms(loop.percentile(50)),
      loopP99Ms: ms(loop.percentile(99)),
      loopP999Ms: ms(loop.percentile(99.9)),
      loopMaxMs: ms(loop.max),
      committedItems: committer?.stats.items ?? 0,
      transactions: committer?.stats.transactions ?? 0,
      commitP50Ms: committer ? us(committer.latency.percentile(50)) : 0,
      commitP99Ms: committer ? us(committer.latency.percentile(99)) : 0,
      commitMaxMs: committer ? us(committer.latency.max) : 0,
      commitWaitP99Ms: committer ? us(committer.waitLatency.percentile(99)) : 0,
      serverAckP50Ms: us(commandLatency.percentile(50)),
      serverAckP99Ms: us(commandLatency.percentile(99)),
      serverAckMaxMs: us(commandLatency.max),
      securityEvents: { ...securityEvents },
      uptimeMs: Math.round(performance.now() - started),
    };
  };

  process.on('message', (msg: { type: string; id?: number; path?: string }) => {
    if (msg.type === 'stats') process.send?.({ type: 'stats', id: msg.id, stats: stats() });
    if (msg.type === 'heapSnapshot' && msg.path) {
      writeHeapSnapshot(msg.path);
      process.send?.({ type: 'heapSnapshot', id: msg.id, stats: {} });
    }
    if (msg.type === 'liveHeap') process.send?.({ type: 'liveHeap', id: msg.id, stats: { liveHeapMb: liveHeapMb() } });
    if (msg.type === 'reset') {
      loop.reset();
      cpuBase = process.cpuUsage();
      started = performance.now();
      if (committer) {
        committer.stats.items = 0;
        committer.stats.transactions = 0;
        committer.latency.reset();
        committer.waitLatency.reset();
      }
      commandLatency.reset();
      for (const k of Object.keys(securityEvents)) delete securityEvents[k];
      process.send?.({ type: 'reset', id: msg.id });
    }
  });
}

/**
 * The JS heap that is live, after a full collection (server-process.ts starts the server with
 * --expose-gc). heapUsed alone depends on when the last collection ran: two runs of the same code
 * gave 158 and 280 MB. Asked for once the measurement is over, as a collection pauses the process.
 */
export function liveHeapMb(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) return -1;
  gc();
  return Math.round(process.memoryUsage().heapUsed / 2 ** 20);
}
