import { ACTIONS, getAction } from '../runbook/actions.ts';
import type { ActionDef, AssetFlags, ResponseFact } from '../runbook/types.ts';
import type { CompiledScenario } from '../scenario/compiled.ts';
import type { KnowledgeLevel } from '../scenario/schema.ts';
import { CHANNELS, type Actor, type Channel, type LogEntry, type MessageDraft, type MessageReach, type SeatDef, type Truth, type WorkOutcome } from '../engine/types.ts';
import { Interned, Rows } from './rows.ts';
import { judgeText, textFacts, type TextFacts } from './text-facts.ts';

/*
 * One pass over the log that collects what the rules ask about: what the team did and when its work
 * completed, what it knew at every moment (knowledge is recorded in the log with when it was
 * learned), what it said and to whom, and what the drill's hidden world really was. Rules read
 * this, never the raw log, so scoring stays linear in the length of the drill, and a live drill
 * keeps one context and feeds it each new entry.
 *
 * A live drill keeps its context for as long as it runs, so what grows with each command is kept
 * small (SCO-MEM1): a message is a row of whole numbers, its words reduced to the answers the rules
 * need (text-facts.ts), and a piece of work is a row too. A context that only scores
 * (`emptyContext(compiled, 'scored')`, the server's live score) keeps only the work and injects some
 * rule reads; reports keep everything (`'all'`). Rules read the rows unfolded into records by
 * ruleContext, once per scoring.
 */

export interface Moment {
  at: number;
  seq: number;
}

/** A piece of work, from its start to how it ended. */
export interface WorkItem {
  id: string;
  def: ActionDef;
  target?: string;
  detail?: string;
  actor: Actor;
  start: Moment;
  /** Knowledge of the target when the work started. */
  levelAtStart: KnowledgeLevel;
  end: (Moment & { outcome: WorkOutcome | 'cancelled' }) | null;
}

/** Work that completed (in full or in part): its effects landed at `at`. */
export interface ActionRecord extends Moment {
  work: WorkItem;
  actor: Actor;
  def: ActionDef;
  target?: string;
  startedAt: number;
}

/** A message as the rules judge it: where it went, what it claimed, and what its words say. */
export interface MessageFacts extends Moment {
  actor: Actor;
  channel: Channel;
  reach: MessageReach;
  encrypted: boolean;
  statement?: MessageDraft['statement'];
  /** The subject's first 60 characters, as findings name the message. */
  subject: string;
  says: Readonly<TextFacts>;
}

export interface TimelineRecord extends Moment {
  actor: Actor;
  text: string;
  claimedAt?: number;
  asset?: string;
  kind?: string;
}

export interface DecisionItem {
  injectId: string;
  asked: Moment;
  dueAt: number;
  answer: (Moment & { option: string; by: Actor; late: boolean }) | null;
  missed: Moment | null;
}

/** How an asset lost evidence: memory (a restart, a shutdown) or its disk (destroyed or overwritten). */
export interface EvidenceLoss extends Moment {
  asset: string;
  kind: 'memory' | 'disk';
  /** The work that caused it, or what else did (an inject, the attacker). */
  cause: { work: WorkItem } | { inject: string } | { adversary: string };
}

/** What the context keeps: 'all' for reports, 'scored' for a live score (only what the rules read). */
export type ContextKeeps = 'all' | 'scored';

