import { compareEnglish } from '../i18n/collate.ts';
import { localize, type Locale } from '../i18n/locales.ts';
import { getAction } from '../runbook/actions.ts';
import { CHECKLIST } from '../runbook/checklist.ts';
import { ROLE_DEFS } from '../runbook/roles.ts';
import { describeRef } from '../runbook/cite.ts';
import type { OodaPhase, StepId } from '../runbook/types.ts';
import type { CompiledScenario } from '../scenario/compiled.ts';
import type { DrillEvent, LogEntry } from '../engine/types.ts';
import { renderMsg } from '../i18n/message.ts';
import { buildContext } from '../scoring/context.ts';
import { RULES, scoreContext } from '../scoring/score.ts';
import type { Category, Finding, SeatScore } from '../scoring/types.ts';
import { REPORT_LABELS } from './labels.ts';
import { stepStatuses } from './steps.ts';

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
  /** Game time (ms) work on this step first began, or null if it never did. */
  startedAt: number | null;
  /** Game time its effect happened (the theft stopped, the data identified), or null if it never did. */
  doneAt: number | null;
  /** Titles of the steps it depends on that were not done first. */
  early: string[];
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
  score: { total: number; categories: Record<Category, number>; penalties: number };
  /** Each seat's own part of the score; `name` is the seat by its role in the report's locale. */
  seats: (SeatScore & { name: string })[];
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

/** Which OODA phase a team move belongs to: work by its catalog phase (counted when it starts), messages act, timeline entries orient, assignments decide. */
function oodaOf(event: DrillEvent): OodaPhase | null {
  if (event.type === 'action.started') return getAction(event.action)?.ooda ?? null;
  if (event.type === 'message.sent') return 'act';
  if (event.type === 'timeline.added') return 'orient';
  if (event.type === 'task.assigned' || event.type === 'decision.answered') return 'decide';
  return null;
}
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

export function buildReport(compiled: CompiledScenario, entries: readonly LogEntry[], options: { locale: Locale }): Report {
  const { locale } = options;
  const { scenario } = compiled;
  const ctx = buildContext(compiled, entries);
  const score = scoreContext(ctx);
  const created = entries[0]?.event;
  const last = entries.at(-1);
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
    title: RULE_TITLES.has(f.rule) ? renderMsg(RULE_TITLES.get(f.rule)!, locale) : f.rule,
    message: renderMsg(f.message, locale),
    citation: describeRef(f.runbookRef, locale),
  }));
  // The worst first: grave failures by the points they cost, then the largest category losses; one per rule.
  const misses = findings.filter((f) => f.verdict !== 'met').sort((a, b) => b.penalty - a.penalty || a.points - b.points || compareEnglish(a.rule, b.rule));
  const seenRules = new Set<string>();
  const practiseNext = misses
    .filter((f) => (seenRules.has(f.rule) ? false : (seenRules.add(f.rule), true)))
    .slice(0, 6)
    .map((f) => ({ category: f.category, rule: f.rule, title: f.title, message: f.message, citation: f.citation }));
  // What went well: rules every instance of which was met, so it never contradicts a finding.
  const missedRules = new Set(misses.map((f) => f.rule));
  const seenWell = new Set<string>();
  const wentWell = findings
    .filter((f) => f.verdict === 'met' && !missedRules.has(f.rule))
    .sort((a, b) => b.possible - a.possible || compareEnglish(a.rule, b.rule))
    .filter((f) => (seenWell.has(f.rule) ? false : (seenWell.add(f.rule), true)))
    .slice(0, 6)
    .map((f) => f.message);
  const stepTitle = new Map(CHECKLIST.map((s) => [s.id, localize(s.title, locale)]));
  return {
    scenario: { id: scenario.id, version: scenario.version, title: localize(scenario.title, locale) },
    seed: created?.type === 'drill.created' ? created.seed : '',
    locale,
    drill: {
      events: entries.length,
      endedAt: last?.at ?? 0,
      ended: entries.some((e) => e.event.type === 'drill.ended'),
      dataLost: store ? { records: exfilTotal, of: store.records } : null,
    },
    score: { total: score.total, categories: score.categories, penalties: score.penalties },
    seats: score.seats.map((x) => ({ ...x, name: seatName(x.role, x.seat, locale) })),
    findings,
    steps: stepStatuses(ctx).map((x) => ({ step: x.step, number: x.number, title: stepTitle.get(x.step) ?? x.step, startedAt: x.startedAt, doneAt: x.doneAt, early: x.early.map((e) => stepTitle.get(e) ?? e) })),
    ooda: oodaRows(compiled, entries, locale),
    hints,
    timeline,
    wentWell,
    practiseNext,
  };
}

export { PHASES as OODA_PHASE_ORDER };
