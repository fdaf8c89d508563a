import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { emptyLoadMetrics, LoadGenerator, type LoadConfig, type LoadMetrics, type WelcomeStatus } from './load.ts';
import type { WireMetrics, WorkerRequest } from './load-worker.ts';

/*
 * The load generator split over `processes` child processes (load-worker.ts), rooms dealt out
 * round-robin. The rooms are created here over HTTP; each worker connects its share of the sockets
 * and plays them; the figures are merged at the end. The same calls as LoadGenerator's.
 */

const ENTRY = fileURLToPath(new URL('./load-worker.ts', import.meta.url));

type Body<T> = T extends unknown ? Omit<T, 'id'> : never;

class Worker {
  private nextId = 0;
  private readonly waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  readonly ready: Promise<void>;

  constructor(readonly child: ChildProcess) {
    this.ready = new Promise((resolve, reject) => {
      child.once('exit', (code) => reject(new Error(`load worker exited (code ${code})`)));
      child.on('message', (msg: { ready?: boolean; id?: number; ok?: boolean; result?: unknown; error?: string }) => {
        if (msg.ready) return resolve();
        const w = this.waiting.get(msg.id ?? -1);
        if (!w) return;
        this.waiting.delete(msg.id ?? -1);
        if (msg.ok) w.resolve(msg.result);
        else w.reject(new Error(msg.error ?? 'load worker failed'));
      });
    });
  }

  ask<T>(req: Body<WorkerRequest>): Promise<T> {
    const id = ++this.nextId;
    return new Promise<T>((resolve, reject) => {
      this.waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.child.send({ ...req, id });
    });
  }
}

export class SplitLoad {
  private readonly creator: LoadGenerator;
  private workers: Worker[] = [];
  private expected = 0;
  /** The workers' CPU time (summed) and worst event-loop delays while measuring (valid after metrics()). */
  readonly gen = { cpuMs: 0, loopP99Ms: 0, loopMaxMs: 0 };

  constructor(
    private readonly config: LoadConfig,
    private readonly processes: number,
  ) {
    this.creator = new LoadGenerator(config);
  }

  get rooms() {
    return this.creator.rooms;
  }

  createRooms(onProgress?: (done: number) => void): Promise<void> {
    return this.creator.createRooms(onProgress);
  }

  /** Start the workers, deal out the rooms and connect every socket. */
  async connectAll(onProgress?: (done: number) => void): Promise<void> {
    this.workers = Array.from({ length: this.processes }, () => new Worker(fork(ENTRY, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })));
    await Promise.all(this.workers.map((w) => w.ready));
    let connected = 0;
    await Promise.all(
      this.workers.map(async (w, i) => {
        const rooms = this.rooms.filter((_, r) => r % this.processes === i).map((r) => ({ drillId: r.drillId, seats: r.seats }));
        await w.ask({ type: 'init', config: { ...this.config, seed: `${this.config.seed}-${i}` }, rooms });
        await w.ask({ type: 'connect' });
        connected += rooms.reduce((n, r) => n + r.seats.length, 0);
        onProgress?.(connected);
      }),
    );
  }

  async startDrills(spreadMs = 0): Promise<void> {
    await Promise.all(this.workers.map((w) => w.ask({ type: 'start', spreadMs })));
  }

  async play(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.ask({ type: 'play' })));
  }

  async measure(on: boolean): Promise<void> {
    await Promise.all(this.workers.map((w) => w.ask({ type: 'measure', on })));
  }

  async stop(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.ask({ type: 'stop' })));
  }

  /** Every worker's figures, merged. */
  async metrics(): Promise<LoadMetrics> {
    const all = await Promise.all(this.workers.map((w) => w.ask<WireMetrics>({ type: 'metrics' })));
    const merged = emptyLoadMetrics();
    this.expected = 0;
    Object.assign(this.gen, { cpuMs: 0, loopP99Ms: 0, loopMaxMs: 0 });
    for (const m of all) {
      for (const v of m.ackMs) merged.ackMs.push(v);
      for (const v of m.injectMs) merged.injectMs.push(v);
      merged.injectsSent += m.injectsSent;
      merged.injectDeliveries += m.injectDeliveries;
      merged.commandsSent += m.commandsSent;
      merged.commandsAcked += m.commandsAcked;
      merged.disconnects += m.disconnects;
      for (const [event, f] of Object.entries(m.frames)) {
        const into = (merged.frames[event] ??= { count: 0, chars: 0 });
        into.count += f.count;
        into.chars += f.chars;
      }
      for (const [k, v] of Object.entries(m.errors)) merged.errors[k] = (merged.errors[k] ?? 0) + v;
      for (const [d, seqs] of m.ackedSeqs) merged.ackedSeqs.set(d, new Set(seqs));
      for (const [t, d] of m.ackedTexts) merged.ackedTexts.set(t, d);
      this.expected += m.expectedDeliveries;
      this.gen.cpuMs += m.cpuMs;
      this.gen.loopP99Ms = Math.max(this.gen.loopP99Ms, m.loopP99Ms);
      this.gen.loopMaxMs = Math.max(this.gen.loopMaxMs, m.loopMaxMs);
    }
    return merged;
  }

  /** Every worker's welcome status after a restart, merged (see LoadGenerator.welcomeStatus). */
  async welcomeStatus(sinceEpochMs: number, drills?: readonly string[]): Promise<WelcomeStatus> {
    const all = await Promise.all(this.workers.map((w) => w.ask<WelcomeStatus>({ type: 'welcomes', sinceEpochMs, ...(drills ? { drills: [...drills] } : {}) })));
    return all.reduce((a, b) => ({ clients: a.clients + b.clients, late: a.late + b.late, lastEpochMs: Math.max(a.lastEpochMs, b.lastEpochMs) }), { clients: 0, late: 0, lastEpochMs: 0 });
  }

  /** Every worker's facilitators' last seqs (see LoadGenerator.facilitatorSeqs). */
  async facilitatorSeqs(): Promise<[string, number][]> {
    return (await Promise.all(this.workers.map((w) => w.ask<[string, number][]>({ type: 'seqs' })))).flat();
  }

  /** Inject deliveries expected (valid after metrics()). */
  expectedDeliveries(): number {
    return this.expected;
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.ask({ type: 'close' }).catch(() => undefined)));
    for (const w of this.workers) w.child.kill('SIGKILL');
    this.workers = [];
  }
}
