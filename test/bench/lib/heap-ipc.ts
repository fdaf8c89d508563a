import { writeHeapSnapshot } from 'node:v8';

/*
 * What a benchmark server answers over IPC besides /metrics: `liveHeap` (the heap after a full
 * collection) and `heapSnapshot` (a V8 snapshot written to a path). Both need the process itself.
 */

export function answerHeapRequests(): void {
  process.on('message', (msg: { type: string; id?: number; path?: string }) => {
    if (msg.type === 'heapSnapshot' && msg.path) {
      writeHeapSnapshot(msg.path);
      process.send?.({ type: 'heapSnapshot', id: msg.id, stats: {} });
    }
    if (msg.type === 'liveHeap') process.send?.({ type: 'liveHeap', id: msg.id, stats: { liveHeapMb: liveHeapMb() } });
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
