import { locale } from '../i18n/index.ts';

/**
 * A link within the game that keeps the reader's language: the language can come from `?lang=`
 * alone (a shared link), and a page opened from here must not fall back to the browser's.
 */
export function withLang(href: string): string {
  const url = new URL(href, location.href);
  url.searchParams.set('lang', locale());
  return url.origin === location.origin ? `${url.pathname}${url.search}${url.hash}` : url.toString();
}
