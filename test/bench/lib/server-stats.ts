import { gauge, histogramQuantile, increase, increaseBy, type Samples } from './metrics.ts';

/*
 * A benchmark server's figures over a measurement, from two scrapes of its GET /metrics: the one
 * taken when the measurement starts and the one when it ends.
 */

export interface ServerStats {
  rssMb: number;
  heapUsedMb: number;
  /** The JS heap as reserved from the system (used plus the room V8 keeps to grow into). */
  heapTotalMb: number;
  /** Memory outside the JS heap that V8 knows of: Buffers and ArrayBuffers (socket reads and writes). */
  externalMb: number;
  cpuUserMs: number;
  cpuSystemMs: number;
  /** How late the server's 50-ms loop probe fired (ttx_event_loop_lag_seconds). */
  loopP50Ms: number;
  loopP99Ms: number;
  /** The longest event-loop delay (nodejs_eventloop_lag_max_seconds, less its 10-ms sampling interval). */
  loopMaxMs: number;
  committedItems: number;
  transactions: number;
  /** Time for a transaction to become durable, from the main thread (hand-over → fsync → reply). */
  commitP50Ms: number;
  commitP99Ms: number;
  /** Command arrival → ack on the server (queue, engine, commit, broadcast). */
  serverAckP50Ms: number;
  serverAckP99Ms: number;
  commandsShed: number;
  /** Commands shed by the signal that shed them (lag, in_flight). */
  shedBySignal: Record<string, number>;
  securityEvents: Record<string, number>;
  uptimeMs: number;
}

const mb = (bytes: number) => Math.round(bytes / 2 ** 20);
const ms = (seconds: number) => (Number.isNaN(seconds) ? 0 : Number((seconds * 1000).toFixed(2)));

/** The server's figures between the scrape `base` and the scrape `now`, `elapsedMs` apart. */
export function statsBetween(now: Samples, base: Samples, elapsedMs: number): ServerStats {
  return {
    rssMb: mb(gauge(now, 'process_resident_memory_bytes')),
    heapUsedMb: mb(gauge(now, 'nodejs_heap_size_used_bytes')),
    heapTotalMb: mb(gauge(now, 'nodejs_heap_size_total_bytes')),
    externalMb: mb(gauge(now, 'nodejs_external_memory_bytes')),
    cpuUserMs: Math.round(increase(now, base, 'process_cpu_user_seconds_total') * 1000),
    cpuSystemMs: Math.round(increase(now, base, 'process_cpu_system_seconds_total') * 1000),
    loopP50Ms: ms(histogramQuantile(now, base, 'ttx_event_loop_lag_seconds', 0.5)),
    loopP99Ms: ms(histogramQuantile(now, base, 'ttx_event_loop_lag_seconds', 0.99)),
    loopMaxMs: Math.max(0, Number((ms(gauge(now, 'nodejs_eventloop_lag_max_seconds')) - 10).toFixed(2))),
    committedItems: increase(now, base, 'ttx_committed_items_total'),
    transactions: increase(now, base, 'ttx_commit_duration_seconds_count'),
    commitP50Ms: ms(histogramQuantile(now, base, 'ttx_commit_duration_seconds', 0.5)),
    commitP99Ms: ms(histogramQuantile(now, base, 'ttx_commit_duration_seconds', 0.99)),
    serverAckP50Ms: ms(histogramQuantile(now, base, 'ttx_command_duration_seconds', 0.5)),
    serverAckP99Ms: ms(histogramQuantile(now, base, 'ttx_command_duration_seconds', 0.99)),
    commandsShed: increase(now, base, 'ttx_commands_shed_total'),
    shedBySignal: increaseBy(now, base, 'ttx_commands_shed_total', 'signal'),
    securityEvents: increaseBy(now, base, 'ttx_security_events_total', 'kind'),
    uptimeMs: Math.round(elapsedMs),
  };
}
