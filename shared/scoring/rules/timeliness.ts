import { minutes, type Moment, type ScoringContext } from '../context.ts';
import { t } from '../text.ts';
import type { Rule } from '../types.ts';

const count = (n: number) => n.toLocaleString('en-US');

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
    title: t('Page an incident commander at once', 'すぐにインシデントコマンダーを呼び出す', '立即呼叫事件指挥官'),
    points: 2,
    ref: { source: 'pd', section: 'ic-required' },
    evaluate(ctx) {
      if (!ctx.firstInject) return null;
      const target = ctx.compiled.scenario.rubric.targets.pageIcMinutes * 60_000;
      const paged = ctx.facts.icPaged;
      if (!paged) return { fraction: 0, observation: { at: ctx.end.at, events: [], message: t('No incident commander was ever paged.', 'インシデントコマンダーは一度も呼び出されなかった。', '始终没有呼叫事件指挥官。') } };
      const delay = Math.max(0, paged.at - ctx.firstInject.at);
      return { fraction: decay(delay, target), observation: { at: paged.at, events: [paged.seq], message: t(`The IC was paged ${minutes(delay)} after the first alert (target ${minutes(target)}).`, `IC は最初のアラートから ${minutes(delay)} 後に呼び出された（目標 ${minutes(target)}）。`, `IC 在首个告警后 ${minutes(delay)} 被呼叫（目标 ${minutes(target)}）。`) } };
    },
  },
  {
    id: 'TIM-2',
    category: 'timeliness',
    title: t('Contain the attack quickly', '攻撃を素早く封じ込める', '迅速遏制攻击'),
    points: 3,
    ref: { source: 'pd', section: 'stop-attack' },
    evaluate(ctx) {
      if (!ctx.firstInject || ctx.compromised.length === 0) return null;
      const target = ctx.compiled.scenario.rubric.targets.containMinutes * 60_000;
      const at = containedAt(ctx);
      if (!at) return { fraction: 0, observation: { at: ctx.end.at, events: [], message: t('The attack was never contained.', '攻撃は最後まで封じ込められなかった。', '攻击始终没有被遏制。') } };
      const delay = Math.max(0, at.at - ctx.firstInject.at);
      return { fraction: decay(delay, target), observation: { at: at.at, events: [at.seq], message: t(`The attack was contained ${minutes(delay)} after the first alert (target ${minutes(target)}).`, `攻撃は最初のアラートから ${minutes(delay)} 後に封じ込められた（目標 ${minutes(target)}）。`, `攻击在首个告警后 ${minutes(delay)} 被遏制（目标 ${minutes(target)}）。`) } };
    },
  },
  {
    id: 'TIM-3',
    category: 'timeliness',
    title: t('Limit the data lost', '失われるデータを最小限にする', '尽量减少数据损失'),
    points: 3,
    ref: { source: 'pd', section: 'compromised-data' },
    evaluate(ctx) {
      if (!ctx.exfil.storeRecords) return null;
      const lost = ctx.exfil.total / ctx.exfil.storeRecords;
      return { fraction: 1 - lost, observation: { at: ctx.exfil.stopped?.at ?? ctx.end.at, events: ctx.exfil.stopped ? [ctx.exfil.stopped.seq] : [], message: t(`${count(ctx.exfil.total)} of ${count(ctx.exfil.storeRecords)} records (${Math.round(lost * 100)}%) were taken.`, `${count(ctx.exfil.storeRecords)} 件中 ${count(ctx.exfil.total)} 件（${Math.round(lost * 100)}%）のレコードが持ち出された。`, `${count(ctx.exfil.storeRecords)} 条记录中有 ${count(ctx.exfil.total)} 条（${Math.round(lost * 100)}%）被窃取。`) } };
    },
  },
];
