import seedrandom from 'seedrandom';
import { LoadGenerator, type LoadMetrics, type WelcomeStatus } from './load.ts';
import { SplitLoad } from './load-split.ts';
import { percentile } from './results.ts';
import { startServer, type ServerKind, type ServerProcess } from './server-process.ts';
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
  /** Client processes: thousands of reconnections in one client process would time the client, not the server. */
  processes?: number;
  /**
   * How clients wait between reconnection attempts: 'fast' (the default: 0.2 s, doubling up to 1 s)
   * shows how quickly the server itself can take everyone back; 'browser' is socket.io's default,
   * which the browser client uses (1 s, doubling up to 5 s, ±50 %), so it shows what players see.
   */
  reconnect?: 'fast' | 'browser';
  /**
   * 'app' (the real server), or 'floor': the transport floor (floor-server.ts), restarted the same
   * way. It has nothing to rebuild and sends no view or score, so its restart → caught up is what
   * these clients' reconnections alone cost on this machine.
   */
  server?: Extract<ServerKind, 'app' | 'floor'>;
  /**
   * How long commands still in flight after the last kill get to be acknowledged before the
   * database is judged (default 3 s). Only the count of acknowledged commands depends on it: one
   * answered later is judged as not acknowledged, which the verdict allows.
   */
  settleMs?: number;
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
  const kind = o.server ?? 'app';
  let server: ServerProcess = await startServer({ db: o.db, rate, kind });
  const port = server.port;
  const config = { url: server.url, rooms: o.rooms, socketsPerRoom: o.socketsPerRoom, rateMultiplier: o.rateMultiplier, seed: o.seed, fastReconnect: (o.reconnect ?? 'fast') === 'fast' };
  const split = (o.processes ?? 1) > 1 ? new SplitLoad(config, o.processes ?? 1) : null;
  const local = split ? null : new LoadGenerator(config);
  // The same calls either way (SplitLoad mirrors LoadGenerator; awaiting a plain value is harmless).
  const load = (split ?? local) as SplitLoad | LoadGenerator;
  const welcomes = async (since: number): Promise<WelcomeStatus> => load.welcomeStatus(since);
  let metrics: LoadMetrics | null = null;
  const catchUpMs: number[] = [];
  /** Spawn → listening (the new process rebuilds every running drill from its log first). */
  const bootMs: number[] = [];
  /** Spawn → every client welcomed back: the whole outage a restart adds. */
  const restartMs: number[] = [];
  let stragglers = 0;
  try {
    const progress = (n: number) => log(`sockets connected: ${n}/${o.rooms * o.socketsPerRoom}`);
    await load.createRooms();
    await load.connectAll(progress);
    await load.startDrills();
    await load.play();
    await load.measure(true);
    for (let k = 1; k <= o.kills; k++) {
      await sleep(o.uptimeMs[0] + rng() * (o.uptimeMs[1] - o.uptimeMs[0]));
      await server.kill('SIGKILL');
      const spawnedAt = performance.now();
      server = await startServer({ db: o.db, rate, port, kind });
      const readyAt = performance.now();
      bootMs.push(readyAt - spawnedAt);
      // Caught up: every socket has been welcomed by the new process (its welcome carries what it
      // missed). Welcome times are wall-clock, as the clients may be in other processes.
      const readyEpoch = performance.timeOrigin + readyAt;
      const deadline = readyAt + 30_000;
      let status = await welcomes(readyEpoch);
      while (status.late > 0 && performance.now() < deadline) {
        await sleep(20);
        status = await welcomes(readyEpoch);
      }
      if (status.late > 0) stragglers++;
      const caughtUp = Math.max(0, status.lastEpochMs - readyEpoch);
      catchUpMs.push(caughtUp);
      restartMs.push(caughtUp + (readyAt - spawnedAt));
      log(`kill ${k}/${o.kills}: booted in ${Math.round(readyAt - spawnedAt)} ms on :${port}; all ${status.clients - status.late}/${status.clients} clients back ${Math.round(caughtUp)} ms later`);
    }
    await load.measure(false);
    await load.stop();
    // Commands still in flight get their ack (or time out) before the database is judged.
    await sleep(o.settleMs ?? 3000);
    metrics = split ? await split.metrics() : (local as LoadGenerator).metrics;
  } finally {
    await load.close();
    await server.kill('SIGTERM');
  }
  if (!metrics) throw new Error('the chaos run stopped before its figures were collected');
  const m: LoadMetrics = metrics;
  const verdict = verifyDatabase(o.db, m);
  const welcomed = m.frames['drill:welcomed'];
  const figures = {
    server: kind,
    rooms: o.rooms,
    sockets: o.rooms * o.socketsPerRoom,
    reconnect: o.reconnect ?? 'fast',
    kills: o.kills,
    commandsAcked: m.commandsAcked,
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
    // What the restarts cost on the wire: the welcomes sent to returning clients, and their mean size.
    welcomes: welcomed?.count ?? 0,
    welcomeMeanChars: welcomed ? Math.round(welcomed.chars / welcomed.count) : 0,
    unackedCommands: m.commandsSent - m.commandsAcked,
    // Why they were not acknowledged: refused by code (OVERLOADED, RATE_LIMITED…), or TIMEOUT when the
    // server died with them in flight. Commands not sent because the socket was down count as OFFLINE.
    errors: Object.entries(m.errors).map(([k, v]) => `${k}:${v}`).join(' ') || 'none',
  };
  return { verdict, catchUpMs, stragglers, figures };
}
