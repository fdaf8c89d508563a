import seedrandom from 'seedrandom';
import { LoadGenerator } from './load.ts';
import { percentile } from './results.ts';
import { startServer, type ServerProcess } from './server-process.ts';
import { verifyDatabase, type Verdict } from './verify.ts';

/*
 * Chaos: rooms playing at a steady pace while the server is SIGKILLed at random moments and
 * restarted on the same database and port. Clients reconnect by themselves (sending the last seq
 * they saw). Afterwards the database is checked for acknowledged events lost, gaps and duplicates,
 * and each restart is timed: spawn → listening (boot: every running drill rebuilt from its log) and
 * listening → every client welcomed back (catch-up); their sum is the outage a restart adds.
 */

export interface ChaosRunOptions {
  db: string;
  rooms: number;
  socketsPerRoom: number;
  kills: number;
  /** Time between a restart and the next kill, drawn from [min, max] ms with the seeded RNG. */
  uptimeMs: [number, number];
  rateMultiplier: number;
  seed: string;
  log?: (line: string) => void;
}

export interface ChaosRunResult {
  verdict: Verdict;
  catchUpMs: number[];
  /** Restarts after which some client never came back within the wait. */
  stragglers: number;
  figures: Record<string, number | string>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const round = (n: number) => Number(n.toFixed(2));

export async function runChaos(o: ChaosRunOptions): Promise<ChaosRunResult> {
  const log = o.log ?? (() => undefined);
  const rng = seedrandom(o.seed);
  const rate = { burst: 1000, perSecond: 1000 };
  let server: ServerProcess = await startServer({ db: o.db, rate });
  const port = server.port;
  const load = new LoadGenerator({ url: server.url, rooms: o.rooms, socketsPerRoom: o.socketsPerRoom, rateMultiplier: o.rateMultiplier, seed: o.seed, fastReconnect: true });
  const catchUpMs: number[] = [];
  /** Spawn → listening (the new process rebuilds every running drill from its log first). */
  const bootMs: number[] = [];
  /** Spawn → every client welcomed back: the whole outage a restart adds. */
  const restartMs: number[] = [];
  let stragglers = 0;
  try {
    await load.createRooms();
    await load.connectAll((n) => log(`sockets connected: ${n}/${o.rooms * o.socketsPerRoom}`), 400);
    await load.startDrills();
    load.play();
    load.measure(true);
    for (let k = 1; k <= o.kills; k++) {
      await sleep(o.uptimeMs[0] + rng() * (o.uptimeMs[1] - o.uptimeMs[0]));
      await server.kill('SIGKILL');
      const spawnedAt = performance.now();
      server = await startServer({ db: o.db, rate, port });
      const readyAt = performance.now();
      bootMs.push(readyAt - spawnedAt);
      // Caught up: every socket has been welcomed by the new process (its welcome carries what it missed).
      const deadline = readyAt + 30_000;
      while (load.clients.some((c) => c.welcomedAt < readyAt) && performance.now() < deadline) await sleep(20);
      const late = load.clients.filter((c) => c.welcomedAt < readyAt).length;
      if (late > 0) stragglers++;
      const caughtUp = Math.max(...load.clients.map((c) => c.welcomedAt)) - readyAt;
      catchUpMs.push(caughtUp);
      restartMs.push(caughtUp + (readyAt - spawnedAt));
      log(`kill ${k}/${o.kills}: booted in ${Math.round(readyAt - spawnedAt)} ms on :${port}; all ${load.clients.length - late}/${load.clients.length} clients back ${Math.round(caughtUp)} ms later`);
    }
    load.measure(false);
    load.stop();
    // Commands still in flight get their ack (or time out) before the database is judged.
    await sleep(3000);
  } finally {
    load.close();
    await server.kill('SIGTERM');
  }
  const verdict = verifyDatabase(o.db, load.metrics);
  const figures = {
    rooms: o.rooms,
    sockets: o.rooms * o.socketsPerRoom,
    kills: o.kills,
    commandsAcked: load.metrics.commandsAcked,
    lostAcked: verdict.lostAcked,
    seqGaps: verdict.gaps,
    duplicates: verdict.duplicates,
    events: verdict.events,
    bootP50Ms: round(percentile(bootMs, 50)),
    bootMaxMs: round(Math.max(0, ...bootMs)),
    catchUpP50Ms: round(percentile(catchUpMs, 50)),
    catchUpMaxMs: round(Math.max(0, ...catchUpMs)),
    restartToCaughtUpP50Ms: round(percentile(restartMs, 50)),
    restartToCaughtUpMaxMs: round(Math.max(0, ...restartMs)),
    stragglerRestarts: stragglers,
    unackedCommands: load.metrics.commandsSent - load.metrics.commandsAcked,
  };
  return { verdict, catchUpMs, stragglers, figures };
}
