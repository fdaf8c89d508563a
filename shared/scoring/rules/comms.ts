import {
  blamesOthers,
  containsSecurityCliche,
  describesAffectedData,
  describesTimeline,
  givesCustomerActions,
  hasAwpPrefix,
  hasDateInTitle,
  isAwpOnlySubject,
  isExternalAddress,
  isSecureChannelRedirect,
  mentionsCodename,
} from '../../comms/index.ts';
import type { CommsRuleId } from '../../runbook/types.ts';
import type { MessageRecordLite, ScoringContext } from '../context.ts';
import { before, minutes } from '../context.ts';
import { CHANNEL_WORDS, PURPOSE_WORDS, spaced, t, type RuleText } from '../text.ts';
import type { Observation, Rule } from '../types.ts';

/*
 * Communication discipline, checked on what players actually wrote. A rule applies to the messages
 * it is about; any one offending message fails it, and each offence is its own finding.
 */

const PUBLICATIONS = new Set(['public-statement', 'customer-notice']);
const isPublication = (m: MessageRecordLite) => PUBLICATIONS.has(m.message.purpose);

/** "the public statement sent by publication at 12:00 ("subject")", in each locale. */
function describe(m: MessageRecordLite): RuleText {
  const purpose = PURPOSE_WORDS[m.message.purpose];
  const channel = CHANNEL_WORDS[m.message.channel];
  const subject = m.message.subject.slice(0, 60);
  return t(
    `The ${purpose.en} sent by ${channel.en} at ${minutes(m.at)}${subject ? ` ("${subject}")` : ''}`,
    `${minutes(m.at)} に${spaced(channel.ja)}で送られた${purpose.ja}${subject ? `（「${subject}」）` : ''}`,
    `${minutes(m.at)} 通过${spaced(channel['zh-CN'])}发送的${purpose['zh-CN']}${subject ? `（“${subject}”）` : ''}`,
  );
}

function messageRule(
  id: string,
  commsRule: CommsRuleId,
  title: RuleText,
  points: number,
  section: string,
  applies: (m: MessageRecordLite, ctx: ScoringContext) => boolean,
  ok: (m: MessageRecordLite, ctx: ScoringContext) => boolean,
  why: RuleText,
  good: RuleText,
): Rule {
  return {
    id,
    category: 'comms',
    title,
    points,
    ref: { source: section.startsWith('ooda:') ? 'pd-ooda' : 'pd', section: section.replace(/^ooda:/, '') },
    evaluate(ctx) {
      const relevant = ctx.messages.filter((m) => applies(m, ctx));
      if (relevant.length === 0) return null;
      const violations: Observation[] = relevant.filter((m) => !ok(m, ctx)).map((m) => {
        const what = describe(m);
        return { at: m.at, events: [m.seq], message: t(`${what.en} ${why.en}. [${commsRule}]`, `${what.ja}は、${why.ja}。[${commsRule}]`, `${what['zh-CN']}${why['zh-CN']}。[${commsRule}]`) };
      });
      return { violations, pass: { at: relevant[0]?.at ?? 0, events: relevant.map((m) => m.seq), message: good } };
    },
  };
}

const statementText = (m: MessageRecordLite) => `${m.message.subject}\n${m.message.body}`;

/** Whether data is known to have left: exfiltration ran, or the attacker dumped a data store. */
const dataLeft = (ctx: ScoringContext) => ctx.exfil.total > 0 || ctx.fallback?.kind === 'dump';
const sentFor = (ctx: ScoringContext, purposes: readonly string[]) => ctx.messages.find((m) => purposes.includes(m.message.purpose)) ?? null;

/**
 * The communication duties this drill called for. Message rules judge only what was written, so
 * without this a team that never wrote a word would keep a perfect communication score.
 */