export interface ScoringContext {
  compiled: CompiledScenario;
  keeps: ContextKeeps;
  truth: Truth | null;
  seats: SeatDef[];
  /** Every actor, reach and statement the rows refer to, by number. */
  actors: Interned<Actor>;
  reaches: Interned<MessageReach>;
  /** Messages in the order sent: seq, at, actor | channel << 16, text facts | encrypted, reach. */
  messageRows: Rows;
  /** The rare parts of a message, by row: a statement, a subject. */
  statements: Map<number, NonNullable<MessageDraft['statement']>>;
  subjects: Map<number, string>;
  /** Work in start order (all of it, or what rules read): number, action, actor, target, started, ended, how. */
  workRows: Rows;
  /** Detail of work that has one (a codename, a severity), by row. */
  details: Map<number, string>;
  /** Running work by id: its row, or the item itself when no rule reads it (it is dropped when it ends). */
  running: Map<string, number | WorkItem>;
  actions: ActionRecord[];
  /** Timeline entries that claim a time and a kind: the only ones the rules can judge. */
  timeline: TimelineRecord[];
  tasks: { id: string; seq: number; at: number; by: Actor; toSeat: string; action: string; target?: string; done: Moment | null }[];
  decisions: DecisionItem[];
  /** Delivered injects (a context that only scores keeps the scenario's, which the rules read). */
  injects: { injectId: string; at: number; seq: number }[];
  /** Response-wide facts (icPaged, …) with when each was first established. */
  facts: Partial<Record<ResponseFact, Moment>>;
  /** When the team first knew each fact. */
  known: Map<string, Moment>;
  /** Each asset's knowledge level over time, oldest first. */
  assetKnowledge: Map<string, (Moment & { level: KnowledgeLevel })[]>;
  firstInject: Moment | null;
  exfil: { total: number; stopped: Moment | null; storeRecords: number | null };
  /** The exfiltrated total after each change: seq, total. A message's claims are judged against it. */
  exfilRows: Rows;
  adversary: { alerted: Moment | null; noticedMessage: string | null; noticedBy: string | null; fallback: (Moment & { target: string; kind: string }) | null };
  evidenceLoss: EvidenceLoss[];
  /** Per asset, the moments it went out of service and came back. */
  downtime: Map<string, { from: number; to: number | null }[]>;
  flags: Map<string, Partial<AssetFlags>>;
  codename: string | null;
  end: Moment;
  ended: boolean;
}

/** What rules read: the context with its rows unfolded into records (ruleContext). */
export interface RuleContext extends ScoringContext {
  messages: MessageFacts[];
  /** The work kept, in start order. */
  work: WorkItem[];
}

const M_SEQ = 0;
const M_AT = 1;
const M_WHO = 2;
const M_SAYS = 3;
const M_REACH = 4;
const ENCRYPTED = 1 << 30;

const W_NUMBER = 0;
const W_ACTION = 1;
const W_ACTOR = 2;
const W_TARGET = 3;
const W_START_AT = 4;
const W_START_SEQ = 5;
const W_LEVEL = 6;
const W_END_AT = 7;
const W_END_SEQ = 8;
const W_OUTCOME = 9;
const LEVELS: readonly KnowledgeLevel[] = ['unknown', 'suspected', 'confirmed', 'cleared'];
const OUTCOMES = ['running', 'success', 'partial', 'failed', 'cancelled'] as const;
const ACTION_INDEX = new Map(ACTIONS.map((a, i) => [a.id, i]));

export function emptyContext(compiled: CompiledScenario, keeps: ContextKeeps = 'all'): ScoringContext {
  const { scenario } = compiled;
  const ex = scenario.adversary.exfiltration;
  const store = ex ? scenario.dataStores.find((d) => d.id === ex.from) : undefined;
  return {
    compiled,
    keeps,
    truth: null,
    seats: [],
    actors: new Interned((a) => `${a.role}\u0000${a.seat}`),
    reaches: new Interned((r) => `${r.audience}\u0000${r.orgs.join(',')}\u0000${r.people.join(',')}\u0000${r.attackerReads}`),
    messageRows: new Rows(5),
    statements: new Map(),
    subjects: new Map(),
    workRows: new Rows(10),
    details: new Map(),
    running: new Map(),
    actions: [],
    timeline: [],
    tasks: [],
    decisions: [],
    injects: [],
    facts: {},
    known: new Map(),
    assetKnowledge: new Map(),
    firstInject: null,
    exfil: { total: 0, stopped: null, storeRecords: store?.records ?? null },
    exfilRows: new Rows(2, 'float64'),
    adversary: { alerted: null, noticedMessage: null, noticedBy: null, fallback: null },
    evidenceLoss: [],
    downtime: new Map(),
    flags: new Map(),
    codename: null,
    end: { at: 0, seq: 0 },
    ended: false,
  };
}

