import { LOCALES, type Locale } from '../../../shared/i18n/locales.ts';
import { locale, switchLocale, t } from '../i18n/index.ts';
import { h } from './dom.ts';

/** Each language named in itself, so a reader finds theirs whatever the page is in now. */
const NATIVE_NAMES: Record<Locale, string> = { en: 'English', ja: '日本語', 'zh-CN': '简体中文' };

/*
 * Switching reloads the page. A multiplayer seat rejoins where it was; a solo drill lives only in
 * this page and starts again, so the solo route installs a guard that asks first.
 */
let guard: () => boolean = () => true;
export function setSwitchGuard(fn: () => boolean): void {
  guard = fn;
}

/** A labelled <select> of the shipped languages; choosing one redraws the page in it. */
export function languageSwitcher(): HTMLElement {
  const select = h('select', { id: 'language', 'aria-label': t('app.language') }, ...LOCALES.map((l) => h('option', { value: l, lang: l, selected: l === locale() }, NATIVE_NAMES[l])));
  select.addEventListener('change', () => {
    if (guard()) switchLocale(select.value as Locale);
    else select.value = locale();
  });
  return h('span', { class: 'language' }, h('label', { for: 'language' }, `${t('app.language')} `), select);
}
