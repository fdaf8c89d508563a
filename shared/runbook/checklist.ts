import type { Localized } from '../i18n/locales.ts';
import type { ChecklistStep, OodaPhase, RunbookRef, StepId } from './types.ts';

/*
 * The 14 checklist steps in the order the checklist lists them, and the four OODA phases.
 * Summaries are our own words.
 */

const S = (en: string, ja: string, zh: string): Localized => ({ en, ja, 'zh-CN': zh });
const pd = (section: string): RunbookRef => ({ source: 'pd', section });

const STEPS: [StepId, OodaPhase, Localized, Localized, RunbookRef[]][] = [
  ['stop-attack', 'act', S('Stop the attack in progress', '進行中の攻撃を止める', '阻止正在进行的攻击'), S('Halt the attacker by whatever means works: isolate or power off the systems involved, preferring options that keep evidence.', '証拠を残せる手段を優先しつつ、関係するシステムの隔離や停止などで攻撃者を止める。', '以任何有效手段阻止攻击者：隔离或关闭相关系统，优先选择能保留证据的方式。'), [pd('stop-attack')]],
  ['cut-vector', 'act', S('Cut off the attack vector', '攻撃ベクターを断つ', '切断攻击途径'), S('Close the way in so the attacker cannot come straight back: lock abused accounts, disable the exploited path.', '攻撃者がすぐ戻れないよう侵入経路を塞ぐ。悪用されたアカウントのロック、悪用された機能の無効化など。', '封堵入侵路径，防止攻击者卷土重来：锁定被滥用的账号，禁用被利用的功能。'), [pd('cut-vector')]],
  ['assemble-team', 'act', S('Assemble the response team', '対応チームを編成する', '组建响应团队'), S('Page an IC, name the incident with a codename, open a private channel and bridge, and invite security, owners, legal and executives.', 'ICを呼び、コードネームを付け、非公開チャンネルと通話を開き、セキュリティ・担当者・法務・経営陣を招く。', '呼叫指挥官，为事件起代号，开启私有频道与电话会议，邀请安全、系统负责人、法务与高管。'), [pd('assemble-team')]],
  ['isolate-instances', 'act', S('Isolate affected instances', '影響を受けたインスタンスを隔離する', '隔离受影响的实例'), S('Cut affected machines off from the rest, and ship read-only disk images to cold storage.', '影響を受けたマシンを他から切り離し、読み取り専用のディスクイメージをコールドストレージへ送る。', '将受影响的机器与其他系统隔离，并把只读磁盘镜像送往冷存储。'), [pd('isolate-instances')]],
  ['attack-timeline', 'orient', S('Establish the attack timeline', '攻撃のタイムラインを明らかにする', '梳理攻击时间线'), S('Work out when the attacker arrived, what they did and when, and whether they still have a way in.', '攻撃者がいつ侵入し、何をいつ行い、まだ侵入経路を持っているかを明らかにする。', '弄清攻击者何时进入、何时做了什么、是否仍有入口。'), [pd('attack-timeline')]],
  ['compromised-data', 'orient', S('Identify the compromised data', '侵害されたデータを特定する', '确定被泄露的数据'), S('Find out exactly which data and which keys were exposed, especially customer data.', 'どのデータとどの鍵が漏れたか、特に顧客データを正確に突き止める。', '准确查明哪些数据和密钥被暴露，尤其是客户数据。'), [pd('compromised-data')]],
  ['risk-other-systems', 'orient', S('Assess risk to other systems', '他システムへのリスクを評価する', '评估对其他系统的风险'), S('Decide what else the stolen information puts at risk; treat any secret that was on the host as compromised.', '盗まれた情報で他に何が危険にさらされるかを判断する。ホスト上の秘密情報はすべて漏洩したものとみなす。', '判断被窃信息还会危及什么；主机上的任何机密都应视为已泄露。'), [pd('assess-risk')]],
  ['risk-reattack', 'orient', S('Assess risk of re-attack', '再攻撃のリスクを評価する', '评估再次攻击的风险'), S('Judge whether the attacker knows enough to get back in another way.', '攻撃者が別の方法で再侵入できるだけの情報を持っているかを判断する。', '判断攻击者是否掌握足够信息从其他途径再次进入。'), [pd('assess-risk')]],
  ['additional-mitigations', 'act', S('Apply additional mitigations and monitoring', '追加の緩和策と監視を適用する', '实施额外的缓解与监控'), S('Rotate what was exposed, restore from validated backups, and add alerting for a repeat.', '漏れたものをローテーションし、検証済みバックアップから復旧し、再発を検知する監視を追加する。', '轮换已暴露的凭据，从验证过的备份恢复，并增加针对再次发生的告警。'), [pd('additional-mitigations')]],
  ['forensics', 'orient', S('Forensic analysis of compromised systems', '侵害されたシステムのフォレンジック解析', '对受损系统进行取证分析'), S('Once secure, comb the images and logs to learn exactly what happened and how to prevent it.', '安全を確保したら、イメージとログを精査して何が起きたか、どう防ぐかを正確に把握する。', '在确保安全后，细查镜像与日志，弄清发生了什么以及如何防范。'), [pd('forensics')]],
  ['internal-comms', 'act', S('Internal communication', '社内コミュニケーション', '内部沟通'), S('Tell the wider company only once an insider is ruled out: brief, with the timeline and the mitigations.', '内部犯行の可能性を排除してから社内に伝える。簡潔に、経緯と対策を添えて。', '在排除内部人员作案后再告知公司：简要说明时间线与缓解措施。'), [pd('internal-comms')]],
  ['law-enforcement', 'act', S('Involve law enforcement', '法執行機関に連絡する', '联系执法机构'), S('Report to the police and national CERT, and notify the cyber insurer.', '警察や国のCERTに報告し、サイバー保険会社にも知らせる。', '向警方和国家 CERT 报告，并通知网络保险公司。'), [pd('law-enforcement')]],
  ['external-parties', 'act', S('Reach out to external parties used in the attack', '攻撃に使われた外部関係者に連絡する', '联系被攻击利用的外部相关方'), S('Warn operators of systems the attacker used; they may be victims too.', '攻撃者が使ったシステムの運用者に知らせる。相手も被害者かもしれない。', '通知攻击者所利用系统的运营方，他们也可能是受害者。'), [pd('law-enforcement')]],
  ['external-comms', 'act', S('External communication', '社外コミュニケーション', '对外沟通'), S('Publish a factual, dated statement once the facts are known, saying what customers should do and blaming no one.', '事実が判明したら、日付入りで事実に基づく声明を出し、顧客がすべきことを示し、誰も非難しない。', '事实明确后发布注明日期、基于事实的声明，说明客户应采取的措施，不指责任何人。'), [pd('external-comms')]],
];

