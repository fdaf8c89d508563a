import { execute, redactEntryFor, type Command, type DrillState, type LogEntry, type Viewer } from '../../shared/engine/index.ts';
import { ERROR, type AckResult, type CommandRequest, type CommandResult } from '../../shared/protocol/index.ts';
import type { CompiledScenario } from '../../shared/scenario/compiled.ts';
import type { Clock, Scheduler } from '../clock.ts';
import type { ClockAnchor, EventStore } from '../store/types.ts';
import { authorise } from './authorise.ts';
import type { GroupCommitter } from './committer.ts';
import { gameNow, msToNextMinute } from './game-clock.ts';

/** Where a room sends what it has committed. The socket layer implements it. */
export interface RoomOutput {
  /** Entries just made durable, with the drill's state before and after them. */
  applied(drillId: string, entries: LogEntry[], before: DrillState, after: DrillState): void;
}

export interface RoomDeps {
  store: EventStore;
  committer: GroupCommitter;
  clock: Clock;
  scheduler: Scheduler;
  output: RoomOutput;
}

const SYSTEM = { role: 'system' as const, seat: 'server-clock' };

/**
 * One live drill: its state, its game clock and a queue that runs its commands one at a time:
 * validate → authorise → stamp game time → engine → commit → broadcast → ack.
 */
export class DrillRoom {
  private queue: Promise<unknown> = Promise.resolve();
  private queued = 0;
  private timer: unknown = null;
  private closed = false;

  constructor(
    readonly id: string,
    readonly compiled: CompiledScenario,
    public state: DrillState,
    private anchor: ClockAnchor,
    private readonly deps: RoomDeps,
  ) {}

  gameTime(): number {
    return Math.max(this.state.clock, gameNow(this.anchor, this.deps.clock.now()));
  }

  /** Run a seat's command through the pipeline; resolves with the ack to send. */
  submit(seat: Viewer, request: CommandRequest): Promise<AckResult<CommandResult>> {
    return this.enqueue(() => this.process(seat, request));
  }

  /** Advance game time to now (injects and adversary moves that fell due). */
  tick(): Promise<AckResult<CommandResult>> {
    return this.enqueue(() => this.apply(SYSTEM, { type: 'clock.tick' }));
  }

  private enqueue<T>(job: () => Promise<T>): Promise<T> {
    this.queued++;
    const run = this.queue.then(job, job);
    this.queue = run.catch(() => undefined).finally(() => this.queued--);
    return run;
  }

  /** Whether commands are queued or running. */
  busy(): boolean {
    return this.queued > 0;
  }

  private async process(seat: Viewer, request: CommandRequest): Promise<AckResult<CommandResult>> {
    // Keys are scoped to the seat, so one seat can never read or block another seat's answers.
    const key = `${seat.seat}:${request.idempotencyKey}`;
    const previous = this.deps.store.idempotent(this.id, key);
    if (previous) return JSON.parse(previous.body) as AckResult<CommandResult>;
    const refusal = authorise(seat, request.command);
    if (refusal) return { ok: false, error: { code: ERROR.FORBIDDEN, message: refusal } };
    const stale = request.expectedSeq === undefined ? null : this.staleness(seat, request.expectedSeq);
    if (stale) return { ok: false, error: { code: ERROR.STALE, message: stale } };
    return this.apply({ role: seat.role, seat: seat.seat }, request.command, key);
  }

  /**
   * Stale means the seat's own view moved on after expectedSeq. Entries the seat may not see (an
   * adversary roll, a facilitator note) do not make it stale: it could never have known about them.
   */
  private staleness(seat: Viewer, expectedSeq: number): string | null {
    if (expectedSeq > this.state.seq) return `expectedSeq ${expectedSeq} is ahead of the drill (at seq ${this.state.seq}); resync and retry`;
    if (expectedSeq === this.state.seq) return null;
    const missed = this.deps.store.entries(this.id, expectedSeq).filter((e) => redactEntryFor(this.compiled, e, seat) !== null);
    if (missed.length === 0) return null;
    return `you sent this from seq ${expectedSeq} but ${missed.length} newer event(s) you can see arrived since (drill at seq ${this.state.seq}); resync and retry`;
  }

  private async apply(actor: { role: Viewer['role'] | 'system'; seat: string }, command: Command, idempotencyKey?: string): Promise<AckResult<CommandResult>> {
    const wall = this.deps.clock.now();
    const at = this.gameTime();
    const result = execute(this.compiled, this.state, { at, actor, command });
    if (!result.ok) return { ok: false, error: result.error };
    const ack: AckResult<CommandResult> = { ok: true, data: { seqs: result.entries.map((e) => e.seq), seq: result.state.seq } };
    const anchor = this.nextAnchor(result.state, at, wall);
    if (result.entries.length === 0 && !anchor && !idempotencyKey) {
      this.arm();
      return ack;
    }
    await this.deps.committer.commit({
      drillId: this.id,
      entries: result.entries,
      ...(anchor ? { anchor } : {}),
      ...(idempotencyKey ? { idempotency: { key: idempotencyKey, result: { ok: true, body: JSON.stringify(ack) } } } : {}),
    });
    const before = this.state;
    this.state = result.state;
    if (anchor) this.anchor = anchor;
    if (result.entries.length > 0) {
      // Committed is committed: a fan-out failure must not turn the ack into an error (clients resync).
      try {
        this.deps.output.applied(this.id, result.entries, before, this.state);
      } catch (error) {
        console.error(`drill ${this.id}: broadcast failed: ${(error as Error).message}`);
      }
    }
    this.arm();
    return ack;
  }

  /** A new clock anchor when the drill starts, pauses, resumes, ends or changes speed. */
  private nextAnchor(state: DrillState, at: number, wall: number): ClockAnchor | null {
    const running = state.lifecycle === 'running';
    if (running === this.anchor.running && state.speed === this.anchor.speed) return null;
    return { wallMs: wall, gameMs: at, speed: state.speed, running };
  }

  /** Keep one timer armed for the next whole game minute while the drill runs. */
  arm(): void {
    if (this.timer !== null) this.deps.scheduler.clear(this.timer);
    this.timer = null;
    if (this.closed || this.state.lifecycle !== 'running') return;
    const delay = msToNextMinute(this.anchor, this.deps.clock.now());
    if (delay === null) return;
    this.timer = this.deps.scheduler.set(() => {
      this.timer = null;
      void this.tick()
        .catch((error) => console.error(`drill ${this.id}: tick failed: ${(error as Error).message}`))
        // A failed tick (say, a full disk) must not stop the clock: try again at the next minute.
        .finally(() => {
          if (this.timer === null) this.arm();
        });
    }, delay);
  }

  close(): void {
    this.closed = true;
    if (this.timer !== null) this.deps.scheduler.clear(this.timer);
    this.timer = null;
  }

  /** Wait for every queued command to finish (tests, shutdown). */
  idle(): Promise<unknown> {
    return this.queue;
  }
}
