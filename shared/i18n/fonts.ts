import type { Locale } from './locales.ts';

/** The font stack each translated locale's text reads best in; English reads in the page's default stack. */
export const LOCALE_FONTS: Record<Exclude<Locale, 'en'>, string> = {
  ja: '"Noto Sans CJK JP","Noto Sans JP","Hiragino Sans","Yu Gothic",Meiryo,system-ui,sans-serif',
  'zh-CN': '"Noto Sans CJK SC","Noto Sans SC","PingFang SC","Microsoft YaHei",system-ui,sans-serif',
};
