import type { Locale } from '../i18n/locales.ts';
import type { Channel, MessageAudience, StatementKind } from '../engine/types.ts';
import type { Category, Severity } from '../scoring/types.ts';

/*
 * Every fixed word of the report, per locale. The type makes each locale carry every label, so a
 * report can never mix languages by accident; the text the players wrote stays as they wrote it.
 */

/** How a piece of work ended, that the drill ended while it ran, or (in a report of a running drill) that it still runs. */
export type WorkStatus = 'success' | 'partial' | 'failed' | 'cancelled' | 'unfinished' | 'running';
/** A decision's fate. */
export type DecisionStatus = 'answered' | 'late' | 'missed' | 'open';
/** The kinds of item in the merged narrative. */
export type NarrativeKind = 'inject' | 'decision' | 'work' | 'task' | 'message' | 'entry' | 'hint' | 'knowledge';
/** Where a hotwash question comes from. */
export type HotwashSource = 'inject' | 'decision' | 'finding';
/** Built-in facts the team can establish (truth events are named by the scenario). */
export type FactId = 'exfil' | 'entry' | 'data' | 'records' | 'cause' | 'actor' | 'insider';

export interface ReportLabels {
  reportTitle: string;
  scenario: string;
  seed: string;
  events: (n: string) => string;
  endedAt: (time: string) => string;
  /** Whose report this is. */
  forFacilitator: string;
  forSeat: (seat: string) => string;

  score: string;
  outOf100: string;
  teamScore: string;
  /** The headline of a solo trainee's report. */
  seatScore: (seat: string) => string;
  chartTitle: string;
  category: string;
  dataLost: (lost: string, of: string) => string;
  penaltiesTaken: (points: string) => string;
  seatsTitle: string;
  seatHeaders: [seat: string, score: string, earned: string, penalty: string];
  earnedOf: (earned: string, possible: string) => string;
  notJudged: string;

  wentWell: string;
  nothingScored: string;
  actionItems: string;
  noActionItems: string;
  owners: string;
  basedOn: string;
  read: string;

  hotwash: string;
  hotwashIntro: string;
  noHotwash: string;
  hotwashSource: Record<HotwashSource, string>;
  askInject: (title: string) => string;
  facilitatorNote: string;
  askDecision: (prompt: string, answer: string, time: string) => string;
  askDecisionLate: (prompt: string, answer: string, time: string, due: string) => string;
  askDecisionMissed: (prompt: string, due: string) => string;
  askFinding: (rule: string) => string;

  narrative: string;
  narrativeIntro: string;
  narrativeChartTitle: string;
  narrativeHeaders: [number: string, time: string, who: string, what: string, detail: string];
  lanes: { injects: string; decisions: string; knowledge: string };
  kinds: Record<NarrativeKind, string>;
  team: string;
  workStatus: Record<WorkStatus, string>;
  workRan: (start: string, end: string, duration: string) => string;
  minutes: (n: string) => string;
  cancelledBy: (seat: string) => string;
  taskAssigned: (action: string, seat: string) => string;
  channels: Record<Channel, string>;
  audiences: Record<MessageAudience, string>;
  statementKinds: Record<StatementKind, string>;
  messageTo: (channel: string, recipients: string) => string;
  reached: (audience: string) => string;
  encrypted: string;
  subject: string;
  decisionDue: (time: string) => string;
  decisionStatus: Record<DecisionStatus, string>;
  answeredWith: (option: string, seat: string, time: string) => string;
  claimedAt: (time: string) => string;
  facts: Record<FactId, string>;
  assetLevel: { suspected: (asset: string) => string; confirmed: (asset: string) => string; cleared: (asset: string) => string };
  insiderAnswer: (real: boolean) => string;
  learnedFrom: (source: string) => string;
  severityInject: { info: string; warning: string; critical: string };
  onlyFor: (who: string) => string;

  timelineVsRunbook: string;
  stepsIntro: string;
  stepsChartTitle: string;
  notDone: string;
  outOfOrder: string;
  doneBefore: (steps: string) => string;
  stepHover: (step: string, started: string, done: string) => string;
  checklistOrder: string;
  stepHeaders: [number: string, step: string, started: string, done: string, dependsOn: string, note: string];

