import type { RuleContext } from '../context.ts';
import { isCompromisedAsset, seatsOfRole, serviceLoss } from '../context.ts';
import { duration, instance, m } from '../rule-kit.ts';
import type { Rule } from '../types.ts';
import { containedAt } from './ordering.ts';

/* Timeliness and impact: how fast the IC was paged, how fast the attack was contained, how much data was lost, what service the response itself cost. */

/** Full credit within the target, falling linearly to nothing at three times the target. */
const decay = (delay: number, target: number) => (delay <= target ? 1 : Math.max(0, 1 - (delay - target) / (2 * Math.max(target, 1))));

/** Weighted minutes of service lost on healthy systems at which the impact rule earns nothing: four hours of a high-criticality system. */
const NEEDLESS_LOSS_LIMIT = 240;

export const TIMELINESS_RULES: Rule[] = [
  {
    id: 'TIM-1',
    category: 'timeliness',
    title: m('rule.TIM-1'),
    points: 2,
    ref: { source: 'pd', section: 'ic-required' },
    severity: 5,
    evaluate(ctx) {
      if (!ctx.firstInject) return [];
      const target = ctx.compiled.scenario.rubric.targets.pageIcMinutes * 60_000;
      const paged = ctx.facts.icPaged;
      const pager = paged ? ctx.actions.find((a) => a.def.fact === 'icPaged')?.actor.seat : undefined;
      if (!paged) return [instance(0, seatsOfRole(ctx, 'ic', 'deputy'), ctx.end.at, [], m('TIM-1.missed'))];
      const delay = Math.max(0, paged.at - ctx.firstInject.at);
      return [instance(decay(delay, target), pager ? [pager] : [], paged.at, [paged.seq], m('TIM-1.met', { delay: duration(delay), target: duration(target) }))];
    },
  },
  {
    id: 'TIM-2',
    category: 'timeliness',
    title: m('rule.TIM-2'),
    points: 3,
    ref: { source: 'pd', section: 'stop-attack' },
    severity: 5,
    evaluate(ctx) {
      if (!ctx.firstInject || Object.keys(ctx.truth?.compromised ?? {}).length === 0) return [];
      const target = ctx.compiled.scenario.rubric.targets.containMinutes * 60_000;
      const at = containedAt(ctx);
      const smes = seatsOfRole(ctx, 'sme');
      if (!at) return [instance(0, smes, ctx.end.at, [], m('TIM-2.missed'))];
      const delay = Math.max(0, at.at - ctx.firstInject.at);
      return [instance(decay(delay, target), smes, at.at, [at.seq], m('TIM-2.met', { delay: duration(delay), target: duration(target) }))];
    },
  },
  {
    id: 'TIM-3',
    category: 'timeliness',
    title: m('rule.TIM-3'),
    points: 3,
    ref: { source: 'pd', section: 'compromised-data' },
    severity: 5,
    evaluate(ctx) {
      if (!ctx.exfil.storeRecords) return [];
      const lost = ctx.exfil.total / ctx.exfil.storeRecords;
      return [instance(1 - lost, seatsOfRole(ctx, 'sme'), ctx.exfil.stopped?.at ?? ctx.end.at, ctx.exfil.stopped ? [ctx.exfil.stopped.seq] : [], m('TIM-3.met', { lost: { count: ctx.exfil.total }, of: { count: ctx.exfil.storeRecords }, percent: Math.round(lost * 100) }))];
    },
  },
  {
    id: 'TIM-4',
    category: 'timeliness',
    title: m('rule.TIM-4'),
    points: 2,
    ref: { source: 'pd-ooda', section: 'ooda-caution' },
    severity: 5,
    evaluate(ctx: RuleContext) {
      if (ctx.downtime.size === 0) return [];
      const needless = serviceLoss(ctx, (asset) => !isCompromisedAsset(ctx, asset));
      const culprits = ctx.work.filter((w) => w.target && !isCompromisedAsset(ctx, w.target) && (w.def.sets.isolated || w.def.sets.shutDown || w.def.sets.destroyed)).map((w) => w.actor.seat);
      return [instance(1 - needless / NEEDLESS_LOSS_LIMIT, [...new Set(culprits)], ctx.end.at, [], m(needless === 0 ? 'TIM-4.met' : 'TIM-4.missed', { units: Math.round(needless) }))];
    },
  },
];
