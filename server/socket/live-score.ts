import type { LogEntry } from '../../shared/engine/index.ts';
import type { Locale } from '../../shared/i18n/locales.ts';
import type { CompiledScenario } from '../../shared/scenario/compiled.ts';
import type { LiveScore } from '../../shared/scoring/index.ts';
import type { Scheduler } from '../clock.ts';
import { after, isPromise, type MaybePromise } from '../store/maybe.ts';
import type { PreEncoded } from './pre-encoded.ts';

/*
 * The facilitator's live score, kept cheap at scale. Scoring is a fold over the log, so each drill
 * keeps a scoring context that is fed the entries as they commit (no re-reading of the log), and a
 * changed score is pushed at most once per interval (5 s): a facilitator watching the console sees
 * it within moments, and a thousand busy rooms do not each re-score on every command.
 *
 * This class decides when; a ScoringBackend holds the contexts and scores. The server's backend is
 * a thread of its own (scoring-thread.ts), so folding, scoring and wording the findings do not
 * compete with the commands for the main thread; tests and tools use the in-thread one
 * (inline-scoring.ts). Both are the same fold and the same rules.
 */

/** A score in the words of a console's locale: an object in-thread, JSON text from the scoring thread. */
export type RenderedScore = LiveScore | PreEncoded;

/** One drill's score as of `seq`, worded per locale. */
export interface ScoreRendering {
  seq: number;
  inLocale(locale: Locale): RenderedScore;
}

export interface ScoringBackend {
  /** Start a drill's context from its log so far (every entry of it committed). */
  prime(drillId: string, compiled: CompiledScenario, entries: readonly LogEntry[]): void;
  /**
   * Start a drill's context from its committed log up to `seq`, read by the backend itself; false
   * when it cannot read logs (the caller then reads the log and primes with it).
   */
  primeAt?(drillId: string, compiled: CompiledScenario, seq: number): boolean;
  /** Fold committed entries into a primed drill's context, in commit order. */
  fold(drillId: string, entries: readonly LogEntry[]): void;
  /** The score of everything folded so far, worded in each of `locales`; null if it could not be scored. */
  score(drillId: string, locales: readonly Locale[]): MaybePromise<ScoreRendering | null>;
  forget(drillId: string): void;
  close(): void;
  /** Set by LiveScores: called when the backend has lost every drill's context (its thread was replaced). */
  onReset?: () => void;
}

/** Who is watching a drill's score when a push is due: the locales to word it in, and where to send it. */
export interface ScoreWatchers {
  locales(): readonly Locale[];
  send(score: ScoreRendering): void;
}

interface DrillSchedule {
  compiled: CompiledScenario;
  lastSeq: number;
  /** Entries committed while the drill's log is read again for a new backend context (see lost). */
  held: LogEntry[] | null;
  timer: unknown;
  lastPushed: number;
}

/** Scoring a drill runs every rule over its context: often enough to feel live, rarely enough to cost little with a thousand busy drills. */
export const LIVE_SCORE_INTERVAL_MS = 5_000;

export class LiveScores {
  private readonly drills = new Map<string, DrillSchedule>();

  constructor(
    private readonly scheduler: Scheduler,
    private readonly now: () => number,
    /**
     * Reads a drill's whole log: when its score is first needed and it was not primed (which only
     * a store that answers at once may be asked), and for every drill when the backend lost its contexts.
     */
    private readonly readLog: (drillId: string) => MaybePromise<LogEntry[]>,
    private readonly backend: ScoringBackend,
    private readonly intervalMs = LIVE_SCORE_INTERVAL_MS,
  ) {
    backend.onReset = () => this.lost();
  }

  /**
   * The backend holds no context any more: every drill it held is primed again from its log, which
   * the backend reads itself when it can (primeAt), else read here now. Entries that commit while an
   * asynchronous store reads are held and folded in after, and the consoles keep the last score
   * they were sent meanwhile.
   */
  private lost(): void {
    for (const [drillId, d] of this.drills) {
      if (d.timer !== null) this.scheduler.clear(d.timer);
      d.timer = null;
      // Everything folded so far is committed, so the backend reads the same log up to lastSeq.
      if (this.backend.primeAt?.(drillId, d.compiled, d.lastSeq)) continue;
      const held: LogEntry[] = [];
      d.held = held;
      const prime = (entries: LogEntry[]) => {
        if (this.drills.get(drillId) !== d) return;
        d.held = null;
        this.backend.prime(drillId, d.compiled, entries);
        // Entries committed during the read: the context skips any the log already had.
        if (held.length > 0) this.backend.fold(drillId, held);
      };
      // A log that cannot be read leaves that drill unscored (the backend reports each score asked
      // of it) rather than holding entries forever; it must not stop the others, nor throw into the
      // thread's exit handler.
      const unread = () => {
        if (this.drills.get(drillId) === d) d.held = null;
      };
      try {
        const primed = after(this.readLog(drillId), prime);
        if (isPromise(primed)) primed.catch(unread);
      } catch {
        unread();
      }
    }
  }

