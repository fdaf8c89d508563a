import i18next, { type InitOptions } from 'i18next';
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

/**
 * The i18next settings: bundled catalogs, synchronous start, and English behind every other
 * language, so a key missing from a translation shows the English text rather than the key.
 */
export function i18nOptions(locale: Locale, resources: Partial<Record<Locale, object>> = CATALOGS): InitOptions {
  return {
    lng: locale,
    fallbackLng: 'en',
    supportedLngs: [...LOCALES],
    resources: Object.fromEntries(Object.entries(resources).map(([l, catalog]) => [l, { translation: catalog }])),
    initAsync: false,
    // Text goes into the DOM through textContent, never innerHTML, so i18next must not escape it.
    interpolation: { escapeValue: false },
    returnNull: false,
  };
}

/** Initialise i18next; call once before rendering. */
export function initI18n(locale: Locale = detectLocale(location.search, storedLocale(), navigator.languages ?? [navigator.language])): Locale {
  current = locale;
  void i18next.init(i18nOptions(locale));
  // Outside a page (unit tests) there is no document to label.
  if (typeof document !== 'undefined') {
    document.documentElement.lang = locale;
    document.title = t('app.title');
  }
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
  /** A number with exactly `digits` decimals ("0.42", "0,42"). */
  decimal: (n: number, digits: number): string => new Intl.NumberFormat(current, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(n),
  dateTime: (ms: number): string => new Intl.DateTimeFormat(current, { dateStyle: 'medium', timeStyle: 'short' }).format(ms),
  /**
   * A length of game time in words: "4 min, 30 sec" / "4 分 30 秒" / "4分钟30秒". Built from
   * Intl.NumberFormat units joined by Intl.ListFormat (Intl.DurationFormat is too new to rely on).
   */
  duration: (ms: number): string => {
    const total = Math.max(0, Math.round(ms / 1000));
    const minutes = Math.floor(total / 60);
    const seconds = total % 60;
    const unit = (value: number, u: 'minute' | 'second') => new Intl.NumberFormat(current, { style: 'unit', unit: u, unitDisplay: 'short' }).format(value);
    const parts = [...(minutes > 0 ? [unit(minutes, 'minute')] : []), ...(seconds > 0 || minutes === 0 ? [unit(seconds, 'second')] : [])];
    return new Intl.ListFormat(current, { type: 'unit', style: 'short' }).format(parts);
  },
};

/**
 * A seat as people call it: "ic" → "IC", "scribe" → "記録係", "sme-2" → "SME 2". Seats are
 * protocol identifiers; an unknown one is shown as it is.
 */
export function seatName(seat: string): string {
  const m = /^([a-z]+)(?:-(\d+))?$/.exec(seat);
  const role = m?.[1];
  if (!m || !role || !i18next.exists(`roles.${role}`)) return seat;
  return m[2] ? `${t(`roles.${role}`)} ${fmt.number(Number(m[2]))}` : t(`roles.${role}`);
}

/**
 * A refusal from the engine or the server, for the reader. The engine's messages are English and
 * name specifics, so English readers get them as they are; other languages get the catalog's
 * sentence for the error code (and the raw message only for a code the catalog does not know).
 */
export function errorText(error: { code: string; message: string }): string {
  if (current === 'en' || !i18next.exists(`errors.${error.code}`)) return error.message;
  return t(`errors.${error.code}`);
}

/** Why a drill ended: the client's own reasons are protocol text in English; show them translated. */
const END_REASONS: Record<string, string> = { 'trainee finished': 'solo.endReason', 'ended by the facilitator': 'facilitator.endReason' };
export function endReason(reason: string): string {
  const key = END_REASONS[reason];
  return key ? t(key) : reason;
}
