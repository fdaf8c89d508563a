import type { Msg } from '../../i18n/message.ts';
import type { ActionRecord, Moment, RuleContext, WorkItem } from '../context.ts';
import { ACTS_ON, knewBefore, levelBefore, seatsOfRole } from '../context.ts';
import { assetName, instance, m, time } from '../rule-kit.ts';
import type { Instance, Rule } from '../types.ts';

/*
 * Ordering: the runbook lets work run in parallel, but some things must come before others, and
 * work counts from when it completed and for what the team knew when it began.
 */

/** Work that acts on an asset (contains, stops, eradicates or restores it), as opposed to looking at it. */
export const isActOn = (w: WorkItem) => ACTS_ON.has(w.def.id) && w.target !== undefined;
const OBSERVATIONS = new Set(['review-network-logs', 'review-system-logs', 'deploy-sensors']);

/** The team counts as assembled once an IC is paged and a private channel or bridge exists. */
export function teamAssembled(ctx: RuleContext): Moment | null {
  const ic = ctx.facts.icPaged;
  const room = [ctx.facts.privateChannel, ctx.facts.bridge].filter((x): x is Moment => !!x).sort((a, b) => a.seq - b.seq)[0];
  if (!ic || !room) return null;
  return ic.seq > room.seq ? ic : room;
}

/** The moment the attack stopped costing data: the theft cut, or every compromised system contained. */
export function containedAt(ctx: RuleContext): Moment | null {
  if (ctx.compiled.scenario.adversary.exfiltration) return ctx.exfil.stopped;
  let latest: Moment | null = null;
  for (const id of Object.keys(ctx.truth?.compromised ?? {})) {
    const hit = ctx.actions.find((a) => a.target === id && (a.def.sets.isolated || a.def.sets.shutDown || a.def.sets.destroyed));
    if (!hit) return null;
    if (!latest || hit.seq > latest.seq) latest = hit;
  }
  return latest;
}

/** Analysis counts only once the team knew enough for it to mean something: the way in. */
const informed = (ctx: RuleContext, a: ActionRecord | undefined): Moment | null => (a && knewBefore(ctx, 'entry', a.seq) ? a : null);
const completed = (ctx: RuleContext, action: string) => ctx.actions.find((a) => a.def.id === action);

interface Milestone {
  key: Msg;
  reached(ctx: RuleContext): Moment | null;
  applies?(ctx: RuleContext): boolean;
}

/** The milestones every response must reach, judged on what the team established rather than on buttons pressed. */
const MILESTONES: Milestone[] = [
  { key: m('milestone.assembled'), reached: teamAssembled },
  { key: m('milestone.contained'), reached: containedAt },
  { key: m('milestone.entry'), reached: (ctx) => ctx.known.get('entry') ?? null },
  { key: m('milestone.data'), reached: (ctx) => ctx.known.get('data') ?? null, applies: (ctx) => !!ctx.compiled.scenario.adversary.exfiltration },
  { key: m('milestone.insider'), reached: (ctx) => ctx.known.get('insider') ?? null },
  { key: m('milestone.risk'), reached: (ctx) => informed(ctx, completed(ctx, 'assess-risk-other-systems')) ?? informed(ctx, completed(ctx, 'assess-reattack-risk')) },
  { key: m('milestone.closed'), reached: (ctx) => ctx.facts.closed ?? null },
];

function precedence(id: string, points: number, ref: Rule['ref'], severity: Rule['severity'], judge: (ctx: RuleContext) => Instance[]): Rule {
  return { id, category: 'ordering', title: m(`rule.${id}` as never), points, ref, severity, evaluate: judge };
}

