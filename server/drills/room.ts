import { execute, redactEntryFor, type Command, type DrillState, type LogEntry, type Viewer } from '../../shared/engine/index.ts';
import { ERROR, type AckResult, type CommandRequest, type CommandResult } from '../../shared/protocol/index.ts';
import type { CompiledScenario } from '../../shared/scenario/compiled.ts';
import type { Clock, Scheduler } from '../clock.ts';
import { isPromise, type MaybePromise } from '../store/maybe.ts';
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

/** A decided command: its ack, once it is durable (or at once, for a refusal or a repeat). */
interface Decided {
  ack: Promise<AckResult<CommandResult>>;
}
const answer = (ack: AckResult<CommandResult>): Decided => ({ ack: Promise.resolve(ack) });

const SYSTEM = { role: 'system' as const, seat: 'server-clock' };

/**
 * One live drill: its state, its game clock and a queue that decides its commands one at a time:
 * validate → authorise → stamp game time → engine → submit to the group commit. Decisions are
 * pipelined: the next command is decided on the state the previous one produced as soon as that
 * one is submitted, not once it is durable. Nothing leaves before it is durable: a command's
 * broadcast and ack wait for its commit, and commits complete in submission order. Without the
 * pipeline a drill made one command durable per transaction, and when transactions slowed under
 * load its commands queued behind each other (queue wait p99 1.46 s at the burst rate, session 8).
 */
export class DrillRoom {
  private queue: Promise<unknown> = Promise.resolve();
  private queued = 0;
  private timer: unknown = null;
  private closed = false;
  /** The state after every command decided so far, durable or not: what the next one is decided on. */
  private head: DrillState;
  /** The clock anchor of `head`; `durableAnchor` is the one of `state`. */
  private anchor: ClockAnchor;
  private durableAnchor: ClockAnchor;
  /**
   * Bumped when a commit fails. Commands decided before the failure were decided on a state that
   * will never be durable; their own commits fail too (their seqs no longer follow on), and they
   * must not roll the drill back a second time.
   */
  private epoch = 0;
  /** Commands submitted and not yet settled, by idempotency key: a retry gets the same answer. */
  private readonly inFlight = new Map<string, Promise<AckResult<CommandResult>>>();
  private unsettled = 0;
  /** Settles after every command submitted so far has (commits complete in order). */
  private tail: Promise<unknown> = Promise.resolve();
  /**
   * One actor object per seat, shared by every entry the seat's commands produce. The drill keeps
   * each entry's actor for as long as it lives (in message records, timeline entries and the live
   * score's records), and a fresh `{ role, seat }` per command was about 40 bytes each, twice over.
   */
  private readonly actors = new Map<string, { role: Viewer['role']; seat: string }>();

  constructor(
    readonly id: string,
    readonly compiled: CompiledScenario,
    /** What is durable, and all that has been sent: views, welcomes and reports read this. */
    public state: DrillState,
    anchor: ClockAnchor,
    private readonly deps: RoomDeps,
    /** The fencing token of this node's lease on the drill, sent with every commit (lease.ts); none in one process. */
    readonly fence?: number,
  ) {
    this.head = state;
    this.anchor = anchor;
    this.durableAnchor = anchor;
  }

  gameTime(): number {
    return Math.max(this.head.clock, gameNow(this.anchor, this.deps.clock.now()));
  }

  /** Run a seat's command through the pipeline; resolves with the ack to send. */
  submit(seat: Viewer, request: CommandRequest): Promise<AckResult<CommandResult>> {
    return this.enqueue(() => this.process(seat, request)).then((decided) => decided.ack);
  }

  /** Advance game time to now (injects and adversary moves that fell due). */
  tick(): Promise<AckResult<CommandResult>> {
    return this.enqueue(() => this.apply(SYSTEM, { type: 'clock.tick' })).then((decided) => decided.ack);
  }

  private enqueue<T>(job: () => T | Promise<T>): Promise<T> {
    this.queued++;
    const run = this.queue.then(job, job);
    this.queue = run.catch(() => undefined).finally(() => this.queued--);
    return run;
  }

  /** Whether commands are queued, being decided or waiting to be durable. */
  busy(): boolean {
    return this.queued > 0 || this.unsettled > 0;
  }

  private async process(seat: Viewer, request: CommandRequest): Promise<Decided> {
    // Keys are scoped to the seat, so one seat can never read or block another seat's answers.
    const key = `${seat.seat}:${request.idempotencyKey}`;
    const pending = this.inFlight.get(key);
    if (pending) return { ack: pending };
    // Not awaited when the store answers at once (SQLite): a fresh key costs no extra turn.
    const stored = this.deps.store.idempotent(this.id, key);
    const previous = isPromise(stored) ? await stored : stored;
    if (previous) return answer(JSON.parse(previous.body) as AckResult<CommandResult>);
    const refusal = authorise(seat, request.command);
    if (refusal) return answer({ ok: false, error: { code: ERROR.FORBIDDEN, message: refusal } });
    if (request.expectedSeq !== undefined) {
      // Staleness is judged against what the seat could have seen, which is only what is durable.
      await this.tail;
      const stale = await this.staleness(seat, request.expectedSeq);
      if (stale) return answer({ ok: false, error: { code: ERROR.STALE, message: stale } });
    }
    return this.apply(this.actorOf(seat), request.command, key);
  }

