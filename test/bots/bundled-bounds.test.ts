import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { simulate } from '../../shared/bots/index.ts';
import { createDrill } from '../../shared/engine/index.ts';
import { buildReport } from '../../shared/report/index.ts';
import { loadScenario } from '../../shared/scenario/index.ts';
import { bundledScenarioFiles } from '../../server/cli/scenario-files.ts';

/*
 * The bots bound what each bundled scenario can score: a team that follows the runbook must do
 * well, a reckless one badly, and the reckless one must trip evidence and communication rules.
 */

const SEEDS = Array.from({ length: 20 }, (_, i) => String(i + 1));

describe.each(bundledScenarioFiles())('BOT bounds for %s', (file) => {
  const loaded = loadScenario(readFileSync(file, 'utf8'), file);
  if (!loaded.ok) throw new Error(loaded.problems.map((p) => `${p.file}:${p.line}: ${p.path}: ${p.message}`).join('\n'));
  const { compiled } = loaded;

  it('WORLD3 seeds 1–20 give at least three different worlds (the way in, the attack\'s timing)', () => {
    const worlds = new Set(SEEDS.map((seed) => {
      const { truth } = createDrill(compiled, seed).state;
      return `${truth.entry}@${truth.compromised[truth.entry]}${truth.insider ? ' insider' : ''}`;
    }));
    expect(worlds.size).toBeGreaterThanOrEqual(3);
  });

  it('BOT1 by-the-book totals at least 85 on seeds 1–20', () => {
    const totals = SEEDS.map((seed) => buildReport(compiled, simulate(compiled, { seed, policy: 'by-the-book' }).entries, { locale: 'en' }).score.total);
    expect(Math.min(...totals), `totals: ${totals.join(', ')}`).toBeGreaterThanOrEqual(85);
  });

  it('BOT2 reckless totals at most 40 on seeds 1–20, with evidence and comms findings every time', () => {
    for (const seed of SEEDS) {
      const report = buildReport(compiled, simulate(compiled, { seed, policy: 'reckless' }).entries, { locale: 'en' });
      expect(report.score.total, `seed ${seed}`).toBeLessThanOrEqual(40);
      const deductions = report.findings.filter((f) => f.points < 0);
      expect(deductions.some((f) => f.category === 'evidence'), `seed ${seed} evidence`).toBe(true);
      expect(deductions.some((f) => f.category === 'comms'), `seed ${seed} comms`).toBe(true);
    }
  });

  it('BOT3 every policy is deterministic for a seed', () => {
    for (const policy of ['by-the-book', 'reckless', 'random'] as const) {
      const a = simulate(compiled, { seed: '5', policy });
      const b = simulate(compiled, { seed: '5', policy });
      expect(JSON.stringify(b.entries)).toBe(JSON.stringify(a.entries));
    }
  });
});
