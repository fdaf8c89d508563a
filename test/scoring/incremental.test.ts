import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { simulate } from '../../shared/bots/index.ts';
import { loadScenario } from '../../shared/scenario/index.ts';
import { emptyContext, foldEntry, scoreContext, scoreDrill } from '../../shared/scoring/index.ts';

/*
 * The server keeps a live drill's scoring context and folds each new entry into it rather than
 * re-reading the log. That is only sound if folding is exactly scoring the prefix.
 */

describe('SCO-INC: incremental scoring', () => {
  for (const policy of ['by-the-book', 'reckless', 'random'] as const) {
    it(`SCO-INC1 folding entries one at a time equals scoring each prefix of the log (${policy})`, () => {
      const loaded = loadScenario(readFileSync('scenarios/exfiltration-detected.yaml', 'utf8'), 'exfiltration-detected.yaml');
      if (!loaded.ok) throw new Error('bundled scenario does not load');
      const { entries } = simulate(loaded.compiled, { seed: '11', policy });
      const ctx = emptyContext(loaded.compiled);
      entries.forEach((entry, i) => {
        foldEntry(ctx, entry);
        if (i % 7 === 0 || i === entries.length - 1) expect(scoreContext(ctx)).toEqual(scoreDrill(loaded.compiled, entries.slice(0, i + 1)));
      });
    });
  }
});
