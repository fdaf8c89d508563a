import i18next from 'i18next';
import { LOCALES, localize, type Locale, type Localized } from '../../../shared/i18n/locales.ts';
import { en } from './en.ts';
import { ja } from './ja.ts';
import { zhCN } from './zh-CN.ts';

/*
 * The UI's language. Catalogs are bundled (they are small), so i18next initialises synchronously
 * before anything renders. The language comes from ?lang=, then the user's earlier choice, then the
 * browser; switching reloads the page so every panel and the Phaser board redraw in it.
 */

export const CATALOGS = { en, ja, 'zh-CN': zhCN } as const;
const STORAGE_KEY = 'ttx-locale';

/**
 * Map a browser language tag to a shipped locale. Any Chinese tag goes to zh-CN, the one Chinese
 * catalog we ship: a Traditional-script reader is better served by Simplified Chinese than by
 * English. Anything else we do not ship falls back to English.
 */
export function matchLocale(tag: string | null | undefined): Locale | null {
  if (!tag) return null;
  const lower = tag.toLowerCase();
  if (lower === 'en' || lower.startsWith('en-')) return 'en';
  if (lower === 'ja' || lower.startsWith('ja-')) return 'ja';
  if (lower === 'zh' || lower.startsWith('zh-')) return 'zh-CN';
  return null;
}

/** The first of: ?lang=, a stored choice, the browser's languages; else English. */
export function detectLocale(search: string, stored: string | null, browser: readonly string[]): Locale {
  const fromQuery = matchLocale(new URLSearchParams(search).get('lang'));
  if (fromQuery) return fromQuery;
  const fromStore = matchLocale(stored);
  if (fromStore) return fromStore;
  for (const tag of browser) {
    const m = matchLocale(tag);
    if (m) return m;
  }
  return 'en';
}

function storedLocale(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

let current: Locale = 'en';

/** Initialise i18next; call once before rendering. */
export function initI18n(locale: Locale = detectLocale(location.search, storedLocale(), navigator.languages ?? [navigator.language])): Locale {
  current = locale;
  void i18next.init({
    lng: locale,
    fallbackLng: 'en',
    supportedLngs: [...LOCALES],
    resources: Object.fromEntries(LOCALES.map((l) => [l, { translation: CATALOGS[l] }])),
    initAsync: false,
    // Text goes into the DOM through textContent, never innerHTML, so i18next must not escape it.
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  document.documentElement.lang = locale;
  document.title = t('app.title');
  return locale;
}

export function locale(): Locale {
  return current;
}

/** A UI string by key, with {{placeholders}} filled in. */
export function t(key: string, values?: Record<string, string | number>): string {
  return i18next.t(key, values ?? {});
}

/** Scenario or runbook text in the UI's language (English when a translation is missing). */
export function loc(text: Localized): string {
  return localize(text, current);
}

/** Remember a choice of language and redraw everything in it. */
export function switchLocale(next: Locale): void {
  try {
    localStorage.setItem(STORAGE_KEY, next);
  } catch {
    /* storage unavailable: the query parameter still carries the choice */
  }
  const url = new URL(location.href);
  url.searchParams.set('lang', next);
  location.assign(url.toString());
}

/** Numbers, dates and durations in the UI's locale. */
export const fmt = {
  number: (n: number): string => new Intl.NumberFormat(current).format(n),
  dateTime: (ms: number): string => new Intl.DateTimeFormat(current, { dateStyle: 'medium', timeStyle: 'short' }).format(ms),
};
