import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import i18next from 'i18next';
import { CATALOGS, detectLocale, endReason, errorText, fmt, i18nOptions, initI18n, matchLocale, seatName, t } from '../../client/src/i18n/index.ts';
import { LOCALES } from '../../shared/i18n/locales.ts';
import { AUDIENCES, CHANNELS, ERROR_CODES, STATEMENT_KINDS } from '../../shared/engine/types.ts';
import { ERROR, CLIENT_ERROR } from '../../shared/protocol/index.ts';
import { KNOWLEDGE_LEVELS, ORGS, TRUTH_KINDS } from '../../shared/scenario/schema.ts';
import { OODA_PHASES, ROLES } from '../../shared/runbook/types.ts';
import { SHOWN_FLAGS } from '../../client/src/game/board-model.ts';
import { SEVERITY_LEVELS } from '../../client/src/ui/availability.ts';

/*
 * The UI's message catalogs: complete in every locale, with the same placeholders, covering every
 * key the client asks for; and the language picked from the URL, the user's choice or the browser.
 */

type Flat = Record<string, string>;
const flatten = (catalog: object): Flat =>
  Object.fromEntries(Object.entries(catalog).flatMap(([group, entries]) => Object.entries(entries as Flat).map(([k, v]) => [`${group}.${k}`, v])));
const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

/** Strings that are the same in every language: acronyms and symbols. */
const UNTRANSLATED = new Set(['roles.ic', 'roles.sme', 'channel.sms', 'feed.message', 'warRoom.offline', 'fact.event', 'fact.other', 'actions.step', 'comms.line', 'team.taskLine']);

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

  it('L10N-U9 every catalog key written anywhere in the client exists, including those picked by a condition', () => {
    const groups = Object.keys(CATALOGS.en).join('|');
    // Event and command types ('knowledge.learned', 'timeline.add') share a few group names; they follow `case`, `type:` or `===`.
    const quoted = new RegExp(`(?<!case |type: |=== )'((?:${groups})\\.[\\w-]+)'`, 'g');
    const used = new Set<string>();
    for (const file of sourceFiles('client/src')) {
      if (file.includes('/i18n/')) continue;
      for (const m of readFileSync(file, 'utf8').matchAll(quoted)) used.add(m[1] ?? '');
    }
    expect(used.size).toBeGreaterThan(300);
    expect([...used].filter((key) => !(key in en) && !(`${key}_other` in en))).toEqual([]);
  });

  it('L10N-U10 every family of keys the client builds from a value has a text for every value', () => {
    const families: [string, readonly string[]][] = [
      ['knowledge', KNOWLEDGE_LEVELS],
      ['flag', [...SHOWN_FLAGS, 'imaged', 'imageSecured']],
      ['truthKind', TRUTH_KINDS],
      ['org', [...ORGS, 'outside']],
      ['audience', AUDIENCES],
      ['channel', CHANNELS],
      ['statementKind', STATEMENT_KINDS],
      ['roles', ROLES],
      ['lifecycle', ['briefing', 'running', 'paused', 'ended']],
      ['taskStatus', ['open', 'working', 'done', 'failed']],
      ['ooda', OODA_PHASES],
      ['oodaHint', OODA_PHASES],
      ['severity', ['info', 'warning', 'critical', ...SEVERITY_LEVELS]],
      ['criticality', ['low', 'medium', 'high', 'critical']],
      ['fallbackKind', ['wipe', 'ransomware', 'dump', 'speedup', 'spread']],
      ['errors', [...ERROR_CODES, ...Object.values(ERROR), ...Object.values(CLIENT_ERROR)]],
      ['why', ['notStarted', 'paused', 'ended', 'busy', 'assigning', 'running', 'done', 'notYourRole', 'needsTarget', 'destroyed', 'memoryGone', 'noBackup', 'nothingToAnalyse', 'unknown']],
      ['feed', ['work_success', 'work_partial', 'work_failed']],
      ['fact', ['causeIs', 'actorIs', 'insiderReal', 'insiderRuledOut', 'eventOnAt', 'eventOn', 'eventAt']],
    ];
    const missing = families.flatMap(([group, values]) => values.map((v) => `${group}.${v}`)).filter((key) => !(key in en));
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
    expect(i18n.t('pace.start')).toBe(CATALOGS.ja.pace.start);
  });

  it('L10N-U8 seats, refusals, end reasons, numbers and durations in the chosen language', () => {
    initI18n('ja');
    expect(t('warRoom.youAre', { role: t('roles.scribe') })).toBe('あなたの役割：記録係');
    expect(seatName('scribe')).toBe('記録係');
    expect(seatName('sme-2')).toBe('専門家 2');
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
