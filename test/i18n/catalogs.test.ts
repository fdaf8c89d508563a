import { describe, expect, it } from 'vitest';
import { CATALOGS, type MessageKey } from '../../shared/i18n/catalogs/index.ts';
import { LOCALES, type Locale } from '../../shared/i18n/locales.ts';
import { msg, renderMsg, type MsgParam } from '../../shared/i18n/message.ts';
import { RULES } from '../../shared/scoring/index.ts';
import { localTimeText } from '../../shared/engine/truth.ts';
import { reportLabels } from '../../shared/report/labels.ts';
import { drill } from '../../shared/i18n/catalogs/en/drill.ts';
import { report } from '../../shared/i18n/catalogs/en/report.ts';
import { runbook } from '../../shared/i18n/catalogs/en/runbook.ts';
import { scoring } from '../../shared/i18n/catalogs/en/scoring.ts';

/*
 * The catalogs of the text the product words itself (rule titles, findings and the words set inside
 * them, the runbook's words, the report's labels, what the engine logs): every locale carries every
 * English key with the same placeholders, is really translated, and renders completely, in its own
 * typography, with parameters rendered in the reader's language.
 */

const EN = CATALOGS.en;
const KEYS = Object.keys(EN) as MessageKey[];
const TRANSLATED = LOCALES.filter((l): l is Exclude<Locale, 'en'> => l !== 'en');
const placeholders = (text: string) => [...text.matchAll(/\{([a-zA-Z0-9]+)\}/g)].map((m) => m[1]!).sort();
const UNFILLED = /\{[a-zA-Z0-9]+\}/;
const KANA = /[\u3040-\u30ff]/;
const HAN = /[\u3400-\u9fff]/;
/** Words no translated sentence has once every parameter is given in the reader's language. */
const ENGLISH_WORDS = /\b(the|was|were|and|or|before|after|with|not)\b/i;

/** Symbols every language writes alike: the number column's header and the score's scale. */
const SYMBOLS: Partial<Record<MessageKey, string>> = {
  'report.narrativeHeaders.number': 'the number sign heads a column of numbers',
  'report.stepHeaders.number': 'the number sign heads a column of numbers',
  'report.findingHeaders.number': 'the number sign heads a column of numbers',
  'report.outOf100': 'a slash and a number',
};

/** Texts a locale writes exactly as English does, each with the reason. */
const SAME_AS_ENGLISH: Record<Exclude<Locale, 'en'>, Partial<Record<MessageKey, string>>> = {
  ja: {
    ...SYMBOLS,
    'channel.sms': 'Japanese writes SMS in Latin letters, as the Japanese checklist does',
    'report.channels.sms': 'Japanese writes SMS in Latin letters, as the Japanese checklist does',
  },
  'zh-CN': { ...SYMBOLS, 'report.quote': 'Chinese quotes with the same curly marks English uses' },
};

/** Words set inside other sentences: no closing punctuation, and no 、 (which joins them in lists). */
const FRAGMENT = /^(channel|role|level|evidence\.cause|claim|secret|milestone|duty|duration)\./;

const L = (en: string, ja: string, zh: string): MsgParam => ({ en, ja, 'zh-CN': zh });

/** A sample for every parameter a rule title or finding names, typed as the rules pass it. */
const SAMPLES: Record<string, MsgParam> = {
  time: { gameTime: 754_000 },
  due: { gameTime: 660_000 },
  logged: { gameTime: -1_560_000 },
  real: { gameTime: -1_500_000 },
  delay: { duration: 150_000 },
  target: { duration: 300_000 },
  asset: L('Checkout node app-2', '決済ノード app-2', '结账节点 app-2'),
  action: L('Reboot the host', 'ホストを再起動する', '重启主机'),
  channel: msg('channel.email'),
  level: msg('level.cleared'),
  cause: msg('evidence.cause.work', { action: L('Terminate or delete the instance', 'インスタンスを終了または削除する', '终止或删除实例') }),
  role: msg('role.deputy'),
  owners: { list: [msg('role.sme'), msg('role.ic')], conj: 'or' },
  missing: { list: [msg('milestone.entry'), msg('milestone.data'), msg('duty.regulator')], conj: 'or' },
  problems: { list: [msg('claim.speculation', { claim: msg('claim.data') }), msg('claim.misinformation', { claim: msg('claim.records') }), msg('claim.promise')] },
  secret: msg('secret.internal-system'),
  count: { count: 12 },
  done: { count: 2 },
  of: { count: 7 },
  lost: { count: 61_460 },
  percent: 13,
  units: 134,
  codename: 'sapphire-unicorn',
  subject: 'Breach!!',
  inject: L('The CEO wants an update', 'CEO が状況報告を求めている', 'CEO 要求汇报进展'),
  option: L('Post a full statement now', '今すぐ詳しい声明を出す', '立即发布完整声明'),
  why: L('Public statements wait for facts.', '公表は事実が判明してから。', '公开声明要等事实查明后再发。'),
  event: L('The egress alert fires', '外向き通信のアラートが発報', '出站流量告警触发'),
  seat: 'sme-1',
};

