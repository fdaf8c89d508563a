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
const take = (action: string, detail?: string) => ({ type: 'action.take' as const, action, ...(detail ? { detail } : {}) });

/** Assembled, with a Japanese-style codename, analysed and (for publications) approved. */
function team(codename: string, approve: boolean): TestDrill {
  const d = new TestDrill(compiled).start();
  d.do(0, DEPUTY, take('page-ic'));
  d.do(0, IC, take('set-codename', codename));
  d.do(0, DEPUTY, take('open-private-channel'));
  d.do(min(1), SME, take('build-attack-timeline'));
  d.do(min(1), SME, take('identify-compromised-data'));
  if (approve) d.do(min(1), IC, take('approve-disclosure'));
  return d;
}

const base: MessageDraft = { channel: 'chat', recipients: ['soc'], subject: '', body: '', encrypted: false };
const statement = (m: Partial<MessageDraft>): MessageDraft => ({ ...base, channel: 'statement', audience: 'public', purpose: 'public-statement', ...m });

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
      'COM-2': [{ ...base, body: '顧客データベースの侵害はまだ続いている。' }, { ...base, body: '青鷺：次の手順はブリッジで。' }],
      'COM-3': [{ ...base, subject: '青鷺 状況', body: '青鷺：状況を更新。' }, { ...base, subject: '【弁護士業務成果物】青鷺', body: '青鷺：状況を更新。' }],
      'COM-4': [{ ...base, channel: 'email', recipients: ['ops@example.com'], subject: '弁護士業務成果物：データベースの侵害', body: '青鷺' }, { ...base, channel: 'email', recipients: ['ops@example.com'], subject: '【弁護士業務成果物】', body: '青鷺' }],
      'COM-6': [{ ...base, channel: 'sms', body: '顧客データが流出した。電話して。' }, { ...base, channel: 'sms', purpose: 'redirect', body: '至急ブリッジに参加してください' }],
      'COM-9': [statement({ ...GOOD_JA, subject: 'セキュリティインシデントに関するお知らせ' }), statement(GOOD_JA)],
      'COM-10': [statement({ ...GOOD_JA, body: `${GOOD_JA.body}当社はセキュリティを非常に真剣に受け止めています。` }), statement(GOOD_JA)],
      'COM-11': [statement({ ...GOOD_JA, body: '影響を受けた情報：お客様の氏名とメールアドレス。パスワードを変更してください。' }), statement(GOOD_JA)],
      'COM-12': [statement({ ...GOOD_JA, body: '経緯：11月22日 21時02分に検知しました。パスワードを変更してください。' }), statement(GOOD_JA)],
      'COM-13': [statement({ ...GOOD_JA, body: '経緯：11月22日 21時02分に検知しました。影響を受けた情報：お客様の氏名。' }), statement(GOOD_JA)],
      'COM-14': [statement({ ...GOOD_JA, body: `${GOOD_JA.body}今回の件は委託先の過失によるものです。` }), statement(GOOD_JA)],
    },
  },
  'zh-CN': {
    codename: '青鹭',
    cases: {
      'COM-2': [{ ...base, body: '客户数据库的入侵仍在继续。' }, { ...base, body: '青鹭：下一步在电话会议上说。' }],
      'COM-3': [{ ...base, subject: '青鹭 进展', body: '青鹭：进展更新。' }, { ...base, subject: '【律师工作成果】青鹭', body: '青鹭：进展更新。' }],
      'COM-4': [{ ...base, channel: 'email', recipients: ['ops@example.com'], subject: '律师工作成果：数据库被入侵', body: '青鹭' }, { ...base, channel: 'email', recipients: ['ops@example.com'], subject: '【律师工作成果】', body: '青鹭' }],
      'COM-6': [{ ...base, channel: 'sms', body: '客户数据泄露了，给我回电话。' }, { ...base, channel: 'sms', purpose: 'redirect', body: '请马上加入电话会议' }],
      'COM-9': [statement({ ...GOOD_ZH, subject: '安全事件公告' }), statement(GOOD_ZH)],
      'COM-10': [statement({ ...GOOD_ZH, body: `${GOOD_ZH.body}我们非常重视安全。` }), statement(GOOD_ZH)],
      'COM-11': [statement({ ...GOOD_ZH, body: '受影响的数据：客户姓名和邮箱。请您重置密码。' }), statement(GOOD_ZH)],
      'COM-12': [statement({ ...GOOD_ZH, body: '时间线：11月22日21时02分发现。请您重置密码。' }), statement(GOOD_ZH)],
      'COM-13': [statement({ ...GOOD_ZH, body: '时间线：11月22日21时02分发现。受影响的数据：客户姓名。' }), statement(GOOD_ZH)],
      'COM-14': [statement({ ...GOOD_ZH, body: `${GOOD_ZH.body}此次事件是供应商的过失造成的。` }), statement(GOOD_ZH)],
    },
  },
};

function findings(codename: string, message: MessageDraft, rule: string) {
  const d = team(codename, message.audience !== 'team');
  const sender = message.audience === 'team' ? IC : DEPUTY;
  d.do(min(2), sender, { type: 'message.send', message });
  return scoreDrill(d.compiled, d.entries).findings.filter((f) => f.rule === rule);
}

describe('L10N-C: communication rules on Japanese and Chinese messages', () => {
  for (const [locale, { codename, cases }] of Object.entries(LANGUAGES)) {
    for (const [rule, [broken, kept]] of Object.entries(cases)) {
      it(`L10N-C ${rule} (${locale}) fires on a message that breaks it`, () => {
        expect(findings(codename, broken, rule).some((f) => f.points < 0)).toBe(true);
      });
      it(`L10N-C ${rule} (${locale}) credits a message that keeps it`, () => {
        const found = findings(codename, kept, rule);
        expect(found.filter((f) => f.points < 0)).toEqual([]);
        expect(found.some((f) => f.points > 0)).toBe(true);
      });
    }
  }
});
