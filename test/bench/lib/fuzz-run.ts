import Database from 'better-sqlite3';
import { io } from 'socket.io-client';
import { drillOfToken, PROTOCOL_VERSION, type AckResult, type CommandResult } from '../../../shared/protocol/index.ts';
import { fork } from 'node:child_process';
import { setPriority } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { FuzzStats } from './fuzz.ts';
import { percentile } from './results.ts';
import { startServer, type ServerKind } from './server-process.ts';

/*
 * The fuzz run: a legitimate team keeps playing drill A while hostile frames pour in against drill B
 * (whose seats are players and an observer: nothing they send may be allowed) and against the
 * protocol itself. The verdict: the server never exits, B's log does not change, A's log holds
 * exactly what the legitimate client was acknowledged, and its ack latency is compared with a
 * baseline taken before the fuzz.
 */

export interface FuzzRunOptions {
  db: string;
  frames: number;
  connections: number;
  baselineMs: number;
  seed: string;
  /** Hostile frames per second, all connections together; 0 (the default) sends them flat out. */
  rate?: number;
  /**
   * 'app' (the real server), or 'floor': the transport floor (floor-server.ts), which validates
   * nothing, so the legitimate players' latency shows what the flood costs the transport alone.
   */
  server?: Extract<ServerKind, 'app' | 'floor'>;
  log?: (line: string) => void;
}

const round = (n: number) => Number(n.toFixed(2));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function createDrill(url: string): Promise<{ drillId: string; seats: { seat: string; role: string; token: string }[] }> {
  const res = await fetch(`${url}/api/drills`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ scenarioId: 'exfiltration-detected', seed: '1' }) });
  return ((await res.json()) as { data: { drillId: string; seats: { seat: string; role: string; token: string }[] } }).data;
}

/** Events in a drill's log; with `exceptSeats`, only those written by someone else (not the system). */
function countEvents(db: string, drillId: string, exceptSeats: string[] = []): number {
  const conn = new Database(db, { readonly: true });
  try {
    const rows = conn.prepare('SELECT actor FROM events WHERE drill_id = ?').all(drillId) as { actor: string }[];
    return rows.filter((r) => {
      const actor = JSON.parse(r.actor) as { role: string; seat: string };
      return exceptSeats.length === 0 || (actor.role !== 'system' && !exceptSeats.includes(actor.seat));
    }).length;
  } finally {
    conn.close();
  }
}

/**
 * The fuzzer's child process, stopped early (with the frames it had sent) when `stop` settles
 * first: a server that has died gets no more frames, and the run reports the crash at once instead
 * of the fuzzer retrying a closed port until its frames run out.
 */
function runFuzzer(args: { url: string; tokens: string[]; frames: number; connections: number; seed: string; rate: number }, onProgress: (sent: number) => void, stop: Promise<unknown>): Promise<FuzzStats> {
  let sent = 0;
  const child = fork(fileURLToPath(new URL('./fuzz-child.ts', import.meta.url)), [], { execArgv: ['--import', 'tsx'] });
  // TTX_BENCH_FUZZ_NICE=n lowers the fuzzer's scheduling priority (nice n): on a 2-core machine it
  // otherwise competes with the server's threads for the cores, which an attacker on another
  // machine would not. Off by default; rows record it.
  const nice = Number(process.env.TTX_BENCH_FUZZ_NICE ?? 0);
  if (nice > 0 && child.pid !== undefined) setPriority(child.pid, nice);
  return new Promise((resolve, reject) => {
    let stopped = false;
    child.on('message', (msg: { type: string; sent?: number; stats?: FuzzStats }) => {
      if (msg.type === 'progress' && msg.sent !== undefined) onProgress((sent = msg.sent));
      if (msg.type === 'done' && msg.stats) resolve(msg.stats);
    });
    child.once('exit', (code) => (code === 0 || stopped ? undefined : reject(new Error(`fuzzer exited with ${code}`))));
    void stop.then(() => {
      stopped = true;
      child.kill('SIGKILL');
      resolve({ framesSent: sent, connections: 0, rejectedConnections: 0 });
    });
    child.send(args);
  });
}

