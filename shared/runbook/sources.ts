import type { Localized } from '../i18n/locales.ts';
import type { SourceDoc, SourceId } from './types.ts';

/*
 * The documents the rubric is built from, and the sections of each that rules cite. Titles are our
 * own short names for the sections, not the documents' wording.
 */

export const SOURCES: readonly SourceDoc[] = [
  { id: 'pd', title: { en: 'PagerDuty security incident checklist', ja: 'PagerDuty セキュリティインシデント チェックリスト', 'zh-CN': 'PagerDuty 安全事件检查清单' } },
  { id: 'pd-ooda', title: { en: 'PagerDuty checklist, OODA-loop variant', ja: 'PagerDuty チェックリスト（OODA ループ版）', 'zh-CN': 'PagerDuty 检查清单（OODA 循环版）' } },
  { id: 'spearhead', title: { en: 'Spearhead security incident checklist', ja: 'Spearhead セキュリティインシデント チェックリスト', 'zh-CN': 'Spearhead 安全事件检查清单' } },
  { id: 'sectemplates', title: { en: '21-step incident response runbook', ja: '21 ステップのインシデント対応ランブック', 'zh-CN': '21 步事件响应手册' } },
];

const S = (en: string, ja: string, zh: string): Localized => ({ en, ja, 'zh-CN': zh });

const CHECKLIST_SECTIONS: Record<string, Localized> = {
  'ic-required': S('An incident commander is required', 'インシデントコマンダーは必須', '必须有事件指挥官'),
  'stop-attack': S('Stop the attack in progress', '進行中の攻撃を止める', '阻止正在进行的攻击'),
  'cut-vector': S('Cut off the attack vector', '攻撃ベクターを断つ', '切断攻击途径'),
  'assemble-team': S('Assemble the response team', '対応チームを編成する', '组建响应团队'),
  'isolate-instances': S('Isolate affected instances', '影響を受けたインスタンスを隔離する', '隔离受影响的实例'),
  'attack-timeline': S('Establish the attack timeline', '攻撃のタイムラインを明らかにする', '梳理攻击时间线'),
  'compromised-data': S('Identify the compromised data', '侵害されたデータを特定する', '确定被泄露的数据'),
  'assess-risk': S('Assess risk to other systems and of re-attack', '他システムへのリスクと再攻撃のリスクを評価する', '评估对其他系统的风险及再次攻击的风险'),
  'additional-mitigations': S('Apply further mitigations and monitoring', '追加の緩和策と監視を適用する', '实施额外缓解措施与监控'),
  forensics: S('Forensic analysis', 'フォレンジック解析', '取证分析'),
  'internal-comms': S('Internal communication', '社内コミュニケーション', '内部沟通'),
  'law-enforcement': S('Law enforcement and outside parties', '法執行機関と外部関係者', '执法机构与外部相关方'),
  'external-comms': S('External communication', '社外コミュニケーション', '对外沟通'),
  communicating: S('How to communicate during an incident', 'インシデント中の連絡方法', '事件期间的沟通方式'),
};

const OODA_SECTIONS: Record<string, Localized> = {
  'observe-passive': S('Observe: passive assessment', '観察：受動的な評価', '观察：被动评估'),
  'observe-active': S('Observe: active assessment', '観察：能動的な評価', '观察：主动评估'),
  orient: S('Orient: analyse the findings', '状況判断：発見事項の分析', '判断：分析发现'),
  decide: S('Decide a course of action', '意思決定：対応方針を決める', '决策：确定行动方案'),
  act: S('Act: mitigate, contain, recover', '行動：緩和・封じ込め・復旧', '行动：缓解、遏制、恢复'),
  'ooda-caution': S('Do not act rashly', '性急に動かない', '切勿仓促行动'),
  'law-enforcement': S('Law enforcement, CERTs and insurers', '法執行機関・CERT・保険会社', '执法机构、CERT 与保险公司'),
  'external-comms': S('External communication', '社外コミュニケーション', '对外沟通'),
};

const SECTEMPLATE_TITLES = [
  ['Receive the report and loop in on-call', '報告を受けオンコールを巻き込む', '接收报告并通知值班人员'],
  ['Open a private channel', '非公開チャンネルを作る', '建立私有频道'],
  ['Open an incident bridge', 'インシデント用の通話を開く', '开启事件电话会议'],
  ['Set priority and bring in the IC', '優先度を決めICを呼ぶ', '确定优先级并召集指挥官'],
  ['Initial analysis', '初期分析', '初步分析'],
  ['Verify the impact', '影響を確認する', '确认影响'],
  ['Bring in more help', '追加の支援を呼ぶ', '引入更多支援'],
  ['Stop the bleeding', '被害の拡大を止める', '止损'],
  ['Start the working document', '作業文書を作る', '创建工作文档'],
  ['Fix or mitigate', '修正または緩和する', '修复或缓解'],
  ['Forensics: snapshot, never clean in place', 'フォレンジック：スナップショットを取り、その場で掃除しない', '取证：先做快照，切勿就地清理'],
  ['Test the fix', '修正をテストする', '测试修复'],
  ['Roll out the fix and monitor', '修正を展開し監視する', '发布修复并监控'],
  ['File the incident ticket', 'インシデントチケットを起票する', '创建事件工单'],
  ['Update the working document', '作業文書を更新する', '更新工作文档'],
  ['Involve legal and PR', '法務と広報を巻き込む', '引入法务与公关'],
  ['Involve leadership', '経営陣を巻き込む', '引入管理层'],
  ['Close the incident', 'インシデントを閉じる', '关闭事件'],
  ['File follow-up actions', 'フォローアップ項目を起票する', '登记后续行动项'],
  ['Schedule the postmortem', 'ポストモーテムを予定する', '安排事后复盘'],
  ['Hold the postmortem', 'ポストモーテムを実施する', '举行事后复盘'],
] as const;

export const SECTIONS: Record<SourceId, Record<string, Localized>> = {
  pd: CHECKLIST_SECTIONS,
  'pd-ooda': { ...CHECKLIST_SECTIONS, ...OODA_SECTIONS },
  spearhead: Object.fromEntries(Object.entries(CHECKLIST_SECTIONS).filter(([id]) => id !== 'communicating')),
  sectemplates: Object.fromEntries(SECTEMPLATE_TITLES.map(([en, ja, zh], i) => [`step-${i + 1}`, S(`Step ${i + 1}: ${en}`, `ステップ${i + 1}：${ja}`, `第 ${i + 1} 步：${zh}`)])),
};