/** Knowledge of an asset just before `seq`. */
export function levelBefore(ctx: ScoringContext, asset: string, seq: number): KnowledgeLevel {
  let level: KnowledgeLevel = 'unknown';
  for (const k of ctx.assetKnowledge.get(asset) ?? []) {
    if (k.seq >= seq) break;
    level = k.level;
  }
  return level;
}

/** Whether the team knew a fact before `seq`. */
export const knewBefore = (ctx: ScoringContext, fact: string, seq: number): boolean => {
  const m = ctx.known.get(fact);
  return m !== undefined && m.seq < seq;
};

export const isCompromisedAsset = (ctx: ScoringContext, asset: string | undefined): boolean => asset !== undefined && ctx.truth?.compromised[asset] !== undefined;

/** Work some rule reads (ordering.ts, roles.ts, evidence.ts, timeliness.ts): a context that only scores keeps no other. */
function ruledOn(def: ActionDef, actor: Actor, target: string | undefined): boolean {
  return def.noisy || (def.handsOn && actor.role === 'ic') || (target !== undefined && (ACTS_ON.has(def.id) || def.sets.isolated === true || def.sets.shutDown === true || def.sets.destroyed === true));
}

/** Work that acts on an asset (contains, stops, eradicates or restores it), as opposed to looking at it. */
export const ACTS_ON: ReadonlySet<string> = new Set(['network-isolate', 'shutdown-instance', 'reboot-host', 'terminate-instance', 'clean-host', 'kill-sessions', 'disable-code-path', 'restore-from-backup', 'deploy-clean-instance']);

const isDown = (f: Partial<AssetFlags>) => (f.isolated || f.shutDown || f.destroyed) === true && f.restored !== true;

function changeFlags(ctx: ScoringContext, asset: string, at: number, change: Partial<AssetFlags>): void {
  const before = ctx.flags.get(asset) ?? {};
  const after = { ...before, ...change };
  ctx.flags.set(asset, after);
  const spans = ctx.downtime.get(asset) ?? [];
  if (!isDown(before) && isDown(after)) spans.push({ from: at, to: null });
  if (isDown(before) && !isDown(after)) {
    const open = spans.at(-1);
    if (open && open.to === null) open.to = at;
  }
  ctx.downtime.set(asset, spans);
}

/** Record lost evidence once per asset and kind (the first loss is the one that matters). */
function lose(ctx: ScoringContext, loss: EvidenceLoss): void {
  if (!ctx.evidenceLoss.some((l) => l.asset === loss.asset && l.kind === loss.kind)) ctx.evidenceLoss.push(loss);
}

function recordLosses(ctx: ScoringContext, asset: string, change: Partial<AssetFlags>, moment: Moment, cause: EvidenceLoss['cause']): void {
  const flags = ctx.flags.get(asset) ?? {};
  if ((change.rebooted || change.shutDown || change.destroyed) && !flags.memoryCaptured) lose(ctx, { at: moment.at, seq: moment.seq, asset, kind: 'memory', cause });
  if (change.destroyed && !flags.imageSecured) lose(ctx, { at: moment.at, seq: moment.seq, asset, kind: 'disk', cause });
}

/** Asset ids by number (rows keep -1 for none). */
const assetNumber = (ctx: ScoringContext, id: string | undefined): number => (id === undefined ? -1 : ctx.compiled.scenario.assets.findIndex((a) => a.id === id));

