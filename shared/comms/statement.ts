import { containsAny, normalize, normalizeAll } from './normalize.ts';

/*
 * Checks on a public statement or customer notice: a date in the title, no stock phrase about
 * taking security seriously, a timeline, the data affected, what customers should do, and no
 * blaming of outside parties. Each works on English, Japanese and Chinese text.
 */

const MONTHS = 'jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sep(t(ember)?)?|oct(ober)?|nov(ember)?|dec(ember)?';
const DATE_PATTERNS: readonly RegExp[] = [
  /\b\d{4}[-/.]\d{1,2}[-/.]\d{1,2}\b/, // 2026-11-22, 2026/11/22
  /\b\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}\b/, // 11/22/2026, 22.11.2026
  new RegExp(`\\b\\d{1,2}(st|nd|rd|th)? (${MONTHS}),? \\d{4}\\b`), // 22 Nov 2026
  new RegExp(`\\b(${MONTHS}) \\d{1,2}(st|nd|rd|th)?,? \\d{4}\\b`), // November 22, 2026
  /\d{1,4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日/, // 2026年11月22日, 令和8年11月22日
  /\d{1,2}\s*月\s*\d{1,2}\s*日/, // 11月22日
  /[〇零一二三四五六七八九十]{2,4}年[〇零一二三四五六七八九十]{1,3}月[〇零一二三四五六七八九十]{1,3}日/, // 二〇二六年十一月二十二日
];

export function hasDateInTitle(title: string): boolean {
  const t = normalize(title);
  return DATE_PATTERNS.some((p) => p.test(t));
}

const CLICHES = [
  'take security very seriously',
  'take your security very seriously',
  'take security seriously',
  'take your security seriously',
  'take your privacy seriously',
  'take privacy and security seriously',
  'security is our top priority',
  'security is our highest priority',
  'セキュリティを非常に真剣に',
  'セキュリティを真剣に',
  'セキュリティを最優先',
  'セキュリティを重く受け止め',
  '非常重视安全',
  '高度重视安全',
  '非常重视您的安全',
  '安全是我们的首要任务',
  '安全是我们的重中之重',
];

export function containsSecurityCliche(text: string): boolean {
  return containsAny(text, CLICHES);
}

const BLAME = ['fault', 'blame', 'negligen', 'caused by', 'failed to', 'failure of', 'responsible for this', 'their mistake', '責任', '過失', 'せい', '不手際', '责任', '过失', '归咎', '疏忽', '失职', '过错'];

/** Names and shames an outside party: a party name near blame words, or blame aimed at a vendor/partner. */
export function blamesOthers(text: string, partyNames: readonly string[] = []): boolean {
  const t = normalize(text);
  const parties = [...normalizeAll(partyNames), 'vendor', 'supplier', 'partner', 'contractor', 'provider', 'ベンダー', '委託先', '業者', '供应商', '合作伙伴', '服务商', '承包商'];
  const sentences = t.split(/[.!?。！？\n]/);
  return sentences.some((s) => parties.some((p) => p && s.includes(p)) && BLAME.some((b) => s.includes(b)) && !/\b(we|our)\b[^.]*\b(fault|responsib)/.test(s));
}

const TIMELINE = [/\b\d{1,2}:\d{2}\b/, /\btimeline\b/, /\b(on|at|since|between|from) (the )?\d/, /\b(first detected|detected on|began on|started on)\b/, /時系列|経緯|タイムライン|\d+時\d*分?/, /时间线|时间表|经过|\d+时\d*分?|\d+点/];
export function describesTimeline(text: string): boolean {
  const t = normalize(text);
  return TIMELINE.some((p) => p.test(t));
}

// Words that say which data was exposed. Passwords are left out on purpose: "reset your password" is a customer action, not a description of the data.
const DATA_WORDS = ['personal data', 'personal information', 'email address', 'names', 'postal address', 'phone number', 'payment', 'card number', 'records', 'data affected', 'order history', '個人情報', 'メールアドレス', '氏名', '住所', '電話番号', '個人データ', '个人信息', '邮箱', '电子邮件地址', '姓名', '地址', '电话号码', '受影响的数据'];
const NO_TERMS: readonly string[] = [];
/** The words for a scenario's data stores with DATA_WORDS, one list per scenario's terms (containsAny keeps its expression with it). */
const dataWordsOf = new WeakMap<readonly string[], string[]>();
export function describesAffectedData(text: string, dataTerms: readonly string[] = NO_TERMS): boolean {
  let words = dataWordsOf.get(dataTerms);
  if (!words) {
    words = [...normalizeAll(dataTerms).filter((d) => d.length > 1), ...DATA_WORDS];
    dataWordsOf.set(dataTerms, words);
  }
  return containsAny(text, words);
}

const CUSTOMER_ACTIONS = ['reset your password', 'change your password', 'reset their password', 'enable multi-factor', 'enable two-factor', 'enable 2fa', 'enable mfa', 'turn on two-factor', 'rotate your api key', 'watch for phishing', 'be wary of phishing', 'beware of phishing', 'パスワードを変更', 'パスワードのリセット', 'パスワードを再設定', '二要素認証', '多要素認証', 'フィッシング', '重置密码', '修改密码', '更改密码', '双重验证', '多因素认证', '两步验证', '钓鱼'];
export function givesCustomerActions(text: string): boolean {
  return containsAny(text, CUSTOMER_ACTIONS);
}