  oodaLatency: string;
  oodaHeaders: [inject: string, at: string, observe: string, orient: string, decide: string, act: string];

  findings: string;
  findingHeaders: [number: string, time: string, finding: string, seats: string, points: string, verdict: string];
  verdicts: { met: string; partly: string; missed: string };
  severity: (n: string, name: string) => string;
  severityNames: Record<Severity, string>;
  penalty: (points: string) => string;

  notes: string;
  notesIntro: string;
  noNotes: string;
  behindScenes: string;
  truthEntry: (asset: string) => string;
  truthCompromised: (asset: string, time: string) => string;
  truthInsider: (real: boolean) => string;
  truthCause: (cause: string) => string;
  truthActor: (actor: string) => string;
  truthExfil: (perMinute: string) => string;
  adversaryNoticed: string;
  adversaryAlerted: (action: string) => string;
  fallbackFired: (target: string) => string;
  phaseChanged: (phase: string) => string;
  attackerRead: string;
  fallbackPrevented: string;
  exfilStopped: string;

  categories: Record<Category, string>;
  /** Punctuation between a label and what it names: ": " in English, a full-width colon in CJK. */
  colon: string;
  /** An aside in parentheses, half-width in English and full-width in CJK. */
  paren: (text: string) => string;
  /** Between items of a run-in list ("Ordering 80, Evidence 60"). */
  listSep: string;
  /** Quotation marks around quoted text. */
  quote: (text: string) => string;
}