/** One work row as the record rules read. */
function workItemOf(ctx: ScoringContext, row: number): WorkItem {
  const r = ctx.workRows;
  const target = r.get(row, W_TARGET);
  const detail = ctx.details.get(row);
  const outcome = r.get(row, W_OUTCOME);
  return {
    id: `w${r.get(row, W_NUMBER)}`,
    def: ACTIONS[r.get(row, W_ACTION)]!,
    target: target < 0 ? undefined : ctx.compiled.scenario.assets[target]!.id,
    detail,
    actor: ctx.actors.get(r.get(row, W_ACTOR)),
    start: { at: r.get(row, W_START_AT), seq: r.get(row, W_START_SEQ) },
    levelAtStart: LEVELS[r.get(row, W_LEVEL)]!,
    end: outcome === 0 ? null : { at: r.get(row, W_END_AT), seq: r.get(row, W_END_SEQ), outcome: OUTCOMES[outcome] as WorkOutcome | 'cancelled' },
  };
}

function endWork(ctx: ScoringContext, workId: string, end: Moment & { outcome: WorkOutcome | 'cancelled' }): WorkItem | null {
  const kept = ctx.running.get(workId);
  if (kept === undefined) return null;
  ctx.running.delete(workId);
  if (typeof kept !== 'number') {
    kept.end = end;
    return kept;
  }
  ctx.workRows.set(kept, W_END_AT, end.at);
  ctx.workRows.set(kept, W_END_SEQ, end.seq);
  ctx.workRows.set(kept, W_OUTCOME, OUTCOMES.indexOf(end.outcome));
  return workItemOf(ctx, kept);
}

function startWork(ctx: ScoringContext, entry: LogEntry & { event: { type: 'action.started' } }): void {
  const { seq, at, actor, event } = entry;
  const def = getAction(event.action);
  if (!def) return;
  const levelAtStart = event.target ? levelBefore(ctx, event.target, seq) : 'unknown';
  if (ctx.keeps === 'scored' && !ruledOn(def, actor, event.target)) {
    ctx.running.set(event.workId, { id: event.workId, def, target: event.target, detail: event.detail, actor, start: { at, seq }, levelAtStart, end: null });
    return;
  }
  const row = ctx.workRows.push([Number(event.workId.slice(1)), ACTION_INDEX.get(def.id)!, ctx.actors.of(actor), assetNumber(ctx, event.target), at, seq, LEVELS.indexOf(levelAtStart), 0, 0, 0]);
  if (event.detail !== undefined) ctx.details.set(row, event.detail);
  ctx.running.set(event.workId, row);
}

function sendMessage(ctx: ScoringContext, entry: LogEntry & { event: { type: 'message.sent' } }): void {
  const { seq, at, actor, event } = entry;
  const { message, reach } = event;
  const says = judgeText(ctx.compiled, message, reach.audience, ctx.codename);
  const row = ctx.messageRows.push([seq, at, ctx.actors.of(actor) | (CHANNELS.indexOf(message.channel) << 16), says | (message.encrypted ? ENCRYPTED : 0), ctx.reaches.of(reach)]);
  if (message.statement) ctx.statements.set(row, message.statement);
  const subject = message.subject.slice(0, 60);
  if (subject) ctx.subjects.set(row, subject);
}

/**
 * Add one log entry to a context, in place. The context is a fold over the log, so a live drill
 * can keep one and feed it each new entry instead of re-reading its whole log to score it.
 */
