import type { Worker } from 'node:worker_threads';
import type { LogEntry } from '../../shared/engine/index.ts';
import type { Locale } from '../../shared/i18n/locales.ts';
import type { CompiledScenario } from '../../shared/scenario/compiled.ts';
import { startThread } from '../threads.ts';
import type { ScoreRendering, ScoringBackend } from './live-score.ts';
import { PreEncoded } from './pre-encoded.ts';
import type { ScoringAnswer, ScoringBatch, ScoringOp, ScoringReply } from './scoring-protocol.ts';

/*
 * Live scoring on a thread of its own (scoring-worker.ts). Folding each committed entry, running
 * every rule and wording the findings in the console's language is a tenth of the main thread's work
 * at a thousand busy drills; here it runs on the other core, and the main thread only posts the
 * entries (once every FLUSH_MS, however many drills committed; a drill's log so far, with a SQLite
 * store, as the seq it reaches, for the thread to read itself) and sends the JSON text
 * the thread answers with, as it is (PreEncoded). Each compiled scenario crosses once, as its data:
 * its state machine cannot be copied, so the thread compiles its own.
 *
 * If the thread dies, a new one takes its place and every drill it held is primed again from its log
 * (LiveScores, on `onReset`); one that dies within RESTART_WINDOW_MS of its start is not replaced,
 * and live scores stop (each push and join goes without one, and `onProblem` is told why).
 * Commands, views, welcomes and reports never wait for the thread.
 */

/**
 * The thread's young generation, capped like the SQLite writer's: what it allocates (the entries it
 * is sent, each score's findings) dies young, and V8's default of several times this only holds
 * memory.
 */
const SCORING_LIMITS = { maxYoungGenerationSizeMb: 8 };

/**
 * How long ops wait to cross to the thread together. Each message costs the main thread far more
 * than the entries it carries: at 1,000 busy drills, posting once per turn of the event loop took
 * 2.4 s of a 93-s CPU profile and posting every 100 ms took 0.3 s. A live score pushed every five
 * seconds does not notice the wait.
 */
const FLUSH_MS = 100;

/** A thread that dies sooner than this after it started is not replaced: it would only die again. */
export const RESTART_WINDOW_MS = 60_000;

/** Start the scoring thread (scoring-worker.ts); with `logFile`, it reads the logs it is primed with from that SQLite file. */
export const spawnScoringWorker = (logFile?: string): Worker => startThread(import.meta.url, 'scoring-worker', { workerData: { logFile }, resourceLimits: SCORING_LIMITS });

export interface ScoringThreadOptions {
  /**
   * The store's SQLite file, when it has one: a drill is primed with the seq its log reaches, and the
   * thread reads the log itself (scoring-worker.ts). Without it, the entries cross.
   */
  logFile?: string | undefined;
  /** Starts a thread (tests start ones they can kill). */
  spawn?: (logFile?: string) => Worker;
  /** Wall-clock time: how long a thread lived is real time, not game time. */
  now?: () => number;
}

interface Waiting {
  locales: readonly Locale[];
  resolve(score: ScoreRendering | null): void;
}

export class ScoringThread implements ScoringBackend {
  private worker: Worker;
  private startedAt: number;
  private ops: ScoringOp[] = [];
  private flushing = false;
  private readonly waiting = new Map<number, Waiting>();
  private nextRequest = 0;
  /** Each scenario the thread holds, with how many kept drills are of it. */
  private readonly scenarios = new Map<CompiledScenario, { key: number; drills: number }>();
  private nextScenarioKey = 0;
  private readonly scenarioOf = new Map<string, CompiledScenario>();
  private stopped: string | null = null;
  private closing = false;
  onReset?: () => void;
  private readonly logFile: string | undefined;
  private readonly spawn: (logFile?: string) => Worker;
  private readonly now: () => number;

  constructor(
    private readonly onProblem: (message: string) => void,
    options: ScoringThreadOptions = {},
  ) {
    this.logFile = options.logFile;
    this.spawn = options.spawn ?? spawnScoringWorker;
    this.now = options.now ?? Date.now;
    this.worker = this.started();
    this.startedAt = this.now();
  }

  private started(): Worker {
    const worker = this.spawn(this.logFile);
    // The thread alone never keeps the process alive: the server's sockets do while it serves.
    worker.unref();
    worker.on('message', (msg: Partial<ScoringReply> & { problem?: string }) => {
      if (worker !== this.worker) return;
      if (msg.problem) this.onProblem(`live scoring: ${msg.problem}`);
      for (const answer of msg.answers ?? []) this.answered(answer);
    });
    // A dying thread reports an error and then its exit: the first one counts.
    worker.on('error', (error) => this.died(worker, error.message));
    worker.on('exit', (code) => this.died(worker, `the thread exited with code ${code}`));
    return worker;
  }