  private schedule(drillId: string, compiled: CompiledScenario): DrillSchedule {
    return this.drills.get(drillId) ?? this.start(drillId, compiled, this.logNow(drillId));
  }

  private logNow(drillId: string): LogEntry[] {
    // Every drill's score is primed with its log as it becomes live (app.ts, onLive), so this reads
    // only from a store that answers at once; a promise here would be a drill scored without its log.
    const log = this.readLog(drillId);
    if (isPromise(log)) throw new Error(`drill ${drillId}: its live score was not primed with its log`);
    return log;
  }

  private start(drillId: string, compiled: CompiledScenario, entries: readonly LogEntry[]): DrillSchedule {
    const d: DrillSchedule = { compiled, lastSeq: entries.at(-1)?.seq ?? -1, held: null, timer: null, lastPushed: -Infinity };
    this.backend.prime(drillId, compiled, entries);
    this.drills.set(drillId, d);
    return d;
  }

  /** Start a drill's context from a log already in hand (a drill rebuilt after a restart), so the log is not read twice. */
  prime(drillId: string, compiled: CompiledScenario, entries: readonly LogEntry[]): void {
    if (!this.drills.has(drillId)) this.start(drillId, compiled, entries);
  }

  /**
   * The score now, worded for a facilitator who just joined. It counts as a push, so the next one
   * waits for the interval: after a restart every drill is scored once as its facilitator comes back,
   * not twice. With `heldSeq`, the seq of the score the console already holds: null when that is still
   * the latest (scoring is a fold, so the same seq gives the same score), and nothing is computed.
   */
  current(drillId: string, compiled: CompiledScenario, locale: Locale, heldSeq?: number): MaybePromise<RenderedScore | null> {
    const d = this.schedule(drillId, compiled);
    d.lastPushed = this.now();
    if (heldSeq === d.lastSeq) return null;
    const scored = this.backend.score(drillId, [locale]);
    const word = (s: ScoreRendering | null) => s?.inLocale(locale) ?? null;
    return isPromise(scored) ? scored.then(word) : word(scored);
  }

  /** The seq of the last entry the drill's score counts (what a score computed now reflects). */
  seqOf(drillId: string, compiled: CompiledScenario): number {
    return this.schedule(drillId, compiled).lastSeq;
  }

  /**
   * Fold committed entries in and schedule a push to `watchers` when it is due. With no watchers (no
   * facilitator is connected) the entries are only folded: nobody is sent a score, so none is
   * computed; a facilitator who joins gets current().
   */
  applied(drillId: string, compiled: CompiledScenario, entries: readonly LogEntry[], watchers: ScoreWatchers | null, immediate = false): void {
    const known = this.drills.get(drillId);
    const d = known ?? this.start(drillId, compiled, this.logNow(drillId));
    // A drill read from its log just now already counts these entries; entries arrive once each and
    // in order, so anything at or below lastSeq was already counted.
    const fresh = entries.length === 0 || entries[0]!.seq > d.lastSeq ? entries : entries.filter((e) => e.seq > d.lastSeq);
    if (fresh.length > 0) {
      if (d.held) d.held.push(...fresh);
      else this.backend.fold(drillId, fresh);
      d.lastSeq = fresh.at(-1)!.seq;
    }
    if (!watchers) return;
    if (d.timer !== null) {
      if (!immediate) return;
      // The final score does not wait for a push already scheduled.
      this.scheduler.clear(d.timer);
      d.timer = null;
    }
    const wait = immediate ? 0 : Math.max(0, d.lastPushed + this.intervalMs - this.now());
    const fire = () => {
      d.timer = null;
      // Its context is being rebuilt from the log (lost): the push waits for it.
      if (d.held) {
        d.timer = this.scheduler.set(fire, this.intervalMs);
        return;
      }
      d.lastPushed = this.now();
      const locales = watchers.locales();
      if (locales.length === 0) return;
      const scored = this.backend.score(drillId, locales);
      const send = (s: ScoreRendering | null) => {
        // A drill forgotten while it was scored (its lease moved) sends nothing more.
        if (s && this.drills.get(drillId) === d) watchers.send(s);
      };
      if (isPromise(scored)) void scored.then(send);
      else send(scored);
    };
    if (wait === 0) fire();
    else d.timer = this.scheduler.set(fire, wait);
  }

  forget(drillId: string): void {
    const d = this.drills.get(drillId);
    if (!d) return;
    if (d.timer) this.scheduler.clear(d.timer);
    this.drills.delete(drillId);
    this.backend.forget(drillId);
  }

  close(): void {
    for (const id of [...this.drills.keys()]) this.forget(id);
    this.backend.close();
  }
}
