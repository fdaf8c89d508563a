import type { LogEntry } from '../../shared/engine/index.ts';
import type { Locale } from '../../shared/i18n/locales.ts';
import type { CompiledScenario } from '../../shared/scenario/compiled.ts';
// Imported from their modules rather than the scoring index, so the scoring thread loads no more than scoring.
import { emptyContext, foldEntry, type ScoringContext } from '../../shared/scoring/context.ts';
import { liveScore } from '../../shared/scoring/live.ts';
import { scoreContext } from '../../shared/scoring/score.ts';
import type { ScoreRendering, ScoringBackend } from './live-score.ts';

/*
 * Live scoring on the calling thread: each drill's scoring context keeps only what the rules read
 * ('scored', SCO-MEM1) and lives as long as the drill. The scoring thread runs this same class on
 * its side (scoring-worker.ts); tests use it directly, where a score is wanted at once.
 */

export class InlineScoring implements ScoringBackend {
  private readonly drills = new Map<string, { ctx: ScoringContext; lastSeq: number }>();
  /** Set by LiveScores; contexts kept in this thread are never lost, so it is not called here. */
  onReset?: () => void;

  prime(drillId: string, compiled: CompiledScenario, entries: readonly LogEntry[]): void {
    const d = { ctx: emptyContext(compiled, 'scored'), lastSeq: -1 };
    this.drills.set(drillId, d);
    this.fold(drillId, entries);
  }

  fold(drillId: string, entries: readonly LogEntry[]): void {
    const d = this.drills.get(drillId);
    if (!d) return;
    for (const entry of entries) {
      if (entry.seq <= d.lastSeq) continue;
      foldEntry(d.ctx, entry);
      d.lastSeq = entry.seq;
    }
  }

  /** Scored once, worded per locale as asked. */
  score(drillId: string): ScoreRendering | null {
    const d = this.drills.get(drillId);
    if (!d) return null;
    const score = scoreContext(d.ctx);
    const seq = d.lastSeq;
    return { seq, inLocale: (locale: Locale) => liveScore(score, locale, seq) };
  }

  forget(drillId: string): void {
    this.drills.delete(drillId);
  }

  close(): void {
    this.drills.clear();
  }
}
