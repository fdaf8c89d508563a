import type { ActionRecord, Moment, ScoringContext } from '../context.ts';
import { before, minutes } from '../context.ts';
import { AUDIENCE_WORDS, CHANNEL_WORDS, listOf, PURPOSE_WORDS, spaced, t, type RuleText } from '../text.ts';
import type { Observation, Rule, RuleVerdict } from '../types.ts';

/*
 * Ordering: the runbook lets work run in parallel, but some things must come before others.
 * ORD-1..4 are the orderings the runbook states outright; ORD-5.. come from the precedence table.
 */

const obs = (at: number, events: number[], message: RuleText): Observation => ({ at, events, message });
const verdict = (violations: Observation[], pass: Observation): RuleVerdict => ({ violations, pass });
const isMessage = (ctx: ScoringContext) => ctx.messages.length > 0;

/** The team counts as assembled once an IC is paged and a private channel or bridge exists. */
function teamAssembled(ctx: ScoringContext): Moment | null {
  const ic = ctx.facts.icPaged;
  const room = [ctx.facts.privateChannel, ctx.facts.bridge].filter((m): m is Moment => !!m).sort((a, b) => a.seq - b.seq)[0];
  if (!ic || !room) return null;
  return ic.seq > room.seq ? ic : room;
}

const DESTRUCTIVE = new Set(['loses-memory', 'destroys-disk']);
const isContainment = (a: ActionRecord) => a.def.ooda === 'act' && a.def.target === 'asset' && (a.def.step === 'stop-attack' || a.def.step === 'isolate-instances');

/** A milestone: the first moment something happened in a drill, for the precedence table. */
interface Milestone {
  label: RuleText;
  first(ctx: ScoringContext): Moment | null;
}
const factMilestone = (fact: keyof ScoringContext['facts'], label: RuleText): Milestone => ({ label, first: (ctx) => ctx.facts[fact] ?? null });
const actionMilestone = (label: RuleText, pred: (a: ActionRecord, ctx: ScoringContext) => boolean): Milestone => ({
  label,
  first: (ctx) => ctx.actions.find((a) => pred(a, ctx)) ?? null,
});

const OBSERVE = actionMilestone(t('an observation (logs, sensors, evidence capture)', '観察（ログ、センサー、証拠の取得）', '观察（日志、传感器、证据采集）'), (a) => a.def.ooda === 'observe');
const CONTAIN = actionMilestone(t('the first containment action on a compromised system', '侵害されたシステムへの最初の封じ込め操作', '对失陷系统的首次遏制操作'), (a, ctx) => isContainment(a) && ctx.compromised.includes(a.target ?? ''));
const CONTAINED: Milestone = {
  label: t('containment', '封じ込め', '遏制'),
  first: (ctx) => ctx.exfil.stopped ?? ctx.actions.find((a) => isContainment(a) && ctx.compromised.includes(a.target ?? '')) ?? null,
};

