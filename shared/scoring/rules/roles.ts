import { normalize } from '../../comms/index.ts';
import { minutes, type ScoringContext } from '../context.ts';
import { ROLE_DEFS } from '../../runbook/roles.ts';
import { listOf, pick, t, type RuleText } from '../text.ts';
import type { Rule } from '../types.ts';

/** A role's name in one locale ("the deputy" reads oddly in Japanese; each language gets its own form). */
const roleName = (role: string, locale: keyof RuleText): string => {
  const def = ROLE_DEFS.find((r) => r.id === role);
  return def ? pick(def.title, locale) : role;
};
const owners = (roles: readonly string[], locale: keyof RuleText) => listOf(roles.map((r) => roleName(r, locale)), locale, 'or');

/* Role discipline: the IC leads rather than types, each role does its own work, the scribe keeps a true timeline. */

type TruthEvent = ScoringContext['compiled']['scenario']['truth'][number];

/** Each truth event's keywords, normalised once per scenario rather than on every live score. */
const normalizedKeywords = new WeakMap<TruthEvent, string[]>();
function keywordsOf(truth: TruthEvent): string[] {
  let keywords = normalizedKeywords.get(truth);
  if (!keywords) normalizedKeywords.set(truth, (keywords = truth.keywords.map(normalize)));
  return keywords;
}

/** Truth events the scribe's timeline mentions, by keyword. */
function coverage(ctx: ScoringContext) {
  const key = ctx.compiled.scenario.truth.filter((t) => t.key);
  return key.map((truth) => {
    const keywords = keywordsOf(truth);
    return { truth, entry: ctx.timeline.find((e) => keywords.some((k) => e.norm.includes(k))) };
  });
}

/** How far off a claimed time may be: five minutes, or a tenth of how long ago it was, whichever is more. */
const tolerance = (atMinute: number) => Math.max(5, Math.abs(atMinute) * 0.1) * 60_000;