export function foldEntry(ctx: ScoringContext, entry: LogEntry): void {
  const { seq, at, actor, event } = entry;
  ctx.end = { at, seq };
  // Records the context keeps are written out field by field: a spread followed by more properties
  // gives each its own V8 hidden class (ARCHITECTURE.md MEM3–5).
  const moment = { at, seq };
  switch (event.type) {
    case 'drill.created':
      ctx.truth = event.truth;
      ctx.seats = event.seats;
      break;
    case 'drill.ended':
      ctx.ended = true;
      break;
    case 'inject.delivered':
    case 'inject.adhocDelivered': {
      ctx.firstInject ??= moment;
      // Rules read only the scenario's injects (the words an entry may have copied); reports read all.
      if (ctx.keeps === 'all' || event.type === 'inject.delivered') ctx.injects.push({ injectId: event.injectId, at, seq });
      const decision = event.type === 'inject.delivered' ? ctx.compiled.injectsById.get(event.injectId)?.decision : undefined;
      if (decision) ctx.decisions.push({ injectId: event.injectId, asked: moment, dueAt: at + decision.dueInMinutes * 60_000, answer: null, missed: null });
      break;
    }
    case 'action.started':
      startWork(ctx, entry as LogEntry & { event: typeof event });
      break;
    case 'action.completed': {
      const work = endWork(ctx, event.workId, { at, seq, outcome: event.outcome });
      if (!work || event.outcome === 'failed') break;
      const { def, target } = work;
      ctx.actions.push({ at, seq, work, actor: work.actor, def, target, startedAt: work.start.at });
      if (def.fact && !ctx.facts[def.fact]) ctx.facts[def.fact] = moment;
      if (def.id === 'set-codename' && work.detail && !ctx.codename) ctx.codename = work.detail;
      if (target) {
        recordLosses(ctx, target, def.sets, moment, { work });
        changeFlags(ctx, target, at, def.sets);
      }
      for (const task of ctx.tasks) {
        if (!task.done && task.toSeat === work.actor.seat && task.action === def.id && (task.target === undefined || task.target === target)) {
          task.done = moment;
          break;
        }
      }
      break;
    }
    case 'action.cancelled':
      endWork(ctx, event.workId, { at, seq, outcome: 'cancelled' });
      break;
    case 'asset.changed':
      recordLosses(ctx, event.asset, event.change, moment, { inject: event.cause });
      changeFlags(ctx, event.asset, at, event.change);
      break;
    case 'knowledge.learned': {
      const { item } = event;
      if ('fact' in item) {
        if (!ctx.known.has(item.fact)) ctx.known.set(item.fact, moment);
      } else {
        const history = ctx.assetKnowledge.get(item.asset) ?? [];
        history.push({ at, seq, level: item.level });
        ctx.assetKnowledge.set(item.asset, history);
      }
      break;
    }
    case 'task.assigned':
      ctx.tasks.push({ id: event.taskId, seq, at, by: actor, toSeat: event.toSeat, action: event.action, target: event.target, done: null });
      break;
    case 'message.sent':
      sendMessage(ctx, entry as LogEntry & { event: typeof event });
      break;
    case 'decision.answered': {
      const d = ctx.decisions.find((x) => x.injectId === event.injectId);
      if (d && !d.answer) d.answer = { at, seq, option: event.option, by: actor, late: event.late };
      break;
    }
    case 'decision.missed': {
      const d = ctx.decisions.find((x) => x.injectId === event.injectId);
      if (d) d.missed = moment;
      break;
    }
    case 'timeline.added':
      // An entry without a claimed time and a kind matches no key event (roles.ts ROL-3, ROL-4).
      if (event.claimedAt !== undefined && event.kind) {
        ctx.timeline.push({ seq, at, actor, text: event.text, claimedAt: event.claimedAt, ...(event.asset ? { asset: event.asset } : {}), kind: event.kind });
      }
      break;
    case 'exfil.progressed':
      ctx.exfil.total = event.total;
      ctx.exfilRows.push([seq, event.total]);
      break;
    case 'exfil.stopped':
      ctx.exfil.stopped ??= moment;
      break;
    case 'adversary.rolled':
      if (event.alerted) ctx.adversary.alerted ??= moment;
      break;
    case 'adversary.noticed':
      ctx.adversary.alerted ??= moment;
      if (event.messageId && ctx.adversary.noticedMessage === null) {
        ctx.adversary.noticedMessage = event.messageId;
        // Messages are numbered in the order sent (m1 is the first), as the rows are.
        const row = Number(event.messageId.slice(1)) - 1;
        ctx.adversary.noticedBy = event.messageId === `m${row + 1}` && row >= 0 && row < ctx.messageRows.length ? ctx.actors.get(ctx.messageRows.get(row, M_WHO) & 0xffff).seat : null;
      }
      break;
    case 'adversary.fallbackFired': {
      ctx.adversary.fallback = { at, seq, target: event.target, kind: event.kind };
      if (event.kind === 'wipe' || event.kind === 'ransomware') {
        recordLosses(ctx, event.target, { destroyed: true }, moment, { adversary: event.kind });
        changeFlags(ctx, event.target, at, { destroyed: true });
      }
      break;
    }
    default:
      break;
  }
}

