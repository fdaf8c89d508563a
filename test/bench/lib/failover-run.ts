import pg from 'pg';
import { FIXTURE } from '../../engine/fixture.ts';
import { deploy } from './deployment.ts';
import { LoadGenerator, type LoadMetrics } from './load.ts';
import { SplitLoad } from './load-split.ts';
import type { Verdict } from './verify.ts';

/*
 * A node dies under load: PostgreSQL, two nodes and HAProxy on loopback (deployment.ts), rooms
 * playing through the proxy, and the node running the most drills SIGKILLed. Its drills' leases
 * lapse, the clients reconnect through the proxy to the other node, which takes each drill over,
 * rebuilds it from the log and fires what fell due meanwhile. Judged afterwards: nothing
 * acknowledged lost, no gaps, no duplicates (the database); each scheduled inject of every drill
 * delivered exactly once; every client of the dead node's drills welcomed back, and how long after
 * the kill the last one was; every facilitator caught up with its drill's log.
 *
 * The drills play a small scenario at 10× with injects due at game minutes 1, 2 and 3 (6, 12 and
 * 18 s of wall time after the start), and the kill comes before the first, so injects fall due
 * while the dead node's drills have no node.
 */

export const FAILOVER_INJECTS = ['failover-m1', 'failover-m2', 'failover-m3'];
const SCENARIO = {
  ...FIXTURE,
  id: 'failover',
  injects: [...FIXTURE.injects, ...FAILOVER_INJECTS.map((id, i) => ({ id, title: `Minute ${i + 1}`, body: `Due at minute ${i + 1}.`, delivery: { at: i + 1 } }))],
};
const SPEED = 10;
/** Wall time from the start until the last scheduled inject is due, and a margin for the tick. */
const LAST_INJECT_DUE_MS = (FAILOVER_INJECTS.length * 60_000) / SPEED + 2_000;

export interface FailoverRunOptions {
  /** A PostgreSQL server to make the database on; else one is started. */
  postgresUrl?: string;
  rooms: number;
  socketsPerRoom: number;
  rateMultiplier: number;
  /** Load-generator processes (1: in this process). */
  processes?: number;
  /** From the drills' start to the kill. */
  killAfterMs: number;
  seed?: string;
  log?: (line: string) => void;
}

