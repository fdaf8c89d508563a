import { parseArgs } from 'node:util';
import { runFailover } from './lib/failover-run.ts';
import { report } from './lib/results.ts';

/*
 * `npm run bench failover -- --rooms 200 --sockets 6`: PostgreSQL, two nodes and HAProxy on this
 * machine, rooms playing through the proxy, and the node running the most drills SIGKILLed. Targets:
 * 0 acknowledged events lost, 0 gaps, 0 duplicates, every scheduled inject delivered exactly once,
 * and every client of the dead node's drills welcomed back by the other node within 15 s.
 */

const { values } = parseArgs({
  options: {
    rooms: { type: 'string', default: '200' },
    sockets: { type: 'string', default: '6' },
    /** Any multiple of a team's realistic pace. */
    rate: { type: 'string', default: '1' },
    /** Seconds from the drills' start to the kill (the scenario's injects are due at 6, 12 and 18 s). */
    'kill-after': { type: 'string', default: '3' },
    /** Load-generator processes. */
    processes: { type: 'string', default: '2' },
  },
});

const result = await runFailover({
  rooms: Number(values.rooms),
  socketsPerRoom: Number(values.sockets),
  rateMultiplier: Number(values.rate),
  killAfterMs: Number(values['kill-after']) * 1000,
  processes: Number(values.processes),
  log: (line) => process.stderr.write(`${line}\n`),
});
report('failover', result.figures);
