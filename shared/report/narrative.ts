import { gameTimeText } from '../i18n/message.ts';
import { localize, type Locale } from '../i18n/locales.ts';
import { renderText } from '../engine/truth.ts';
import type { KnowledgeItem, KnowledgeSource, LogEntry, Truth } from '../engine/types.ts';
import type { CompiledScenario } from '../scenario/compiled.ts';
import type { Audience } from '../scenario/schema.ts';
import { count } from './format.ts';
import { REPORT_LABELS, type DecisionStatus, type FactId, type NarrativeKind, type WorkStatus } from './labels.ts';
import { actionTitle, assetName, claimLabel, recipientName, roleOfSeat, seatName } from './names.ts';

/*
 * The merged narrative: one sequence of what happened, built from the entries the reader may see.
 * Work is a span from its start to how it ended; a decision is a window from when it was asked to
 * when it was due, with the answer inside it (or not).
 */

/** Which lane of the chart an item sits in: a seat's id, or one of the team-wide lanes. */
export type Lane = { seat: string } | { shared: 'injects' | 'decisions' | 'knowledge' };

export interface NarrativeItem {
  /** 1-based, in time order; the chart's labels and the table's rows share it. */
  n: number;
  kind: NarrativeKind;
  /** Game ms it happened, or began. */
  at: number;
  /** Where a span ends: work's end, a decision's due time. Null for a moment. */
  end: number | null;
  /** A moment inside the span: when a decision was answered or missed. */
  mark: number | null;
  lane: Lane;
  /** Who: the seat's name, or the team-wide lane's. */
  who: string;
  /** Short: the action, the inject's title, the fact established. */
  title: string;
  /** The rest, one piece per line. */
  detail: string[];
  /** How it went: work's outcome, a decision's fate, an inject's severity. */
  status: WorkStatus | DecisionStatus | 'info' | 'warning' | 'critical' | null;
}

export interface NarrativeInput {
  compiled: CompiledScenario;
  /** The entries the reader may see. */
  entries: readonly LogEntry[];
  /** The drill's world, from the whole log: facts the team established are worded by it. */
  truth: Truth | null;
  /** Game time the log ends. */
  endAt: number;
  locale: Locale;
  /** The facilitator's report also says which messages the attacker read. */
  facilitator: boolean;
  /** Whether the drill has ended: work without an end is then unfinished, else still running. */
  ended: boolean;
}

const BUILT_IN_FACTS = new Set<string>(['exfil', 'entry', 'data', 'records', 'cause', 'actor', 'insider']);

interface Draft extends Omit<NarrativeItem, 'n'> {
  seq: number;
}

