import { describe, expect, it } from 'vitest';
import type { MessageDraft } from '../../shared/engine/types.ts';
import { scoreDrill } from '../../shared/scoring/index.ts';
import { compiledFixture, DEPUTY, IC, min, SME } from '../engine/fixture.ts';
import { TestDrill } from '../engine/harness.ts';

/*
 * The communication rules on messages written in Japanese and in Chinese: each rule fires on a
 * message that breaks it and credits one that keeps it, in both languages. Logs come from the real
 * engine, as in rules.test.ts.
 */

const compiled = compiledFixture();

/** Assembled with a CJK codename, the way in established and (for messages that leave the team) disclosure approved. */
function team(codename: string, approve: boolean): TestDrill {
  const d = new TestDrill(compiled).start();
  d.take(0, DEPUTY, 'page-ic');
  d.take(min(2), IC, 'set-codename', undefined, codename);
  d.take(min(2), DEPUTY, 'open-private-channel');
  d.take(min(2), SME, 'review-system-logs', 'app');
  d.tick(min(17));
  if (approve) {
    d.take(min(17), IC, 'approve-disclosure');
    d.tick(min(20));
  }
  return d;
}

const base: MessageDraft = { channel: 'chat', recipients: ['incident-room'], subject: '', body: '', encrypted: false };
const statement = (m: Partial<MessageDraft>): MessageDraft => ({ ...base, channel: 'statement', recipients: [], statement: { kind: 'final', claims: {} }, ...m });
const email = (m: Partial<MessageDraft>): MessageDraft => ({ ...base, channel: 'email', recipients: ['counsel'], encrypted: true, ...m });

interface LanguageCase {
  codename: string;
  /** Rule id → [a message that breaks it, a message that keeps it]. */
  cases: Record<string, [MessageDraft, MessageDraft]>;
}

const GOOD_JA = {
  subject: 'セキュリティインシデントに関するお知らせ（2026年11月22日）',
  body: '経緯：11月22日 21時02分に不正なデータ転送を検知し、21時30分に遮断しました。影響を受けた情報：お客様の氏名、メールアドレス、住所。お客様へのお願い：パスワードを変更し、二要素認証を有効にしてください。',
};
const GOOD_ZH = {
  subject: '安全事件公告（2026年11月22日）',
  body: '时间线：11月22日21时02分我们发现异常数据传输，并于21时30分切断。受影响的数据：客户姓名、邮箱和地址。请您重置密码并开启双重验证。',
};

