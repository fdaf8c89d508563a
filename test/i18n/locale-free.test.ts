import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../shared/i18n/locales.ts';

/*
 * shared/ holds translated text in one place: the catalogs under shared/i18n/. Everything else in
 * shared/ reaches a language only through LOCALES and the catalogs, so adding a language means
 * adding catalogs, not editing logic. Scenario files (scenarios/*.yaml) are data and carry their
 * own translations.
 */

/** Every TypeScript file under shared/, less shared/i18n/. */
function sharedSources(): { path: string; text: string }[] {
  const out: { path: string; text: string }[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (path !== join('shared', 'i18n')) walk(path);
      } else if (entry.name.endsWith('.ts')) out.push({ path, text: readFileSync(path, 'utf8') });
    }
  };
  walk('shared');
  return out;
}

const TRANSLATED = LOCALES.filter((l) => l !== 'en');
/** Kana and han: the scripts Japanese and Chinese text is written in (full-width punctuation alone is not text). */
const CJK_TEXT = /[\u3040-\u30ff\u3400-\u9fff]/;
/**
 * The recognisers that read what players wrote, in whichever language they wrote it (a privilege
 * label, a date, a promise): they match words, they do not write them.
 */
const RECOGNISERS = join('shared', 'comms');

describe('I18N: translated text lives only in the catalogs', () => {
  const sources = sharedSources();

  it('I18N9 no file in shared/ outside shared/i18n/ names a translated locale; they go through LOCALES', () => {
    expect(sources.length).toBeGreaterThan(50);
    const named = sources.flatMap(({ path, text }) =>
      TRANSLATED.filter((locale) => new RegExp(`(?<![\\w-])${locale.replace('-', '\\-')}(?![\\w-])`).test(text)).map((locale) => `${path}: ${locale}`),
    );
    expect(named).toEqual([]);
  });

  it('I18N10 no file in shared/ outside shared/i18n/ writes Japanese or Chinese text, but the recognisers of what players wrote', () => {
    const written = sources.filter(({ path, text }) => !path.startsWith(RECOGNISERS) && CJK_TEXT.test(text)).map(({ path, text }) => `${path}: ${text.split('\n').find((line) => CJK_TEXT.test(line))!.trim()}`);
    expect(written).toEqual([]);
    expect(sources.some(({ path, text }) => path.startsWith(RECOGNISERS) && CJK_TEXT.test(text)), 'the recognisers still read Japanese and Chinese').toBe(true);
  });
});