const isFinding = (key: string) => /^[A-Z]+-\d+\.[a-zA-Z]+$/.test(key);
const sampleFor = (key: MessageKey) => msg(key, Object.fromEntries(placeholders(EN[key]).map((p) => [p, SAMPLES[p]!])));

describe('I18N: message catalogs', () => {
  it('I18N1 every locale has exactly the English keys, none empty', () => {
    for (const locale of LOCALES) {
      expect(Object.keys(CATALOGS[locale]).sort(), locale).toEqual([...KEYS].sort());
      for (const key of KEYS) expect(CATALOGS[locale][key].trim(), `${locale} ${key}`).not.toBe('');
    }
  });

  it('I18N14 the catalog parts (scoring, runbook, report, drill) share no key, so none hides another', () => {
    const parts = [scoring, runbook, report, drill].map((part) => Object.keys(part));
    expect(parts.flat().length).toBe(KEYS.length);
    expect(new Set(parts.flat()).size).toBe(KEYS.length);
  });

  it('I18N2 every translation has each English placeholder as often as English does, and no other', () => {
    for (const locale of TRANSLATED) {
      for (const key of KEYS) expect(placeholders(CATALOGS[locale][key]), `${locale} ${key}`).toEqual(placeholders(EN[key]));
    }
  });

  it('I18N3 no translation is a copy of the English, except the listed ones', () => {
    for (const locale of TRANSLATED) {
      const copied = KEYS.filter((key) => CATALOGS[locale][key] === EN[key]);
      expect(copied.sort(), locale).toEqual(Object.keys(SAME_AS_ENGLISH[locale]).sort());
    }
  });

  it('I18N4 every rule title and finding renders in ja and zh-CN with nothing left unfilled and nothing in English', () => {
    const findings = KEYS.filter(isFinding);
    const named = new Set([...findings, ...RULES.map((r) => r.title.key)].flatMap((key) => placeholders(EN[key])));
    expect([...named].filter((p) => !(p in SAMPLES)), 'parameters without a sample').toEqual([]);
    expect(RULES.filter((r) => !findings.some((key) => key.startsWith(`${r.id}.`))).map((r) => r.id), 'rules without findings').toEqual([]);

    const messages = [...RULES.map((r) => r.title), ...findings.map(sampleFor)];
    for (const locale of TRANSLATED) {
      for (const m of messages) {
        const text = renderMsg(m, locale);
        const where = `${locale} ${m.key}: ${text}`;
        expect(text, where).not.toMatch(UNFILLED);
        expect(text, where).not.toMatch(ENGLISH_WORDS);
        if (locale === 'ja') expect(text, where).toMatch(KANA);
        else expect(text, where).not.toMatch(KANA);
      }
    }
  });

  it('I18N5 words set inside other sentences carry no closing punctuation and no list separator', () => {
    for (const locale of LOCALES) {
      for (const key of KEYS.filter((k) => FRAGMENT.test(k))) {
        const text = CATALOGS[locale][key];
        expect(text, `${locale} ${key}`).not.toMatch(/[.。．!！?？]$/);
        if (locale !== 'en') expect(text, `${locale} ${key}`).not.toContain('、');
      }
    }
  });

  it('I18N6 ja and zh-CN use their own quotation marks and full stops, and zh-CN no kana', () => {
    for (const locale of TRANSLATED) {
      for (const key of KEYS) {
        const text = CATALOGS[locale][key];
        expect(text, `${locale} ${key}`).not.toMatch(/["']/);
        expect(text, `${locale} ${key}`).not.toMatch(/[^.]\.$/);
        if (locale === 'zh-CN') expect(text, key).not.toMatch(KANA);
      }
    }
  });

  it('I18N11 every text is written in its language: ja in kana or han, zh-CN in han without kana, neither with English sentence words', () => {
    for (const locale of TRANSLATED) {
      for (const key of KEYS) {
        const words = CATALOGS[locale][key].replace(/\{[a-zA-Z0-9]+\}/g, '');
        // Symbols and punctuation around parameters ("（{text}）", "#") have no words to check.
        if (key in SAME_AS_ENGLISH[locale] || !/\p{L}/u.test(words)) continue;
        expect(words, `${locale} ${key}`).not.toMatch(ENGLISH_WORDS);
        if (locale === 'ja') expect(words, `${locale} ${key}`).toMatch(new RegExp(`${KANA.source}|${HAN.source}`));
        else expect(words, `${locale} ${key}`).toMatch(HAN);
        if (locale === 'zh-CN') expect(words, `${locale} ${key}`).not.toMatch(KANA);
      }
    }
  });

  it('I18N12 each report label renders its own catalog text with exactly the parameters that text names, and every report text has a label', () => {
    const used = new Map<string, string[]>();
    const labels = reportLabels((m) => {
      used.set(m.key, Object.keys(m.params ?? {}).sort());
      return m.key;
    });
    const call = (value: unknown): void => {
      if (typeof value === 'function') {
        value('1', '2', '3', '4');
        value(false);
      } else if (typeof value === 'object' && value !== null) Object.values(value).forEach(call);
    };
    call(labels);
    for (const [key, params] of used) expect(params, key).toEqual(placeholders(EN[key as MessageKey]));
    expect([...used.keys()].sort()).toEqual(KEYS.filter((k) => k.startsWith('report.')).sort());
  });

  it('I18N7 a duration reads as minutes (and seconds when there are some) in each language, not as a clock time', () => {
    const delay = (ms: number, locale: Locale) => renderMsg(msg('TIM-2.met', { delay: { duration: ms }, target: { duration: 1_500_000 } }), locale);
    expect(delay(420_000, 'en')).toBe('The attack was contained 7 min after the first alert (target 25 min).');
    expect(delay(1_230_000, 'en')).toContain('20 min 30 s');
    expect(delay(420_000, 'ja')).toContain('7 分後');
    expect(delay(1_230_000, 'ja')).toContain('20 分 30 秒後');
    expect(delay(420_000, 'zh-CN')).toContain('7 分钟后');
    expect(delay(1_230_000, 'zh-CN')).toContain('20 分 30 秒后');
    for (const locale of LOCALES) expect(delay(420_000, locale)).not.toContain('T+');
  });

  it('I18N15 a list reads the language\'s way: English with commas and its conjunction, ja and zh-CN with 、', () => {
    const owners = (list: MsgParam[], locale: Locale) => renderMsg(msg('ROL-2.missed', { action: 'x', role: msg('role.scribe'), time: { gameTime: 0 }, owners: { list, conj: 'or' } }), locale);
    const three = [msg('role.sme'), msg('role.deputy'), msg('role.ic')];
    expect(owners(three, 'en')).toContain('it belongs to an SME, the deputy or the IC.');
    expect(owners(three.slice(0, 1), 'en')).toContain('it belongs to an SME.');
    expect(renderMsg(msg('COM-0.partly', { done: { count: 1 }, of: { count: 3 }, missing: { list: [msg('duty.team'), msg('duty.company')] } }), 'en')).toContain(
      'missing: coordinate the response team and tell the company once an insider was ruled out.',
    );
    expect(owners(three, 'ja')).toContain('専門家、副指揮官、インシデントコマンダー');
    expect(owners(three, 'zh-CN')).toContain('领域专家、副指挥、事件指挥官');
  });

  it('I18N8 a true event\'s time names its day when it is not the drill\'s own, in each language', () => {
    // The drill starts at 21:22: minute 30 is 21:52 that day, minute 180 00:22 the next day.
    expect(localTimeText('21:22', 30, 'en')).toBe('21:52');
    expect(localTimeText('21:22', 180, 'en')).toBe('00:22 the next day');
    expect(localTimeText('09:40', -600, 'en')).toBe('23:40 the day before');
    expect(localTimeText('09:40', -27_360, 'en')).toBe('09:40, 19 days before');
    expect(localTimeText('09:40', -27_000, 'ja')).toBe('19 日前の 15:40');
    expect(localTimeText('09:40', -27_000, 'zh-CN')).toBe('19 天前的 15:40');
    expect(localTimeText('09:40', -600, 'ja')).toBe('前日の 23:40');
    expect(localTimeText('09:40', 3_000, 'zh-CN')).toBe('2 天后的 11:40');
  });

  it('I18N16 a rendered message is its template with each placeholder replaced, and a placeholder without a value kept as written', () => {
    // The plain definition renderMsg's split templates must agree with.
    const reference = (template: string, params: Record<string, string>) => template.replace(/\{([a-zA-Z0-9]+)\}/g, (whole, name: string) => params[name] ?? whole);
    for (const locale of LOCALES) {
      for (const key of KEYS) {
        const template = CATALOGS[locale][key];
        const names = placeholders(template);
        // Every other placeholder gets a value (with characters a replacement string would treat specially); the rest stay unfilled.
        const params = Object.fromEntries(names.filter((_, i) => i % 2 === 0).map((name) => [name, `<$&${name}$1>`]));
        expect(renderMsg(msg(key, params), locale), `${locale} ${key}`).toBe(reference(template, params));
      }
    }
    expect(renderMsg(msg('duration.minutes', { minutes: 1234567 }), 'en')).toBe(reference(EN['duration.minutes'], { minutes: '1,234,567' }));
  });
});