const LANGUAGES: Record<'ja' | 'zh-CN', LanguageCase> = {
  ja: {
    codename: '青鷺',
    cases: {
      'COM-2': [{ ...base, body: '顧客データベースの侵害はまだ続いている。' }, { ...base, body: '青鷺：状況を更新。' }],
      'COM-3': [{ ...base, subject: '青鷺 状況', body: '青鷺：侵害の状況を更新。' }, { ...base, subject: '【弁護士業務成果物】青鷺', body: '青鷺：侵害の状況を更新。' }],
      'COM-4': [email({ subject: '弁護士業務成果物：データベースの侵害', body: '青鷺：侵害の件' }), email({ subject: '【弁護士業務成果物】', body: '青鷺：侵害の件' })],
      'COM-6': [{ ...base, channel: 'sms', recipients: ['+81 90 0000 0000'], body: '顧客データが流出した。電話して。' }, { ...base, channel: 'sms', recipients: ['+81 90 0000 0000'], body: '至急ブリッジに参加してください' }],
      'COM-9': [statement({ ...GOOD_JA, subject: 'セキュリティインシデントに関するお知らせ' }), statement(GOOD_JA)],
      'COM-10': [statement({ ...GOOD_JA, body: `${GOOD_JA.body}当社はセキュリティを非常に真剣に受け止めています。` }), statement(GOOD_JA)],
      'COM-11': [statement({ ...GOOD_JA, body: '影響を受けた情報：お客様の氏名とメールアドレス。パスワードを変更してください。' }), statement(GOOD_JA)],
      'COM-12': [statement({ ...GOOD_JA, body: '経緯：11月22日 21時02分に検知しました。パスワードを変更してください。' }), statement(GOOD_JA)],
      'COM-13': [statement({ ...GOOD_JA, body: '経緯：11月22日 21時02分に検知しました。影響を受けた情報：お客様の氏名。' }), statement(GOOD_JA)],
      'COM-16': [statement({ ...GOOD_JA, body: `${GOOD_JA.body}今回の件は委託先の過失によるものです。` }), statement(GOOD_JA)],
      'COM-17': [email({ recipients: ['police'], subject: '弁護士業務成果物', body: '弁護士業務成果物。管理者のパスワードは Winter2026! です。' }), email({ recipients: ['police'], subject: '弁護士業務成果物', body: '弁護士業務成果物。侵害の指標は要請に応じて提供します。' })],
    },
  },
  'zh-CN': {
    codename: '青鹭',
    cases: {
      'COM-2': [{ ...base, body: '客户数据库的入侵仍在继续。' }, { ...base, body: '青鹭：进展更新。' }],
      'COM-3': [{ ...base, subject: '青鹭 进展', body: '青鹭：入侵进展更新。' }, { ...base, subject: '【律师工作成果】青鹭', body: '青鹭：入侵进展更新。' }],
      'COM-4': [email({ subject: '律师工作成果：数据库被入侵', body: '青鹭：入侵事件' }), email({ subject: '【律师工作成果】', body: '青鹭：入侵事件' })],
      'COM-6': [{ ...base, channel: 'sms', recipients: ['+86 130 0000 0000'], body: '客户数据泄露了，给我回电话。' }, { ...base, channel: 'sms', recipients: ['+86 130 0000 0000'], body: '请马上加入电话会议' }],
      'COM-9': [statement({ ...GOOD_ZH, subject: '安全事件公告' }), statement(GOOD_ZH)],
      'COM-10': [statement({ ...GOOD_ZH, body: `${GOOD_ZH.body}我们非常重视安全。` }), statement(GOOD_ZH)],
      'COM-11': [statement({ ...GOOD_ZH, body: '受影响的数据：客户姓名和邮箱。请您重置密码。' }), statement(GOOD_ZH)],
      'COM-12': [statement({ ...GOOD_ZH, body: '时间线：11月22日21时02分发现。请您重置密码。' }), statement(GOOD_ZH)],
      'COM-13': [statement({ ...GOOD_ZH, body: '时间线：11月22日21时02分发现。受影响的数据：客户姓名。' }), statement(GOOD_ZH)],
      'COM-16': [statement({ ...GOOD_ZH, body: `${GOOD_ZH.body}此次事件是供应商的过失造成的。` }), statement(GOOD_ZH)],
      'COM-17': [email({ recipients: ['police'], subject: '律师工作成果', body: '律师工作成果。管理员密码是 Winter2026!' }), email({ recipients: ['police'], subject: '律师工作成果', body: '律师工作成果。入侵指标可应要求提供。' })],
    },
  },
};

function findings(codename: string, message: MessageDraft, rule: string) {
  const toTeam = message.recipients.every((r) => r === 'incident-room');
  const d = team(codename, !toTeam);
  d.do(d.state.clock, toTeam ? IC : DEPUTY, { type: 'message.send', message });
  return scoreDrill(d.compiled, d.entries).findings.filter((f) => f.rule === rule);
}

describe('L10N-C: communication rules on Japanese and Chinese messages', () => {
  for (const [locale, { codename, cases }] of Object.entries(LANGUAGES)) {
    for (const [rule, [broken, kept]] of Object.entries(cases)) {
      it(`L10N-C ${rule} (${locale}) fires on a message that breaks it`, () => {
        expect(findings(codename, broken, rule).some((f) => f.verdict !== 'met')).toBe(true);
      });
      it(`L10N-C ${rule} (${locale}) credits a message that keeps it`, () => {
        const found = findings(codename, kept, rule);
        expect(found.filter((f) => f.verdict !== 'met')).toEqual([]);
        expect(found.some((f) => f.verdict === 'met')).toBe(true);
      });
    }
  }
});
