import { Worker } from 'node:worker_threads';
import type { LogEntry } from '../../shared/engine/index.ts';
import type { Locale } from '../../shared/i18n/locales.ts';
import type { CompiledScenario } from '../../shared/scenario/compiled.ts';
import { FROM_SOURCE } from '../paths.ts';
import type { ScoreRendering, ScoringBackend } from './live-score.ts';
import { PreEncoded } from './pre-encoded.ts';
import type { ScoringAnswer, ScoringBatch, ScoringOp, ScoringReply } from './scoring-protocol.ts';

/*
 * Live scoring on a thread of its own (scoring-worker.ts). Folding each committed entry, running
 * every rule and wording the findings in the console's language is a tenth of the main thread's work
 * at a thousand busy drills; here it runs on the other core, and the main thread only posts the
 * entries (once per turn of its event loop, however many drills committed) and sends the JSON text
 * the thread answers with, as it is (PreEncoded). Each compiled scenario crosses once, as its data:
 * its state machine cannot be copied, so the thread compiles its own.
 *
 * If the thread stops, live scores stop (each push and join goes without one, and `onProblem` is
 * told once); commands, views and reports do not depend on it.
 */

/**
 * The thread's young generation, capped like the SQLite writer's: what it allocates (the entries it
 * is sent, each score's findings) dies young, and V8's default of several times this only holds
 * memory.
 */
const SCORING_LIMITS = { maxYoungGenerationSizeMb: 8 };

interface Waiting {
  locales: readonly Locale[];
  resolve(score: ScoreRendering | null): void;
}

export class ScoringThread implements ScoringBackend {
  private readonly worker: Worker;
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

  constructor(private readonly onProblem: (message: string) => void) {
    // Built, the thread is a plain script beside the bundle; from source, a bootstrap loads it through tsx.
    const script = FROM_SOURCE ? new URL('./scoring-worker.worker.mjs', import.meta.url) : new URL('./scoring-worker.mjs', import.meta.url);
    this.worker = new Worker(script, { resourceLimits: SCORING_LIMITS });
    // The thread alone never keeps the process alive: the server's sockets do while it serves.
    this.worker.unref();
    this.worker.on('message', (msg: Partial<ScoringReply> & { problem?: string }) => {
      if (msg.problem) this.onProblem(`live scoring: ${msg.problem}`);
      for (const answer of msg.answers ?? []) this.answered(answer);
    });
    this.worker.on('error', (error) => this.stop(`live scoring stopped: ${error.message}`));
    this.worker.on('exit', (code) => this.stop(`live scoring stopped (thread exited with code ${code})`));
  }

  prime(drillId: string, compiled: CompiledScenario, entries: readonly LogEntry[], text?: string): void {
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
    // A log's text crosses as one string; its parsed entries would be cloned one by one.
    this.post(text === undefined ? { op: 'prime', drillId, scenario: held.key, entries } : { op: 'prime', drillId, scenario: held.key, text });
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

  /** Queue an op; everything queued in this turn of the event loop goes to the thread as one message. */
  private post(op: ScoringOp): void {
    if (this.stopped || this.closing) return;
    this.ops.push(op);
    if (this.flushing) return;
    this.flushing = true;
    setImmediate(() => {
      this.flushing = false;
      const batch: ScoringBatch = { ops: this.ops };
      this.ops = [];
      if (!this.stopped && !this.closing) this.worker.postMessage(batch);
    });
  }

  private stop(reason: string): void {
    if (this.closing || this.stopped) return;
    this.stopped = reason;
    this.onProblem(reason);
    this.answerAll(null);
  }

  private answerAll(score: null): void {
    for (const waiting of this.waiting.values()) waiting.resolve(score);
    this.waiting.clear();
  }
}
