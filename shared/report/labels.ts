import type { Locale } from '../i18n/locales.ts';
import type { Category } from '../scoring/types.ts';

/*
 * Every fixed word of the report, per locale. The type makes each locale carry every label, so a
 * report can never mix languages by accident; the text the players wrote stays as they wrote it.
 */

export interface ReportLabels {
  reportTitle: string;
  scenario: string;
  seed: string;
  events: (n: string) => string;
  endedAt: (time: string) => string;
  score: string;
  outOf100: string;
  chartTitle: string;
  dataLost: (lost: string, of: string) => string;
  wentWell: string;
  nothingScored: string;
  practiseNext: string;
  noDeductions: string;
  read: string;
  timelineVsRunbook: string;
  timelineChartTitle: string;
  notDone: string;
  outOfOrder: string;
  firstAt: (step: string, time: string) => string;
  checklistOrder: string;
  stepHeaders: [number: string, step: string, started: string, done: string, note: string];
  oodaLatency: string;
  oodaHeaders: [inject: string, at: string, observe: string, orient: string, decide: string, act: string];
  findings: string;
  findingHeaders: [time: string, rule: string, category: string, points: string, finding: string, runbook: string];
  teamTimeline: string;
  teamTimelineHeaders: [loggedAt: string, by: string, happenedAt: string, entry: string];
  hintsUsed: string;
  categories: Record<Category, string>;
  /** Punctuation between a label and what it names: ": " in English, a full-width colon in CJK. */
  colon: string;
  /** An aside in parentheses, half-width in English and full-width in CJK. */
  paren: (text: string) => string;
  /** Between items of a run-in list ("Ordering 80, Evidence 60"). */
  listSep: string;
}

export const REPORT_LABELS: Record<Locale, ReportLabels> = {
  en: {
    reportTitle: 'After-action report',
    scenario: 'Scenario',
    seed: 'seed',
    events: (n) => `${n} events`,
    endedAt: (time) => `ended at ${time} game time`,
    score: 'Score',
    outOf100: '/ 100',
    chartTitle: 'Score by category',
    dataLost: (lost, of) => `Data lost: ${lost} of ${of} records.`,
    wentWell: 'What went well',
    nothingScored: 'Nothing scored yet.',
    practiseNext: 'What to practise next',
    noDeductions: 'No deductions.',
    read: 'Read',
    timelineVsRunbook: "Timeline against the runbook's order",
    timelineChartTitle: 'When the team first worked on each checklist step (circle: in order; triangle: out of order)',
    notDone: 'not done',
    outOfOrder: 'before what it depends on',
    firstAt: (step, time) => `${step}: first at ${time}`,
    checklistOrder: 'Checklist order',
    stepHeaders: ['#', 'Step', 'Started', 'Done', ''],
    oodaLatency: 'OODA latency per inject',
    oodaHeaders: ['Inject', 'At', 'Observe', 'Orient', 'Decide', 'Act'],
    findings: 'Findings',
    findingHeaders: ['Time', 'Rule', 'Category', 'Points', 'Finding', 'Runbook'],
    teamTimeline: 'Team timeline',
    teamTimelineHeaders: ['Logged at', 'By', 'Says it happened at', 'Entry'],
    hintsUsed: 'Hints used',
    categories: { ordering: 'Ordering', evidence: 'Evidence preservation', comms: 'Communication discipline', roles: 'Role discipline', timeliness: 'Timeliness' },
    colon: ': ',
    paren: (text) => ` (${text})`,
    listSep: ', ',
  },
  ja: {
    reportTitle: '事後レビュー報告書',
    scenario: 'シナリオ',
    seed: 'シード',
    events: (n) => `イベント ${n} 件`,
    endedAt: (time) => `ゲーム内時刻 ${time} に終了`,
    score: 'スコア',
    outOf100: '/ 100',
    chartTitle: 'カテゴリ別スコア',
    dataLost: (lost, of) => `失われたデータ：${of} 件中 ${lost} 件のレコード。`,
    wentWell: 'うまくいったこと',
    nothingScored: 'まだ得点はありません。',
    practiseNext: '次に練習すべきこと',
    noDeductions: '減点はありません。',
    read: '参照',
    timelineVsRunbook: 'ランブックの順序と比べたタイムライン',
    timelineChartTitle: 'チームが各チェックリスト項目に最初に取り組んだ時刻（丸：順序どおり、三角：順序違い）',
    notDone: '未実施',
    outOfOrder: '前提より先に実施',
    firstAt: (step, time) => `${step}：最初は ${time}`,
    checklistOrder: 'チェックリストの順序',
    stepHeaders: ['#', '項目', '着手', '完了', ''],
    oodaLatency: 'インジェクトごとの OODA 所要時間',
    oodaHeaders: ['インジェクト', '時刻', '観察', '状況判断', '意思決定', '行動'],
    findings: '指摘事項',
    findingHeaders: ['時刻', 'ルール', 'カテゴリ', '点数', '内容', 'ランブック'],
    teamTimeline: 'チームのタイムライン',
    teamTimelineHeaders: ['記録時刻', '記録者', '発生時刻（記載）', '内容'],
    hintsUsed: '使用したヒント',
    categories: { ordering: '手順の順序', evidence: '証拠の保全', comms: 'コミュニケーション規律', roles: '役割の規律', timeliness: '迅速さ' },
    colon: '：',
    paren: (text) => `（${text}）`,
    listSep: '、',
  },
  'zh-CN': {
    reportTitle: '事后复盘报告',
    scenario: '场景',
    seed: '种子',
    events: (n) => `${n} 个事件`,
    endedAt: (time) => `于游戏时间 ${time} 结束`,
    score: '得分',
    outOf100: '/ 100',
    chartTitle: '各类别得分',
    dataLost: (lost, of) => `数据损失：${of} 条记录中有 ${lost} 条。`,
    wentWell: '做得好的地方',
    nothingScored: '尚无得分。',
    practiseNext: '下一步要练习的内容',
    noDeductions: '没有扣分。',
    read: '参阅',
    timelineVsRunbook: '对照手册顺序的时间线',
    timelineChartTitle: '团队首次处理每个检查项的时间（圆点：顺序正确；三角：顺序错误）',
    notDone: '未执行',
    outOfOrder: '早于其前置步骤',
    firstAt: (step, time) => `${step}：首次于 ${time}`,
    checklistOrder: '检查清单顺序',
    stepHeaders: ['#', '步骤', '开始', '完成', ''],
    oodaLatency: '每个注入事件的 OODA 用时',
    oodaHeaders: ['注入事件', '时间', '观察', '判断', '决策', '行动'],
    findings: '评分发现',
    findingHeaders: ['时间', '规则', '类别', '分数', '发现', '手册'],
    teamTimeline: '团队时间线',
    teamTimelineHeaders: ['记录时间', '记录人', '所述发生时间', '内容'],
    hintsUsed: '使用过的提示',
    categories: { ordering: '顺序', evidence: '证据保全', comms: '沟通纪律', roles: '角色纪律', timeliness: '时效' },
    colon: '：',
    paren: (text) => `（${text}）`,
    listSep: '、',
  },
};