export function buildContext(compiled: CompiledScenario, entries: readonly LogEntry[], keeps: ContextKeeps = 'all'): ScoringContext {
  const ctx = emptyContext(compiled, keeps);
  for (const entry of entries) foldEntry(ctx, entry);
  return ctx;
}

/** The message rows as records. */
function messagesOf(ctx: ScoringContext): MessageFacts[] {
  const r = ctx.messageRows;
  const out: MessageFacts[] = new Array(r.length);
  for (let row = 0; row < r.length; row++) {
    const who = r.get(row, M_WHO);
    const says = r.get(row, M_SAYS);
    const statement = ctx.statements.get(row);
    out[row] = {
      seq: r.get(row, M_SEQ),
      at: r.get(row, M_AT),
      actor: ctx.actors.get(who & 0xffff),
      channel: CHANNELS[who >> 16]!,
      reach: ctx.reaches.get(r.get(row, M_REACH)),
      encrypted: (says & ENCRYPTED) !== 0,
      ...(statement ? { statement } : {}),
      subject: ctx.subjects.get(row) ?? '',
      says: textFacts(says & ~ENCRYPTED),
    };
  }
  return out;
}

/** The work rows as records, in start order (a context that only scores keeps no row for work no rule reads). */
function workOf(ctx: ScoringContext): WorkItem[] {
  const out: WorkItem[] = [];
  for (let row = 0; row < ctx.workRows.length; row++) out.push(workItemOf(ctx, row));
  return out;
}

/** The context as rules read it, for one scoring: its rows unfolded into records (they are not kept). */
export function ruleContext(ctx: ScoringContext): RuleContext {
  return { ...ctx, messages: messagesOf(ctx), work: workOf(ctx) };
}

/** Records known to have left by `seq`. */
export function exfilBefore(ctx: ScoringContext, seq: number): number {
  let total = 0;
  const r = ctx.exfilRows;
  for (let row = 0; row < r.length; row++) {
    if (r.get(row, 0) >= seq) break;
    total = r.get(row, 1);
  }
  return total;
}

/** Minutes of service lost, weighted by how critical each asset is, on the assets `which` selects. */
export function serviceLoss(ctx: ScoringContext, which: (asset: string) => boolean): number {
  let units = 0;
  for (const [asset, spans] of ctx.downtime) {
    if (!which(asset)) continue;
    const weight = CRITICALITY_WEIGHT[ctx.compiled.assetsById.get(asset)?.criticality ?? 'low'];
    for (const s of spans) units += (((s.to ?? ctx.end.at) - s.from) / 60_000) * weight;
  }
  return units;
}

/** Service lost per minute an asset is down, by how critical it is (the business-impact meter uses the same weights). */
export const CRITICALITY_WEIGHT = { low: 1, medium: 2, high: 4, critical: 8 } as const;

/** The seats of a role, in the drill. */
export const seatsOfRole = (ctx: ScoringContext, ...roles: string[]): string[] => ctx.seats.filter((s) => roles.includes(s.role)).map((s) => s.seat);
