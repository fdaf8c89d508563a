import '../../../server/memory-tuning.ts';
import { createApp } from '../../../server/app.ts';
import type { Logger } from '../../../server/log.ts';
import { openStore } from '../../../server/store/open-store.ts';
import { reportStatsOverIpc } from './stats-reporter.ts';

/*
 * The server as benchmarks run it: the real app on a real SQLite file, or as one node of several on
 * PostgreSQL (TTX_DB=postgres://…, behind HAProxy: nodes.ts), in its own process so its CPU, memory
 * and event loop can be measured apart from the load generator. It reports over IPC: `ready` with
 * its port, and `stats` whenever asked. Security log lines are counted, not printed.
 */

const securityEvents: Record<string, number> = {};
const log: Logger = {
  info: () => undefined,
  security: (kind) => {
    securityEvents[kind] = (securityEvents[kind] ?? 0) + 1;
  },
};

const db = process.env.TTX_DB ?? ':memory:';
const burst = Number(process.env.TTX_RATE_BURST ?? 30);
const perSecond = Number(process.env.TTX_RATE_PER_SECOND ?? 10);

// TTX_BENCH_MAX_IN_FLIGHT tries another cap on commands in flight (0: none); rows record it.
// TTX_BENCH_SATURATED_IN_FLIGHT the cap while saturated (0: keep the first cap throughout).
const maxInFlight = process.env.TTX_BENCH_MAX_IN_FLIGHT;
const saturatedInFlight = process.env.TTX_BENCH_SATURATED_IN_FLIGHT;
const { store, leases } = await openStore(db, { nodeName: process.env.TTX_NODE_NAME });
const app = createApp({
  store,
  leases,
  log,
  rate: { burst, perSecond },
  staticDir: null,
  ...(maxInFlight ? { maxCommandsInFlight: Number(maxInFlight) } : {}),
  ...(saturatedInFlight ? { saturatedCommandsInFlight: Number(saturatedInFlight) } : {}),
});
await app.registry.boot();
const port = await app.listen(Number(process.env.PORT ?? 0), '127.0.0.1');

reportStatsOverIpc({ committer: app.committer, commandLatency: app.commandLatency, securityEvents });
// A clean exit on SIGTERM (leases given back, the store closed), so `--cpu-prof` (TTX_BENCH_PROFILE)
// can write its profile.
process.on('SIGTERM', () => void app.close().finally(() => process.exit(0)));
// A bench (or test) that dies without stopping its server must not leave it running.
process.on('disconnect', () => process.exit(0));
process.send?.({ type: 'ready', port });
