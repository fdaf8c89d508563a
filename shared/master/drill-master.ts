import { execute } from '../engine/execute.ts';
import { nextDueAt } from '../engine/schedule.ts';
import { trimState } from '../engine/trim.ts';
import { redactEntryFor } from '../engine/view.ts';
import type { Command, CommandEnvelope, DrillState, LogEntry } from '../engine/types.ts';
import type { Viewer } from '../engine/view-types.ts';
import { ERROR, type AckResult, type CommandRequest, type CommandResult } from '../protocol/index.ts';
import type { CompiledScenario } from '../scenario/compiled.ts';
import { authorise } from './authorise.ts';
import { endedBy, fanOut } from './fanout.ts';
import { gameNow, wallDelayUntil } from './game-clock.ts';
import { isPromise, type ClockAnchor, type Clock, type Logger, type MaybePromise, type Outbox, type Scheduler, type Storage, type StoredResult } from './ports.ts';

export interface MasterDeps {
  storage: Storage;
  outbox: Outbox;
  clock: Clock;
  scheduler: Scheduler;
  logger: Logger;
}

type Ack = AckResult<CommandResult>;
type Actor = { role: Viewer['role'] | 'system'; seat: string };

/** A decided command: its ack, once it is durable (or at once, for a refusal or a repeat). */
interface Decided {
  ack: Promise<Ack>;
}
const answer = (ack: Ack): Decided => ({ ack: Promise.resolve(ack) });

/** The seat the drill's own clock acts from. */
const CLOCK_ACTOR: Actor = { role: 'system', seat: 'drill-clock' };

/**
 * One live drill, whatever its edge (MASTER1): its durable state, its game clock and a queue that
 * decides its commands one at a time: idempotency → authorise → stamp game time → engine → commit.
 * Decisions are pipelined (PIPE1–4): the next command is decided on the state the previous one
 * produced as soon as that one is submitted to storage, not once it is durable. Nothing leaves
 * before it is durable: a command's deliveries and ack wait for its commit, and commits complete in
 * submission order (COMMIT1–2). The server runs one per live drill; solo mode runs one in the page.
 */