export const CHECKLIST: readonly ChecklistStep[] = STEPS.map(([id, ooda, title, summary, refs], i) => ({ id, number: i + 1, title, summary, ooda, refs }));

export const OODA: readonly { id: OodaPhase; title: Localized; description: Localized }[] = [
  { id: 'observe', title: S('Observe', '観察', '观察'), description: S('Gather facts without tipping off the attacker: logs, flows, sensors, then live artefacts and disk images.', '攻撃者に気づかれないよう事実を集める。ログ、フロー、センサー、次にメモリやディスクイメージ。', '在不惊动攻击者的前提下收集事实：日志、流量、传感器，然后是内存与磁盘镜像。') },
  { id: 'orient', title: S('Orient', '状況判断', '判断'), description: S('Make sense of it: timeline, compromised data, risks, competing hypotheses.', '意味づけをする。タイムライン、侵害データ、リスク、競合仮説。', '理解局势：时间线、被泄露数据、风险、多种假设对比。') },
  { id: 'decide', title: S('Decide', '意思決定', '决策'), description: S('Choose the next step, anticipating how the attacker will react.', '攻撃者の反応を見越して次の一手を選ぶ。', '选择下一步，并预判攻击者的反应。') },
  { id: 'act', title: S('Act', '行動', '行动'), description: S('Carry it out, then loop back to observing.', '実行し、再び観察に戻る。', '执行，然后回到观察。') },
];

export function stepById(id: StepId): ChecklistStep | undefined {
  return CHECKLIST.find((s) => s.id === id);
}
