import { compareEnglish } from '../i18n/collate.ts';
import { gameTimeText } from '../i18n/message.ts';
import { localize, type Locale } from '../i18n/locales.ts';
import type { LogEntry } from '../engine/types.ts';
import type { CompiledScenario } from '../scenario/compiled.ts';
import type { Category, Severity } from '../scoring/types.ts';
import { REPORT_LABELS, type HotwashSource } from './labels.ts';
import { roleOfSeat, seatName } from './names.ts';

/*
 * What the debrief works from: questions to ask (from the scenario's injects and decisions, and one
 * per rule the team missed) and action items, each tied to the findings behind it.
 */

/** The parts of a finding the debrief needs. */
export interface DebriefFinding {
  id: string;
  rule: string;
  title: string;
  category: Category;
  verdict: 'met' | 'partly' | 'missed';
  severity: Severity | null;
  points: number;
  penalty: number;
  seats: string[];
  at: number;
  message: string;
  citation: string;
}

export interface HotwashQuestion {
  source: HotwashSource;
  /** The inject, decision or rule it comes from. */
  ref: string;
  at: number;
  question: string;
  /** The facilitator's note on the inject: in the facilitator's report only. */
  note: string | null;
}

export interface ActionItem {
  rule: string;
  /** What to do: the rule, worded as the runbook asks it. */
  title: string;
  category: Category;
  /** The gravest severity among its findings. */
  severity: Severity | null;
  /** Seats that answer for its findings, by name. */
  owners: string[];
  /** The findings behind it: their ids in the findings table, rule and time. */
  findings: { id: string; rule: string; at: number }[];
  /** What happened, in the words of its gravest finding. */
  example: string;
  citation: string;
  /** Category points lost and points taken off the total, summed over its findings. */
  lost: number;
  penalty: number;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/** One action item per rule with an instance not met, gravest first: total-point penalties, then severity, then points lost. */
export function actionItems(findings: readonly DebriefFinding[], locale: Locale, seatRoles: ReadonlyMap<string, string>): ActionItem[] {
  const byRule = new Map<string, DebriefFinding[]>();
  for (const f of findings) if (f.verdict !== 'met') byRule.set(f.rule, [...(byRule.get(f.rule) ?? []), f]);
  const items = [...byRule.entries()].map(([rule, list]): ActionItem => {
    const worst = [...list].sort((a, b) => b.penalty - a.penalty || (a.severity ?? 8) - (b.severity ?? 8) || a.points - b.points || a.at - b.at)[0]!;
    const owners = [...new Set(list.flatMap((f) => f.seats))].sort(compareEnglish);
    return {
      rule,
      title: worst.title,
      category: worst.category,
      severity: list.reduce<Severity | null>((s, f) => (f.severity !== null && (s === null || f.severity < s) ? f.severity : s), null),
      owners: owners.map((seat) => seatName(seatRoles.get(seat) ?? roleOfSeat(seat), seat, locale)),
      findings: list.map((f) => ({ id: f.id, rule: f.rule, at: f.at })),
      example: worst.message,
      citation: worst.citation,
      lost: round1(list.reduce((s, f) => s + Math.min(0, f.points), 0)),
      penalty: round1(list.reduce((s, f) => s + f.penalty, 0)),
    };
  });
  return items.sort((a, b) => b.penalty - a.penalty || (a.severity ?? 8) - (b.severity ?? 8) || a.lost - b.lost || compareEnglish(a.rule, b.rule));
}

/**
 * Questions for the hotwash: one per inject the reader saw that the scenario's author left a note on
 * (the question is the same for everyone; the note itself only reaches the facilitator), one per
 * decision asked, in the order they came; then one per action item, gravest first.
 */
export function hotwashQuestions(
  compiled: CompiledScenario,
  entries: readonly LogEntry[],
  items: readonly ActionItem[],
  options: { locale: Locale; facilitator: boolean; /** An inject's title as the team read it. */ titleOf: (injectId: string) => string },
): HotwashQuestion[] {
  const { locale, facilitator, titleOf } = options;
  const L = REPORT_LABELS[locale];
  const out: HotwashQuestion[] = [];
  const answers = new Map<string, { option: string; at: number; late: boolean } | 'missed'>();
  for (const { at, event } of entries) {
    if (event.type === 'decision.answered') answers.set(event.injectId, { option: event.option, at, late: event.late });
    if (event.type === 'decision.missed' && !answers.has(event.injectId)) answers.set(event.injectId, 'missed');
  }
  for (const { at, event } of entries) {
    if (event.type !== 'inject.delivered') continue;
    const inject = compiled.injectsById.get(event.injectId);
    if (!inject || inject.audience === 'facilitator') continue;
    const note = facilitator && inject.facilitatorNote ? localize(inject.facilitatorNote, locale) : null;
    const d = inject.decision;
    if (d) {
      const prompt = localize(d.prompt, locale);
      const due = gameTimeText(at + d.dueInMinutes * 60_000);
      const answer = answers.get(event.injectId);
      const label = (id: string) => localize(d.options.find((o) => o.id === id)?.label ?? { en: id }, locale);
      const question =
        answer === undefined || answer === 'missed'
          ? L.askDecisionMissed(prompt, due)
          : answer.late
            ? L.askDecisionLate(prompt, label(answer.option), gameTimeText(answer.at), due)
            : L.askDecision(prompt, label(answer.option), gameTimeText(answer.at));
      out.push({ source: 'decision', ref: inject.id, at, question, note });
    } else if (inject.facilitatorNote) {
      out.push({ source: 'inject', ref: inject.id, at, question: L.askInject(titleOf(inject.id)), note });
    }
  }
  for (const item of items) out.push({ source: 'finding', ref: item.rule, at: item.findings[0]?.at ?? 0, question: L.askFinding(item.title), note: null });
  return out;
}
