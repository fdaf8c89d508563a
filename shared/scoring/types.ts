import type { Msg } from '../i18n/message.ts';
import type { RunbookRef } from '../runbook/types.ts';
import type { RubricCategory } from '../scenario/schema.ts';
import type { RuleContext } from './context.ts';

export type Category = RubricCategory;
export const CATEGORIES: readonly Category[] = ['ordering', 'evidence', 'comms', 'roles', 'timeliness'];

/**
 * How grave a failure is, worst first, as an incident lead ranks them (docs/SCORING.md):
 * 1 destroying the evidence of a breached system; 2 saying what is not known outside the team;
 * 3 tipping off the adversary or the insider; 4 leaking details or privilege; 5 slow containment;
 * 6 role confusion; 7 clerical slips. Tiers 1–4 also take points off the total.
 */
export type Severity = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/** One judged instance of a rule: a thing the team did, or failed to do, with its net effect on the score. */
export interface Finding {
  rule: string;
  category: Category;
  /** Points earned toward the category, out of `possible`. */
  earned: number;
  possible: number;
  /** Net points for the category: `earned` when met in full, `earned − possible` otherwise. */
  points: number;
  /** Points taken off the total for a grave failure (severity 1–4); 0 otherwise. */
  penalty: number;
  verdict: 'met' | 'partly' | 'missed';
  /** How grave, when the verdict is not met. */
  severity: Severity | null;
  /** Seats that answer for it: who did it, or whose duty it was. */
  seats: string[];
  /** Game time (ms) of the event the finding is about. */
  at: number;
  events: number[];
  /** `source:section`, e.g. `pd:assemble-team`; see shared/runbook/sources.ts. */
  runbookRef: string;
  /** What happened and why it matters, as a catalog message (reports word it in the reader's locale). */
  message: Msg;
}

/** One instance a rule judged, before points are attached. */
export interface Instance {
  /** The share of this instance's points earned, 0–1. */
  fraction: number;
  /** Points off the total (severity 1–4 only). */
  penalty?: number;
  severity?: Severity;
  seats: readonly string[];
  at: number;
  events: readonly number[];
  message: Msg;
}

export interface Rule {
  id: string;
  category: Category;
  title: Msg;
  /** Weight within its category, shared by the rule's instances. */
  points: number;
  ref: RunbookRef;
  /** How grave a miss is (the severity of an instance that does not say). */
  severity: Severity;
  /** The instances this drill gives the rule, or an empty list when it does not apply. */
  evaluate(ctx: RuleContext): Instance[];
}

export interface SeatScore {
  seat: string;
  role: string;
  /** 0–100, or null when nothing the seat did or owned was judged. */
  total: number | null;
  earned: number;
  possible: number;
  penalty: number;
}

export interface ScoreResult {
  total: number;
  categories: Record<Category, number>;
  /** Points taken off the total for grave failures, before the floor at 0. */
  penalties: number;
  findings: Finding[];
  seats: SeatScore[];
}
