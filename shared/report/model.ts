import { compareEnglish } from '../i18n/collate.ts';
import { localize, type Locale } from '../i18n/locales.ts';
import { getAction } from '../runbook/actions.ts';
import { CHECKLIST } from '../runbook/checklist.ts';
import { ROLE_DEFS } from '../runbook/roles.ts';
import { describeRef } from '../runbook/cite.ts';
import type { OodaPhase, StepId } from '../runbook/types.ts';
import type { CompiledScenario } from '../scenario/compiled.ts';
import type { DrillEvent, LogEntry } from '../engine/types.ts';
import { redactEntryFor } from '../engine/view.ts';
import type { Viewer } from '../engine/view-types.ts';
import { RULES, scoreDrill } from '../scoring/score.ts';
import type { Category, Finding } from '../scoring/types.ts';
import { REPORT_LABELS } from './labels.ts';

/*
 * The after-action report: one model, built purely from the scenario and the log, rendered as
 * JSON, Markdown or HTML. Nothing here reads a clock, so the same log always gives the same report.
 */

export interface ReportFinding extends Omit<Finding, 'message'> {
  /** The rule's title, in the report's locale. */
  title: string;
  /** What happened, in the report's locale. */
  message: string;
  /** The runbook section in words, in the report's locale. */
  citation: string;
}

export interface StepRow {
  step: StepId;
  number: number;
  title: string;
  /** Game time (ms) the team first worked on this step, or null if it never did. */
  firstAt: number | null;
  /** Rank among the steps the team touched, 1 = first. */
  actualOrder: number | null;
  outOfOrder: boolean;
}

export interface OodaRow {
  injectId: string;
  title: string;
  at: number;
  /** Game ms from the inject to the team's first move of each phase after it; null if none. */
  latency: Record<OodaPhase, number | null>;
}

export interface Report {
  scenario: { id: string; version: number; title: string };
  seed: string;
  locale: Locale;
  drill: { events: number; endedAt: number; ended: boolean; dataLost: { records: number; of: number } | null };
  score: { total: number; categories: Record<Category, number> };
  findings: ReportFinding[];
  steps: StepRow[];
  ooda: OodaRow[];
  hints: { at: number; injectId: string | null; text: string }[];
  /** `by` is the seat id; `byName` names it by its role in the report's locale ("Scribe", "記録係"). */
  timeline: { at: number; by: string; byName: string; text: string; claimedAt: number | null }[];
  wentWell: string[];
  practiseNext: { category: Category; rule: string; title: string; message: string; citation: string }[];
}

const PHASES: OodaPhase[] = ['observe', 'orient', 'decide', 'act'];
const RULE_TITLES = new Map(RULES.map((r) => [r.id, r.title]));

/** A seat by its role's title in the locale: "Scribe", "Subject-Matter Expert 2", "Incident Commander (alice)". */
function seatName(role: string, seat: string, locale: Locale): string {
  const def = ROLE_DEFS.find((r) => r.id === role);
  if (!def) return seat;
  const title = localize(def.title, locale);
  if (seat === role) return title;
  const n = /^[a-z]+-(\d+)$/.exec(seat)?.[1];
  if (n && seat.startsWith(`${role}-`)) return `${title} ${n}`;
  return `${title}${REPORT_LABELS[locale].paren(seat)}`;
}

function oodaOf(event: DrillEvent): OodaPhase | null {
  if (event.type === 'action.taken') return getAction(event.action)?.ooda ?? null;
  if (event.type === 'message.sent') return 'act';
  if (event.type === 'timeline.added') return 'orient';
  if (event.type === 'task.assigned') return 'decide';
  return null;
}

function stepRows(entries: readonly LogEntry[], locale: Locale): StepRow[] {
  const first = new Map<StepId, number>();
  for (const { at, event } of entries) {
    if (event.type !== 'action.taken') continue;
    const step = getAction(event.action)?.step;
    if (step && !first.has(step)) first.set(step, at);
  }
  for (const { at, event } of entries) {
    if (event.type !== 'message.sent') continue;
    const step: StepId | null = event.message.audience === 'internal' ? 'internal-comms' : event.message.audience === 'public' || event.message.audience === 'customers' ? 'external-comms' : null;
    if (step && !first.has(step)) first.set(step, at);
  }
  const touched = [...first.entries()].sort((a, b) => a[1] - b[1] || CHECKLIST.findIndex((s) => s.id === a[0]) - CHECKLIST.findIndex((s) => s.id === b[0]));
  const rank = new Map(touched.map(([id], i) => [id, i + 1]));
  // A step is out of order when it started before a step the checklist puts more than three places earlier.
  return CHECKLIST.map((s) => {
    const at = first.get(s.id) ?? null;
    const outOfOrder = at !== null && CHECKLIST.some((earlier) => earlier.number < s.number - 3 && (first.get(earlier.id) ?? Infinity) > at);
    return { step: s.id, number: s.number, title: localize(s.title, locale), firstAt: at, actualOrder: rank.get(s.id) ?? null, outOfOrder };
  });
}

