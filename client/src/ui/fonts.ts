import type { Locale } from '../../../shared/i18n/locales.ts';

/*
 * Font stacks per language. Japanese and Chinese share code points but not glyph shapes, so each
 * puts its own CJK family first; English keeps the system UI font with CJK families behind it so
 * a Japanese asset name in an English UI still renders. The same stacks serve HTML (styles.css,
 * by :lang) and the Phaser board, whose canvas text takes a CSS font-family list.
 */
const CJK_JP = '"Noto Sans CJK JP", "Noto Sans JP", "Hiragino Sans", "Hiragino Kaku Gothic ProN", "Yu Gothic", Meiryo';
const CJK_SC = '"Noto Sans CJK SC", "Noto Sans SC", "PingFang SC", "Microsoft YaHei", "Source Han Sans SC"';

export const FONT_STACKS: Record<Locale, string> = {
  en: `system-ui, -apple-system, "Segoe UI", "Noto Sans", ${CJK_JP}, ${CJK_SC}, sans-serif`,
  ja: `${CJK_JP}, system-ui, "Noto Sans", ${CJK_SC}, sans-serif`,
  'zh-CN': `${CJK_SC}, system-ui, "Noto Sans", ${CJK_JP}, sans-serif`,
};

export const MONO_STACK = 'ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace';
