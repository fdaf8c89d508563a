/** Locales the product ships. Scenario and runbook text is keyed by these. */
export const LOCALES = ['en', 'ja', 'zh-CN'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'en';

/** Player-facing text in one or more locales; English is always present and is the fallback. */
export type Localized = { en: string } & Partial<Record<Exclude<Locale, 'en'>, string>>;

/** Pick the text for a locale, falling back to English when a translation is missing. */
export function localize(text: Localized, locale: Locale): string {
  return text[locale] ?? text.en;
}
