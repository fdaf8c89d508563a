import { normalize } from '../comms/normalize.ts';
import { getAction } from '../runbook/actions.ts';
import type { ActionDef, ResponseFact } from '../runbook/types.ts';
import type { CompiledScenario } from '../scenario/compiled.ts';
import type { Actor, LogEntry, MessageDraft } from '../engine/types.ts';

/*
 * One pass over the log that collects what the rules ask about. Rules read this, never the raw
 * log, so scoring stays linear in the length of the drill.
 */

export interface ActionRecord {
  seq: number;
  at: number;
  actor: Actor;
  def: ActionDef;
  target?: string;
}
export interface MessageRecordLite {
  seq: number;
  at: number;
  actor: Actor;
  message: MessageDraft;
}
export interface Moment {
  at: number;
  seq: number;
}

export interface ScoringContext {
  compiled: CompiledScenario;
  actions: ActionRecord[];
  messages: MessageRecordLite[];
  /** `norm` is the text normalised once at fold time (rules match keywords against it on every score). */
  timeline: { seq: number; at: number; actor: Actor; text: string; norm: string; claimedAt?: number }[];
  tasks: { seq: number; at: number }[];
  facts: Partial<Record<ResponseFact, Moment>>;
  firstInject: Moment | null;
  exfil: { total: number; stopped: Moment | null; storeRecords: number | null };
  fallback: (Moment & { target: string; kind: string }) | null;
  codename: string | null;
  /** When the team established the insider question's answer (via assess-insider-threat). */
  insiderRuledOut: Moment | null;
  compromised: string[];
  end: Moment;
}

/** The context of a drill with no events yet; feed it entries with foldEntry(). */
export function emptyContext(compiled: CompiledScenario): ScoringContext {
  const { scenario } = compiled;
  const ex = scenario.adversary.exfiltration;
  const store = ex ? scenario.dataStores.find((d) => d.id === ex.from) : undefined;
  return {
    compiled,
    actions: [],
    messages: [],
    timeline: [],
    tasks: [],
    facts: {},
    firstInject: null,
    exfil: { total: 0, stopped: null, storeRecords: store?.records ?? null },
    fallback: null,
    codename: null,
    insiderRuledOut: null,
    compromised: scenario.assets.filter((a) => a.compromised).map((a) => a.id),
    end: { at: 0, seq: 0 },
  };
}

/**
 * Add one log entry to a context, in place. The context is a fold over the log, so a live drill
 * can keep one and feed it each new entry instead of re-reading its whole log to score it.
 */
export function foldEntry(ctx: ScoringContext, entry: LogEntry): void {
  const { seq, at, actor, event } = entry;
  ctx.end = { at, seq };
  switch (event.type) {
    case 'inject.delivered':
    case 'inject.adhocDelivered':
      ctx.firstInject ??= { at, seq };
      break;
    case 'action.taken': {
      const def = getAction(event.action);
      if (!def) break;
      ctx.actions.push({ seq, at, actor, def, target: event.target });
      if (def.fact && !ctx.facts[def.fact]) ctx.facts[def.fact] = { at, seq };
      if (def.id === 'set-codename' && event.detail && !ctx.codename) ctx.codename = event.detail;
      if (def.id === 'assess-insider-threat' && ctx.compiled.scenario.adversary.origin !== 'insider') ctx.insiderRuledOut ??= { at, seq };
      break;
    }
    case 'message.sent':
      ctx.messages.push({ seq, at, actor, message: event.message });
      break;
    case 'timeline.added':
      ctx.timeline.push({ seq, at, actor, text: event.text, norm: normalize(event.text), claimedAt: event.claimedAt });
      break;
    case 'task.assigned':
      ctx.tasks.push({ seq, at });
      break;
    case 'exfil.progressed':
      ctx.exfil.total = event.total;
      break;
    case 'exfil.stopped':
      ctx.exfil.stopped ??= { at, seq };
      break;
    case 'adversary.fallbackFired':
      ctx.fallback = { at, seq, target: event.target, kind: event.kind };
      break;
    default:
      break;
  }
}

export function buildContext(compiled: CompiledScenario, entries: readonly LogEntry[]): ScoringContext {
  const ctx = emptyContext(compiled);
  for (const entry of entries) foldEntry(ctx, entry);
  return ctx;
}

/** First action matching a predicate, optionally on a target. */
export function firstAction(ctx: ScoringContext, pred: (a: ActionRecord) => boolean): ActionRecord | undefined {
  return ctx.actions.find(pred);
}

export const before = (a: Moment | null | undefined, b: Moment): boolean => a !== null && a !== undefined && a.seq < b.seq;
export const minutes = (ms: number): string => {
  const sign = ms < 0 ? '-' : '';
  const abs = Math.abs(ms);
  return `${sign}${Math.floor(abs / 60_000)}:${String(Math.floor((abs % 60_000) / 1000)).padStart(2, '0')}`;
};
