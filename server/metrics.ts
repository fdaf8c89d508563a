import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/*
 * What the server measures about itself, served as Prometheus text at GET /metrics. The process's
 * own figures (CPU, memory, event-loop lag as nodejs_eventloop_lag_*) come from prom-client's
 * default metrics, collected once per process; the rest belong to one app.
 */

/** Seconds; fine enough to tell a 2 ms commit from a 3 ms one and a 40 ms ack from a 50 ms one. */
export const LATENCY_BUCKETS = [0.0005, 0.001, 0.002, 0.003, 0.005, 0.0075, 0.01, 0.015, 0.02, 0.03, 0.04, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.75, 1, 1.5, 2, 3, 5, 10];

let processRegistry: Registry | null = null;
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry, eventLoopMonitoringPrecision: 10 });
  }
  return processRegistry;
}

export interface MetricSources {
  /** Live drills by lifecycle (briefing, running, paused, ended). */
  drills(): Map<string, number>;
  /** Seats connected right now (sockets past the handshake). */
  seats(): number;
}

export class ServerMetrics {
  readonly registry = new Registry();
  readonly commands = new Counter({ name: 'ttx_commands_total', help: 'Commands answered, by outcome: ok or the error code.', labelNames: ['outcome'] as const, registers: [this.registry] });
  readonly commandSeconds = new Histogram({ name: 'ttx_command_duration_seconds', help: 'A command taken in, from its arrival to its answer (queue, engine, commit, broadcast).', buckets: LATENCY_BUCKETS, registers: [this.registry] });
  readonly shed = new Counter({ name: 'ttx_commands_shed_total', help: 'Commands refused with OVERLOADED, by the signal that shed them.', labelNames: ['signal'] as const, registers: [this.registry] });
  readonly commitSeconds = new Histogram({ name: 'ttx_commit_duration_seconds', help: 'A group-commit transaction, from hand-over to the writer to durable.', buckets: LATENCY_BUCKETS, registers: [this.registry] });
  readonly committedItems = new Counter({ name: 'ttx_committed_items_total', help: 'Commands and clock ticks made durable.', registers: [this.registry] });
  readonly commitFailures = new Counter({ name: 'ttx_commit_failures_total', help: 'Transactions the store failed to make durable.', registers: [this.registry] });
  readonly security = new Counter({ name: 'ttx_security_events_total', help: 'Refusals logged as security events, by kind.', labelNames: ['kind'] as const, registers: [this.registry] });
  readonly loopLag = new Histogram({ name: 'ttx_event_loop_lag_seconds', help: 'How late each 50-ms probe of the event loop fired (the lag that sheds commands).', buckets: LATENCY_BUCKETS, registers: [this.registry] });
  readonly drillsCreated = new Counter({ name: 'ttx_drills_created_total', help: 'Drills created over HTTP.', registers: [this.registry] });
  private readonly merged: Registry;

  constructor(sources: MetricSources) {
    new Gauge({
      name: 'ttx_drills_live',
      help: 'Drills held in memory, by lifecycle.',
      labelNames: ['lifecycle'] as const,
      registers: [this.registry],
      collect() {
        this.reset();
        for (const [lifecycle, n] of sources.drills()) this.set({ lifecycle }, n);
      },
    });
    new Gauge({
      name: 'ttx_seats_connected',
      help: 'Seats connected over socket.io.',
      registers: [this.registry],
      collect() {
        this.set(sources.seats());
      },
    });
    this.merged = Registry.merge([processMetrics(), this.registry]);
  }

  /** The exposition text and its content type, for GET /metrics. */
  async exposition(): Promise<{ type: string; text: string }> {
    return { type: this.merged.contentType, text: await this.merged.metrics() };
  }

  /** For the group committer: a transaction made `items` durable in `seconds`, or failed. */
  readonly commitObserver = {
    committed: (items: number, seconds: number) => {
      this.commitSeconds.observe(seconds);
      this.committedItems.inc(items);
    },
    failed: () => this.commitFailures.inc(),
  };
}
