import { minutes, type Moment, type ScoringContext } from '../context.ts';
import type { Rule } from '../types.ts';

/* Timeliness: how fast the IC was paged, how fast the attack was contained, how much data was lost. */

/** Full credit within the target, falling linearly to nothing at three times the target. */
const decay = (delay: number, target: number) => (delay <= target ? 1 : Math.max(0, 1 - (delay - target) / (2 * Math.max(target, 1))));

function containedAt(ctx: ScoringContext): Moment | null {
  if (ctx.compiled.scenario.adversary.exfiltration) return ctx.exfil.stopped;
  let latest: Moment | null = null;
  for (const id of ctx.compromised) {
    const hit = ctx.actions.find((a) => a.target === id && (a.def.sets.isolated || a.def.sets.shutDown || a.def.sets.destroyed));
    if (!hit) return null;
    if (!latest || hit.seq > latest.seq) latest = hit;
  }
  return latest;
}

export const TIMELINESS_RULES: Rule[] = [
  {
    id: 'TIM-1',
    category: 'timeliness',
    title: 'Page an incident commander at once',
    points: 2,
    ref: { source: 'pd', section: 'ic-required' },
    evaluate(ctx) {
      if (!ctx.firstInject) return null;
      const target = ctx.compiled.scenario.rubric.targets.pageIcMinutes * 60_000;
      const paged = ctx.facts.icPaged;
      if (!paged) return { fraction: 0, observation: { at: ctx.end.at, events: [], message: 'No incident commander was ever paged.' } };
      const delay = Math.max(0, paged.at - ctx.firstInject.at);
      return { fraction: decay(delay, target), observation: { at: paged.at, events: [paged.seq], message: `The IC was paged ${minutes(delay)} after the first alert (target ${minutes(target)}).` } };
    },
  },
  {
    id: 'TIM-2',
    category: 'timeliness',
    title: 'Contain the attack quickly',
    points: 3,
    ref: { source: 'pd', section: 'stop-attack' },
    evaluate(ctx) {
      if (!ctx.firstInject || ctx.compromised.length === 0) return null;
      const target = ctx.compiled.scenario.rubric.targets.containMinutes * 60_000;
      const at = containedAt(ctx);
      if (!at) return { fraction: 0, observation: { at: ctx.end.at, events: [], message: 'The attack was never contained.' } };
      const delay = Math.max(0, at.at - ctx.firstInject.at);
      return { fraction: decay(delay, target), observation: { at: at.at, events: [at.seq], message: `The attack was contained ${minutes(delay)} after the first alert (target ${minutes(target)}).` } };
    },
  },
  {
    id: 'TIM-3',
    category: 'timeliness',
    title: 'Limit the data lost',
    points: 3,
    ref: { source: 'pd', section: 'compromised-data' },
    evaluate(ctx) {
      if (!ctx.exfil.storeRecords) return null;
      const lost = ctx.exfil.total / ctx.exfil.storeRecords;
      return { fraction: 1 - lost, observation: { at: ctx.exfil.stopped?.at ?? ctx.end.at, events: ctx.exfil.stopped ? [ctx.exfil.stopped.seq] : [], message: `${ctx.exfil.total.toLocaleString('en-US')} of ${ctx.exfil.storeRecords.toLocaleString('en-US')} records (${Math.round(lost * 100)}%) were taken.` } };
    },
  },
];
