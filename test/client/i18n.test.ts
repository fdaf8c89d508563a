import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import i18next from 'i18next';
import { CATALOGS, detectLocale, endReason, errorText, fmt, i18nOptions, initI18n, matchLocale, seatName, t } from '../../client/src/i18n/index.ts';
import { LOCALES } from '../../shared/i18n/locales.ts';

/*
 * The UI's message catalogs: complete in every locale, with the same placeholders, covering every
 * key the client asks for; and the language picked from the URL, the user's choice or the browser.
 */

type Flat = Record<string, string>;
const flatten = (catalog: object): Flat =>
  Object.fromEntries(Object.entries(catalog).flatMap(([group, entries]) => Object.entries(entries as Flat).map(([k, v]) => [`${group}.${k}`, v])));
const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

/** Strings that are the same in every language: acronyms and symbols. */
const UNTRANSLATED = new Set(['roles.ic', 'roles.sme', 'channel.sms', 'feed.action', 'feed.actionOn', 'feed.message', 'warRoom.offline', 'lead.you']);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

describe('L10N-U: UI message catalogs', () => {
  const en = flatten(CATALOGS.en);

  it('L10N-U1 ja and zh-CN have exactly the English keys, none empty', () => {
    for (const locale of LOCALES) {
      const flat = flatten(CATALOGS[locale]);
      expect(Object.keys(flat).sort(), locale).toEqual(Object.keys(en).sort());
      for (const [key, value] of Object.entries(flat)) expect(value.trim(), `${locale} ${key}`).not.toBe('');
    }
  });

  it('L10N-U2 every translation keeps the same {{placeholders}} as English', () => {
    for (const locale of LOCALES) {
      const flat = flatten(CATALOGS[locale]);
      for (const [key, value] of Object.entries(en)) expect(placeholders(flat[key] ?? ''), `${locale} ${key}`).toEqual(placeholders(value));
    }
  });

  it('L10N-U3 ja and zh-CN are translated, not copied (acronyms and pure formats aside)', () => {
    for (const locale of ['ja', 'zh-CN'] as const) {
      const flat = flatten(CATALOGS[locale]);
      const copied = Object.keys(en).filter((key) => !UNTRANSLATED.has(key) && flat[key] === en[key] && /[a-z]{3}/i.test(en[key] ?? ''));
      expect(copied, locale).toEqual([]);
    }
  });

  it('L10N-U4 every literal key the client asks for exists in the catalog', () => {
    const used = new Set<string>();
    for (const file of sourceFiles('client/src')) {
      for (const m of readFileSync(file, 'utf8').matchAll(/\bt\('([a-zA-Z]+\.[\w-]+)'/g)) used.add(m[1] ?? '');
    }
    expect(used.size).toBeGreaterThan(100);
    const missing = [...used].filter((key) => !(key in en) && !(`${key}_other` in en));
    expect(missing).toEqual([]);
  });

  it('L10N-U5 the language comes from ?lang=, then the stored choice, then the browser, else English', () => {
    expect(detectLocale('?lang=ja', 'zh-CN', ['en-GB'])).toBe('ja');
    expect(detectLocale('', 'zh-CN', ['ja-JP'])).toBe('zh-CN');
    expect(detectLocale('', null, ['fr-FR', 'ja-JP', 'en'])).toBe('ja');
    expect(detectLocale('?lang=xx', null, ['de'])).toBe('en');
  });

  it('L10N-U6 browser tags map to shipped locales; any Chinese tag falls back to zh-CN, unknown ones to nothing', () => {
    expect(matchLocale('ja-JP')).toBe('ja');
    expect(matchLocale('zh')).toBe('zh-CN');
    expect(matchLocale('zh-Hans-SG')).toBe('zh-CN');
    expect(matchLocale('zh-TW')).toBe('zh-CN');
    expect(matchLocale('en-US')).toBe('en');
    expect(matchLocale('fr')).toBeNull();
    expect(matchLocale('')).toBeNull();
  });

  it('L10N-U7 a key missing from a translation falls back to the English text, never to the key', async () => {
    const { comms: _dropped, ...partial } = CATALOGS.ja;
    const i18n = i18next.createInstance();
    await i18n.init(i18nOptions('ja', { en: CATALOGS.en, ja: partial }));
    expect(i18n.t('comms.send')).toBe(CATALOGS.en.comms.send);
    expect(i18n.t('comms.notSent', { reason: 'x' })).toBe('Not sent: x');
    expect(i18n.t('solo.start')).toBe(CATALOGS.ja.solo.start);
  });

  it('L10N-U8 seats, refusals, end reasons, numbers and durations in the chosen language', () => {
    initI18n('ja');
    expect(t('warRoom.youAre', { role: t('roles.scribe') })).toBe('あなたの役割：記録係');
    expect(seatName('scribe')).toBe('記録係');
    expect(seatName('sme-2')).toBe('SME 2');
    expect(seatName('engine')).toBe('engine');
    expect(errorText({ code: 'PAUSED', message: 'the drill is paused' })).toBe(CATALOGS.ja.errors.PAUSED);
    expect(errorText({ code: 'SOMETHING_NEW', message: 'raw' })).toBe('raw');
    expect(endReason('trainee finished')).toBe(CATALOGS.ja.solo.endReason);
    expect(endReason('power cut')).toBe('power cut');
    expect(fmt.duration(270_000)).toMatch(/^4\s?分\s?30\s?秒$/);
    expect(fmt.number(480_000)).toBe('480,000');

    initI18n('zh-CN');
    expect(seatName('deputy')).toBe(CATALOGS['zh-CN'].roles.deputy);
    expect(fmt.duration(90_000)).toMatch(/^1\s?分钟\s?30\s?秒$/);
    expect(fmt.decimal(0.5, 2)).toBe('0.50');

    initI18n('en');
    // English readers keep the engine's own, more specific message.
    expect(errorText({ code: 'PAUSED', message: 'the drill is paused; resume it first' })).toBe('the drill is paused; resume it first');
    expect(seatName('sme-1')).toBe('SME 1');
    expect(fmt.duration(45_000)).toBe('45 sec');
    expect(fmt.duration(0)).toBe('0 sec');
    expect(fmt.duration(270_000)).toBe('4 min, 30 sec');
  });
});
