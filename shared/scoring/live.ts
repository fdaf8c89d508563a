import { localize, type Locale } from '../i18n/locales.ts';
import type { Finding, ScoreResult } from './types.ts';

/*
 * The live score as a facilitator's console receives it: findings worded in the reader's language
 * only. Every finding's message exists in all three languages (reports pick one); sending all three
 * to every console every few seconds tripled the largest message the server sends (about 25 KB for
 * 70 findings), and encoding it was a tenth of the server's work with a thousand drills.
 */

export interface LiveFinding extends Omit<Finding, 'message'> {
  /** In the score's locale. */
  message: string;
}

export interface LiveScore {
  locale: Locale;
  total: number;
  categories: ScoreResult['categories'];
  findings: LiveFinding[];
}

export function liveScore(score: ScoreResult, locale: Locale): LiveScore {
  return {
    locale,
    total: score.total,
    categories: score.categories,
    // Fields written out rather than `{ ...f, message }`, which V8 builds through its slow path.
    findings: score.findings.map((f) => ({ rule: f.rule, category: f.category, runbookRef: f.runbookRef, points: f.points, at: f.at, events: f.events, message: localize(f.message, locale) })),
  };
}
