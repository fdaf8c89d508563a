import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { SqliteStore } from '../../server/store/sqlite.ts';
import type { SeatRecord } from '../../server/store/types.ts';
import { simulate } from '../../shared/bots/simulate.ts';
import { createDrill, execute, replay } from '../../shared/engine/index.ts';
import type { Actor, Command, LogEntry } from '../../shared/engine/types.ts';
import { loadScenario } from '../../shared/scenario/index.ts';
import { percentile, progress, report } from './lib/results.ts';
import { startServer } from './lib/server-process.ts';

/*
 * `npm run bench boot -- --drills 1000 [--play load --minutes 8 | --play random] [--extra 0] --runs 5`:
 * how long the server takes from spawn to listening on a database of running drills, and its RSS
 * then. The chaos bench's boots happen on a machine busy with 6,000 clients and on drills that grow
 * as it runs; this one starts the same bundled server on a fresh copy of one fixed database, so
 * two builds (or two settings) can be compared on it. The drills are described at runningLog.
 */

const { values } = parseArgs({
  options: {
    drills: { type: 'string', default: '1000' },
    play: { type: 'string', default: 'load' },
    minutes: { type: 'string', default: '8' },
    extra: { type: 'string', default: '0' },
    runs: { type: 'string', default: '5' },
  },
});
const drills = Number(values.drills);
const extra = Number(values.extra);
const runs = Number(values.runs);
const minutes = Number(values.minutes);
const play = values.play;
if (play !== 'load' && play !== 'random') throw new Error(`--play must be load or random (got "${play}")`);
for (const [name, n] of [['drills', drills], ['extra', extra], ['runs', runs], ['minutes', minutes]] as const) {
  if (!Number.isInteger(n) || n < (name === 'extra' ? 0 : 1)) throw new Error(`--${name} must be a whole number${name === 'extra' ? '' : ' of at least 1'} (got "${values[name]}")`);
}

const file = 'exfiltration-detected.yaml';
const text = readFileSync(`scenarios/${file}`, 'utf8');
const loaded = loadScenario(text, file);
if (!loaded.ok) throw new Error(`${file} does not load`);
const { compiled } = loaded;
const SEATS: { seat: string; role: SeatRecord['role'] }[] = [
  { seat: 'facilitator', role: 'facilitator' },
  { seat: 'ic', role: 'ic' },
  { seat: 'deputy', role: 'deputy' },
  { seat: 'scribe', role: 'scribe' },
  { seat: 'sme-1', role: 'sme' },
  { seat: 'sme-2', role: 'sme' },
];

const FACILITATOR: Actor = { role: 'facilitator', seat: 'facilitator' };
const SCRIBE: Actor = { role: 'scribe', seat: 'scribe' };
const PLAYERS: Actor[] = [
  { role: 'ic', seat: 'ic' },
  { role: 'deputy', seat: 'deputy' },
  { role: 'sme', seat: 'sme-1' },
];

/**
 * A running drill's log. 'load': `--minutes` of what the load and chaos benches' clients do (each
 * player starts a review and cancels it on its next turn every 10 s, the scribe notes every 10 s,
 * everyone but the facilitator chats every 20 s, the facilitator sends an inject every 30 s), so a
 * boot here folds the drills a chaos run restarts on. 'random': the first half of a random bot
 * team's drill. Then `--extra` timeline entries by the scribe.
 */
function runningLog(seed: string): LogEntry[] {
  const log = play === 'load' ? loadLikeLog(seed) : randomTeamLog(seed);
  let state = replay(compiled, log);
  for (let i = 0; i < extra; i++) {
    const result = execute(compiled, state, { at: state.clock, actor: SCRIBE, command: { type: 'timeline.add', text: `note ${i}` } });
    if (!result.ok) throw new Error(`timeline.add refused: ${result.error.message}`);
    state = result.state;
    log.push(...result.entries);
  }
  return log;
}

