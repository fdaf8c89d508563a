import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectLocale } from '../../client/src/i18n/index.ts';

/*
 * client/index.html labels the document with the reader's language before the bundle loads, with a
 * small classic script (client/public/first-paint-lang.js) that repeats detectLocale's rules. Run
 * that script against fake browser globals and hold it to detectLocale, so the first paint and the
 * running app always agree.
 */

const html = readFileSync('client/index.html', 'utf8');
const script = readFileSync('client/public/first-paint-lang.js', 'utf8');

/** The language the script gives the page, for a query string, a stored choice and the browser's languages. */
function firstPaintLang(search: string, stored: string | null, languages: readonly string[], storageThrows = false): string {
  const document = { documentElement: { lang: 'en' } };
  const localStorage = {
    getItem: (key: string) => {
      if (storageThrows) throw new Error('SecurityError');
      return key === 'ttx-locale' ? stored : null;
    },
  };
  const navigator = { languages, language: languages[0] ?? '' };
  // Running the page's own script, as the browser would, is the point of this test.
  new Function('document', 'localStorage', 'navigator', 'location', script)(document, localStorage, navigator, { search });
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
  it('L10N-P1 index.html loads the script in <head>, before the bundle, as a classic script (it runs before the first paint) and has no inline script', () => {
    const tag = '<script src="/first-paint-lang.js"></script>';
    const head = html.slice(0, html.indexOf('</head>'));
    expect(head).toContain(tag);
    expect(html.indexOf(tag)).toBeLessThan(html.indexOf('<script type="module"'));
    expect(html).not.toMatch(/<script>/);
  });

  it('L10N-P2 the script picks the language detectLocale picks: ?lang=, stored choice, browser, else English; zh-* is zh-CN', () => {
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
