import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHistogram, monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { GroupCommitter } from '../../server/drills/committer.ts';
import { SqliteStore } from '../../server/store/sqlite.ts';
import type { CommitItem } from '../../server/store/types.ts';
import type { LogEntry } from '../../shared/engine/types.ts';
import { progress, report } from './lib/results.ts';

/*
 * Persistence on its own: how many events per second the server's durable path (group commit →
 * SQLite writer thread, synchronous=FULL) makes durable, and whether it ever stalls the event loop.
 * Targets: at least 5,000 durable events/s; the loop never stalled by persistence for more than
 * 5 ms at p99.9.
 *
 * No sockets and no engine: each of `--drills` drills commits one command at a time, as a live
 * drill does (the next only after the previous is durable), each command one event of a typical
 * size plus its idempotency record. `--rate 0` (the default) offers as much as the store takes;
 * `--rate N` offers N events/s in all, for the loop-delay figures at a given load. The load bench
 * measures the same path inside the whole server, where fan-out and the load generator share the
 * two cores with it.
 */

const { values } = parseArgs({
  options: {
    drills: { type: 'string', default: '1000' },
    duration: { type: 'string', default: '20' },
    warmup: { type: 'string', default: '3' },
    rate: { type: 'string', default: '0' },
  },
});
const drillCount = Number(values.drills);
const seconds = Number(values.duration);
const warmupSeconds = Number(values.warmup);
const rate = Number(values.rate);

const dir = mkdtempSync(join(tmpdir(), 'ttx-persist-'));
const store = new SqliteStore(join(dir, 'ttx.db'));
// The bench's own figures: each transaction's time to durable, and each command's wait for it.
const commitLatency = createHistogram();
const waitLatency = createHistogram();
let transactions = 0;
const committer = new GroupCommitter(store, {
  committed: (_items, seconds) => {
    if (!measuring) return;
    transactions++;
    commitLatency.record(Math.max(1, Math.round(seconds * 1e6)));
  },
  failed: () => undefined,
});

// Events shaped like the load bench's: a chat message of about 200 bytes as stored JSON.
const event = (drill: number, seq: number): LogEntry => ({
  seq,
  at: seq * 1000,
  actor: { role: 'ic', seat: 'ic' },
  event: { type: 'message.sent', messageId: `m-${seq}`, message: { channel: 'chat', recipients: ['soc'], subject: '', body: `msg ${drill} ic ${seq}: status on the bridge`, encrypted: false }, reach: { audience: 'team', orgs: ['team'], people: ['soc'], attackerReads: false } },
});

const drills = Array.from({ length: drillCount }, (_, i) => ({ id: `persist-${i}`, seq: 0 }));
for (const d of drills) {
  store.createDrill(
    { id: d.id, scenarioId: 'exfiltration-detected', scenarioVersion: 1, scenarioText: '', scenarioFile: 'exfiltration-detected.yaml', seed: d.id, hostKeyHash: 'bench', createdAt: 0 },
    [{ seat: 'ic', role: 'ic', tokenHash: `${d.id}-ic` }],
    [{ seq: 0, at: 0, actor: { role: 'system', seat: 'server-clock' }, event: { type: 'drill.created', scenarioId: 'exfiltration-detected', scenarioVersion: 1, seed: d.id } } as LogEntry],
    { wallMs: 0, gameMs: 0, speed: 1, running: true },
  );
}
console.error(`created ${drillCount} drills in ${dir}`);

let measuring = false;
let running = true;
let committed = 0;
const loop = monitorEventLoopDelay({ resolution: 1 });

async function commitNext(d: (typeof drills)[number]): Promise<void> {
  d.seq++;
  const item: CommitItem = {
    drillId: d.id,
    entries: [event(Number(d.id.slice(8)), d.seq)],
    idempotency: { key: `ic:${d.id}-${d.seq}`, result: { ok: true, body: `{"ok":true,"data":{"seqs":[${d.seq}],"seq":${d.seq}}}` } },
  };
  const submitted = performance.now();
  await committer.commit(item);
  if (!measuring) return;
  committed++;
  waitLatency.record(Math.max(1, Math.round((performance.now() - submitted) * 1000)));
}

/** Closed loop: every drill commits again as soon as its last commit is durable. */
async function flatOut(d: (typeof drills)[number]): Promise<void> {
  while (running) await commitNext(d);
}

/** Open loop: drills take turns at `rate` events/s; a drill still waiting for its last commit skips its turn. */
function paced(): () => void {
  const busy = new Set<number>();
  let next = 0;
  let skipped = 0;
  const start = performance.now();
  let issued = 0;
  // What is owed is worked out from the time elapsed: a 1-ms interval fires less often than that.
  const timer = setInterval(() => {
    const owed = Math.floor(((performance.now() - start) * rate) / 1000);
    for (; issued < owed; issued++) {
      const i = next++ % drillCount;
      if (busy.has(i)) {
        skipped++;
        continue;
      }
      busy.add(i);
      void commitNext(drills[i]!).finally(() => busy.delete(i));
    }
  }, 1);
  return () => {
    clearInterval(timer);
    if (skipped > 0) console.error(`${skipped} turns skipped: the drill was still waiting for its previous commit`);
  };
}

const stopPaced = rate > 0 ? paced() : null;
const workers = rate > 0 ? [] : drills.map(flatOut);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
await sleep(warmupSeconds * 1000);
loop.enable();
measuring = true;
const started = performance.now();
const tick = progress('measuring (s)', seconds);
for (let s = 1; s <= seconds; s++) {
  await sleep(1000);
  tick(s);
}
measuring = false;
loop.disable();
const elapsed = (performance.now() - started) / 1000;
running = false;
stopPaced?.();
await Promise.all(workers);
await store.close();
rmSync(dir, { recursive: true, force: true });

const ms = (ns: number) => Number((ns / 1e6).toFixed(2));
const us = (n: number) => Number((n / 1000).toFixed(2));
report('persist', {
  drills: drillCount,
  offeredRate: rate > 0 ? rate : 'max',
  seconds,
  durableEventsPerSecond: Math.round(committed / elapsed),
  transactionsPerSecond: Math.round(transactions / elapsed),
  eventsPerTransaction: Number((committed / Math.max(1, transactions)).toFixed(1)),
  commitP50Ms: us(commitLatency.percentile(50)),
  commitP99Ms: us(commitLatency.percentile(99)),
  commitWaitP99Ms: us(waitLatency.percentile(99)),
  loopP99Ms: ms(loop.percentile(99)),
  loopP999Ms: ms(loop.percentile(99.9)),
  loopMaxMs: ms(loop.max),
  targets: 'durable>=5000/s loopP999<=5ms',
});