function commsDuties(ctx: ScoringContext): { label: RuleText; done: MessageRecordLite | null }[] {
  const duties = [{ label: t('coordinate the team in writing or on the bridge', 'チーム内の連携（文字またはブリッジで）', '在文字频道或电话会议中协调团队'), done: ctx.messages.find((m) => m.message.audience === 'team') ?? null }];
  if (ctx.insiderRuledOut) duties.push({ label: t('tell the company once an insider was ruled out', '内部犯行の排除後の社内への周知', '排除内部人员作案后告知公司'), done: sentFor(ctx, ['internal-announcement']) });
  if (dataLeft(ctx)) duties.push({ label: t('tell the affected customers or the public that data left', 'データ流出についての顧客または一般への告知', '告知受影响客户或公众数据已外泄'), done: sentFor(ctx, ['public-statement', 'customer-notice']) });
  return duties;
}

export const COMMS_RULES: Rule[] = [
  {
    id: 'COM-0',
    category: 'comms',
    title: t('Keep the right people informed', '伝えるべき相手に伝える', '让该知情的人知情'),
    points: 4,
    ref: { source: 'pd', section: 'communicating' },
    evaluate(ctx) {
      const duties = commsDuties(ctx);
      const done = duties.filter((d) => d.done !== null);
      const missing = duties.filter((d) => d.done === null).map((d) => d.label);
      return {
        fraction: done.length / duties.length,
        observation: {
          at: ctx.end.at,
          events: done.map((d) => d.done?.seq ?? 0).sort((a, b) => a - b),
          message: missing.length === 0
            ? t('Everyone who needed to hear from the team did.', 'チームから連絡を受けるべき人全員に連絡が届いた。', '所有需要收到团队消息的人都收到了。')
            : t(
              `${done.length} of ${duties.length} communication duties were met; missing: ${missing.map((d) => d.en).join('; ')}.`,
              `連絡の務め ${duties.length} 件中 ${done.length} 件を果たした。未実施：${missing.map((d) => d.ja).join('、')}。`,
              `${duties.length} 项沟通职责中完成了 ${done.length} 项；未完成：${missing.map((d) => d['zh-CN']).join('；')}。`,
            ),
        },
      };
    },
  },
  {
    id: 'COM-1',
    category: 'comms',
    title: t('Name the incident with an innocuous codename', 'インシデントに目立たないコードネームを付ける', '为事件取一个不引人注意的代号'),
    points: 2,
    ref: { source: 'pd', section: 'assemble-team' },
    evaluate(ctx) {
      if (ctx.messages.length === 0 && ctx.actions.length === 0) return null;
      const set = ctx.facts.codenameSet;
      const firstMessage = ctx.messages[0];
      if (set && (!firstMessage || before(set, firstMessage))) return { violations: [], pass: { at: set.at, events: [set.seq], message: t(`The incident was given the codename "${ctx.codename}" before anyone wrote about it.`, `誰かが書き込む前に、インシデントにコードネーム「${ctx.codename}」が付けられた。`, `在任何人书面提及之前，事件就被赋予了代号“${ctx.codename}”。`) } };
      const at = firstMessage?.at ?? ctx.end.at;
      return { violations: [{ at, events: firstMessage ? [firstMessage.seq] : [], message: set
        ? t(`The codename was set only at ${minutes(set.at)}, after messages had already gone out. [codename]`, `コードネームが付いたのは ${minutes(set.at)} で、すでにメッセージが送られた後だった。[codename]`, `代号直到 ${minutes(set.at)} 才确定，此前已有消息发出。[codename]`)
        : t('The incident never got a codename, so every message named it plainly. [codename]', 'インシデントにコードネームが付けられず、すべてのメッセージがそのままの名前で呼んでいた。[codename]', '事件始终没有代号，所有消息都直接点明了事件。[codename]') }], pass: { at, events: [], message: t('', '', '') } };
    },
  },
  messageRule('COM-2', 'codename', t('Use the codename in team messages', 'チーム内のメッセージではコードネームを使う', '团队消息中使用代号'), 1, 'assemble-team',
    (m, ctx) => ctx.codename !== null && m.message.audience === 'team' && m.message.channel !== 'voice' && m.message.purpose !== 'redirect' && m.seq > (ctx.facts.codenameSet?.seq ?? Infinity),
    (m, ctx) => mentionsCodename(`${m.message.subject} ${m.message.body}`, ctx.codename ?? ''),
    t('does not use the incident codename', 'インシデントのコードネームを使っていない', '没有使用事件代号'),
    t('Team messages referred to the incident by its codename.', 'チーム内のメッセージはインシデントをコードネームで呼んでいた。', '团队消息都用代号指代事件。')),
  messageRule('COM-3', 'awp-prefix', t('Prefix email subjects and chat topics with the privilege label', 'メールの件名とチャットのトピックに秘匿特権の表示を付ける', '邮件主题和聊天话题前加上特权标注'), 2, 'assemble-team',
    (m) => !isPublication(m) && (m.message.channel === 'email' || (m.message.channel === 'chat' && m.message.subject.trim() !== '')),
    (m) => hasAwpPrefix(m.message.subject),
    t('lacks the "Attorney Work Product" prefix', '「Attorney Work Product（弁護士業務成果物）」の前置きがない', '缺少“Attorney Work Product（律师工作成果）”前缀'),
    t('Every email and chat topic carried the privilege label.', 'すべてのメールとチャットのトピックに秘匿特権の表示があった。', '所有邮件和聊天话题都带有特权标注。')),
  messageRule('COM-4', 'email-subject-only-awp', t('Email subject is the privilege label alone', 'メールの件名は秘匿特権の表示だけにする', '邮件主题只写特权标注'), 1, 'communicating',
    (m) => !isPublication(m) && m.message.channel === 'email',
    (m) => isAwpOnlySubject(m.message.subject),
    t('has a subject that says more than the privilege label', '件名に秘匿特権の表示以外のことが書かれている', '主题除特权标注外还写了其他内容'),
    t('Email subjects gave nothing away.', 'メールの件名からは何も漏れなかった。', '邮件主题没有透露任何信息。')),
  messageRule('COM-5', 'prefer-voice-chat', t('Prefer the bridge and chat over email within the team', 'チーム内ではメールよりブリッジとチャットを使う', '团队内部优先用电话会议和聊天而不是邮件'), 1, 'communicating',
    (m) => m.message.audience === 'team' || m.message.audience === 'internal',
    (m) => m.message.channel === 'voice' || m.message.channel === 'chat' || (m.message.channel === 'sms' && m.message.purpose === 'redirect'),
    t('went by email or SMS where the bridge or chat would do', 'ブリッジやチャットで足りるのにメールや SMS で送られた', '本可用电话会议或聊天，却用了邮件或短信'),
    t('Internal coordination stayed on the bridge and in chat.', '内部の連携はブリッジとチャットで行われた。', '内部协调都在电话会议和聊天中进行。')),
  messageRule('COM-6', 'sms-only-redirect', t('Use SMS only to move people to a secure channel', 'SMS は安全なチャンネルへの誘導にだけ使う', '短信只用于引导他人转到安全频道'), 3, 'communicating',
    (m) => m.message.channel === 'sms',
    (m) => isSecureChannelRedirect(m.message.body),
    t('discussed the incident over SMS', 'SMS でインシデントの中身を話している', '在短信中讨论了事件'),
    t('SMS was only used to pull people onto a secure channel.', 'SMS は安全なチャンネルに呼び寄せるためだけに使われた。', '短信只用于把人拉到安全频道。')),
  messageRule('COM-7', 'encrypt-external-email', t('Encrypt email that leaves the company domain', '社外ドメイン宛てのメールは暗号化する', '发往公司域外的邮件要加密'), 3, 'communicating',
    (m, ctx) => m.message.channel === 'email' && m.message.recipients.some((r) => isExternalAddress(r, ctx.compiled.scenario.organisation.domain)),
    (m) => m.message.encrypted,
    t('went to an address outside the company unencrypted', '暗号化されずに社外のアドレスへ送られた', '未加密就发到了公司外部地址'),
    t('Every email to an outside address was encrypted.', '社外アドレス宛てのメールはすべて暗号化されていた。', '所有发往外部地址的邮件都已加密。')),
  messageRule('COM-8', 'no-disclosure-before-approval', t('Say nothing outside the response team until approved', '承認されるまで対応チームの外には何も言わない', '获批之前不向响应团队以外透露任何信息'), 4, 'communicating',
    (m) => m.message.audience !== 'team',
    (m, ctx) => before(ctx.facts.disclosureApproved, m),
    t('reached people outside the response team before the IC approved disclosure', 'IC が開示を承認する前に対応チームの外の人に届いた', '在 IC 批准披露之前就传到了响应团队以外'),
    t('Nothing left the response team before disclosure was approved.', '開示が承認されるまで、対応チームの外には何も出なかった。', '在批准披露之前，没有任何信息流出响应团队。')),
  messageRule('COM-9', 'statement-date-in-title', t('Put the date in the title of a public statement', '公開声明のタイトルに日付を入れる', '公开声明的标题中写明日期'), 1, 'external-comms',
    isPublication, (m) => hasDateInTitle(m.message.subject),
    t('has no date in its title, so it can be mistaken for a new breach later', 'タイトルに日付がなく、後で新たな侵害と取り違えられかねない', '标题中没有日期，日后可能被误认为新的泄露事件'),
    t('Public statements carried their date in the title.', '公開声明のタイトルには日付があった。', '公开声明的标题中都有日期。')),
  messageRule('COM-10', 'statement-no-cliche', t('Leave out "we take security very seriously"', '「セキュリティを非常に重視しています」は書かない', '不要写“我们非常重视安全”'), 1, 'external-comms',
    isPublication, (m) => !containsSecurityCliche(statementText(m)),
    t('uses the stock line about taking security seriously', 'セキュリティを重視しているという決まり文句を使っている', '使用了“重视安全”的套话'),
    t('Public statements avoided the stock line about taking security seriously.', '公開声明はセキュリティ重視の決まり文句を避けていた。', '公开声明避免了“重视安全”的套话。')),
  messageRule('COM-11', 'statement-timeline', t('Give a timeline in the public statement', '公開声明で経緯（タイムライン）を示す', '在公开声明中给出时间线'), 1, 'external-comms',
    isPublication, (m) => describesTimeline(m.message.body),
    t('gives no timeline of events', '出来事の経緯を示していない', '没有给出事件经过的时间线'),
    t('Public statements gave a timeline.', '公開声明は経緯を示していた。', '公开声明给出了时间线。')),
  messageRule('COM-12', 'statement-data-affected', t('Say what data was affected', '影響を受けたデータを明示する', '说明受影响的数据'), 1, 'external-comms',
    isPublication, (m, ctx) => describesAffectedData(m.message.body, ctx.compiled.scenario.dataStores.map((d) => d.name.en)),
    t('does not say what data was affected', 'どのデータが影響を受けたのかを述べていない', '没有说明哪些数据受到影响'),
    t('Public statements said what data was affected.', '公開声明は影響を受けたデータを述べていた。', '公开声明说明了受影响的数据。')),
  messageRule('COM-13', 'statement-customer-actions', t('Tell customers what they must do', '顧客がすべきことを伝える', '告诉客户需要做什么'), 1, 'external-comms',
    isPublication, (m) => givesCustomerActions(m.message.body),
    t('does not tell customers what to do', '顧客が何をすべきかを伝えていない', '没有告诉客户该怎么做'),
    t('Public statements told customers what to do.', '公開声明は顧客がすべきことを伝えていた。', '公开声明告诉了客户该怎么做。')),
  messageRule('COM-14', 'statement-no-blame', t('Name and shame no one', '誰かを名指しで非難しない', '不点名指责任何一方'), 1, 'external-comms',
    isPublication, (m) => !blamesOthers(statementText(m)),
    t('blames an outside party', '社外の誰かを非難している', '指责了外部相关方'),
    t('Public statements blamed no outside party.', '公開声明は社外の誰も非難していなかった。', '公开声明没有指责任何外部相关方。')),
];
