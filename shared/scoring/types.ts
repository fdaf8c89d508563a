import type { RunbookRef } from '../runbook/types.ts';
import type { RuleText } from './text.ts';
import type { RubricCategory } from '../scenario/schema.ts';
import type { ScoringContext } from './context.ts';

export type Category = RubricCategory;
export const CATEGORIES: readonly Category[] = ['ordering', 'evidence', 'comms', 'roles', 'timeliness'];

/** One credit (points > 0) or deduction (points < 0), tied to the events that earned it. */
export interface Finding {
  rule: string;
  category: Category;
  points: number;
  /** Game time (ms) of the event the finding is about. */
  at: number;
  events: number[];
  /** `source:section`, e.g. `pd:assemble-team`; see shared/runbook/sources.ts. */
  runbookRef: string;
  /** What happened and why it matters, in every locale (reports pick the reader's). */
  message: RuleText;
}

/** What one rule found: the points it could give, the points earned, and why. */
export interface RuleResult {
  possible: number;
  earned: number;
  findings: Finding[];
}

/** A violation or a success a rule wants to report, before points are attached. */
export interface Observation {
  at: number;
  events: number[];
  message: RuleText;
}

export interface Rule {
  id: string;
  category: Category;
  title: RuleText;
  /** Weight within its category. */
  points: number;
  ref: RunbookRef;
  /**
   * null when the rule does not apply to this drill. Otherwise either a pass/fail verdict
   * (`violations` empty = pass) or a partial `fraction` of the points earned.
   */
  evaluate(ctx: ScoringContext): RuleVerdict | null;
}

export type RuleVerdict =
  | { violations: Observation[]; pass: Observation }
  | { fraction: number; observation: Observation };

export interface ScoreResult {
  total: number;
  categories: Record<Category, number>;
  findings: Finding[];
}
