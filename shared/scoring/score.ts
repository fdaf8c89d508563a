import { compareEnglish } from '../i18n/collate.ts';
import type { LogEntry } from '../engine/types.ts';
import type { CompiledScenario } from '../scenario/compiled.ts';
import { buildContext, ruleContext, type RuleContext, type ScoringContext } from './context.ts';
import { COMMS_RULES } from './rules/comms.ts';
import { EVIDENCE_RULES } from './rules/evidence.ts';
import { ORDERING_RULES } from './rules/ordering.ts';
import { ROLE_RULES } from './rules/roles.ts';
import { TIMELINESS_RULES } from './rules/timeliness.ts';
import { CATEGORIES, type Category, type Finding, type Rule, type ScoreResult, type SeatScore } from './types.ts';

export const RULES: readonly Rule[] = [...ORDERING_RULES, ...EVIDENCE_RULES, ...COMMS_RULES, ...ROLE_RULES, ...TIMELINESS_RULES];

const round1 = (n: number) => Math.round(n * 10) / 10;
const refId = (rule: Rule) => `${rule.ref.source}:${rule.ref.section}`;

/** A rule's instances as findings: the rule's points are shared equally among its instances. */
export function applyRule(rule: Rule, ctx: RuleContext): Finding[] {
  const instances = rule.evaluate(ctx);
  if (instances.length === 0) return [];
  const possible = rule.points / instances.length;
  const ref = refId(rule);
  // Fields written out in the order reports serialise them (a spread then more properties is V8's slow path).
  return instances.map((i) => {
    const earned = round1(possible * i.fraction);
    const met = i.fraction >= 1;
    return {
      rule: rule.id,
      category: rule.category,
      earned,
      possible: round1(possible),
      points: met ? earned : round1(earned - possible),
      penalty: i.penalty ?? 0,
      verdict: met ? 'met' : i.fraction > 0 ? 'partly' : 'missed',
      severity: met ? null : (i.severity ?? rule.severity),
      seats: [...i.seats],
      at: i.at,
      events: [...i.events],
      runbookRef: ref,
      message: i.message,
    };
  });
}

/** Score a drill: a pure function of the scenario and the log. */
export function scoreDrill(compiled: CompiledScenario, entries: readonly LogEntry[], rules: readonly Rule[] = RULES): ScoreResult {
  return scoreContext(buildContext(compiled, entries), rules);
}

/**
 * Categories are 0–100 (earned over possible, 100 when nothing applied); the total is their mean
 * weighted by the scenario's rubric, minus the penalties of grave failures, floored at 0.
 */
export function scoreContext(scoring: ScoringContext, rules: readonly Rule[] = RULES): ScoreResult {
  const ctx = ruleContext(scoring);
  const earned = Object.fromEntries(CATEGORIES.map((c) => [c, 0])) as Record<Category, number>;
  const possible = Object.fromEntries(CATEGORIES.map((c) => [c, 0])) as Record<Category, number>;
  const findings: Finding[] = [];
  for (const rule of rules) {
    for (const f of applyRule(rule, ctx)) {
      earned[f.category] += f.earned;
      possible[f.category] += f.possible;
      findings.push(f);
    }
  }
  const categories = Object.fromEntries(CATEGORIES.map((c) => [c, possible[c] === 0 ? 100 : Math.round((100 * earned[c]) / possible[c])])) as Record<Category, number>;
  const weights = ctx.compiled.scenario.rubric.weights;
  const weightSum = CATEGORIES.reduce((s, c) => s + weights[c], 0);
  const mean = weightSum === 0 ? 0 : CATEGORIES.reduce((s, c) => s + categories[c] * weights[c], 0) / weightSum;
  const penalties = round1(findings.reduce((s, f) => s + f.penalty, 0));
  findings.sort((a, b) => a.at - b.at || compareEnglish(a.rule, b.rule));
  return { total: round1(Math.max(0, mean - penalties)), categories, penalties, findings, seats: seatScores(ctx, findings) };
}

/** Each seat's own part: the findings it answers for, earned over possible, minus its own grave failures. */
function seatScores(ctx: ScoringContext, findings: readonly Finding[]): SeatScore[] {
  return ctx.seats.map(({ seat, role }) => {
    let earned = 0;
    let possible = 0;
    let penalty = 0;
    for (const f of findings) {
      if (!f.seats.includes(seat)) continue;
      earned += f.earned;
      possible += f.possible;
      penalty += f.penalty;
    }
    const total = possible === 0 ? null : round1(Math.max(0, (100 * earned) / possible - penalty));
    return { seat, role, total, earned: round1(earned), possible: round1(possible), penalty: round1(penalty) };
  });
}