function loadLikeLog(seed: string): LogEntry[] {
  const created = createDrill(compiled, seed);
  const log = [...created.entries];
  let state = created.state;
  // Refusals (a seat still busy, say) are skipped, as the benches' clients carry on after them.
  const run = (at: number, actor: Actor, command: Command) => {
    const result = execute(compiled, state, { at, actor, command });
    if (!result.ok) return;
    state = result.state;
    log.push(...result.entries);
  };
  run(0, FACILITATOR, { type: 'drill.start' });
  const assets = compiled.scenario.assets.map((a) => a.id);
  const work = new Map<string, string>();
  for (let at = 10_000, turn = 1; at <= minutes * 60_000; at += 10_000, turn++) {
    run(at, SCRIBE, { type: 'timeline.add', text: `log ${seed} ${turn}` });
    PLAYERS.forEach((actor, i) => {
      const running = work.get(actor.seat);
      if (running) {
        work.delete(actor.seat);
        return run(at, actor, { type: 'action.cancel', workId: running });
      }
      run(at, actor, { type: 'action.take', action: i % 2 === 0 ? 'review-network-logs' : 'review-system-logs', target: assets[i % assets.length]! });
      const started = state.work.find((w) => w.seat === actor.seat && w.status === 'running');
      if (started) work.set(actor.seat, started.id);
    });
    if (turn % 2 === 0) for (const actor of [...PLAYERS, SCRIBE]) run(at, actor, { type: 'message.send', message: { channel: 'chat', recipients: ['soc'], subject: '', body: `msg ${seed} ${actor.seat} ${turn}: status on the bridge`, encrypted: false } });
    if (turn % 3 === 0) run(at, FACILITATOR, { type: 'inject.adhoc', title: `load ${seed} ${turn}`, body: 'A load-test inject.', audience: 'all' });
  }
  return log;
}

/** The first half of a simulated random team's drill: a drill still running. */
function randomTeamLog(seed: string): LogEntry[] {
  const { entries } = simulate(compiled, { seed, policy: 'random', stepMs: 30_000 });
  // Cut halfway through the drill's time: a drill that has reached its duration ends by itself.
  const halfway = (compiled.scenario.durationMinutes * 60_000) / 2;
  const end = entries.findIndex((e) => e.event.type === 'drill.ended' || e.at >= halfway);
  return entries.slice(0, end === -1 ? entries.length : end);
}

const dir = mkdtempSync(join(tmpdir(), 'ttx-boot-'));
try {
  const source = join(dir, 'source.db');
  const store = new SqliteStore(source);
  let events = 0;
  const built = progress('building the database (drills)', drills);
  for (let i = 0; i < drills; i++) {
    const log = runningLog(`boot-${i}`);
    const id = `boot${String(i).padStart(8, '0')}`;
    store.createDrill(
      { id, scenarioId: compiled.scenario.id, scenarioVersion: compiled.scenario.version, scenarioText: text, scenarioFile: file, seed: `boot-${i}`, hostKeyHash: 'bench', createdAt: Date.now() },
      SEATS.map(({ seat, role }) => ({ seat, role, tokenHash: `${id}-${seat}` })),
      log.slice(0, 1),
      // Running, its game time where its log ends: boot catches up only the seconds since.
      { wallMs: Date.now(), gameMs: log.at(-1)!.at, speed: 1, running: true },
    );
    await store.commit([{ drillId: id, entries: log.slice(1) }]);
    events += log.length;
    built(i + 1);
  }
  await store.close();

  const bootMs: number[] = [];
  const rssMb: number[] = [];
  const booted = progress('boots', runs);
  for (let run = 0; run < runs; run++) {
    const db = join(dir, `run-${run}.db`);
    for (const suffix of ['', '-wal']) if (existsSync(source + suffix)) copyFileSync(source + suffix, db + suffix);
    const spawned = performance.now();
    const server = await startServer({ db });
    bootMs.push(performance.now() - spawned);
    rssMb.push((await server.stats()).rssMb);
    await server.kill('SIGTERM');
    rmSync(db, { force: true });
    rmSync(`${db}-wal`, { force: true });
    rmSync(`${db}-shm`, { force: true });
    booted(run + 1);
  }
  const round = (n: number) => Number(n.toFixed(1));
  report('boot', {
    drills,
    play,
    ...(play === 'load' ? { minutes } : {}),
    events,
    runs,
    bootP50Ms: round(percentile(bootMs, 50)),
    bootMinMs: round(Math.min(...bootMs)),
    bootMaxMs: round(Math.max(...bootMs)),
    rssAtListeningP50Mb: percentile(rssMb, 50),
  });
} finally {
  rmSync(dir, { recursive: true, force: true });
}
