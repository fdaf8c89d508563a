import type { Localized } from '../i18n/locales.ts';
import type { RoleDef } from './types.ts';

/* The seats of a drill and what each is for, in our own words. */

const S = (en: string, ja: string, zh: string): Localized => ({ en, ja, 'zh-CN': zh });

export const ROLE_DEFS: readonly RoleDef[] = [
  {
    id: 'ic',
    title: S('Incident Commander', 'インシデントコマンダー', '事件指挥官'),
    duties: [
      S('Take charge, set priorities and decide; delegate hands-on work instead of doing it.', '指揮を執り、優先順位を決めて判断する。手を動かす作業は自分でやらず任せる。', '负责统筹、确定优先级并决策；亲自动手的工作要委派他人。'),
      S('Declare severity, appoint the other roles and assign tasks.', '重大度を宣言し、他の役割を任命してタスクを割り当てる。', '宣布严重级别，任命其他角色并分配任务。'),
      S('Approve any communication that leaves the response team.', '対応チーム外に出る連絡をすべて承認する。', '批准任何对响应团队以外的沟通。'),
      S('Decide when the incident is closed and schedule the postmortem.', 'インシデントの終了を判断し、ポストモーテムを予定する。', '决定何时关闭事件并安排事后复盘。'),
    ],
    refs: [{ source: 'pd', section: 'ic-required' }, { source: 'sectemplates', section: 'step-18' }],
  },
  {
    id: 'deputy',
    title: S('Deputy', '副指揮官', '副指挥'),
    duties: [
      S('Keep the checklist moving and watch the clock so nothing is forgotten.', 'チェックリストを進め、時間を見て抜け漏れを防ぐ。', '推进检查清单并关注时间，确保不遗漏任何事项。'),
      S('Page and invite the people the IC needs: security, service owners, legal, executives.', 'ICが必要とする人を呼び出す：セキュリティ、担当者、法務、経営陣。', '呼叫并邀请指挥官需要的人：安全、系统负责人、法务、高管。'),
      S('Handle outreach to law enforcement, CERTs, insurers and third parties.', '法執行機関、CERT、保険会社、外部関係者への連絡を担う。', '负责联系执法机构、CERT、保险公司和第三方。'),
    ],
    refs: [{ source: 'pd', section: 'assemble-team' }, { source: 'pd', section: 'law-enforcement' }],
  },
  {
    id: 'scribe',
    title: S('Scribe', '記録係', '记录员'),
    duties: [
      S('Keep the incident timeline: what happened, when, and who did what.', 'インシデントのタイムラインを記録する：何がいつ起き、誰が何をしたか。', '记录事件时间线：发生了什么、何时发生、谁做了什么。'),
      S('Maintain the working document and file the incident ticket.', '作業文書を維持し、インシデントチケットを起票する。', '维护工作文档并创建事件工单。'),
    ],
    refs: [{ source: 'sectemplates', section: 'step-9' }, { source: 'sectemplates', section: 'step-15' }],
  },
  {
    id: 'sme',
    title: S('Subject-Matter Expert', '専門家（SME）', '领域专家'),
    duties: [
      S('Do the technical work: observe, preserve evidence, contain, analyse, remediate.', '技術作業を行う：観察、証拠保全、封じ込め、分析、修復。', '执行技术工作：观察、保全证据、遏制、分析、修复。'),
      S('Report findings to the IC and warn before any step that destroys evidence or alerts the attacker.', '発見をICに報告し、証拠を壊す・攻撃者に気づかれる操作の前に警告する。', '向指挥官汇报发现，在任何会破坏证据或惊动攻击者的操作前先提醒。'),
    ],
    refs: [{ source: 'pd-ooda', section: 'observe-active' }, { source: 'pd', section: 'isolate-instances' }],
  },
  {
    id: 'facilitator',
    title: S('Facilitator', 'ファシリテーター', '主持人'),
    duties: [
      S('Run the drill: start, pause and pace it, and push injects.', '演習を運営する：開始・一時停止・ペース配分と、インジェクトの投入。', '主持演练：开始、暂停、把控节奏并推送事件注入。'),
      S('Watch every seat and lead the debrief from the report.', '全員の動きを見守り、レポートをもとに振り返りを行う。', '关注每个席位，并根据报告主持复盘。'),
    ],
    refs: [{ source: 'sectemplates', section: 'step-21' }],
  },
  {
    id: 'observer',
    title: S('Observer', 'オブザーバー', '观察员'),
    duties: [S('Watch and learn; observers never act or write.', '見て学ぶ。オブザーバーは操作も書き込みもしない。', '观察学习；观察员不操作也不发言。')],
    refs: [{ source: 'pd', section: 'assemble-team' }],
  },
];