  private actorOf(seat: Viewer): { role: Viewer['role']; seat: string } {
    let actor = this.actors.get(seat.seat);
    if (actor?.role !== seat.role) {
      actor = { role: seat.role, seat: seat.seat };
      this.actors.set(seat.seat, actor);
    }
    return actor;
  }

  /**
   * Stale means the seat's own view moved on after expectedSeq. Entries the seat may not see (an
   * adversary roll, a facilitator note) do not make it stale: it could never have known about them.
   */
  private staleness(seat: Viewer, expectedSeq: number): MaybePromise<string | null> {
    if (expectedSeq > this.state.seq) return `expectedSeq ${expectedSeq} is ahead of the drill (at seq ${this.state.seq}); resync and retry`;
    if (expectedSeq === this.state.seq) return null;
    const judge = (entries: LogEntry[]) => {
      const missed = entries.filter((e) => redactEntryFor(this.compiled, e, seat) !== null);
      if (missed.length === 0) return null;
      return `you sent this from seq ${expectedSeq} but ${missed.length} newer event(s) you can see arrived since (drill at seq ${this.state.seq}); resync and retry`;
    };
    const entries = this.deps.store.entries(this.id, expectedSeq);
    return isPromise(entries) ? entries.then(judge) : judge(entries);
  }

  private apply(actor: { role: Viewer['role'] | 'system'; seat: string }, command: Command, idempotencyKey?: string): Decided {
    const wall = this.deps.clock.now();
    const at = this.gameTime();
    const result = execute(this.compiled, this.head, { at, actor, command });
    if (!result.ok) return answer({ ok: false, error: result.error });
    const ack: AckResult<CommandResult> = { ok: true, data: { seqs: result.entries.map((e) => e.seq), seq: result.state.seq } };
    const anchor = this.nextAnchor(result.state, at, wall);
    if (result.entries.length === 0 && !anchor && !idempotencyKey) {
      this.arm();
      return answer(ack);
    }
    const epoch = this.epoch;
    this.head = result.state;
    if (anchor) this.anchor = anchor;
    const durable = this.deps.committer.commit({
      drillId: this.id,
      entries: result.entries,
      ...(anchor ? { anchor } : {}),
      ...(idempotencyKey ? { idempotency: { key: idempotencyKey, result: { ok: true, body: JSON.stringify(ack) } } } : {}),
      ...(this.fence !== undefined ? { fence: this.fence } : {}),
    });
    this.arm();
    const done = durable.then(
      () => this.publish(result.entries, result.state, anchor, ack),
      (error: Error) => {
        this.rollBack(epoch);
        throw error;
      },
    );
    this.track(done, idempotencyKey);
    return { ack: done };
  }

  /** A command is durable: it becomes the drill's state and goes out (commits complete in order). */
  private publish(entries: LogEntry[], after: DrillState, anchor: ClockAnchor | null, ack: AckResult<CommandResult>): AckResult<CommandResult> {
    const before = this.state;
    this.state = after;
    if (anchor) this.durableAnchor = anchor;
    if (entries.length > 0) {
      // Committed is committed: a fan-out failure must not turn the ack into an error (clients resync).
      try {
        this.deps.output.applied(this.id, entries, before, after);
      } catch (error) {
        console.error(`drill ${this.id}: broadcast failed: ${(error as Error).message}`);
      }
    }
    return ack;
  }

  /**
   * The first failed commit of an epoch takes the drill back to what is durable: every command
   * before it has been published (commits complete in order), and every one after it was decided
   * on its state, so they fail too. Their clients get an error and retry with the same key.
   */
  private rollBack(epoch: number): void {
    if (epoch !== this.epoch) return;
    this.epoch++;
    this.head = this.state;
    this.anchor = this.durableAnchor;
    this.arm();
  }

  private track(done: Promise<unknown>, idempotencyKey?: string): void {
    this.unsettled++;
    if (idempotencyKey) this.inFlight.set(idempotencyKey, done as Promise<AckResult<CommandResult>>);
    const settle = () => {
      this.unsettled--;
      // Durable by now (or failed, and then free to be tried again): the store answers a retry.
      if (idempotencyKey && this.inFlight.get(idempotencyKey) === done) this.inFlight.delete(idempotencyKey);
    };
    this.tail = done.then(settle, settle);
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
    if (this.closed || this.head.lifecycle !== 'running') return;
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

  /** Wait for every queued command to be decided and settled (tests, shutdown). */
  async idle(): Promise<void> {
    await this.queue;
    await this.tail;
  }
}