export async function runFuzz(o: FuzzRunOptions) {
  const log = o.log ?? (() => undefined);
  const kind = o.server ?? 'app';
  const server = await startServer({ db: o.db, kind });
  let crashed = false;
  const exited = new Promise<void>((resolve) =>
    server.child.once('exit', (code, signal) => {
      if (!stopping) crashed = true;
      log(`server exited (code ${code}, signal ${signal})`);
      resolve();
    }),
  );
  let stopping = false;
  try {
    const a = await createDrill(server.url);
    const b = await createDrill(server.url);
    const token = (d: typeof a, seat: string) => d.seats.find((s) => s.seat === seat)?.token ?? '';
    const connect = (t: string) => new Promise<ReturnType<typeof io>>((resolve, reject) => {
      const s = io(server.url, { transports: ['websocket'], forceNew: true, query: { drill: drillOfToken(t) ?? '' }, auth: { token: t, protocolVersion: PROTOCOL_VERSION } });
      s.once('drill:welcomed', () => resolve(s));
      s.once('connect_error', reject);
    });
    const facilitator = await connect(token(a, 'facilitator'));
    // Two players, so a p99 rests on enough samples (ten a second between them, each within its
    // seat's rate limit).
    const players = [await connect(token(a, 'ic')), await connect(token(a, 'scribe'))];
    await facilitator.emitWithAck('drill:command', { command: { type: 'drill.start' }, idempotencyKey: 'legit-start-1' });

    // The legitimate players: each adds a timeline entry every 200 ms (within the 10/s per-seat limit).
    let n = 0;
    let acked = 0;
    let phase: 'baseline' | 'fuzz' | 'off' = 'baseline';
    const latency = { baseline: [] as number[], fuzz: [] as number[] };
    const legitErrors: string[] = [];
    const timer = setInterval(() => {
      const current = phase;
      if (current === 'off') return;
      for (const player of players) {
        const sentAt = performance.now();
        void player.timeout(10_000).emitWithAck('drill:command', { command: { type: 'timeline.add', text: `legit ${++n}` }, idempotencyKey: `legit-entry-${n}` })
          .then((r: AckResult<CommandResult>) => {
            if (r.ok) {
              acked++;
              latency[current].push(performance.now() - sentAt);
            } else legitErrors.push(r.error.code);
          })
          .catch(() => legitErrors.push('TIMEOUT'));
      }
    }, 200);

    await sleep(o.baselineMs);
    const bBefore = countEvents(o.db, b.drillId);
    // The server's own CPU and event loop over the fuzz alone: they tell a slow server from one that
    // waits for a core the fuzz generator is using.
    await server.reset();
    phase = 'fuzz';
    const hostileTokens = b.seats.filter((s) => s.role !== 'facilitator').map((s) => s.token);
    const started = performance.now();
    const stats = await runFuzzer({ url: server.url, tokens: hostileTokens, frames: o.frames, connections: o.connections, seed: o.seed, rate: o.rate ?? 0 }, (sent) => log(`fuzz: ${sent}/${o.frames} frames`), exited);
    const seconds = (performance.now() - started) / 1000;
    // A crashed server has no figures to give (its crash is reported below).
    const during = await server.stats().catch(() => null);
    phase = 'off';
    clearInterval(timer);
    await sleep(1500);
    // The floor has no /healthz: it is alive if its process is.
    const health = kind === 'floor' ? server.child.exitCode === null && server.child.signalCode === null : await fetch(`${server.url}/healthz`).then((r) => r.ok).catch(() => false);
    const bAfter = countEvents(o.db, b.drillId);
    // Nobody but A's own facilitator and players (and the engine) may have written into A.
    const aForeign = countEvents(o.db, a.drillId, ['facilitator', 'ic', 'scribe']);
    facilitator.disconnect();
    for (const player of players) player.disconnect();
    const figures = {
      server: kind,
      offeredFramesPerSecond: o.rate ? o.rate : 'flat out',
      frames: stats.framesSent,
      framesPerSecond: Math.round(stats.framesSent / seconds),
      connections: stats.connections,
      refusedAtHandshake: stats.rejectedConnections,
      crashes: crashed || !health ? 1 : 0,
      // The floor applies whatever names a type: what it wrote proves nothing either way.
      hostileStateChanges: kind === 'floor' ? 'n/a' : bAfter - bBefore,
      foreignEventsInLegitDrill: kind === 'floor' ? 'n/a' : aForeign,
      legitAcked: acked,
      legitAckSamplesBaseline: latency.baseline.length,
      legitAckSamplesDuring: latency.fuzz.length,
      legitAckP50BaselineMs: round(percentile(latency.baseline, 50)),
      legitAckP99BaselineMs: round(percentile(latency.baseline, 99)),
      legitAckP50DuringMs: round(percentile(latency.fuzz, 50)),
      legitAckP99DuringMs: round(percentile(latency.fuzz, 99)),
      legitErrors: legitErrors.length,
      serverCpuPctDuring: during ? round((100 * (during.cpuUserMs + during.cpuSystemMs)) / during.uptimeMs) : 'n/a',
      serverLoopP99DuringMs: during?.loopP99Ms ?? 'n/a',
      serverLoopMaxDuringMs: during?.loopMaxMs ?? 'n/a',
    };
    return { figures };
  } finally {
    stopping = true;
    // SIGTERM, not SIGKILL: the server exits cleanly, so a CPU profile (TTX_BENCH_PROFILE) is written.
    await server.kill('SIGTERM');
  }
}
