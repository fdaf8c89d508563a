import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { simulate } from '../../shared/bots/index.ts';
import { loadScenario } from '../../shared/scenario/index.ts';
import { liveScore, scoreDrill } from '../../shared/scoring/index.ts';
import { LIVE_FINDINGS_SHOWN } from '../../shared/scoring/live.ts';
import { renderMsg } from '../../shared/i18n/message.ts';

/*
 * The live score a facilitator's console receives: the totals of the full score, findings worded in
 * one language, and only the latest LIVE_FINDINGS_SHOWN of them (all the console lists).
 */

function scored(policy: 'random' | 'by-the-book', entriesKept = Infinity) {
  const loaded = loadScenario(readFileSync('scenarios/exfiltration-detected.yaml', 'utf8'), 'exfiltration-detected.yaml');
  if (!loaded.ok) throw new Error('bundled scenario does not load');
  // Random play with 10-s turns gives a long drill: well over a hundred findings.
  const { entries } = simulate(loaded.compiled, { seed: 's1', policy, stepMs: policy === 'random' ? 10_000 : 30_000 });
  return scoreDrill(loaded.compiled, entries.slice(0, entriesKept));
}

describe('LIVE-S: the live score sent to the console', () => {
  it('LIVE-S1 a score with more findings than the console lists carries the latest ones and says how many there are', () => {
    const score = scored('random');
    expect(score.findings.length).toBeGreaterThan(LIVE_FINDINGS_SHOWN);
    const live = liveScore(score, 'ja', 99);
    expect(live.findings).toHaveLength(LIVE_FINDINGS_SHOWN);
    expect(live.findingsTotal).toBe(score.findings.length);
    expect(live.findings.map((f) => [f.rule, f.at, f.points])).toEqual(score.findings.slice(-LIVE_FINDINGS_SHOWN).map((f) => [f.rule, f.at, f.points]));
    expect(live.findings.map((f) => f.message)).toEqual(score.findings.slice(-LIVE_FINDINGS_SHOWN).map((f) => renderMsg(f.message, 'ja')));
    expect({ total: live.total, categories: live.categories }).toEqual({ total: score.total, categories: score.categories });
  });

  it('LIVE-S2 a score with fewer findings than that carries every one', () => {
    // The first stretch of a drill: a handful of findings.
    const score = scored('by-the-book', 60);
    expect(score.findings.length).toBeLessThanOrEqual(LIVE_FINDINGS_SHOWN);
    const live = liveScore(score, 'en', 99);
    expect(live.findings.map((f) => f.message)).toEqual(score.findings.map((f) => renderMsg(f.message, 'en')));
    expect(live.findingsTotal).toBe(score.findings.length);
  });
});