export function buildNarrative(input: NarrativeInput): NarrativeItem[] {
  const { compiled, entries, truth, endAt, locale, facilitator, ended } = input;
  const L = REPORT_LABELS[locale];
  const { scenario } = compiled;
  const time = gameTimeText;
  const mins = (ms: number) => L.minutes(String(Math.round(ms / 6_000) / 10));
  const seatOf = (seat: string) => seatName(roleOfSeat(seat), seat, locale);
  const textCtx = truth ? { scenario, truth } : null;
  const rendered = (text: Parameters<typeof localize>[0]) => localize(textCtx ? renderText(text, textCtx) : text, locale);
  /** Who an inject was for, when it was not the whole team. */
  const audience = (a: Audience): string[] => (a === 'all' ? [] : [L.onlyFor(a === 'facilitator' ? seatName('facilitator', 'facilitator', locale) : a.map((role) => seatName(role, role, locale)).join(L.listSep))]);

  const drafts: Draft[] = [];
  const work = new Map<string, Draft>();
  const decisions = new Map<string, Draft & { dueAt: number }>();
  const injectTitles = new Map<string, string>();

  const knowledgeText = (item: KnowledgeItem): string => {
    if ('asset' in item) return L.assetLevel[item.level](assetName(compiled, item.asset, locale));
    const event = scenario.truth.find((t) => t.id === item.fact);
    if (event) {
      const minute = truth?.times[item.fact];
      return minute === undefined ? localize(event.text, locale) : `${localize(event.text, locale)}${L.paren(time(minute * 60_000))}`;
    }
    if (!BUILT_IN_FACTS.has(item.fact)) return item.fact;
    const label = L.facts[item.fact as FactId];
    const value = (() => {
      switch (item.fact as FactId) {
        case 'entry':
          return truth ? assetName(compiled, truth.entry, locale) : '';
        case 'data': {
          const from = scenario.adversary.exfiltration?.from;
          const store = scenario.dataStores.find((d) => d.id === from);
          return store ? localize(store.name, locale) : '';
        }
        case 'records':
          return item.value === undefined ? '' : count(item.value, locale);
        case 'cause':
          return truth ? claimLabel(compiled, truth.cause, locale) : '';
        case 'actor':
          return truth ? claimLabel(compiled, truth.actor, locale) : '';
        case 'insider':
          return truth ? L.insiderAnswer(truth.insider) : '';
        default:
          return '';
      }
    })();
    return value ? `${label}${L.colon}${value}` : label;
  };

  const sourceText = (source: KnowledgeSource): string | null => {
    if ('inject' in source) return injectTitles.get(source.inject) ?? null; // an inject the reader did not see is not named
    const w = work.get(source.work);
    return w ? `${w.title}${L.paren(w.who)}` : null;
  };

  for (const { seq, at, actor, event } of entries) {
    switch (event.type) {
      case 'inject.delivered': {
        const inject = compiled.injectsById.get(event.injectId);
        if (!inject) break;
        const title = rendered(inject.title);
        injectTitles.set(event.injectId, title);
        const from = inject.from ? localize(inject.from, locale) : null;
        drafts.push({ seq, kind: 'inject', at, end: null, mark: null, lane: { shared: 'injects' }, who: from ?? L.lanes.injects, title, detail: [...audience(inject.audience), rendered(inject.body)], status: inject.severity });
        if (inject.decision) {
          const d = inject.decision;
          const dueAt = at + d.dueInMinutes * 60_000;
          const draft = { seq: seq + 0.5, kind: 'decision' as const, at, end: dueAt, mark: null, lane: { shared: 'decisions' as const }, who: d.by.map((role) => seatName(role, role, locale)).join(L.listSep), title: localize(d.prompt, locale), detail: [L.decisionDue(time(dueAt)), d.options.map((o) => L.quote(localize(o.label, locale))).join(L.listSep)], status: 'open' as DecisionStatus, dueAt };
          decisions.set(event.injectId, draft);
          drafts.push(draft);
        }
        break;
      }
      case 'inject.adhocDelivered':
        injectTitles.set(event.injectId, event.title);
        drafts.push({ seq, kind: 'inject', at, end: null, mark: null, lane: { shared: 'injects' }, who: L.lanes.injects, title: event.title, detail: [...audience(event.audience), event.body], status: 'warning' });
        break;
      case 'action.started': {
        const target = event.target ? assetName(compiled, event.target, locale) : null;
        const draft: Draft = { seq, kind: 'work', at, end: event.endsAt, mark: null, lane: { seat: event.seat }, who: seatOf(event.seat), title: actionTitle(event.action, locale), detail: [...(target ? [target] : []), ...(event.detail ? [L.quote(event.detail)] : [])], status: 'unfinished' };
        work.set(event.workId, draft);
        drafts.push(draft);
        break;
      }
      case 'action.completed': {
        const w = work.get(event.workId);
        if (!w) break;
        w.end = at;
        w.status = event.outcome;
        if (event.reveal) w.detail.push(rendered(event.reveal));
        break;
      }
      case 'action.cancelled': {
        const w = work.get(event.workId);
        if (!w) break;
        w.end = at;
        w.status = 'cancelled';
        if (event.by !== (w.lane as { seat: string }).seat) w.detail.push(L.cancelledBy(seatOf(event.by)));
        break;
      }
      case 'task.assigned':
        drafts.push({ seq, kind: 'task', at, end: null, mark: null, lane: { seat: actor.seat }, who: seatOf(actor.seat), title: L.taskAssigned(actionTitle(event.action, locale), seatOf(event.toSeat)), detail: [...(event.target ? [assetName(compiled, event.target, locale)] : []), ...(event.note ? [L.quote(event.note)] : [])], status: null });
        break;
      case 'message.sent': {
        const m = event.message;
        const to = m.recipients.map((r) => recipientName(compiled, r, locale)).join(L.listSep);
        const kind = m.statement ? L.statementKinds[m.statement.kind] : L.channels[m.channel];
        const flags = [L.reached(L.audiences[event.reach.audience]), ...(m.encrypted ? [L.encrypted] : []), ...(facilitator && event.reach.attackerReads ? [L.attackerRead] : [])];
        drafts.push({ seq, kind: 'message', at, end: null, mark: null, lane: { seat: actor.seat }, who: seatOf(actor.seat), title: L.messageTo(kind, to), detail: [flags.join(L.listSep), ...(m.subject ? [`${L.subject}${L.colon}${m.subject}`] : []), m.body], status: null });
        break;
      }
      case 'decision.answered': {
        const d = decisions.get(event.injectId);
        if (!d) break;
        const option = compiled.injectsById.get(event.injectId)?.decision?.options.find((o) => o.id === event.option);
        d.mark = at;
        d.status = event.late ? 'late' : 'answered';
        d.detail = [L.decisionDue(time(d.dueAt)), L.answeredWith(option ? localize(option.label, locale) : event.option, seatOf(actor.seat), time(at)), ...(event.note ? [L.quote(event.note)] : [])];
        break;
      }
      case 'decision.missed': {
        const d = decisions.get(event.injectId);
        if (!d) break;
        d.mark = at;
        d.status = 'missed';
        break;
      }
      case 'timeline.added':
        drafts.push({ seq, kind: 'entry', at, end: null, mark: null, lane: { seat: actor.seat }, who: seatOf(actor.seat), title: event.text, detail: [...(event.claimedAt !== undefined ? [L.claimedAt(time(event.claimedAt))] : []), ...(event.asset ? [assetName(compiled, event.asset, locale)] : [])], status: null });
        break;
      case 'hint.given':
        drafts.push({ seq, kind: 'hint', at, end: null, mark: null, lane: { seat: actor.seat }, who: seatOf(actor.seat), title: localize(event.text, locale), detail: [], status: null });
        break;
      case 'knowledge.learned': {
        const source = sourceText(event.source);
        drafts.push({ seq, kind: 'knowledge', at, end: null, mark: null, lane: { shared: 'knowledge' }, who: L.team, title: knowledgeText(event.item), detail: source ? [L.learnedFrom(source)] : [], status: null });
        break;
      }
      default:
        break;
    }
  }
  for (const d of drafts) {
    if (d.kind === 'work' && d.status === 'unfinished') {
      d.end = Math.min(d.end ?? endAt, endAt);
      if (!ended) d.status = 'running';
    }
    if (d.kind === 'work' && d.end !== null) d.detail.unshift(`${L.workStatus[d.status as WorkStatus]}${L.colon}${L.workRan(time(d.at), time(d.end), mins(d.end - d.at))}`);
  }
  return drafts
    .sort((a, b) => a.at - b.at || a.seq - b.seq)
    .map(({ seq: _seq, ...item }, i) => ({ ...item, n: i + 1 }));
}