export interface FailoverRunResult {
  verdict: Verdict;
  /** Drills the dead node ran. */
  victimDrills: number;
  /** Kill → the last client of the dead node's drills welcomed by the other node. */
  resumedMs: number;
  /** Clients of the dead node's drills never welcomed back within the wait. */
  stragglers: number;
  /** Scheduled injects (FAILOVER_INJECTS) missing from a drill's log, and extra deliveries of one. */
  injectsMissing: number;
  injectsRepeated: number;
  /** Facilitators that never caught up with their drill's last seq. */
  behind: number;
  figures: Record<string, number | string>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

export async function runFailover(o: FailoverRunOptions): Promise<FailoverRunResult> {
  const log = o.log ?? (() => undefined);
  const deployment = await deploy({ store: 'postgres', nodes: 2, dir: '', rate: { burst: 1000, perSecond: 1000 }, ...(o.postgresUrl ? { postgresUrl: o.postgresUrl } : {}) });
  const config = { url: deployment.url, rooms: o.rooms, socketsPerRoom: o.socketsPerRoom, rateMultiplier: o.rateMultiplier, seed: o.seed ?? 'failover', fastReconnect: true, scenario: { text: JSON.stringify(SCENARIO), file: 'failover.json' }, speed: SPEED };
  const processes = o.processes ?? 1;
  const split = processes > 1 ? new SplitLoad(config, processes) : null;
  const local = split ? null : new LoadGenerator(config);
  const load = (split ?? local) as SplitLoad | LoadGenerator;
  try {
    await load.createRooms();
    await load.connectAll((n) => log(`sockets connected: ${n}/${o.rooms * o.socketsPerRoom}`));
    const startedAt = Date.now();
    await load.startDrills();
    await load.play();
    await load.measure(true);
    await sleep(o.killAfterMs);

    // The node that runs the most drills dies.
    const held = await query<{ name: string; drill_id: string }>(deployment.db, 'SELECT n.name, l.drill_id FROM leases l JOIN nodes n ON n.id = l.holder');
    const byNode = new Map<string, string[]>();
    for (const row of held) byNode.set(row.name, [...(byNode.get(row.name) ?? []), row.drill_id]);
    const [victimName, victimDrills] = [...byNode.entries()].sort((a, b) => b[1].length - a[1].length)[0] ?? ['node1', []];
    const victim = deployment.nodes[Number(victimName.replace('node', '')) - 1]!;
    log(`leases: ${[...byNode].map(([n, d]) => `${n} ${d.length}`).join(', ')}; SIGKILL ${victimName}`);
    const killedAt = Date.now();
    await victim.kill('SIGKILL');

    // Every client of the dead node's drills is welcomed again, by the other node.
    const welcomes = () => load.welcomeStatus(killedAt, victimDrills);
    let status = await welcomes();
    while (status.late > 0 && Date.now() - killedAt < 60_000) {
      await sleep(50);
      status = await welcomes();
    }
    const resumedMs = status.late === 0 ? status.lastEpochMs - killedAt : Infinity;
    log(`${status.clients - status.late}/${status.clients} clients of ${victimName}'s ${victimDrills.length} drills back after ${Math.round(resumedMs)} ms`);

    // Play on until every scheduled inject is due, then let the commands in flight settle.
    await sleep(Math.max(0, startedAt + LAST_INJECT_DUE_MS - Date.now()));
    await load.measure(false);
    await load.stop();
    await sleep(3_000);
    const metrics: LoadMetrics = split ? await split.metrics() : (local as LoadGenerator).metrics;
    const verdict = await deployment.verify(metrics);

    const deliveries = await query<{ drill_id: string; inject: string; n: number }>(
      deployment.db,
      `SELECT drill_id, event::json->>'injectId' AS inject, count(*)::int AS n FROM events WHERE event LIKE '%"inject.delivered"%' GROUP BY 1, 2`,
    );
    let injectsMissing = 0;
    let injectsRepeated = 0;
    const drillIds = (await query<{ id: string }>(deployment.db, 'SELECT id FROM drills')).map((r) => r.id);
    for (const id of drillIds) {
      for (const inject of FAILOVER_INJECTS) {
        const n = deliveries.find((d) => d.drill_id === id && d.inject === inject)?.n ?? 0;
        if (n === 0) injectsMissing++;
        if (n > 1) injectsRepeated += n - 1;
      }
    }

    // Facilitators see every entry: each must reach its drill's last seq as the log has it now.
    const last = new Map((await query<{ drill_id: string; seq: number }>(deployment.db, 'SELECT drill_id, max(seq) AS seq FROM events GROUP BY 1')).map((r) => [r.drill_id, r.seq]));
    let behind = Infinity;
    for (const deadline = Date.now() + 15_000; behind > 0 && Date.now() < deadline; await sleep(50)) {
      const seqs = split ? await split.facilitatorSeqs() : (local as LoadGenerator).facilitatorSeqs();
      behind = seqs.filter(([drill, seq]) => seq < (last.get(drill) ?? 0)).length;
    }

    const figures = {
      rooms: o.rooms,
      sockets: o.rooms * o.socketsPerRoom,
      rate: `${o.rateMultiplier}x`,
      victimDrills: victimDrills.length,
      resumedMs: Math.round(resumedMs),
      stragglers: status.late,
      commandsAcked: metrics.commandsAcked,
      lostAcked: verdict.lostAcked,
      seqGaps: verdict.gaps,
      duplicates: verdict.duplicates,
      events: verdict.events,
      injectsMissing,
      injectsRepeated,
      facilitatorsBehind: behind,
      errors: Object.entries(metrics.errors).map(([k, v]) => `${k}:${v}`).join(' ') || 'none',
    };
    return { verdict, victimDrills: victimDrills.length, resumedMs, stragglers: status.late, injectsMissing, injectsRepeated, behind, figures };
  } finally {
    await load.close();
    await deployment.stop('SIGKILL');
  }
}