export const ORDERING_RULES: Rule[] = [
  {
    id: 'ORD-0',
    category: 'ordering',
    title: m('rule.ORD-0'),
    points: 8,
    ref: { source: 'sectemplates', section: 'step-18' },
    severity: 5,
    evaluate(ctx) {
      const rows = MILESTONES.filter((x) => x.applies?.(ctx) ?? true).map((x) => ({ key: x.key, at: x.reached(ctx) }));
      const done = rows.filter((r) => r.at !== null);
      const missing = rows.filter((r) => r.at === null).map((r) => r.key);
      const events = done.map((r) => r.at?.seq ?? 0).sort((a, b) => a - b);
      const message = missing.length === 0 ? m('ORD-0.met') : m('ORD-0.partly', { done: done.length, of: rows.length, missing: { list: missing, conj: 'or' } });
      return [instance(done.length / rows.length, seatsOfRole(ctx, 'ic'), ctx.end.at, events, message)];
    },
  },
  precedence('ORD-1', 3, { source: 'pd', section: 'assemble-team' }, 6, (ctx) => {
    const paged = ctx.facts.icPaged;
    return ctx.messages
      .filter((x) => x.reach.audience !== 'team')
      .map((x) => (paged && paged.seq < x.seq
        ? instance(1, [x.actor.seat], x.at, [x.seq], m('ORD-1.met', { time: time(x.at) }))
        : instance(0, [x.actor.seat], x.at, [x.seq], m('ORD-1.missed', { time: time(x.at) }))));
  }),
  precedence('ORD-4', 3, { source: 'spearhead', section: 'external-comms' }, 2, (ctx) =>
    ctx.messages
      .filter((x) => x.statement && x.statement.kind !== 'holding')
      .map((x) => {
        const ready = knewBefore(ctx, 'entry', x.seq) && (!ctx.compiled.scenario.adversary.exfiltration || knewBefore(ctx, 'data', x.seq));
        return instance(ready ? 1 : 0, [x.actor.seat], x.at, [x.seq], m(ready ? 'ORD-4.met' : 'ORD-4.missed', { time: time(x.at) }));
      }),
  ),
  precedence('ORD-5', 3, { source: 'pd-ooda', section: 'ooda-caution' }, 5, (ctx) => {
    const out: Instance[] = [];
    const judged = new Set<string>();
    for (const w of ctx.work) {
      if (!isActOn(w) || judged.has(w.target!)) continue;
      judged.add(w.target!);
      const looked = ctx.actions.some((a) => OBSERVATIONS.has(a.def.id) && a.target === w.target && a.seq < w.start.seq);
      const ok = looked || w.levelAtStart === 'confirmed';
      out.push(instance(ok ? 1 : 0, [w.actor.seat], w.start.at, [w.start.seq], m(ok ? 'ORD-5.met' : 'ORD-5.missed', { asset: assetName(ctx, w.target), action: w.def.title, time: time(w.start.at) })));
    }
    return out;
  }),
  precedence('ORD-6', 1, { source: 'pd', section: 'ic-required' }, 6, (ctx) => {
    const first = ctx.work.find(isActOn);
    if (!first) return [];
    const ok = ctx.facts.icPaged !== undefined && ctx.facts.icPaged.seq < first.start.seq;
    return [instance(ok ? 1 : 0, [first.actor.seat], first.start.at, [first.start.seq], m(ok ? 'ORD-6.met' : 'ORD-6.missed', { time: time(first.start.at) }))];
  }),
  precedence('ORD-8', 1, { source: 'sectemplates', section: 'step-18' }, 5, (ctx) => {
    const closed = ctx.facts.closed;
    if (!closed) return [];
    const contained = containedAt(ctx);
    const ok = contained !== null && contained.seq < closed.seq;
    return [instance(ok ? 1 : 0, seatsOfRole(ctx, 'ic'), closed.at, [closed.seq], m(ok ? 'ORD-8.met' : 'ORD-8.missed', { time: time(closed.at) }))];
  }),
  precedence('ORD-9', 1, { source: 'sectemplates', section: 'step-20' }, 7, (ctx) => {
    const postmortem = ctx.facts.postmortemScheduled;
    if (!postmortem) return [];
    const ok = ctx.facts.closed !== undefined && ctx.facts.closed.seq < postmortem.seq;
    return [instance(ok ? 1 : 0, seatsOfRole(ctx, 'ic'), postmortem.at, [postmortem.seq], m(ok ? 'ORD-9.met' : 'ORD-9.missed', { time: time(postmortem.at) }))];
  }),
  precedence('ORD-11', 4, { source: 'pd-ooda', section: 'ooda-caution' }, 5, (ctx) => {
    const out: Instance[] = [];
    for (const w of ctx.work) {
      if (!isActOn(w)) continue;
      const level = levelBefore(ctx, w.target!, w.start.seq);
      const reason = level === 'suspected' || level === 'confirmed';
      out.push(instance(reason ? 1 : 0, [w.actor.seat], w.start.at, [w.start.seq], m(reason ? 'ORD-11.met' : 'ORD-11.missed', { asset: assetName(ctx, w.target), action: w.def.title, time: time(w.start.at), level: m(`level.${level}` as never) })));
    }
    return out;
  }),
];