/** Precedence of checklist work, as data: `after` should not happen before `before`. */
const PRECEDENCE: { id: string; title: RuleText; before: Milestone; after: Milestone; ref: Rule['ref'] }[] = [
  { id: 'ORD-5', title: t('Observe before acting on suspect systems', '疑わしいシステムに手を出す前に観察する', '对可疑系统采取行动前先观察'), before: OBSERVE, after: CONTAIN, ref: { source: 'pd-ooda', section: 'ooda-caution' } },
  { id: 'ORD-6', title: t('Page an incident commander before containment work', '封じ込め作業の前にインシデントコマンダーを呼び出す', '在遏制工作之前呼叫事件指挥官'), before: factMilestone('icPaged', t('paging the IC', 'IC の呼び出し', '呼叫 IC')), after: CONTAIN, ref: { source: 'pd', section: 'ic-required' } },
  { id: 'ORD-7', title: t('Secure evidence (memory, or a read-only off-host image) before forensic analysis', 'フォレンジック解析の前に証拠（メモリ、または読み取り専用のホスト外イメージ）を確保する', '在取证分析之前保全证据（内存，或只读的主机外镜像）'), before: actionMilestone(t('securing evidence', '証拠の確保', '保全证据'), (a) => a.def.evidence === 'captures-memory' || a.def.sets.imageSecured === true), after: factMilestone('forensicsDone', t('forensic analysis', 'フォレンジック解析', '取证分析')), ref: { source: 'pd', section: 'forensics' } },
  { id: 'ORD-8', title: t('Contain and analyse before closing', 'クローズする前に封じ込めと分析を行う', '关闭事件前先完成遏制与分析'), before: CONTAINED, after: factMilestone('closed', t('closing the incident', 'インシデントのクローズ', '关闭事件')), ref: { source: 'sectemplates', section: 'step-18' } },
  { id: 'ORD-9', title: t('Close the incident before scheduling the postmortem', 'ポストモーテムを予定する前にインシデントをクローズする', '安排事后复盘之前先关闭事件'), before: factMilestone('closed', t('closing the incident', 'インシデントのクローズ', '关闭事件')), after: factMilestone('postmortemScheduled', t('scheduling the postmortem', 'ポストモーテムの予定', '安排事后复盘')), ref: { source: 'sectemplates', section: 'step-20' } },
  { id: 'ORD-10', title: t('Assess the risk to other systems before rotating credentials', '認証情報をローテーションする前に他システムへのリスクを評価する', '轮换凭据之前先评估对其他系统的风险'), before: factMilestone('riskAssessed', t('assessing risk', 'リスク評価', '风险评估')), after: factMilestone('credentialsRotated', t('rotating credentials', '認証情報のローテーション', '轮换凭据')), ref: { source: 'pd', section: 'assess-risk' } },
];

/**
 * The milestones every response must reach. Ordering rules judge only what happened, so without
 * this a team that did nothing would keep a perfect ordering score.
 */
const RESPONSE_MILESTONES: { label: RuleText; reached: (ctx: ScoringContext) => Moment | null }[] = [
  { label: t('assemble the team', 'チームの編成', '组建团队'), reached: teamAssembled },
  { label: t('contain the attack', '攻撃の封じ込め', '遏制攻击'), reached: (ctx) => CONTAINED.first(ctx) },
  { label: t('establish the attack timeline', '攻撃タイムラインの確立', '梳理攻击时间线'), reached: (ctx) => ctx.facts.timelineBuilt ?? null },
  { label: t('identify the compromised data', '侵害データの特定', '确定被泄露的数据'), reached: (ctx) => ctx.facts.dataIdentified ?? null },
  { label: t('assess the risk to other systems or of re-attack', '他システムへのリスクまたは再攻撃リスクの評価', '评估对其他系统的风险或再次遭袭的风险'), reached: (ctx) => ctx.facts.riskAssessed ?? ctx.facts.reattackAssessed ?? null },
  { label: t('close the incident', 'インシデントのクローズ', '关闭事件'), reached: (ctx) => ctx.facts.closed ?? null },
];