export const REPORT_LABELS: Record<Locale, ReportLabels> = {
  en: {
    reportTitle: 'After-action report',
    scenario: 'Scenario',
    seed: 'seed',
    events: (n) => `${n} events`,
    endedAt: (time) => `ended at ${time} game time`,
    forFacilitator: "The facilitator's report: everything that happened, with notes and what went on behind the scenes.",
    forSeat: (seat) => `The report for ${seat}: what this seat was shown, with the team's score.`,

    score: 'Score',
    outOf100: '/ 100',
    teamScore: "Team's score",
    seatScore: (seat) => `Score of ${seat}`,
    chartTitle: 'Score by category',
    category: 'Category',
    dataLost: (lost, of) => `Data lost: ${lost} of ${of} records.`,
    penaltiesTaken: (points) => `Grave failures took ${points} points off the total.`,
    seatsTitle: 'Scores by seat',
    seatHeaders: ['Seat', 'Score', 'Points earned', 'Taken off'],
    earnedOf: (earned, possible) => `${earned} of ${possible}`,
    notJudged: 'nothing judged',

    wentWell: 'What went well',
    nothingScored: 'Nothing scored yet.',
    actionItems: 'Action items',
    noActionItems: 'No action items: every rule judged was met.',
    owners: 'Owners',
    basedOn: 'Findings',
    read: 'Read',

    hotwash: 'Hotwash questions',
    hotwashIntro: 'Questions for the debrief, drawn from the scenario, the decisions and the findings.',
    noHotwash: 'No questions.',
    hotwashSource: { inject: 'inject', decision: 'decision', finding: 'finding' },
    askInject: (title) => `How did the team handle “${title}”? What did it know then, and what would it do differently?`,
    facilitatorNote: "Facilitator's note",
    askDecision: (prompt, answer, time) => `Asked “${prompt}”, the team answered “${answer}” at ${time}. What was the answer based on?`,
    askDecisionLate: (prompt, answer, time, due) => `Asked “${prompt}”, the team answered “${answer}” at ${time}, after it was due at ${due}. What held the answer up?`,
    askDecisionMissed: (prompt, due) => `“${prompt}” was due at ${due} and went unanswered. What got in the way?`,
    askFinding: (rule) => `What kept the team from “${rule}”, and what would make it happen next time?`,

    narrative: 'Narrative timeline',
    narrativeIntro: 'Injects, decisions, work with its duration, messages, timeline entries and what the team established, in one sequence. Numbers in the chart refer to the rows of the table.',
    narrativeChartTitle: 'The drill over time: a lane for injects, decisions, each seat and what the team established; bars are work from start to end',
    narrativeHeaders: ['#', 'Time', 'Who', 'What', 'Detail'],
    lanes: { injects: 'Injects', decisions: 'Decisions', knowledge: 'Established' },
    kinds: { inject: 'Inject', decision: 'Decision', work: 'Work', task: 'Task assigned', message: 'Message', entry: 'Timeline entry', hint: 'Hint', knowledge: 'Established' },
    team: 'The team',
    workStatus: { success: 'completed', partial: 'partly completed', failed: 'failed', cancelled: 'cancelled', unfinished: 'unfinished when the drill ended', running: 'still running' },
    workRan: (start, end, duration) => `${start} → ${end} (${duration})`,
    minutes: (n) => `${n} min`,
    cancelledBy: (seat) => `cancelled by ${seat}`,
    taskAssigned: (action, seat) => `“${action}” assigned to ${seat}`,
    channels: { voice: 'voice', chat: 'chat', email: 'email', sms: 'SMS', statement: 'statement' },
    audiences: { team: 'the team', internal: 'inside the company', external: 'outside parties', customers: 'customers', public: 'the public' },
    statementKinds: { holding: 'holding statement', update: 'update', final: 'final notice' },
    messageTo: (channel, recipients) => `${channel} to ${recipients}`,
    reached: (audience) => `reached ${audience}`,
    encrypted: 'encrypted',
    subject: 'Subject',
    decisionDue: (time) => `due ${time}`,
    decisionStatus: { answered: 'answered in time', late: 'answered late', missed: 'missed', open: 'not answered' },
    answeredWith: (option, seat, time) => `“${option}”, by ${seat} at ${time}`,
    claimedAt: (time) => `says it happened at ${time}`,
    facts: { exfil: 'Data is leaving the network', entry: 'The way in', data: 'The data taken', records: 'How many records left', cause: 'The cause', actor: 'Who is behind it', insider: 'Whether an insider is involved' },
    assetLevel: { suspected: (asset) => `${asset}: suspected compromised`, confirmed: (asset) => `${asset}: confirmed compromised`, cleared: (asset) => `${asset}: cleared` },
    insiderAnswer: (real) => (real ? 'an insider is involved' : 'no insider'),
    learnedFrom: (source) => `from ${source}`,
    severityInject: { info: 'info', warning: 'warning', critical: 'critical' },
    onlyFor: (who) => `only for ${who}`,

    timelineVsRunbook: 'The runbook as a precedence graph',
    stepsIntro: 'Each checklist step from when work on it began to when its effect happened. Steps may run in parallel; a step is flagged only when it was done before a step it depends on.',
    stepsChartTitle: 'Checklist steps from start to done (circle: done in order; triangle: done before a step it depends on)',
    notDone: 'not done',
    outOfOrder: 'before what it depends on',
    doneBefore: (steps) => `done before ${steps}`,
    stepHover: (step, started, done) => `${step}: started ${started}, done ${done}`,
    checklistOrder: 'Checklist steps',
    stepHeaders: ['#', 'Step', 'Started', 'Done', 'Depends on', 'Note'],

    oodaLatency: 'OODA latency per inject',
    oodaHeaders: ['Inject', 'At', 'Observe', 'Orient', 'Decide', 'Act'],

    findings: 'Findings',
    findingHeaders: ['#', 'Time', 'Finding', 'Seats', 'Points', 'Verdict'],
    verdicts: { met: 'met', partly: 'partly met', missed: 'missed' },
    severity: (n, name) => `severity ${n}: ${name}`,
    severityNames: { 1: 'evidence destroyed', 2: 'said what is not known', 3: 'tipped off the adversary', 4: 'leaked details', 5: 'slow containment', 6: 'role confusion', 7: 'clerical slip' },
    penalty: (points) => `−${points} from the total`,

    notes: "Facilitator's notes and observations",
    notesIntro: 'Only in the facilitator’s report.',
    noNotes: 'No notes were written.',
    behindScenes: 'Behind the scenes',
    truthEntry: (asset) => `The attacker came in through ${asset}.`,
    truthCompromised: (asset, time) => `${asset} was compromised at ${time}.`,
    truthInsider: (real) => (real ? 'The insider was real.' : 'There was no insider.'),
    truthCause: (cause) => `Cause: ${cause}.`,
    truthActor: (actor) => `Behind it: ${actor}.`,
    truthExfil: (perMinute) => `Data left at ${perMinute} records a minute until the path was cut.`,
    adversaryNoticed: 'The attacker read a message about the response',
    adversaryAlerted: (action) => `The attacker noticed “${action}”`,
    fallbackFired: (target) => `The attacker struck back on ${target}`,
    phaseChanged: (phase) => `The story moved to “${phase}”`,
    attackerRead: 'read by the attacker',
    fallbackPrevented: "The attacker's reaction was prevented",
    exfilStopped: 'The data stopped leaving',

    categories: { ordering: 'Ordering', evidence: 'Evidence preservation', comms: 'Communication discipline', roles: 'Role discipline', timeliness: 'Timeliness' },
    colon: ': ',
    paren: (text) => ` (${text})`,
    listSep: ', ',
    quote: (text) => `“${text}”`,
  },
  ja: {
    reportTitle: '事後レビュー報告書',
    scenario: 'シナリオ',
    seed: 'シード',
    events: (n) => `イベント ${n} 件`,
    endedAt: (time) => `ゲーム内時刻 ${time} に終了`,
    forFacilitator: 'ファシリテーター用の報告書：起きたことのすべてに、メモと舞台裏の出来事を添えています。',
    forSeat: (seat) => `${seat}の報告書：この席に見えていた内容と、チームのスコアです。`,

    score: 'スコア',
    outOf100: '/ 100',
    teamScore: 'チームのスコア',
    seatScore: (seat) => `${seat}のスコア`,
    chartTitle: 'カテゴリ別スコア',
    category: 'カテゴリ',
    dataLost: (lost, of) => `失われたデータ：${of} 件中 ${lost} 件のレコード。`,
    penaltiesTaken: (points) => `重大な失敗により合計から ${points} 点が差し引かれました。`,
    seatsTitle: '席ごとのスコア',
    seatHeaders: ['席', 'スコア', '獲得点', '差し引き'],
    earnedOf: (earned, possible) => `${possible} 点中 ${earned} 点`,
    notJudged: '評価対象なし',

    wentWell: 'うまくいったこと',
    nothingScored: 'まだ得点はありません。',
    actionItems: 'アクションアイテム',
    noActionItems: 'アクションアイテムはありません。評価したルールはすべて満たされました。',
    owners: '担当',
    basedOn: '根拠となる指摘',
    read: '参照',

    hotwash: 'ホットウォッシュの問い',
    hotwashIntro: '振り返りのための問いです。シナリオ、意思決定、指摘事項から作成しています。',
    noHotwash: '問いはありません。',
    hotwashSource: { inject: 'インジェクト', decision: '意思決定', finding: '指摘事項' },
    askInject: (title) => `「${title}」にチームはどう対応したか。その時点で何を知っていて、次は何を変えるか。`,
    facilitatorNote: 'ファシリテーターのメモ',
    askDecision: (prompt, answer, time) => `「${prompt}」に対し、チームは ${time} に「${answer}」と答えた。その答えの根拠は何だったか。`,
    askDecisionLate: (prompt, answer, time, due) => `「${prompt}」に対し、チームは期限 ${due} を過ぎた ${time} に「${answer}」と答えた。何が回答を遅らせたか。`,
    askDecisionMissed: (prompt, due) => `「${prompt}」は期限 ${due} までに回答されなかった。何が妨げになったか。`,
    askFinding: (rule) => `「${rule}」ができなかったのはなぜか。次に確実に行うには何が必要か。`,

    narrative: '経過の時系列',
    narrativeIntro: 'インジェクト、意思決定、所要時間付きの作業、メッセージ、タイムラインの記録、チームが確認した事実を一つの流れで示します。図中の番号は表の行番号です。',
    narrativeChartTitle: '演習の経過：インジェクト、意思決定、各席、確認した事実のレーン。棒は作業の開始から終了まで',
    narrativeHeaders: ['#', '時刻', '誰が', '内容', '詳細'],
    lanes: { injects: 'インジェクト', decisions: '意思決定', knowledge: '確認した事実' },
    kinds: { inject: 'インジェクト', decision: '意思決定', work: '作業', task: 'タスクの割り当て', message: 'メッセージ', entry: 'タイムラインの記録', hint: 'ヒント', knowledge: '確認した事実' },
    team: 'チーム',
    workStatus: { success: '完了', partial: '一部完了', failed: '失敗', cancelled: '中止', unfinished: '演習終了時に未完了', running: '実行中' },
    workRan: (start, end, duration) => `${start} → ${end}（${duration}）`,
    minutes: (n) => `${n} 分`,
    cancelledBy: (seat) => `${seat}が中止`,
    taskAssigned: (action, seat) => `「${action}」を${seat}に割り当て`,
    channels: { voice: '音声', chat: 'チャット', email: 'メール', sms: 'SMS', statement: '声明' },
    audiences: { team: 'チーム内', internal: '社内', external: '社外の関係者', customers: '顧客', public: '一般' },
    statementKinds: { holding: '暫定声明', update: '続報', final: '最終告知' },
    messageTo: (channel, recipients) => `${channel}で${recipients}へ`,
    reached: (audience) => `届いた範囲：${audience}`,
    encrypted: '暗号化',
    subject: '件名',
    decisionDue: (time) => `期限 ${time}`,
    decisionStatus: { answered: '期限内に回答', late: '期限後に回答', missed: '回答なし', open: '未回答' },
    answeredWith: (option, seat, time) => `「${option}」（${seat}、${time}）`,
    claimedAt: (time) => `発生時刻の記載：${time}`,
    facts: { exfil: 'データがネットワーク外へ流出している', entry: '侵入経路', data: '持ち出されたデータ', records: '流出したレコード数', cause: '原因', actor: '攻撃の主体', insider: '内部関係者の関与' },
    assetLevel: { suspected: (asset) => `${asset}：侵害の疑い`, confirmed: (asset) => `${asset}：侵害を確認`, cleared: (asset) => `${asset}：問題なしと確認` },
    insiderAnswer: (real) => (real ? '内部関係者が関与' : '内部関係者の関与なし'),
    learnedFrom: (source) => `出所：${source}`,
    severityInject: { info: '情報', warning: '警告', critical: '重大' },
    onlyFor: (who) => `${who}のみ`,

    timelineVsRunbook: '先行関係グラフとしてのランブック',
    stepsIntro: 'チェックリストの各項目を、作業を始めた時刻から効果が生じた時刻まで示します。項目は並行して進めてよく、前提となる項目より先に完了した場合にだけ印を付けます。',
    stepsChartTitle: 'チェックリスト項目の開始から完了まで（丸：順序どおりに完了、三角：前提となる項目より先に完了）',
    notDone: '未実施',
    outOfOrder: '前提より先に実施',
    doneBefore: (steps) => `${steps}より先に完了`,
    stepHover: (step, started, done) => `${step}：着手 ${started}、完了 ${done}`,
    checklistOrder: 'チェックリストの項目',
    stepHeaders: ['#', '項目', '着手', '完了', '前提となる項目', '備考'],

    oodaLatency: 'インジェクトごとの OODA 所要時間',
    oodaHeaders: ['インジェクト', '時刻', '観察', '状況判断', '意思決定', '行動'],

    findings: '指摘事項',
    findingHeaders: ['#', '時刻', '指摘', '席', '点数', '判定'],
    verdicts: { met: '達成', partly: '一部達成', missed: '未達成' },
    severity: (n, name) => `深刻度 ${n}：${name}`,
    severityNames: { 1: '証拠の破壊', 2: '未確認の内容の公表', 3: '攻撃者への察知', 4: '詳細の漏えい', 5: '封じ込めの遅れ', 6: '役割の混乱', 7: '事務的な不備' },
    penalty: (points) => `合計から −${points}`,

    notes: 'ファシリテーターのメモと所見',
    notesIntro: 'ファシリテーター用の報告書にだけ載ります。',
    noNotes: 'メモはありません。',
    behindScenes: '舞台裏',
    truthEntry: (asset) => `攻撃者は${asset}から侵入した。`,
    truthCompromised: (asset, time) => `${asset}は ${time} に侵害された。`,
    truthInsider: (real) => (real ? '内部関係者は実在した。' : '内部関係者はいなかった。'),
    truthCause: (cause) => `原因：${cause}。`,
    truthActor: (actor) => `攻撃の主体：${actor}。`,
    truthExfil: (perMinute) => `経路が断たれるまで、毎分 ${perMinute} 件のレコードが流出した。`,
    adversaryNoticed: '攻撃者が対応に関するメッセージを読んだ',
    adversaryAlerted: (action) => `攻撃者が「${action}」に気づいた`,
    fallbackFired: (target) => `攻撃者が${target}で反撃した`,
    phaseChanged: (phase) => `状況が「${phase}」に移った`,
    attackerRead: '攻撃者が読んだ',
    fallbackPrevented: '攻撃者の反撃は阻止された',
    exfilStopped: 'データの流出が止まった',

    categories: { ordering: '手順の順序', evidence: '証拠の保全', comms: 'コミュニケーション規律', roles: '役割の規律', timeliness: '迅速さ' },
    colon: '：',
    paren: (text) => `（${text}）`,
    listSep: '、',
    quote: (text) => `「${text}」`,
  },
  'zh-CN': {
    reportTitle: '事后复盘报告',
    scenario: '场景',
    seed: '种子',
    events: (n) => `${n} 个事件`,
    endedAt: (time) => `于游戏时间 ${time} 结束`,
    forFacilitator: '主持人版报告：包含发生的一切、主持人笔记以及幕后情况。',
    forSeat: (seat) => `${seat}的报告：该席位看到的内容，以及团队得分。`,

    score: '得分',
    outOf100: '/ 100',
    teamScore: '团队得分',
    seatScore: (seat) => `${seat}的得分`,
    chartTitle: '各类别得分',
    category: '类别',
    dataLost: (lost, of) => `数据损失：${of} 条记录中有 ${lost} 条。`,
    penaltiesTaken: (points) => `严重失误从总分中扣除了 ${points} 分。`,
    seatsTitle: '各席位得分',
    seatHeaders: ['席位', '得分', '所得分数', '扣除'],
    earnedOf: (earned, possible) => `${possible} 分中得 ${earned} 分`,
    notJudged: '无评判项',

    wentWell: '做得好的地方',
    nothingScored: '尚无得分。',
    actionItems: '改进行动项',
    noActionItems: '没有改进行动项：所评判的规则全部达成。',
    owners: '负责人',
    basedOn: '依据的发现',
    read: '参阅',

    hotwash: '热复盘问题',
    hotwashIntro: '供复盘讨论的问题，取自场景、决策和评分发现。',
    noHotwash: '没有问题。',
    hotwashSource: { inject: '注入事件', decision: '决策', finding: '评分发现' },
    askInject: (title) => `团队是如何处理“${title}”的？当时掌握了哪些信息，下次会怎样做？`,
    facilitatorNote: '主持人笔记',
    askDecision: (prompt, answer, time) => `面对“${prompt}”，团队于 ${time} 回答“${answer}”。这个回答的依据是什么？`,
    askDecisionLate: (prompt, answer, time, due) => `面对“${prompt}”，团队在截止时间 ${due} 之后的 ${time} 才回答“${answer}”。是什么拖延了回答？`,
    askDecisionMissed: (prompt, due) => `“${prompt}”应在 ${due} 前回答，但无人回答。是什么造成了阻碍？`,
    askFinding: (rule) => `是什么让团队没能做到“${rule}”？下次怎样才能做到？`,

    narrative: '经过时间线',
    narrativeIntro: '注入事件、决策、带时长的工作、消息、时间线记录和团队确认的事实，合并为一个序列。图中的编号对应表格的行号。',
    narrativeChartTitle: '演练经过：注入事件、决策、各席位和已确认事实各占一条泳道；横条表示工作从开始到结束',
    narrativeHeaders: ['#', '时间', '谁', '内容', '详情'],
    lanes: { injects: '注入事件', decisions: '决策', knowledge: '已确认' },
    kinds: { inject: '注入事件', decision: '决策', work: '工作', task: '分派任务', message: '消息', entry: '时间线记录', hint: '提示', knowledge: '已确认' },
    team: '团队',
    workStatus: { success: '已完成', partial: '部分完成', failed: '失败', cancelled: '已取消', unfinished: '演练结束时未完成', running: '进行中' },
    workRan: (start, end, duration) => `${start} → ${end}（${duration}）`,
    minutes: (n) => `${n} 分钟`,
    cancelledBy: (seat) => `由${seat}取消`,
    taskAssigned: (action, seat) => `将“${action}”分派给${seat}`,
    channels: { voice: '语音', chat: '聊天', email: '电子邮件', sms: '短信', statement: '声明' },
    audiences: { team: '团队内部', internal: '公司内部', external: '外部相关方', customers: '客户', public: '公众' },
    statementKinds: { holding: '临时声明', update: '进展通报', final: '最终通知' },
    messageTo: (channel, recipients) => `通过${channel}发给${recipients}`,
    reached: (audience) => `送达范围：${audience}`,
    encrypted: '已加密',
    subject: '主题',
    decisionDue: (time) => `截止 ${time}`,
    decisionStatus: { answered: '按时回答', late: '逾期回答', missed: '未回答（已逾期）', open: '未回答' },
    answeredWith: (option, seat, time) => `“${option}”（${seat}，${time}）`,
    claimedAt: (time) => `记载的发生时间：${time}`,
    facts: { exfil: '数据正在流出网络', entry: '入侵途径', data: '被窃取的数据', records: '流出的记录数', cause: '原因', actor: '幕后主体', insider: '是否有内部人员参与' },
    assetLevel: { suspected: (asset) => `${asset}：疑似被入侵`, confirmed: (asset) => `${asset}：确认被入侵`, cleared: (asset) => `${asset}：已排除` },
    insiderAnswer: (real) => (real ? '有内部人员参与' : '没有内部人员参与'),
    learnedFrom: (source) => `来源：${source}`,
    severityInject: { info: '信息', warning: '警告', critical: '严重' },
    onlyFor: (who) => `仅限${who}`,

    timelineVsRunbook: '作为先后关系图的手册步骤',
    stepsIntro: '每个检查项从开始处理到产生效果的时间。步骤可以并行；只有在早于其前置步骤完成时才会标记。',
    stepsChartTitle: '检查项从开始到完成（圆点：按顺序完成；三角：早于其前置步骤完成）',
    notDone: '未执行',
    outOfOrder: '早于其前置步骤',
    doneBefore: (steps) => `早于${steps}完成`,
    stepHover: (step, started, done) => `${step}：开始 ${started}，完成 ${done}`,
    checklistOrder: '检查清单步骤',
    stepHeaders: ['#', '步骤', '开始', '完成', '前置步骤', '备注'],

    oodaLatency: '每个注入事件的 OODA 用时',
    oodaHeaders: ['注入事件', '时间', '观察', '判断', '决策', '行动'],

    findings: '评分发现',
    findingHeaders: ['#', '时间', '发现', '席位', '分数', '判定'],
    verdicts: { met: '达成', partly: '部分达成', missed: '未达成' },
    severity: (n, name) => `严重程度 ${n}：${name}`,
    severityNames: { 1: '证据被毁', 2: '对外说了未确认的内容', 3: '惊动了攻击者', 4: '泄露细节', 5: '遏制迟缓', 6: '角色混乱', 7: '文书疏漏' },
    penalty: (points) => `从总分中 −${points}`,

    notes: '主持人笔记与观察',
    notesIntro: '仅出现在主持人版报告中。',
    noNotes: '没有笔记。',
    behindScenes: '幕后情况',
    truthEntry: (asset) => `攻击者经由${asset}入侵。`,
    truthCompromised: (asset, time) => `${asset}于 ${time} 被入侵。`,
    truthInsider: (real) => (real ? '内部人员确实存在。' : '不存在内部人员。'),
    truthCause: (cause) => `原因：${cause}。`,
    truthActor: (actor) => `幕后主体：${actor}。`,
    truthExfil: (perMinute) => `在通道被切断之前，每分钟有 ${perMinute} 条记录流出。`,
    adversaryNoticed: '攻击者读到了一条有关响应的消息',
    adversaryAlerted: (action) => `攻击者察觉到了“${action}”`,
    fallbackFired: (target) => `攻击者在${target}上发起反击`,
    phaseChanged: (phase) => `局势进入“${phase}”`,
    attackerRead: '被攻击者读到',
    fallbackPrevented: '攻击者的反击被阻止',
    exfilStopped: '数据停止外流',

    categories: { ordering: '顺序', evidence: '证据保全', comms: '沟通纪律', roles: '角色纪律', timeliness: '时效' },
    colon: '：',
    paren: (text) => `（${text}）`,
    listSep: '、',
    quote: (text) => `“${text}”`,
  },
};
