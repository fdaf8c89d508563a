import { describe, expect, it } from 'vitest';
import { containsAny, normalize } from '../../shared/comms/normalize.ts';

/*
 * The text checks run on every message a drill folds, so `normalize` and `containsAny` take
 * shortcuts; these hold them to the plain definitions they stand for.
 */

/** The definition: NFKC, lower case, runs of space as one, no space at either end. */
const fullFold = (text: string) => text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();

const TEXTS = [
  '',
  ' ',
  'status on the bridge',
  'Status On The Bridge',
  '\nmsg d-1 ic 4: status on the bridge',
  'two  spaces',
  'tab\there',
  'trailing ',
  ' leading',
  'line\nbreak',
  'ＡＴＴＡＣＫ ｏｎ ａｐｐ－１',
  '攻撃を確認\u3000しました',
  'no\u00a0break space',
  'café Ⅻ ﬁle',
  '[AWP] Attorney Work Product',
  'ΣΊΣΥΦΟΣ',
];

describe('COMMS-N: the text checks', () => {
  it('COMMS-N1 normalize gives what the full fold gives, with or without its shortcuts', () => {
    for (const text of TEXTS) expect(normalize(text), JSON.stringify(text)).toBe(fullFold(text));
    // Asked again (from its cache of recent texts), the same answer.
    for (const text of TEXTS) expect(normalize(text), JSON.stringify(text)).toBe(fullFold(text));
  });

  it('COMMS-N2 containsAny answers as looking for each phrase in turn, whatever the phrases hold', () => {
    const lists: string[][] = [[], ['breach'], ['bridge', 'call me'], ['a.b', '(x)', 'c+d', 'e|f', '[g]', '^h', 'i$', 'j\\k', '攻撃'], ['app-1', '10.0.0.1']];
    const texts = [...TEXTS, 'a.b went down', 'axb went down', 'see (x) now', 'c+d', 'cd', 'e|f', 'e', '[g]', 'x^h', 'i$ y', 'j\\k', 'call me on 10.0.0.1', 'app-10 is fine'];
    let matched = 0;
    for (const phrases of lists) {
      for (const text of texts) {
        const expected = phrases.some((p) => normalize(text).includes(p));
        if (expected) matched++;
        expect(containsAny(text, phrases), `${JSON.stringify(text)} in ${JSON.stringify(phrases)}`).toBe(expected);
      }
    }
    // Both answers occur, so the comparison is not all one way.
    expect(matched).toBeGreaterThan(5);
    expect(matched).toBeLessThan(lists.length * texts.length - 5);
  });
});
