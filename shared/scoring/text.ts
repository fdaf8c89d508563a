import type { Localized } from '../i18n/locales.ts';
import type { Channel, MessageAudience, MessagePurpose } from '../engine/types.ts';

/*
 * What scoring says, in every locale the product ships. Rules build their titles and finding
 * messages with `t(en, ja, zh)`, so a report can be read in any language whatever language the
 * drill was played in. Words rules interpolate (channels, audiences, purposes) live here too.
 */

/** Rule text in all three locales; TypeScript makes a rule author write every one. */
export type RuleText = Required<Localized>;

export const t = (en: string, ja: string, zh: string): RuleText => ({ en, ja, 'zh-CN': zh });

/** Pick one locale of several localized values at once (for interpolating titles into a sentence). */
export const pick = (text: Localized, locale: keyof RuleText): string => text[locale] ?? text.en;

export const CHANNEL_WORDS: Record<Channel, RuleText> = {
  voice: t('voice', '音声', '语音'),
  chat: t('chat', 'チャット', '聊天'),
  email: t('email', 'メール', '邮件'),
  sms: t('SMS', 'SMS', '短信'),
  statement: t('publication', '公表', '公开发布'),
};

export const AUDIENCE_WORDS: Record<MessageAudience, RuleText> = {
  team: t('the response team', '対応チーム', '响应团队'),
  internal: t('the company', '社内', '公司内部'),
  external: t('outside parties', '社外の関係者', '外部相关方'),
  customers: t('customers', '顧客', '客户'),
  public: t('the public', '一般向け', '公众'),
};

export const PURPOSE_WORDS: Record<MessagePurpose, RuleText> = {
  discussion: t('message', 'メッセージ', '消息'),
  redirect: t('channel redirect', 'チャンネル誘導', '频道引导'),
  'internal-announcement': t('internal announcement', '社内告知', '内部公告'),
  'external-contact': t('message to an outside party', '社外への連絡', '对外联络'),
  'customer-notice': t('customer notice', '顧客向け通知', '客户通知'),
  'public-statement': t('public statement', '公開声明', '公开声明'),
};

/**
 * A Latin word (SMS, an asset id) set into Japanese or Chinese running text gets a space on each
 * side, as the rest of the catalog writes "IC が"; words in the script of the sentence do not.
 */
export const spaced = (word: string): string => (/^[\x20-\x7e]+$/.test(word) ? ` ${word} ` : word);

/** A list in each language's own way: "a, b and c" / "a、b、c" / "a、b、c". */
export function listOf(items: readonly string[], locale: keyof RuleText, conjunction: 'and' | 'or' = 'and'): string {
  if (locale !== 'en') return items.join('、');
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${conjunction} ${items.at(-1)}`;
}
