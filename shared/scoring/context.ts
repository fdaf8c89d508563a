import { getAction } from '../runbook/actions.ts';
import type { ActionDef, AssetFlags, ResponseFact } from '../runbook/types.ts';
import type { CompiledScenario } from '../scenario/compiled.ts';
import type { KnowledgeLevel } from '../scenario/schema.ts';
import type { Actor, LogEntry, MessageDraft, MessageReach, SeatDef, Truth, WorkOutcome } from '../engine/types.ts';

/*
 * One pass over the log that collects what the rules ask about: what the team did and when its work
 * completed, what it knew at every moment (knowledge is recorded in the log with when it was
 * learned), what it said and to whom, and what the drill's hidden world really was. Rules read
 * this, never the raw log, so scoring stays linear in the length of the drill, and a live drill
 * keeps one context and feeds it each new entry.
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

export interface MessageRecordLite extends Moment {
  id: string;
  actor: Actor;
  message: MessageDraft;
  reach: MessageReach;
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

export interface ScoringContext {
  compiled: CompiledScenario;
  truth: Truth | null;
  seats: SeatDef[];
  work: Map<string, WorkItem>;
  actions: ActionRecord[];
  messages: MessageRecordLite[];
  timeline: TimelineRecord[];
  tasks: { id: string; seq: number; at: number; by: Actor; toSeat: string; action: string; target?: string; done: Moment | null }[];
  decisions: DecisionItem[];
  injects: { injectId: string; at: number; seq: number }[];
  /** Response-wide facts (icPaged, …) with when each was first established. */
  facts: Partial<Record<ResponseFact, Moment>>;
  /** When the team first knew each fact. */
  known: Map<string, Moment>;
  /** Each asset's knowledge level over time, oldest first. */
  assetKnowledge: Map<string, (Moment & { level: KnowledgeLevel })[]>;
  firstInject: Moment | null;
  exfil: { total: number; stopped: Moment | null; storeRecords: number | null };
  /** The exfiltrated total at each message's send time is read from here. */
  exfilAt: { seq: number; total: number }[];
  adversary: { alerted: Moment | null; noticedMessage: string | null; fallback: (Moment & { target: string; kind: string }) | null };
  evidenceLoss: EvidenceLoss[];
  /** Per asset, the moments it went out of service and came back. */
  downtime: Map<string, { from: number; to: number | null }[]>;
  flags: Map<string, Partial<AssetFlags>>;
  codename: string | null;
  end: Moment;
  ended: boolean;
}

export function emptyContext(compiled: CompiledScenario): ScoringContext {
  const { scenario } = compiled;
  const ex = scenario.adversary.exfiltration;
  const store = ex ? scenario.dataStores.find((d) => d.id === ex.from) : undefined;
  return {
    compiled,
    truth: null,
    seats: [],
    work: new Map(),
    actions: [],
    messages: [],
    timeline: [],
    tasks: [],
    decisions: [],
    injects: [],
    facts: {},
    known: new Map(),
    assetKnowledge: new Map(),
    firstInject: null,
    exfil: { total: 0, stopped: null, storeRecords: store?.records ?? null },
    exfilAt: [],
    adversary: { alerted: null, noticedMessage: null, fallback: null },
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
  if ((change.rebooted || change.shutDown || change.destroyed) && !flags.memoryCaptured) lose(ctx, { ...moment, asset, kind: 'memory', cause });
  if (change.destroyed && !flags.imageSecured) lose(ctx, { ...moment, asset, kind: 'disk', cause });
}

/**
 * Add one log entry to a context, in place. The context is a fold over the log, so a live drill
 * can keep one and feed it each new entry instead of re-reading its whole log to score it.
 */
export function foldEntry(ctx: ScoringContext, entry: LogEntry): void {
  const { seq, at, actor, event } = entry;
  ctx.end = { at, seq };
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
      ctx.injects.push({ injectId: event.injectId, at, seq });
      const decision = event.type === 'inject.delivered' ? ctx.compiled.injectsById.get(event.injectId)?.decision : undefined;
      if (decision) ctx.decisions.push({ injectId: event.injectId, asked: moment, dueAt: at + decision.dueInMinutes * 60_000, answer: null, missed: null });
      break;
    }
    case 'action.started': {
      const def = getAction(event.action);
      if (!def) break;
      const levelAtStart = event.target ? levelBefore(ctx, event.target, seq) : 'unknown';
      ctx.work.set(event.workId, { id: event.workId, def, target: event.target, detail: event.detail, actor, start: moment, levelAtStart, end: null });
      break;
    }
    case 'action.completed': {
      const work = ctx.work.get(event.workId);
      if (!work) break;
      work.end = { ...moment, outcome: event.outcome };
      if (event.outcome === 'failed') break;
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
    case 'action.cancelled': {
      const work = ctx.work.get(event.workId);
      if (work) work.end = { ...moment, outcome: 'cancelled' };
      break;
    }
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
        history.push({ ...moment, level: item.level });
        ctx.assetKnowledge.set(item.asset, history);
      }
      break;
    }
    case 'task.assigned':
      ctx.tasks.push({ id: event.taskId, seq, at, by: actor, toSeat: event.toSeat, action: event.action, target: event.target, done: null });
      break;
    case 'message.sent':
      ctx.messages.push({ id: event.messageId, seq, at, actor, message: event.message, reach: event.reach });
      break;
    case 'decision.answered': {
      const d = ctx.decisions.find((x) => x.injectId === event.injectId);
      if (d && !d.answer) d.answer = { ...moment, option: event.option, by: actor, late: event.late };
      break;
    }
    case 'decision.missed': {
      const d = ctx.decisions.find((x) => x.injectId === event.injectId);
      if (d) d.missed = moment;
      break;
    }
    case 'timeline.added':
      ctx.timeline.push({ seq, at, actor, text: event.text, ...(event.claimedAt !== undefined ? { claimedAt: event.claimedAt } : {}), ...(event.asset ? { asset: event.asset } : {}), ...(event.kind ? { kind: event.kind } : {}) });
      break;
    case 'exfil.progressed':
      ctx.exfil.total = event.total;
      ctx.exfilAt.push({ seq, total: event.total });
      break;
    case 'exfil.stopped':
      ctx.exfil.stopped ??= moment;
      break;
    case 'adversary.rolled':
      if (event.alerted) ctx.adversary.alerted ??= moment;
      break;
    case 'adversary.noticed':
      ctx.adversary.alerted ??= moment;
      if (event.messageId) ctx.adversary.noticedMessage ??= event.messageId;
      break;
    case 'adversary.fallbackFired': {
      ctx.adversary.fallback = { ...moment, target: event.target, kind: event.kind };
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

export function buildContext(compiled: CompiledScenario, entries: readonly LogEntry[]): ScoringContext {
  const ctx = emptyContext(compiled);
  for (const entry of entries) foldEntry(ctx, entry);
  return ctx;
}

/** Records known to have left by `seq`. */
export function exfilBefore(ctx: ScoringContext, seq: number): number {
  let total = 0;
  for (const x of ctx.exfilAt) {
    if (x.seq >= seq) break;
    total = x.total;
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
