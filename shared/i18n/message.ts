import { LOCALES, type Locale, type Localized } from './locales.ts';
import { CATALOGS, type MessageKey } from './catalogs/index.ts';

/*
 * Text the product words itself (findings, rule titles, runbook text, report labels) is held as a
 * message: a catalog key and its parameters. Each locale has one catalog of templates keyed by id
 * (./catalogs/), so adding a language means adding a catalog, not editing the code that produces
 * messages. Parameters are rendered in the reader's locale too: a Localized value picks its locale,
 * a nested message is rendered from its own key, a list is joined the locale's way, a game time
 * reads T+mm:ss, and a duration (a delay, a target) reads in the catalog's words for minutes and
 * seconds.
 */

export type MsgParam =
  | string
  | number
  | Localized
  | Msg
  | { list: readonly MsgParam[]; conj?: 'and' | 'or' }
  | { gameTime: number }
  | { duration: number }
  | { count: number };

export interface Msg {
  key: MessageKey;
  params?: Readonly<Record<string, MsgParam>>;
}

export const msg = (key: MessageKey, params?: Record<string, MsgParam>): Msg => (params ? { key, params } : { key });

/** A key built at run time (a numbered step), checked against the English catalog so a wrong one fails where it is built. */
export function catalogKey(key: string): MessageKey {
  if (!Object.hasOwn(CATALOGS.en, key)) throw new Error(`No catalog has the key "${key}"`);
  return key as MessageKey;
}

const isMsg = (p: object): p is Msg => 'key' in p;
const isLocalized = (p: object): p is Localized => 'en' in p;

/** Game time as players read it: T+12:05, or T-40:00 for before the drill began. */
export function gameTimeText(ms: number): string {
  const sign = ms < 0 ? '-' : '+';
  const abs = Math.abs(ms);
  return `T${sign}${Math.floor(abs / 60_000)}:${String(Math.floor((abs % 60_000) / 1000)).padStart(2, '0')}`;
}

/** A span of game time as a message: whole minutes, with seconds only when there are some. */
function durationMsg(ms: number): Msg {
  const seconds = Math.round(Math.abs(ms) / 1000);
  const minutes = Math.floor(seconds / 60);
  return seconds % 60 === 0 ? msg('duration.minutes', { minutes }) : msg('duration.minutesSeconds', { minutes, seconds: seconds % 60 });
}

function param(p: MsgParam, locale: Locale): string {
  if (typeof p === 'string') return p;
  if (typeof p === 'number') return p.toLocaleString('en-US');
  if ('gameTime' in p) return gameTimeText(p.gameTime);
  if ('duration' in p) return renderMsg(durationMsg(p.duration), locale);
  if ('count' in p) return p.count.toLocaleString('en-US');
  if ('list' in p) {
    const items = p.list.map((x) => param(x, locale));
    if (items.length <= 1) return items.join('');
    const head = items.slice(0, -1).join(CATALOGS[locale]['list.separator']);
    return renderMsg(msg(p.conj === 'or' ? 'list.or' : 'list.and', { items: head, last: items.at(-1)! }), locale);
  }
  if (isMsg(p)) return renderMsg(p, locale);
  if (isLocalized(p)) return p[locale] ?? p.en;
  return '';
}

/** A message in one locale. Every catalog is complete (the type requires it); English stands in only for a key that is not one. */
export function renderMsg(m: Msg, locale: Locale): string {
  const template = CATALOGS[locale][m.key] ?? CATALOGS.en[m.key];
  return template.replace(/\{([a-zA-Z0-9]+)\}/g, (whole, name: string) => {
    const value = m.params?.[name];
    return value === undefined ? whole : param(value, locale);
  });
}

/** A message in every locale, for places that carry all of them (reports rendered later in any language). */
export function localizeMsg(m: Msg): Localized {
  const out: Localized = { en: renderMsg(m, 'en') };
  for (const locale of LOCALES) if (locale !== 'en') out[locale] = renderMsg(m, locale);
  return out;
}

/** A catalog text in every locale, for data that carries a `Localized` (runbook titles, texts the engine logs). */
export const localized = (key: MessageKey, params?: Record<string, MsgParam>): Localized => localizeMsg(msg(key, params));
