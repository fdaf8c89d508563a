import { compareEnglish } from '../i18n/collate.ts';
import { localize, type Locale } from '../i18n/locales.ts';
import { getAction } from '../runbook/actions.ts';
import { CHECKLIST } from '../runbook/checklist.ts';
import { describeRef } from '../runbook/cite.ts';
import type { OodaPhase, StepId } from '../runbook/types.ts';
import type { CompiledScenario } from '../scenario/compiled.ts';
import { renderText } from '../engine/truth.ts';
import type { DrillEvent, LogEntry, Truth } from '../engine/types.ts';
import { redactEntryFor } from '../engine/view.ts';
import type { Viewer } from '../engine/view-types.ts';
import { renderMsg } from '../i18n/message.ts';
import { buildContext, ruleContext } from '../scoring/context.ts';
import { RULES, scoreContext } from '../scoring/score.ts';
import type { Category, Finding, SeatScore } from '../scoring/types.ts';
import { buildBackstage, type Backstage } from './backstage.ts';
import { actionItems, hotwashQuestions, type ActionItem, type HotwashQuestion } from './debrief.ts';
import { buildNarrative, type NarrativeItem } from './narrative.ts';
import { seatName } from './names.ts';
import { STEP_PRECEDENCE, stepStatuses } from './steps.ts';

/*
 * The after-action report: one model, built purely from the scenario and the log, rendered as
 * JSON, Markdown or HTML. Nothing here reads a clock, so the same log always gives the same report.
 */

