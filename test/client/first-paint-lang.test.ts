import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectLocale } from '../../client/src/i18n/index.ts';

/*
 * client/index.html labels the document with the reader's language before the bundle loads, with a
 * small inline script that repeats detectLocale's rules. Run that script against fake browser
 * globals and hold it to detectLocale, so the first paint and the running app always agree.
 */

const html = readFileSync('client/index.html', 'utf8');
const inline = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1] ?? '');

/** The language the inline script gives the page, for a query string, a stored choice and the browser's languages. */
function firstPaintLang(search: string, stored: string | null, languages: readonly string[], storageThrows = false): string {
  const document = { documentElement: { lang: 'en' } };
  const localStorage = {
    getItem: (key: string) => {
      if (storageThrows) throw new Error('SecurityError');
      return key === 'ttx-locale' ? stored : null;
    },
  };
  const navigator = { languages, language: languages[0] ?? '' };
  // Running the page's own inline script, as the browser would, is the point of this test.
  new Function('document', 'localStorage', 'navigator', 'location', inline.join('\n'))(document, localStorage, navigator, { search });
  return document.documentElement.lang;
}

const CASES: [search: string, stored: string | null, languages: string[]][] = [
  ['?lang=ja', 'zh-CN', ['en-GB']],
  ['?lang=zh-TW', null, ['en']],
  ['?lang=xx', null, ['de']],
  ['', 'zh-CN', ['ja-JP']],
  ['', 'fr', ['ja-JP']],
  ['', null, ['fr-FR', 'ja-JP', 'en']],
  ['', null, ['zh-Hant-HK']],
  ['', null, ['zh']],
  ['', null, ['en-US', 'ja']],
  ['', null, ['pt-BR']],
  ['', null, []],
];

describe('L10N-P: the document language from the first paint', () => {
  it('L10N-P1 index.html has one inline script, in <head>, before the bundle', () => {
    expect(inline).toHaveLength(1);
    const head = html.slice(0, html.indexOf('</head>'));
    expect(head).toContain('<script>');
    expect(html.indexOf('<script>')).toBeLessThan(html.indexOf('<script type="module"'));
  });

  it('L10N-P2 the inline script picks the language detectLocale picks: ?lang=, stored choice, browser, else English; zh-* is zh-CN', () => {
    for (const [search, stored, languages] of CASES) {
      expect(firstPaintLang(search, stored, languages), JSON.stringify([search, stored, languages])).toBe(detectLocale(search, stored, languages));
    }
    expect(firstPaintLang('', null, ['zh-TW'])).toBe('zh-CN');
  });

  it('L10N-P3 without storage (privacy settings) the browser language still decides', () => {
    expect(firstPaintLang('', 'en', ['ja-JP'], true)).toBe('ja');
    expect(firstPaintLang('?lang=zh', 'en', ['ja-JP'], true)).toBe('zh-CN');
  });
});
