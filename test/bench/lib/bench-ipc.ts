import { monitorEventLoopDelay } from 'node:perf_hooks';
import { writeHeapSnapshot } from 'node:v8';

/*
 * What a benchmark server answers over IPC besides /metrics, because only the process itself can
 * tell: `liveHeap` (the heap after a full collection), `heapSnapshot` (a V8 snapshot written to a
 * path) and `loopDelay` (its event loop's delay sampled every millisecond, since `loopDelayReset`).
 */

export function answerBenchRequests(): void {
  // perf_hooks' sampler at 1-ms resolution: the 99th percentile over every millisecond of the window,
  // where /metrics' probe (ttx_event_loop_lag_seconds) fires every 50 ms and weighs a long task more.
  const loop = monitorEventLoopDelay({ resolution: 1 });
  loop.enable();
  process.on('message', (msg: { type: string; id?: number; path?: string }) => {
    if (msg.type === 'heapSnapshot' && msg.path) {
      writeHeapSnapshot(msg.path);
      process.send?.({ type: 'heapSnapshot', id: msg.id, stats: {} });
    }
    if (msg.type === 'liveHeap') process.send?.({ type: 'liveHeap', id: msg.id, stats: { liveHeapMb: liveHeapMb() } });
    if (msg.type === 'loopDelay') process.send?.({ type: 'loopDelay', id: msg.id, stats: { p99Ms: Number((loop.percentile(99) / 1e6).toFixed(2)), maxMs: Number((loop.max / 1e6).toFixed(2)) } });
    if (msg.type === 'loopDelayReset') {
      loop.reset();
      process.send?.({ type: 'loopDelayReset', id: msg.id, stats: {} });
    }
  });
}

/**
 * The JS heap that is live, after a full collection (server-process.ts starts the server with
 * --expose-gc). heapUsed alone depends on when the last collection ran. Asked for once the
 * measurement is over, as a collection pauses the process.
 */
export function liveHeapMb(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) return -1;
  gc();
  return Math.round(process.memoryUsage().heapUsed / 2 ** 20);
}
