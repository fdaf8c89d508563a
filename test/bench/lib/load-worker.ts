import { monitorEventLoopDelay } from 'node:perf_hooks';
import { LoadGenerator, type LoadConfig, type LoadMetrics, type Room } from './load.ts';

/*
 * One share of the load generator in a process of its own. With 8,000+ sockets in one process the
 * generator's own event loop stalled for 100+ ms at times (its GC, its timers), and every stall was
 * counted as server latency; split over processes, each holds fewer sockets and stalls less.
 * Driven over IPC by SplitLoad (load-split.ts): each request gets one reply with the same id.
 */

export type WorkerRequest =
  | { id: number; type: 'init'; config: LoadConfig; rooms: { drillId: string; seats: Room['seats'] }[] }
  | { id: number; type: 'connect' }
  | { id: number; type: 'start'; spreadMs: number }
  | { id: number; type: 'play' }
  | { id: number; type: 'measure'; on: boolean }
  | { id: number; type: 'stop' }
  | { id: number; type: 'metrics' }
  | { id: number; type: 'welcomes'; sinceEpochMs: number; drills?: string[] }
  | { id: number; type: 'seqs' }
  | { id: number; type: 'close' };

/** LoadMetrics with its maps as arrays, to cross the process boundary. */
export interface WireMetrics extends Omit<LoadMetrics, 'ackedSeqs' | 'ackedTexts'> {
  ackedSeqs: [string, number[]][];
  ackedTexts: [string, string][];
  expectedDeliveries: number;
  /** This worker's CPU time and event-loop delay while measuring. */
  cpuMs: number;
  loopP99Ms: number;
  loopMaxMs: number;
}

let load: LoadGenerator | null = null;
const loop = monitorEventLoopDelay({ resolution: 1 });
let cpuStart = process.cpuUsage();
let cpuMs = 0;

async function handle(req: WorkerRequest): Promise<unknown> {
  if (req.type === 'init') {
    load = new LoadGenerator(req.config);
    for (const r of req.rooms) load.rooms.push({ drillId: r.drillId, seats: r.seats, injectsDue: new Map() });
    return null;
  }
  if (!load) throw new Error('not initialised');
  switch (req.type) {
    case 'connect':
      return load.connectAll(undefined, 200);
    case 'start':
      return load.startDrills(req.spreadMs);
    case 'play':
      return load.play();
    case 'measure':
      if (req.on) {
        loop.reset();
        loop.enable();
        cpuStart = process.cpuUsage();
      } else {
        loop.disable();
        const cpu = process.cpuUsage(cpuStart);
        cpuMs = (cpu.user + cpu.system) / 1000;
      }
      return load.measure(req.on);
    case 'stop':
      return load.stop();
    case 'metrics': {
      const m = load.metrics;
      const wire: WireMetrics = {
        ...m,
        ackedSeqs: [...m.ackedSeqs].map(([d, s]) => [d, [...s]]),
        ackedTexts: [...m.ackedTexts],
        expectedDeliveries: load.expectedDeliveries(),
        cpuMs,
        loopP99Ms: loop.percentile(99) / 1e6,
        loopMaxMs: loop.max / 1e6,
      };
      return wire;
    }
    case 'welcomes':
      return load.welcomeStatus(req.sinceEpochMs, req.drills);
    case 'seqs':
      return load.facilitatorSeqs();
    case 'close':
      load.close();
      return null;
  }
}

process.on('message', (req: WorkerRequest) => {
  handle(req).then(
    (result) => process.send?.({ id: req.id, ok: true, result }),
    (error: Error) => process.send?.({ id: req.id, ok: false, error: error.message }),
  );
});
process.send?.({ ready: true });
