import type { LogEntry } from '../../shared/engine/index.ts';
import type { CompiledScenario } from '../../shared/scenario/compiled.ts';
import { emptyContext, foldEntry, scoreContext, type ScoreResult, type ScoringContext } from '../../shared/scoring/index.ts';
import type { Scheduler } from '../clock.ts';

/*
 * The facilitator's live score, kept cheap at scale. Scoring is a fold over the log, so each drill
 * keeps its scoring context and feeds it the entries as they commit (no re-reading of the log), and
 * a changed score is pushed at most once per interval (5 s): a facilitator watching the console sees
 * it within moments, and a thousand busy rooms do not each re-score on every command. The context
 * keeps only what the rules read ('scored', SCO-MEM1): it lives as long as the drill.
 */

interface DrillScore {
  ctx: ScoringContext;
  lastSeq: number;
  timer: unknown;
  lastPushed: number;
}

/** Scoring a drill runs every rule over its context: often enough to feel live, rarely enough to cost little with a thousand busy drills. */
export const LIVE_SCORE_INTERVAL_MS = 5_000;

export class LiveScores {
  private readonly drills = new Map<string, DrillScore>();

  constructor(
    private readonly scheduler: Scheduler,
    private readonly now: () => number,
    /** Reads a drill's whole log, once, when its score is first needed. */
    private readonly readLog: (drillId: string) => LogEntry[],
    private readonly intervalMs = LIVE_SCORE_INTERVAL_MS,
  ) {}

  private context(drillId: string, compiled: CompiledScenario): DrillScore {
    let d = this.drills.get(drillId);
    if (!d) {
      d = { ctx: emptyContext(compiled, 'scored'), lastSeq: -1, timer: null, lastPushed: -Infinity };
      for (const e of this.readLog(drillId)) this.fold(d, e);
      this.drills.set(drillId, d);
    }
    return d;
  }

  private fold(d: DrillScore, entry: LogEntry): void {
    // Entries arrive once each and in order; anything at or below lastSeq was already counted.
    if (entry.seq <= d.lastSeq) return;
    foldEntry(d.ctx, entry);
    d.lastSeq = entry.seq;
  }

  /** Start a drill's context from a log already in hand (a drill rebuilt after a restart), so the log is not read twice. */
  prime(drillId: string, compiled: CompiledScenario, entries: readonly LogEntry[]): void {
    if (this.drills.has(drillId)) return;
    const d: DrillScore = { ctx: emptyContext(compiled, 'scored'), lastSeq: -1, timer: null, lastPushed: -Infinity };
    for (const e of entries) this.fold(d, e);
    this.drills.set(drillId, d);
  }

  /**
   * The score now, for a facilitator who just joined. It counts as a push, so the next one waits for
   * the interval: after a restart every drill is scored once as its facilitator comes back, not twice.
   */
  current(drillId: string, compiled: CompiledScenario): ScoreResult;
  /**
   * With `heldSeq`, the seq of the score the facilitator's console already holds: null when that is
   * still the latest (scoring is a fold, so the same seq gives the same score), and nothing is
   * computed. After a restart every returning console holds the latest score.
   */
  current(drillId: string, compiled: CompiledScenario, heldSeq: number | undefined): ScoreResult | null;
  current(drillId: string, compiled: CompiledScenario, heldSeq?: number): ScoreResult | null {
    const d = this.context(drillId, compiled);
    d.lastPushed = this.now();
    return heldSeq === d.lastSeq ? null : scoreContext(d.ctx);
  }

  /** The seq of the last entry the drill's score counts (what a score computed now reflects). */
  seqOf(drillId: string, compiled: CompiledScenario): number {
    return this.context(drillId, compiled).lastSeq;
  }

  /**
   * Fold committed entries in and schedule a push; `push` gets the fresh score when it is due. With
   * no `push` (no facilitator is watching) the entries are only folded: nobody is sent a score, so
   * none is computed; a facilitator who joins gets current().
   */
  applied(drillId: string, compiled: CompiledScenario, entries: readonly LogEntry[], push: ((score: ScoreResult, seq: number) => void) | null, immediate = false): void {
    const d = this.context(drillId, compiled);
    for (const e of entries) this.fold(d, e);
    if (!push) return;
    if (d.timer !== null) {
      if (!immediate) return;
      // The final score does not wait for a push already scheduled.
      this.scheduler.clear(d.timer);
      d.timer = null;
    }
    const wait = immediate ? 0 : Math.max(0, d.lastPushed + this.intervalMs - this.now());
    const fire = () => {
      d.timer = null;
      d.lastPushed = this.now();
      push(scoreContext(d.ctx), d.lastSeq);
    };
    if (wait === 0) fire();
    else d.timer = this.scheduler.set(fire, wait);
  }

  forget(drillId: string): void {
    const d = this.drills.get(drillId);
    if (d?.timer) this.scheduler.clear(d.timer);
    this.drills.delete(drillId);
  }

  close(): void {
    for (const id of [...this.drills.keys()]) this.forget(id);
  }
}
