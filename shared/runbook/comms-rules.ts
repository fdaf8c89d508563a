import type { Localized } from '../i18n/locales.ts';
import type { CommsRuleDef } from './types.ts';

/* The communication rules of the runbook, in our words, with why each exists. Scored by shared/scoring/rules/comms.ts. */

const S = (en: string, ja: string, zh: string): Localized => ({ en, ja, 'zh-CN': zh });
const pd = (section: string) => [{ source: 'pd' as const, section }];

export const COMMS_RULES_DATA: readonly CommsRuleDef[] = [
  { id: 'codename', title: S('Use a codename', 'コードネームを使う', '使用代号'), explanation: S('An innocuous name lets people talk about the incident without anyone overhearing that there is one.', '無害な名前を使えば、周囲にインシデントだと気づかれずに話せる。', '使用无害的代号，旁人听到也不会意识到发生了安全事件。'), refs: pd('assemble-team') },
  { id: 'awp-prefix', title: S('Label emails and chat topics as attorney work product', 'メールとチャットの件名に弁護士業務成果の表示を付ける', '邮件与聊天主题标注“律师工作成果”'), explanation: S('The label helps keep incident material privileged; the runbook writes it "Attorney Work Project".', 'この表示はインシデント資料の秘匿特権を守る助けになる（ランブックの表記は「Attorney Work Project」）。', '该标注有助于保护事件材料的特权（手册中写作“Attorney Work Project”）。'), refs: pd('assemble-team') },
  { id: 'email-subject-only-awp', title: S('Email subject is the label alone', 'メールの件名は表示のみにする', '邮件主题只写标注'), explanation: S('Subjects leak into previews and logs; say nothing else there.', '件名はプレビューやログに残るので、それ以外は書かない。', '主题会出现在预览和日志中，除标注外不写其他内容。'), refs: pd('communicating') },
  { id: 'prefer-voice-chat', title: S('Prefer the bridge and chat', '通話とチャットを優先する', '优先使用电话会议和聊天'), explanation: S('Voice and the private chat are faster and leave fewer copies than email.', '通話と非公開チャットはメールより速く、複製も残りにくい。', '语音和私有聊天比邮件更快，留下的副本也更少。'), refs: pd('communicating') },
  { id: 'sms-only-redirect', title: S('SMS only to move people to a secure channel', 'SMSは安全な経路への誘導だけに使う', '短信只用于引导到安全渠道'), explanation: S('Text messages are not secure; use them only to ask someone to join the bridge or chat.', 'SMSは安全ではない。通話やチャットに来てもらうためだけに使う。', '短信不安全，只用来请人加入电话会议或聊天。'), refs: pd('communicating') },
  { id: 'encrypt-external-email', title: S('Encrypt email leaving the company', '社外宛てメールは暗号化する', '发往公司外的邮件须加密'), explanation: S('Any recipient outside the company domain means the message crosses networks you do not control.', '社外ドメインの宛先があれば、管理外のネットワークを通ることになる。', '只要有公司域名以外的收件人，邮件就会经过不受控的网络。'), refs: pd('communicating') },
  { id: 'no-disclosure-before-approval', title: S('Nothing outside the team until approved', '承認までチーム外に出さない', '未经批准不对团队外透露'), explanation: S('Until the IC approves, the incident stays inside the response team; the attacker may be inside.', 'ICが承認するまでインシデントは対応チーム内にとどめる。攻撃者が内部にいるかもしれない。', '在指挥官批准前，事件仅限响应团队内部；攻击者可能就在内部。'), refs: pd('communicating') },
  { id: 'internal-after-insider-ruled-out', title: S('Internal news waits until an insider is ruled out', '内部犯行を排除するまで社内に知らせない', '排除内部人员作案前不在公司内部通报'), explanation: S('If the attack comes from inside, a company-wide note warns the attacker.', '攻撃が内部からなら、全社向けの通知は攻撃者への警告になる。', '如果攻击来自内部，全公司通知等于提醒攻击者。'), refs: pd('internal-comms') },
  { id: 'statement-date-in-title', title: S('Date in the statement title', '声明のタイトルに日付を入れる', '声明标题注明日期'), explanation: S('A dated title is never mistaken for news of a new breach later.', '日付があれば、後で新たな侵害と誤解されない。', '注明日期，日后不会被误认为新的泄露事件。'), refs: pd('external-comms') },
  { id: 'statement-no-cliche', title: S('No "we take security very seriously"', '「セキュリティを非常に真剣に」は書かない', '不写“我们非常重视安全”'), explanation: S('Readers find the stock phrase empty; show it with facts instead.', 'この決まり文句は空虚に響く。事実で示す。', '读者觉得这句套话空洞，应用事实说明。'), refs: pd('external-comms') },
  { id: 'statement-timeline', title: S('Give the timeline', 'タイムラインを示す', '给出时间线'), explanation: S('Be as detailed as you can about when things happened.', '何がいつ起きたかをできる限り詳しく示す。', '尽可能详细地说明事情发生的时间。'), refs: pd('external-comms') },
  { id: 'statement-data-affected', title: S('Say what data was affected', '影響を受けたデータを示す', '说明受影响的数据'), explanation: S('Customers need to know exactly what was exposed and how it affects them.', '顧客は何が漏れ、どう影響するかを正確に知る必要がある。', '客户需要确切知道什么被泄露、对他们有何影响。'), refs: pd('external-comms') },
  { id: 'statement-customer-actions', title: S('Tell customers what to do', '顧客がすべきことを伝える', '告诉客户该做什么'), explanation: S('Password resets, MFA, watching for phishing: make the next step clear.', 'パスワード再設定、多要素認証、フィッシングへの注意など、次の行動を明確に。', '重置密码、启用多因素认证、警惕钓鱼：把下一步说清楚。'), refs: pd('external-comms') },
  { id: 'statement-no-blame', title: S('Name and shame no one', '誰も名指しで非難しない', '不点名指责任何人'), explanation: S('Blaming a vendor or partner in public is bad form unless they disclosed it themselves.', '相手が自ら公表していない限り、ベンダーや取引先を公に非難するのは不適切。', '除非对方已自行披露，公开指责供应商或合作方是不妥的。'), refs: pd('external-comms') },
];