function oodaRows(compiled: CompiledScenario, entries: readonly LogEntry[], locale: Locale): OodaRow[] {
  const rows: OodaRow[] = [];
  const open: OodaRow[] = [];
  for (const { at, event, actor } of entries) {
    if (event.type === 'inject.delivered' || event.type === 'inject.adhocDelivered') {
      const inject = event.type === 'inject.delivered' ? compiled.injectsById.get(event.injectId) : undefined;
      const title = inject ? localize(inject.title, locale) : event.type === 'inject.adhocDelivered' ? event.title : event.injectId;
      if (inject?.audience === 'facilitator') continue;
      const row: OodaRow = { injectId: event.injectId, title, at, latency: { observe: null, orient: null, decide: null, act: null } };
      rows.push(row);
      open.push(row);
      continue;
    }
    if (actor.role === 'system' || actor.role === 'facilitator') continue;
    const phase = oodaOf(event);
    if (!phase) continue;
    for (const row of open) if (row.latency[phase] === null) row.latency[phase] = at - row.at;
  }
  return rows;
}

export interface ReportOptions {
  locale: Locale;
  /**
   * Whose report it is. A player's or an observer's tells only what their seat was shown: its
   * narrative (events, timeline, hints, checklist and OODA rows) is built from the entries as
   * redactEntryFor gives them to that seat, so it holds no facilitator-only event, no inject meant
   * for another role and no other seat's hints. The score is the team's, from the whole log.
   * Absent: the facilitator's, with everything.
   */
  viewer?: Viewer;
}

export function buildReport(compiled: CompiledScenario, all: readonly LogEntry[], options: ReportOptions): Report {
  const { locale, viewer } = options;
  const { scenario } = compiled;
  const score = scoreDrill(compiled, all);
  const entries = viewer ? all.flatMap((e) => redactEntryFor(compiled, e, viewer) ?? []) : all;
  const created = entries[0]?.event;
  const last = all.at(-1);
  const store = scenario.adversary.exfiltration && scenario.dataStores.find((d) => d.id === scenario.adversary.exfiltration?.from);
  let exfilTotal = 0;
  const hints: Report['hints'] = [];
  const timeline: Report['timeline'] = [];
  for (const { at, event, actor } of entries) {
    if (event.type === 'exfil.progressed') exfilTotal = event.total;
    if (event.type === 'hint.given') hints.push({ at, injectId: event.injectId, text: localize(event.text, locale) });
    if (event.type === 'timeline.added') timeline.push({ at, by: actor.seat, byName: seatName(actor.role, actor.seat, locale), text: event.text, claimedAt: event.claimedAt ?? null });
  }
  const findings: ReportFinding[] = score.findings.map((f) => ({
    ...f,
    title: localize(RULE_TITLES.get(f.rule) ?? { en: f.rule }, locale),
    message: localize(f.message, locale),
    citation: describeRef(f.runbookRef, locale),
  }));
  const credits = findings.filter((f) => f.points > 0).sort((a, b) => b.points - a.points || compareEnglish(a.rule, b.rule));
  const deductions = findings.filter((f) => f.points < 0).sort((a, b) => a.points - b.points || compareEnglish(a.rule, b.rule));
  const seenRules = new Set<string>();
  const practiseNext = deductions
    .filter((f) => (seenRules.has(f.rule) ? false : (seenRules.add(f.rule), true)))
    .slice(0, 6)
    .map((f) => ({ category: f.category, rule: f.rule, title: f.title, message: f.message, citation: f.citation }));
  return {
    scenario: { id: scenario.id, version: scenario.version, title: localize(scenario.title, locale) },
    seed: created?.type === 'drill.created' ? created.seed : '',
    locale,
    drill: {
      events: entries.length,
      endedAt: last?.at ?? 0,
      ended: all.some((e) => e.event.type === 'drill.ended'),
      dataLost: store ? { records: exfilTotal, of: store.records } : null,
    },
    score: { total: score.total, categories: score.categories },
    findings,
    steps: stepRows(entries, locale),
    ooda: oodaRows(compiled, entries, locale),
    hints,
    timeline,
    // Only rules met in full went well; a partial credit (4 of 6 milestones) is not a success story.
    wentWell: credits.filter((f) => !deductions.some((d) => d.rule === f.rule)).slice(0, 6).map((f) => f.message),
    practiseNext,
  };
}

export { PHASES as OODA_PHASE_ORDER };