export class DrillMaster {
  private queue: Promise<unknown> = Promise.resolve();
  private queued = 0;
  private timer: unknown = null;
  /** The due moment and anchor the armed timer was set for: re-arming for the same is skipped. */
  private armedDue: number | null = null;
  private armedAnchor: ClockAnchor | null = null;
  private closed = false;
  /** The state after every command decided so far, durable or not: what the next one is decided on. */
  private head: DrillState;
  /**
   * The game time `head` has been processed up to (its clock moves only with entries, and a tick
   * over a quiet minute adds none); `durableAt` is the same for `state`.
   */
  private headAt: number;
  private durableAt: number;
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
  private readonly inFlight = new Map<string, Promise<Ack>>();
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
    /**
     * What is durable, and all that has been sent. Trimmed (trim.ts) on the server, where whole
     * views are folded from the log; whole in solo mode.
     */
    public state: DrillState,
    anchor: ClockAnchor,
    private readonly deps: MasterDeps,
    /** The fencing token this master's commits carry (the server's lease on the drill); none in solo mode or one process. */
    readonly fence?: number,
  ) {
    this.head = state;
    this.headAt = state.clock;
    this.durableAt = state.clock;
    this.anchor = anchor;
    this.durableAnchor = anchor;
  }

  /** The drill's game time now (ms): what a command decided now is stamped with. */
  gameTime(wallNow: number = this.deps.clock.now()): number {
    return Math.max(this.head.clock, gameNow(this.anchor, wallNow));
  }

  /** The anchor game time is counted from now (an edge that schedules its own work at game times uses it with wallDelayUntil). */
  clockAnchor(): ClockAnchor {
    return this.anchor;
  }

  /** Run a seat's command through the pipeline; resolves with the ack to send. */
  submit(seat: Viewer, request: CommandRequest): Promise<Ack> {
    return this.enqueue(() => this.process(seat, request)).then((decided) => decided.ack);
  }

  /** Advance game time to now (injects and adversary moves that fell due). */
  tick(): Promise<Ack> {
    return this.enqueue(() => this.apply(CLOCK_ACTOR, { type: 'clock.tick' })).then((decided) => decided.ack);
  }

  private enqueue<T>(job: () => MaybePromise<T>): Promise<T> {
    this.queued++;
    const run = this.queue.then(job, job);
    this.queue = run.catch(() => undefined).finally(() => this.queued--);
    return run;
  }

  /** Whether commands are queued, being decided or waiting to be durable. */
  busy(): boolean {
    return this.queued > 0 || this.unsettled > 0;
  }

  private process(seat: Viewer, request: CommandRequest): MaybePromise<Decided> {
    // Keys are scoped to the seat, so one seat can never read or block another seat's answers.
    const key = `${seat.seat}:${request.idempotencyKey}`;
    const pending = this.inFlight.get(key);
    if (pending) return { ack: pending };
    const stored = this.deps.storage.idempotent(this.id, key);
    return isPromise(stored) ? stored.then((s) => this.decide(seat, request, key, s)) : this.decide(seat, request, key, stored);
  }

  private decide(seat: Viewer, request: CommandRequest, key: string, stored: StoredResult | null): MaybePromise<Decided> {
    if (stored) return answer(JSON.parse(stored.body) as Ack);
    const refusal = authorise(seat, request.command);
    if (refusal) return answer({ ok: false, error: { code: ERROR.FORBIDDEN, message: refusal } });
    const { expectedSeq } = request;
    if (expectedSeq === undefined) return this.apply(this.actorOf(seat), request.command, key);
    // Staleness is judged against what the seat could have seen, which is only what is durable.
    return this.tail
      .then(() => this.staleness(seat, expectedSeq))
      .then((stale) => (stale ? answer({ ok: false, error: { code: ERROR.STALE, message: stale } }) : this.apply(this.actorOf(seat), request.command, key)));
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
    const seq = this.state.seq;
    if (expectedSeq > seq) return `expectedSeq ${expectedSeq} is ahead of the drill (at seq ${seq}); resync and retry`;
    if (expectedSeq === seq) return null;
    const missedOf = (entries: LogEntry[]): string | null => {
      const missed = entries.filter((e) => redactEntryFor(this.compiled, e, seat) !== null).length;
      if (missed === 0) return null;
      return `you sent this from seq ${expectedSeq} but ${missed} newer event(s) you can see arrived since (drill at seq ${seq}); resync and retry`;
    };
    const entries = this.deps.storage.entries(this.id, expectedSeq);
    return isPromise(entries) ? entries.then(missedOf) : missedOf(entries);
  }

  private apply(actor: Actor, command: Command, idempotencyKey?: string): Decided {
    const wall = this.deps.clock.now();
    const at = this.gameTime(wall);
    const envelope: CommandEnvelope = { at, actor, command };
    const result = execute(this.compiled, this.head, envelope);
    if (!result.ok) return answer({ ok: false, error: result.error });
    const ack: Ack = { ok: true, data: { seqs: result.entries.map((e) => e.seq), seq: result.state.seq } };
    const anchor = this.nextAnchor(result.state, at, wall);
    if (result.entries.length === 0 && !anchor && !idempotencyKey) {
      // A tick over quiet time: nothing to store, but the head has been processed up to `at`.
      this.headAt = at;
      this.arm();
      return answer(ack);
    }
    const epoch = this.epoch;
    // A master started from a trimmed state keeps it trimmed (the server's: its history is in the
    // log); one started whole keeps the whole history (solo mode, whose bots read whole views).
    const kept = this.head.trimmed ? trimState(result.state) : result.state;
    this.head = kept;
    this.headAt = at;
    if (anchor) this.anchor = anchor;
    const durable = this.deps.storage.commit({
      drillId: this.id,
      entries: result.entries,
      ...(anchor ? { anchor } : {}),
      ...(idempotencyKey ? { idempotency: { key: idempotencyKey, result: { ok: true, body: JSON.stringify(ack) } } } : {}),
      ...(this.fence !== undefined ? { fence: this.fence } : {}),
    });
    this.arm();
    const done = durable.then(
      () => this.publish(envelope, result.entries, result.state, kept, anchor, ack),
      (error: Error) => {
        this.rollBack(epoch);
        throw error;
      },
    );
    this.track(done, idempotencyKey);
    return { ack: done };
  }

  /**
   * A command is durable: it becomes the drill's state and goes out (commits complete in order).
   * `after` is the state the engine returned, with this command's records in its lists, which is
   * what the seats' patches are worked out from; `kept` is what the drill keeps of it.
   */
  private publish(envelope: CommandEnvelope, entries: LogEntry[], after: DrillState, kept: DrillState, anchor: ClockAnchor | null, ack: Ack): Ack {
    const before = this.state;
    this.state = kept;
    this.durableAt = envelope.at;
    if (anchor) this.durableAnchor = anchor;
    if (entries.length > 0) {
      // Committed is committed: a fan-out failure must not turn the ack into an error (clients resync).
      try {
        const { outbox } = this.deps;
        const deliveries = fanOut(this.compiled, entries, before, after, outbox.audience(this.id));
        outbox.dispatch({ drillId: this.id, compiled: this.compiled, envelope, entries, deliveries, ended: endedBy(entries) });
      } catch (error) {
        this.deps.logger.error(`drill ${this.id}: broadcast failed: ${(error as Error).message}`);
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
    this.headAt = this.durableAt;
    this.anchor = this.durableAnchor;
    // What was lost is processed again by the next command, or at the next moment due from now: a
    // store that keeps failing (a full disk) is not retried in a tight loop.
    this.arm(this.gameTime());
  }

  private track(done: Promise<Ack>, idempotencyKey?: string): void {
    this.unsettled++;
    if (idempotencyKey) this.inFlight.set(idempotencyKey, done);
    const settle = () => {
      this.unsettled--;
      // Durable by now (or failed, and then free to be tried again): storage answers a retry.
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

  /**
   * Keep one timer armed for the next moment the engine says the drill changes by itself
   * (nextDueAt, MASTER4), counted from `after` (by default, the game time the head is processed
   * up to). A timer already armed for the same moment and anchor is left as it is.
   */
  arm(after: number = this.headAt): void {
    const due = this.closed ? null : nextDueAt(this.compiled, this.head, Math.max(this.head.clock, after));
    if (this.timer !== null && due === this.armedDue && this.anchor === this.armedAnchor) return;
    this.disarm();
    if (due === null) return;
    const delay = wallDelayUntil(this.anchor, this.deps.clock.now(), due);
    if (delay === null) return;
    this.armedDue = due;
    this.armedAnchor = this.anchor;
    this.timer = this.deps.scheduler.set(this.fire, delay);
  }

  private disarm(): void {
    if (this.timer !== null) this.deps.scheduler.clear(this.timer);
    this.timer = null;
    this.armedDue = null;
    this.armedAnchor = null;
  }

  private readonly fire = (): void => {
    this.timer = null;
    void this.tick()
      .catch((error: Error) => this.deps.logger.error(`drill ${this.id}: tick failed: ${error.message}`))
      // A failed tick (say, a full disk) must not stop the clock: try again at the next moment due.
      .finally(() => {
        if (this.timer === null) this.arm(this.gameTime());
      });
  };

  close(): void {
    this.closed = true;
    this.disarm();
  }

  /** Wait for every queued command to be decided and settled (tests, shutdown). */
  async idle(): Promise<void> {
    await this.queue;
    await this.tail;
  }
}