  /** The thread died: everything it held is gone. Replace it unless it died young. */
  private died(worker: Worker, why: string): void {
    if (worker !== this.worker || this.closing || this.stopped) return;
    this.answerAll(null);
    this.ops = [];
    this.scenarios.clear();
    this.scenarioOf.clear();
    if (this.now() - this.startedAt < RESTART_WINDOW_MS) {
      this.stopped = `live scoring stopped: ${why}, within ${RESTART_WINDOW_MS / 1000} s of its start`;
      this.onProblem(this.stopped);
      return;
    }
    this.onProblem(`live scoring: ${why}; a new thread takes over and each drill is scored again from its log`);
    this.worker = this.started();
    this.startedAt = this.now();
    this.onReset?.();
  }

  prime(drillId: string, compiled: CompiledScenario, entries: readonly LogEntry[]): void {
    const scenario = this.hold(drillId, compiled);
    // Every entry up to the log's last seq is committed, so the thread reads the same log from the file.
    this.post(this.logFile === undefined ? { op: 'prime', drillId, scenario, entries } : { op: 'prime', drillId, scenario, throughSeq: entries.at(-1)?.seq ?? -1 });
  }

  primeAt(drillId: string, compiled: CompiledScenario, seq: number): boolean {
    if (this.logFile === undefined) return false;
    this.post({ op: 'prime', drillId, scenario: this.hold(drillId, compiled), throughSeq: seq });
    return true;
  }

  /** The key of the drill's scenario on the thread, sent to it first if it holds no drill of it yet. */
  private hold(drillId: string, compiled: CompiledScenario): number {
    let held = this.scenarios.get(compiled);
    if (!held) {
      held = { key: this.nextScenarioKey++, drills: 0 };
      this.scenarios.set(compiled, held);
      this.post({ op: 'scenario', key: held.key, scenario: compiled.scenario });
    }
    if (this.scenarioOf.get(drillId) !== compiled) {
      this.release(drillId);
      held.drills++;
      this.scenarioOf.set(drillId, compiled);
    }
    return held.key;
  }

  fold(drillId: string, entries: readonly LogEntry[]): void {
    this.post({ op: 'fold', drillId, entries });
  }

  score(drillId: string, locales: readonly Locale[]): Promise<ScoreRendering | null> {
    if (this.stopped || this.closing) return Promise.resolve(null);
    const request = this.nextRequest++;
    return new Promise((resolve) => {
      this.waiting.set(request, { locales, resolve });
      this.post({ op: 'score', request, drillId, locales });
    });
  }

  forget(drillId: string): void {
    this.release(drillId);
    this.post({ op: 'forget', drillId });
  }

  close(): void {
    this.closing = true;
    this.answerAll(null);
    void this.worker.terminate();
  }

  private release(drillId: string): void {
    const compiled = this.scenarioOf.get(drillId);
    if (!compiled) return;
    this.scenarioOf.delete(drillId);
    const held = this.scenarios.get(compiled);
    if (held && --held.drills === 0) {
      this.scenarios.delete(compiled);
      this.post({ op: 'dropScenario', key: held.key });
    }
  }

  private answered(answer: ScoringAnswer): void {
    const waiting = this.waiting.get(answer.request);
    if (!waiting) return;
    this.waiting.delete(answer.request);
    if ('error' in answer) {
      this.onProblem(`live scoring: ${answer.error}`);
      return waiting.resolve(null);
    }
    const { locales } = waiting;
    const json = answer.json;
    waiting.resolve({ seq: answer.seq, inLocale: (locale) => new PreEncoded(json[Math.max(0, locales.indexOf(locale))]!) });
  }

  /** Queue an op; everything queued within FLUSH_MS goes to the thread as one message. */
  private post(op: ScoringOp): void {
    if (this.stopped || this.closing) return;
    this.ops.push(op);
    if (this.flushing) return;
    this.flushing = true;
    setTimeout(() => {
      this.flushing = false;
      const batch: ScoringBatch = { ops: this.ops };
      this.ops = [];
      if (!this.stopped && !this.closing && batch.ops.length > 0) this.worker.postMessage(batch);
    }, FLUSH_MS).unref();
  }

  private answerAll(score: null): void {
    for (const waiting of this.waiting.values()) waiting.resolve(score);
    this.waiting.clear();
  }
}
