import '../../../server/memory-tuning.ts';
import { fileURLToPath } from 'node:url';
import { createApp } from '../../../server/app.ts';
import { readValidatedScenarios } from '../../../server/drills/validated-scenarios.ts';
import { silentLogger } from '../../../server/log.ts';
import { openStore } from '../../../server/store/open-store.ts';
import { answerBenchRequests } from './bench-ipc.ts';

/*
 * The server as benchmarks run it: the real app on a real SQLite file, or as one node of several on
 * PostgreSQL (TTX_DB=postgres://…, behind HAProxy: deployment.ts), in its own process so its CPU,
 * memory and event loop can be measured apart from the load generator. Its figures are read from
 * its GET /metrics; over IPC it says `ready` with its port and answers what only it can measure (bench-ipc.ts).
 */

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
  validatedScenarios: readValidatedScenarios(fileURLToPath(new URL('.', import.meta.url))),
  leases,
  log: silentLogger,
  rate: { burst, perSecond },
  staticDir: null,
  // The load generator creates every room from one address, and starts them after creating them all.
  creationRate: { burst: 1_000_000, everyMs: 1 },
  maxWaitingDrills: 1_000_000,
  scoring: 'thread',
  ...(maxInFlight ? { maxCommandsInFlight: Number(maxInFlight) } : {}),
  ...(saturatedInFlight ? { saturatedCommandsInFlight: Number(saturatedInFlight) } : {}),
});
await app.registry.boot();
const port = await app.listen(Number(process.env.PORT ?? 0), '127.0.0.1');

answerBenchRequests();
// A clean exit on SIGTERM (leases given back, the store closed), so `--cpu-prof` (TTX_BENCH_PROFILE)
// can write its profile.
process.on('SIGTERM', () => void app.close().finally(() => process.exit(0)));
// A bench (or test) that dies without stopping its server must not leave it running.
process.on('disconnect', () => process.exit(0));
process.send?.({ type: 'ready', port });