export const ROLE_RULES: Rule[] = [
  {
    id: 'ROL-1',
    category: 'roles',
    title: t('The IC delegates hands-on work', 'IC は実作業を任せる', 'IC 把动手操作交给他人'),
    points: 3,
    ref: { source: 'pd', section: 'ic-required' },
    evaluate(ctx) {
      const icActs = ctx.actions.filter((a) => a.actor.role === 'ic');
      if (icActs.length === 0 && ctx.tasks.length === 0) return null;
      const handsOn = icActs.filter((a) => a.def.handsOn);
      // With no hands-on work and no delegation there is nothing to judge either way.
      if (handsOn.length === 0 && ctx.tasks.length === 0) return null;
      return {
        violations: handsOn.map((a) => ({ at: a.at, events: [a.seq], message: t(
          `The IC did hands-on work ("${a.def.title.en}"${a.target ? ` on ${a.target}` : ''}) at ${minutes(a.at)} instead of delegating it.`,
          `IC が ${minutes(a.at)} に自ら実作業（${a.target ? `${a.target} に対する` : ''}「${pick(a.def.title, 'ja')}」）を行い、任せなかった。`,
          `IC 在 ${minutes(a.at)} 亲自动手操作（${a.target ? `针对 ${a.target} 的` : ''}“${pick(a.def.title, 'zh-CN')}”），而没有交给他人。`,
        ) })),
        pass: { at: ctx.tasks[0]?.at ?? 0, events: ctx.tasks.map((t) => t.seq), message: t(
          `The IC delegated technical work (${ctx.tasks.length} task${ctx.tasks.length === 1 ? '' : 's'} assigned) and did none of it personally.`,
          `IC は技術作業を任せ（${ctx.tasks.length} 件のタスクを割り当て）、自らは手を動かさなかった。`,
          `IC 把技术工作交给他人（分配了 ${ctx.tasks.length} 项任务），自己没有亲自操作。`,
        ) },
      };
    },
  },
  {
    id: 'ROL-2',
    category: 'roles',
    title: t('Each action is taken by the role that owns it', '各アクションは担当の役割が行う', '每项操作由其负责角色执行'),
    points: 2,
    ref: { source: 'pd', section: 'assemble-team' },
    evaluate(ctx) {
      const players = ctx.actions.filter((a) => a.actor.role !== 'system');
      if (players.length === 0) return null;
      return {
        violations: players
          .filter((a) => !(a.def.owners as readonly string[]).includes(a.actor.role))
          .map((a) => ({ at: a.at, events: [a.seq], message: t(
            `"${a.def.title.en}" was done by the ${a.actor.role} at ${minutes(a.at)}; it belongs to ${a.def.owners.join(' or ')}.`,
            `「${pick(a.def.title, 'ja')}」は ${minutes(a.at)} に${roleName(a.actor.role, 'ja')}が行ったが、担当は${owners(a.def.owners, 'ja')}である。`,
            `“${pick(a.def.title, 'zh-CN')}”在 ${minutes(a.at)} 由${roleName(a.actor.role, 'zh-CN')}执行，但它应由${owners(a.def.owners, 'zh-CN')}负责。`,
          ) })),
        pass: { at: players[0]?.at ?? 0, events: [], message: t('Every action was taken by the role that owns it.', 'すべてのアクションが担当の役割によって行われた。', '每项操作都由其负责角色执行。') },
      };
    },
  },
  {
    id: 'ROL-3',
    category: 'roles',
    title: t("The scribe's timeline covers the key events", '記録係のタイムラインが重要な出来事を網羅している', '记录员的时间线涵盖关键事件'),
    points: 3,
    ref: { source: 'sectemplates', section: 'step-15' },
    evaluate(ctx) {
      const rows = coverage(ctx);
      if (rows.length === 0) return null;
      const covered = rows.filter((r) => r.entry);
      const missing = rows.filter((r) => !r.entry).map((r) => r.truth.text);
      return {
        fraction: covered.length / rows.length,
        observation: {
          at: covered[0]?.entry?.at ?? ctx.end.at,
          events: covered.map((r) => r.entry?.seq ?? 0),
          message: missing.length === 0
            ? t(`The timeline covers all ${rows.length} key events.`, `タイムラインは重要な出来事 ${rows.length} 件をすべて網羅している。`, `时间线涵盖了全部 ${rows.length} 个关键事件。`)
            : t(
              `The timeline covers ${covered.length} of ${rows.length} key events; missing: ${missing.map((m) => m.en).join('; ')}.`,
              `タイムラインは重要な出来事 ${rows.length} 件中 ${covered.length} 件を網羅。抜けている出来事：${missing.map((m) => pick(m, 'ja')).join('／')}。`,
              `时间线涵盖了 ${rows.length} 个关键事件中的 ${covered.length} 个；缺少：${missing.map((m) => pick(m, 'zh-CN')).join('；')}。`,
            ),
        },
      };
    },
  },
  {
    id: 'ROL-4',
    category: 'roles',
    title: t("The timeline's times agree with what really happened", 'タイムラインの時刻が実際の出来事と一致している', '时间线上的时间与实际情况一致'),
    points: 2,
    ref: { source: 'pd', section: 'attack-timeline' },
    evaluate(ctx) {
      const rows = coverage(ctx).filter((r) => r.entry?.claimedAt !== undefined);
      if (rows.length === 0) return null;
      const wrong = rows.filter((r) => Math.abs((r.entry?.claimedAt ?? 0) - r.truth.atMinute * 60_000) > tolerance(r.truth.atMinute));
      return {
        fraction: (rows.length - wrong.length) / rows.length,
        observation: {
          at: rows[0]?.entry?.at ?? 0,
          events: rows.map((r) => r.entry?.seq ?? 0),
          message: wrong.length === 0
            ? t('Every timed timeline entry agrees with the true time.', '時刻付きのタイムライン項目はすべて実際の時刻と一致している。', '所有带时间的时间线条目都与真实时间一致。')
            : t(
              `Timeline times are off for: ${wrong.map((r) => `${r.truth.text.en} (logged ${minutes(r.entry?.claimedAt ?? 0)}, really ${minutes(r.truth.atMinute * 60_000)})`).join('; ')}.`,
              `タイムラインの時刻がずれている項目：${wrong.map((r) => `${pick(r.truth.text, 'ja')}（記録 ${minutes(r.entry?.claimedAt ?? 0)}、実際 ${minutes(r.truth.atMinute * 60_000)}）`).join('／')}。`,
              `以下时间线条目的时间有误：${wrong.map((r) => `${pick(r.truth.text, 'zh-CN')}（记录为 ${minutes(r.entry?.claimedAt ?? 0)}，实际为 ${minutes(r.truth.atMinute * 60_000)}）`).join('；')}。`,
            ),
        },
      };
    },
  },
];
