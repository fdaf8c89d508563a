import type { Locale } from '../i18n/locales.ts';
import { renderMsg } from '../i18n/message.ts';
import type { Finding, ScoreResult } from './types.ts';

/*
 * The live score as a facilitator's console receives it: findings worded in the reader's language
 * only, as every language at once would make it the largest message the server sends, every few
 * seconds to every console. Only the latest LIVE_FINDINGS_SHOWN findings travel: that is all the
 * console lists, while a long drill has well over a hundred; the report has them all.
 */

/** How many of the latest findings the facilitator's console lists, and so how many a live score carries. */
export const LIVE_FINDINGS_SHOWN = 40;

export interface LiveFinding extends Omit<Finding, 'message'> {
  /** In the score's locale. */
  message: string;
}

export interface LiveScore {
  locale: Locale;
  /** The seq of the last entry the score counts: the same seq always gives the same score. */
  seq: number;
  total: number;
  categories: ScoreResult['categories'];
  penalties: number;
  /** Each seat's own part of the score. */
  seats: ScoreResult['seats'];
  /** The latest findings, oldest first: at most LIVE_FINDINGS_SHOWN of them. */
  findings: LiveFinding[];
  /** How many findings the score has in all (the report lists every one). */
  findingsTotal: number;
}

export function liveScore(score: ScoreResult, locale: Locale, seq: number): LiveScore {
  return {
    locale,
    seq,
    total: score.total,
    categories: score.categories,
    penalties: score.penalties,
    seats: score.seats,
    // Fields written out rather than `{ ...f, message }`, which V8 builds through its slow path.
    findings: score.findings.slice(-LIVE_FINDINGS_SHOWN).map((f) => ({
      rule: f.rule,
      category: f.category,
      earned: f.earned,
      possible: f.possible,
      points: f.points,
      penalty: f.penalty,
      verdict: f.verdict,
      severity: f.severity,
      seats: f.seats,
      at: f.at,
      events: f.events,
      runbookRef: f.runbookRef,
      message: renderMsg(f.message, locale),
    })),
    findingsTotal: score.findings.length,
  };
}
