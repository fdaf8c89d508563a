import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { runLoad } from './lib/load-run.ts';
import { report } from './lib/results.ts';

/*
 * `npm run bench load -- --rooms 1000 --sockets 8 --duration 60 [--burst] [--store postgres --nodes 2]`:
 * the load benchmark.
 * Targets (2 cores, load generator on the same machine): 1,000 rooms × 8 sockets with inject
 * delivery p99 ≤ 20 ms and max ≤ 100 ms, ack p99 ≤ 25 ms, RSS ≤ 400 MB, no disconnects;
 * 2,000 × 6 with inject p99 ≤ 25 ms; burst (5×) with no acknowledged event lost and ack p99 ≤ 250 ms.
 */

const { values } = parseArgs({
  options: {
    /** Where the log is kept: 'sqlite' (one process, as `npm start`) or 'postgres' (nodes behind HAProxy). */
    store: { type: 'string', default: 'sqlite' },
    /** Server nodes, with --store postgres: each a process of its own, behind HAProxy. */
    nodes: { type: 'string', default: '1' },
    rooms: { type: 'string', default: '1000' },
    sockets: { type: 'string', default: '8' },
    duration: { type: 'string', default: '60' },
    warmup: { type: 'string', default: '30' },
    burst: { type: 'boolean', default: false },
    /** Load-generator processes (each holds rooms / processes of the sockets). */
    processes: { type: 'string', default: '2' },
    /** Any multiple of the realistic rates (the burst mode is 5); far past capacity shows the shedding. */
    rate: { type: 'string' },
    'rate-burst': { type: 'string', default: '30' },
    'rate-per-second': { type: 'string', default: '10' },
    /** 'sync' plays clients that re-read the whole view after each entry, as the client did before view patches. */
    'view-updates': { type: 'string', default: 'patch' },
    /**
     * 'app' (the real server), or the transport floor under it: 'floor' moves the same messages and
     * makes them durable the same way with no game behind them; 'floor-nodisk' skips the disk too.
     */
    server: { type: 'string', default: 'app' },
    /** Write the server's heap at the end of the measurement to this file (analyse it with heap-report.ts). */
    'heap-snapshot': { type: 'string' },
  },
});
const SERVERS = ['app', 'floor', 'floor-nodisk'] as const;
const server = SERVERS.find((s) => s === values.server);
if (!server) throw new Error(`--server must be one of ${SERVERS.join(', ')}; got ${values.server}`);
const store = values.store === 'postgres' ? 'postgres' : values.store === 'sqlite' ? 'sqlite' : null;
if (!store) throw new Error(`--store must be sqlite or postgres; got ${values.store}`);
const nodes = Number(values.nodes);
if (!Number.isInteger(nodes) || nodes < 1 || (store === 'sqlite' && nodes !== 1)) throw new Error(`--nodes must be a whole number of at least 1, and 1 with --store sqlite; got ${values.nodes}`);

const dir = mkdtempSync(join(tmpdir(), 'ttx-load-'));
try {
  const result = await runLoad({
    dir,
    store,
    nodes,
    rooms: Number(values.rooms),
    socketsPerRoom: Number(values.sockets),
    durationMs: Number(values.duration) * 1000,
    warmupMs: Number(values.warmup) * 1000,
    rateMultiplier: values.rate ? Number(values.rate) : values.burst ? 5 : 1,
    rate: { burst: Number(values['rate-burst']), perSecond: Number(values['rate-per-second']) },
    processes: Number(values.processes),
    viewUpdates: values['view-updates'] === 'sync' ? 'sync' : 'patch',
    server,
    ...(values['heap-snapshot'] ? { heapSnapshot: resolve(values['heap-snapshot']) } : {}),
    log: (line) => process.stderr.write(`${line}\n`),
  });
  report(values.rate ? `load-${values.rate}x` : values.burst ? 'load-burst' : 'load', { ...result.figures });
} finally {
  rmSync(dir, { recursive: true, force: true });
}
