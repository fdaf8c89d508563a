import type { LogEntry } from '../../shared/engine/index.ts';
import type { Locale } from '../../shared/i18n/locales.ts';
import type { Scenario } from '../../shared/scenario/schema.ts';

/*
 * What the main thread and the scoring thread say to each other. The main thread sends its work in
 * batches, one message every 100 ms however many drills committed (scoring-thread.ts, FLUSH_MS);
 * the scoring thread answers each batch's score requests in one message, in the order asked.
 */

export type ScoringOp =
  /** A scenario the drills below are of; sent once, before its first drill. */
  | { op: 'scenario'; key: number; scenario: Scenario }
  /** No drill of it is kept any more. */
  | { op: 'dropScenario'; key: number }
  /**
   * A drill's log so far: its entries, or, when the thread reads the store's file itself, the seq
   * the log reaches (the thread reads every entry up to it, and any folded since, when the drill's
   * score is first asked).
   */
  | { op: 'prime'; drillId: string; scenario: number; entries: readonly LogEntry[] }
  | { op: 'prime'; drillId: string; scenario: number; throughSeq: number }
  | { op: 'fold'; drillId: string; entries: readonly LogEntry[] }
  | { op: 'score'; request: number; drillId: string; locales: readonly Locale[] }
  | { op: 'forget'; drillId: string };

export interface ScoringBatch {
  ops: ScoringOp[];
}

/** A score request answered: the score as of `seq` as JSON text per locale asked, or why not. */
export type ScoringAnswer = { request: number; seq: number; json: string[] } | { request: number; error: string };

export interface ScoringReply {
  answers: ScoringAnswer[];
}