export const ORDERING_RULES: Rule[] = [
  {
    id: 'ORD-0',
    category: 'ordering',
    title: t('Carry the response from assembly to closure', '編成からクローズまで対応をやり遂げる', '把响应从组建团队推进到关闭事件'),
    points: 6,
    ref: { source: 'sectemplates', section: 'step-18' },
    evaluate(ctx) {
      const reached = RESPONSE_MILESTONES.map((m) => ({ label: m.label, at: m.reached(ctx) }));
      const done = reached.filter((m) => m.at !== null);
      const missing = reached.filter((m) => m.at === null).map((m) => m.label);
      const events = done.map((m) => m.at?.seq ?? 0).sort((a, b) => a - b);
      return {
        fraction: done.length / reached.length,
        observation: obs(ctx.end.at, events, missing.length === 0
          ? t('The team went all the way: assembled, contained, analysed, assessed the risk and closed the incident.', 'チームは最後までやり遂げた。編成、封じ込め、分析、リスク評価、そしてクローズ。', '团队完成了全过程：组建、遏制、分析、评估风险并关闭事件。')
          : t(
            `The team reached ${done.length} of ${reached.length} milestones of a response; it did not ${listOf(missing.map((m) => m.en), 'en', 'or')}.`,
            `チームは対応の節目 ${reached.length} 件中 ${done.length} 件に到達した。未達：${listOf(missing.map((m) => m.ja), 'ja')}。`,
            `团队达到了响应的 ${reached.length} 个里程碑中的 ${done.length} 个；未完成：${listOf(missing.map((m) => m['zh-CN']), 'zh-CN')}。`,
          )),
      };
    },
  },
  {
    id: 'ORD-1',
    category: 'ordering',
    title: t('Assemble the response team before any communication', '連絡を始める前に対応チームを編成する', '任何沟通之前先组建响应团队'),
    points: 3,
    ref: { source: 'pd', section: 'assemble-team' },
    evaluate(ctx) {
      if (!isMessage(ctx)) return null;
      const ready = teamAssembled(ctx);
      const early = ctx.messages.filter((m) => m.message.purpose !== 'redirect' && (!ready || m.seq < ready.seq));
      return verdict(
        early.map((m) => obs(m.at, [m.seq], t(
          `A ${CHANNEL_WORDS[m.message.channel].en} message went out at ${minutes(m.at)} before the team was assembled (IC paged and a private channel or bridge open).`,
          `チームが編成される（IC の呼び出しと、非公開チャンネルまたはブリッジの開設）前の ${minutes(m.at)} に、${spaced(CHANNEL_WORDS[m.message.channel].ja).trimStart()}でメッセージが送られた。`,
          `在团队组建完成（已呼叫 IC 并开设私有频道或电话会议）之前，${minutes(m.at)} 就通过${CHANNEL_WORDS[m.message.channel]['zh-CN']}发出了消息。`,
        ))),
        obs(ready?.at ?? 0, ready ? [ready.seq] : [], t('The team was assembled before anyone communicated about the incident.', 'インシデントについて誰かが連絡する前に、チームは編成されていた。', '在任何人就事件进行沟通之前，团队已组建完毕。')),
      );
    },
  },
  {
    id: 'ORD-2',
    category: 'ordering',
    title: t('Capture evidence before shutting systems down', 'システムを停止する前に証拠を取得する', '关停系统之前先采集证据'),
    points: 3,
    ref: { source: 'pd', section: 'stop-attack' },
    evaluate(ctx) {
      const shutdowns = ctx.actions.filter((a) => DESTRUCTIVE.has(a.def.evidence) && ctx.compromised.includes(a.target ?? ''));
      if (shutdowns.length === 0) return null;
      const captured = (target: string, b: Moment) =>
        ctx.actions.some((a) => a.target === target && (a.def.evidence === 'captures-disk' || a.def.evidence === 'captures-memory') && a.seq < b.seq);
      const first = new Map<string, ActionRecord>();
      for (const s of shutdowns) if (!first.has(s.target ?? '')) first.set(s.target ?? '', s);
      const bad = [...first.values()].filter((s) => !captured(s.target ?? '', s));
      return verdict(
        bad.map((s) => obs(s.at, [s.seq], t(
          `${s.target} was taken down ("${s.def.title.en}") at ${minutes(s.at)} before any evidence was captured from it.`,
          `${s.target} は証拠が何も取得されないまま ${minutes(s.at)} に停止された（「${s.def.title.ja ?? s.def.title.en}」）。`,
          `${s.target} 在未采集任何证据的情况下于 ${minutes(s.at)} 被关停（“${s.def.title['zh-CN'] ?? s.def.title.en}”）。`,
        ))),
        obs(shutdowns[0]?.at ?? 0, shutdowns.map((s) => s.seq), t('Evidence was captured from every compromised system before it was shut down.', '侵害されたすべてのシステムで、停止の前に証拠が取得された。', '所有失陷系统在关停前都采集了证据。')),
      );
    },
  },
  {
    id: 'ORD-3',
    category: 'ordering',
    title: t('Communicate internally only once an insider is ruled out', '社内への連絡は内部犯行が排除されてから', '排除内部人员作案之后再进行内部沟通'),
    points: 2,
    ref: { source: 'pd', section: 'internal-comms' },
    evaluate(ctx) {
      const internal = ctx.messages.filter((m) => m.message.audience === 'internal' || m.message.purpose === 'internal-announcement');
      if (internal.length === 0) return null;
      const early = internal.filter((m) => !before(ctx.insiderRuledOut, m));
      return verdict(
        early.map((m) => {
          const insider = ctx.compiled.scenario.adversary.origin === 'insider';
          return obs(m.at, [m.seq], t(
            `An internal message went out at ${minutes(m.at)} while an insider had not been ruled out${insider ? ' (and the attacker was an insider)' : ''}.`,
            `内部犯行が排除されていない ${minutes(m.at)} に、社内向けメッセージが送られた${insider ? '（しかも攻撃者は内部の人間だった）' : ''}。`,
            `在尚未排除内部人员作案时，${minutes(m.at)} 发出了内部消息${insider ? '（而攻击者正是内部人员）' : ''}。`,
          ));
        }),
        obs(internal[0]?.at ?? 0, internal.map((m) => m.seq), t('Internal communication waited until an insider had been ruled out.', '社内への連絡は、内部犯行が排除されるまで待たれた。', '内部沟通一直等到排除内部人员作案之后才进行。')),
      );
    },
  },
  {
    id: 'ORD-4',
    category: 'ordering',
    title: t('Go public only once the timeline and compromised data are known', 'タイムラインと侵害データが判明してから公表する', '查明时间线和被泄露数据之后再公开'),
    points: 3,
    ref: { source: 'spearhead', section: 'external-comms' },
    evaluate(ctx) {
      const publics = ctx.messages.filter((m) => m.message.audience === 'public' || m.message.audience === 'customers');
      if (publics.length === 0) return null;
      const early = publics.filter((m) => !(before(ctx.facts.timelineBuilt, m) && before(ctx.facts.dataIdentified, m)));
      return verdict(
        early.map((m) => obs(m.at, [m.seq], t(
          `A ${PURPOSE_WORDS[m.message.purpose].en} went to ${AUDIENCE_WORDS[m.message.audience].en} at ${minutes(m.at)} before the attack timeline and the compromised data were established.`,
          `攻撃タイムラインと侵害データが確定する前の ${minutes(m.at)} に、${AUDIENCE_WORDS[m.message.audience].ja}へ${PURPOSE_WORDS[m.message.purpose].ja}が出された。`,
          `在攻击时间线和被泄露数据查明之前，${minutes(m.at)} 就向${AUDIENCE_WORDS[m.message.audience]['zh-CN']}发出了${PURPOSE_WORDS[m.message.purpose]['zh-CN']}。`,
        ))),
        obs(publics[0]?.at ?? 0, publics.map((m) => m.seq), t('Public communication waited for the timeline and the compromised data.', '公表は、タイムラインと侵害データが判明するまで待たれた。', '公开沟通一直等到时间线和被泄露数据查明之后。')),
      );
    },
  },
  ...PRECEDENCE.map(
    (edge): Rule => ({
      id: edge.id,
      category: 'ordering',
      title: edge.title,
      points: 1,
      ref: edge.ref,
      evaluate(ctx) {
        const after = edge.after.first(ctx);
        if (!after) return null;
        const first = edge.before.first(ctx);
        const ok = first !== null && first.seq <= after.seq;
        return verdict(
          ok ? [] : [obs(after.at, [after.seq], t(
            `${edge.after.label.en[0]?.toUpperCase()}${edge.after.label.en.slice(1)} at ${minutes(after.at)} came before ${edge.before.label.en}${first ? ` (${minutes(first.at)})` : ' (never done)'}.`,
            `${minutes(after.at)} の${edge.after.label.ja}が、${edge.before.label.ja}${first ? `（${minutes(first.at)}）` : '（未実施）'}より先に行われた。`,
            `${minutes(after.at)} 的${edge.after.label['zh-CN']}发生在${edge.before.label['zh-CN']}${first ? `（${minutes(first.at)}）` : '（未执行）'}之前。`,
          ))],
          obs(after.at, [after.seq], t(`${edge.title.en}: done in order.`, `${edge.title.ja}：順序どおりに行われた。`, `${edge.title['zh-CN']}：按顺序完成。`)),
        );
      },
    }),
  ),
];