export interface ReportFinding extends Omit<Finding, 'message'> {
  /** F1, F2, …: the finding's number in the report, by which action items cite it. */
  id: string;
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
  /** Game time (ms) work towards this step first began, or null if it never did. */
  startedAt: number | null;
  /** Game time its effect happened (the theft stopped, the data identified), or null if it never did. */
  doneAt: number | null;
  /** Titles of the steps it depends on (the runbook's precedence). */
  dependsOn: string[];
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

export type SeatRow = SeatScore & { name: string };

export interface ReportOptions {
  locale: Locale;
  /**
   * Whose report it is. A player's or an observer's tells only what their seat was shown: its
   * narrative (injects, work, messages, knowledge, hints, OODA rows and hotwash questions) is built
   * from the entries as redactEntryFor gives them to that seat, so it holds no facilitator-only event,
   * no inject meant for another role, no other seat's hints, no notes and no hidden world. The score,
   * findings, runbook steps and action items are the team's, from the whole log.
   * Absent: the facilitator's, with everything.
   */
  viewer?: Viewer;
  /** The seat whose own score heads the report (the trainee's, in solo mode). */
  headlineSeat?: string;
}

export interface Report {
  scenario: { id: string; version: number; title: string };
  /** The drill's seed; empty in a player's report (it would tell the hidden world). */
  seed: string;
  locale: Locale;
  /** The seat the report was built for, or null for the facilitator's. */
  viewer: { seat: string; name: string } | null;
  drill: { events: number; endedAt: number; ended: boolean; dataLost: { records: number; of: number } | null };
  score: { total: number; categories: Record<Category, number>; penalties: number };
  /** The headline seat's own score, when the report was asked for one. */
  headline: SeatRow | null;
  /** Each seat's own part of the score; `name` is the seat by its role in the report's locale. */
  seats: SeatRow[];
  findings: ReportFinding[];
  wentWell: string[];
  actionItems: ActionItem[];
  hotwash: HotwashQuestion[];
  narrative: NarrativeItem[];
  steps: StepRow[];
  ooda: OodaRow[];
  hints: { at: number; injectId: string | null; text: string }[];
  /** The facilitator's notes, the hidden world and what went on out of sight; null in a player's report. */
  backstage: Backstage | null;
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

function oodaRows(compiled: CompiledScenario, entries: readonly LogEntry[], titleOf: (injectId: string) => string): OodaRow[] {
  const rows: OodaRow[] = [];
  for (const { at, event, actor } of entries) {
    if (event.type === 'inject.delivered' || event.type === 'inject.adhocDelivered') {
      const inject = event.type === 'inject.delivered' ? compiled.injectsById.get(event.injectId) : undefined;
      if (inject?.audience === 'facilitator') continue;
      rows.push({ injectId: event.injectId, title: titleOf(event.injectId), at, latency: { observe: null, orient: null, decide: null, act: null } });
      continue;
    }
    if (actor.role === 'system' || actor.role === 'facilitator') continue;
    const phase = oodaOf(event);
    if (!phase) continue;
    for (const row of rows) if (row.latency[phase] === null) row.latency[phase] = at - row.at;
  }
  return rows;
}

export function buildReport(compiled: CompiledScenario, all: readonly LogEntry[], options: ReportOptions): Report {
  const { locale, viewer, headlineSeat } = options;
  const { scenario } = compiled;
  const ctx = buildContext(compiled, all);
  const score = scoreContext(ctx);
  const facilitator = !viewer || viewer.role === 'facilitator';
  const entries = facilitator ? all : all.flatMap((e) => redactEntryFor(compiled, e, viewer) ?? []);
  const created = all[0]?.event;
  const truth: Truth | null = created?.type === 'drill.created' ? created.truth : null;
  const endAt = all.at(-1)?.at ?? 0;
  const seatRoles = new Map(ctx.seats.map((s) => [s.seat, s.role as string]));
  const nameOf = (seat: string, role: string) => seatName(role, seat, locale);

  const seats: SeatRow[] = score.seats.map((x) => ({ ...x, name: nameOf(x.seat, x.role) }));
  if (headlineSeat !== undefined && !seats.some((s) => s.seat === headlineSeat)) {
    throw new Error(`headlineSeat "${headlineSeat}" is not a seat of this drill (its seats: ${seats.map((s) => s.seat).join(', ') || 'none'})`);
  }

  // Injects by the title the team read: placeholders ({entry}, {time:…}) filled from the drill's world.
  const adhocTitles = new Map<string, string>();
  for (const { event } of all) if (event.type === 'inject.adhocDelivered') adhocTitles.set(event.injectId, event.title);
  const titleOf = (injectId: string): string => {
    const inject = compiled.injectsById.get(injectId);
    if (!inject) return adhocTitles.get(injectId) ?? injectId;
    return localize(truth ? renderText(inject.title, { scenario, truth }) : inject.title, locale);
  };

  const findings: ReportFinding[] = score.findings.map((f, i) => ({
    id: `F${i + 1}`,
    ...f,
    title: RULE_TITLES.has(f.rule) ? renderMsg(RULE_TITLES.get(f.rule)!, locale) : f.rule,
    message: renderMsg(f.message, locale),
    citation: describeRef(f.runbookRef, locale),
  }));
  const items = actionItems(findings, locale, seatRoles);
  // What went well: rules every instance of which was met, so it never contradicts a finding.
  const missedRules = new Set(items.map((a) => a.rule));
  const seenWell = new Set<string>();
  const wentWell = findings
    .filter((f) => f.verdict === 'met' && !missedRules.has(f.rule))
    .sort((a, b) => b.possible - a.possible || compareEnglish(a.rule, b.rule))
    .filter((f) => (seenWell.has(f.rule) ? false : (seenWell.add(f.rule), true)))
    .slice(0, 6)
    .map((f) => f.message);

  const hints: Report['hints'] = [];
  for (const { at, event } of entries) if (event.type === 'hint.given') hints.push({ at, injectId: event.injectId, text: localize(event.text, locale) });

  const stepTitle = new Map(CHECKLIST.map((s) => [s.id, localize(s.title, locale)]));
  const titleOfStep = (id: StepId) => stepTitle.get(id) ?? id;
  const store = scenario.adversary.exfiltration && scenario.dataStores.find((d) => d.id === scenario.adversary.exfiltration?.from);
  const viewerSeat = facilitator ? null : viewer;

  return {
    scenario: { id: scenario.id, version: scenario.version, title: localize(scenario.title, locale) },
    seed: facilitator && created?.type === 'drill.created' ? created.seed : '',
    locale,
    viewer: viewerSeat ? { seat: viewerSeat.seat, name: nameOf(viewerSeat.seat, viewerSeat.role) } : null,
    drill: {
      events: entries.length,
      endedAt: endAt,
      ended: ctx.ended,
      // What the theft cost is part of the outcome, like the score: every report has it.
      dataLost: store ? { records: ctx.exfil.total, of: store.records } : null,
    },
    score: { total: score.total, categories: score.categories, penalties: score.penalties },
    headline: headlineSeat === undefined ? null : (seats.find((s) => s.seat === headlineSeat) ?? null),
    seats,
    findings,
    wentWell,
    actionItems: items,
    hotwash: hotwashQuestions(compiled, entries, items, { locale, facilitator, titleOf }),
    narrative: buildNarrative({ compiled, entries, truth, endAt, locale, facilitator, ended: ctx.ended }),
    steps: stepStatuses(ruleContext(ctx)).map((x) => ({
      step: x.step,
      number: x.number,
      title: titleOfStep(x.step),
      startedAt: x.startedAt,
      doneAt: x.doneAt,
      dependsOn: (STEP_PRECEDENCE[x.step] ?? []).map(titleOfStep),
      early: x.early.map(titleOfStep),
    })),
    ooda: oodaRows(compiled, entries, titleOf),
    hints,
    backstage: facilitator ? buildBackstage(compiled, entries, truth, locale) : null,
  };
}

export { PHASES as OODA_PHASE_ORDER };
