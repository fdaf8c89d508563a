import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { SqliteStore } from '../../server/store/sqlite.ts';
import type { SeatRecord } from '../../server/store/types.ts';
import { simulate } from '../../shared/bots/simulate.ts';
import { execute, replay } from '../../shared/engine/index.ts';
import type { LogEntry } from '../../shared/engine/types.ts';
import { loadScenario } from '../../shared/scenario/index.ts';
import { percentile, progress, report } from './lib/results.ts';
import { startServer } from './lib/server-process.ts';

/*
 * `npm run bench boot -- --drills 1000 --extra 175 --runs 5`: how long the server takes from spawn
 * to listening on a database of running drills, and its RSS then. The chaos bench's boots happen
 * on a machine busy with 6,000 clients and on drills that grow as it runs; this one starts the same
 * bundled server on a fresh copy of one fixed database, so two builds can be compared on it.
 *
 * Each drill is a simulated team's drill (a random bot team, ~110 events) kept running, plus
 * `--extra` timeline entries by the scribe: the default of 175 gives about the 300 events a drill has
 * by the end of a 50-kill chaos run.
 */

const { values } = parseArgs({
  options: {
    drills: { type: 'string', default: '1000' },
    extra: { type: 'string', default: '175' },
    runs: { type: 'string', default: '5' },
  },
});
const drills = Number(values.drills);
const extra = Number(values.extra);
const runs = Number(values.runs);
for (const [name, n] of [['drills', drills], ['extra', extra], ['runs', runs]] as const) {
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

/** A running drill's log: a simulated drill up to (not including) its end, then the scribe's notes. */
function runningLog(seed: string): LogEntry[] {
  const { entries } = simulate(compiled, { seed, policy: 'random', stepMs: 2000 });
  const end = entries.findIndex((e) => e.event.type === 'drill.ended');
  const log = entries.slice(0, end === -1 ? entries.length : end);
  let state = replay(compiled, log);
  for (let i = 0; i < extra; i++) {
    const result = execute(compiled, state, { at: state.clock, actor: { role: 'scribe', seat: 'scribe' }, command: { type: 'timeline.add', text: `note ${i}` } });
    if (!result.ok) throw new Error(`timeline.add refused: ${result.error.message}`);
    state = result.state;
    log.push(...result.entries);
  }
  return log;
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
