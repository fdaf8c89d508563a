import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scoreDrill } from '../../shared/scoring/index.ts';
import * as say from '../../shared/bots/messages.ts';
import { publicScenario } from '../../shared/engine/index.ts';
import { CYNICS } from './cynics.ts';
import { runStrategy, type Strategy } from './runner.ts';
import { bundled, produceScripts, scriptPath } from './scripts.ts';
import { botStrategy } from './teams.ts';
import { SCORING_MD, SEEDS, strategiesTable, strategyRows, withStrategiesTable, type StrategyRow } from './table.ts';
import type { CompiledScenario } from '../../shared/scenario/compiled.ts';
import { byTheBook } from '../../shared/bots/index.ts';

/*
 * Strategies that must not pay (SCO-CYN), reference playthroughs in the order an incident lead
 * would rank them (SCO-REF), and the cost of one catastrophic statement (SCO-CAT). The strategies
 * and references are committed play scripts (test/strategies/scripts/), replayed as `ttx play`
 * would replay them.
 */

const total = (compiled: Parameters<typeof scoreDrill>[0], entries: Parameters<typeof scoreDrill>[1]) => scoreDrill(compiled, entries).total;

/** Each scenario's rows, computed once: the suites and the published table read the same numbers. */
const rowsByScenario = new Map<string, StrategyRow[]>();
const rowsOf = (compiled: CompiledScenario) => {
  const known = rowsByScenario.get(compiled.scenario.id);
  if (known) return known;
  const rows = strategyRows(compiled);
  rowsByScenario.set(compiled.scenario.id, rows);
  return rows;
};

describe.each(bundled())('strategies on $file', ({ compiled }) => {
  const id = compiled.scenario.id;
  const row = (name: string) => rowsOf(compiled).find((r) => r.name === name)?.totals ?? [];

  it('SCO-SCRIPTS the committed scripts are what the strategies produce (rewrite them with test/strategies/generate.ts)', () => {
    for (const { name, text } of produceScripts(compiled)) expect(readFileSync(scriptPath(id, name), 'utf8'), name).toBe(`${text}\n`);
  });

  it.each(Object.keys(CYNICS))('SCO-CYN %s finishes at least 25 points below by-the-book on seeds 1–5', (name) => {
    const bots = row('by-the-book bots');
    row(name).forEach((cynic, i) => {
      expect(cynic, `seed ${SEEDS[i]}: ${name} ${cynic}, by-the-book ${bots[i]}`).toBeLessThanOrEqual(bots[i]! - 25);
    });
    expect(row(name)).toHaveLength(SEEDS.length);
  });

  it('SCO-REF the reference playthroughs come out in the order an incident lead ranks them', () => {
    const score = (name: string) => row(`reference: ${name}`)[0] ?? NaN;
    const s = { textbook: score('textbook'), slow: score('careful-but-slow'), ic: score('ic-does-everything'), fast: score('fast-but-destroys-evidence'), leaky: score('leaky-comms') };
    const table = JSON.stringify(s);
    expect(s.textbook, table).toBeGreaterThan(s.slow);
    expect(s.slow, table).toBeGreaterThan(s.ic);
    expect(s.ic, table).toBeGreaterThan(Math.max(s.fast, s.leaky));
    expect(s.fast, table).toBeLessThanOrEqual(s.slow - 15);
    expect(s.leaky, table).toBeLessThanOrEqual(s.slow - 15);
  });

  it('SCO-CAT one catastrophic public statement (speculation and naming the attacker) costs at least 15 points, whatever else went well', () => {
    for (const seed of SEEDS.slice(0, 3)) {
      const base: Strategy = botStrategy('textbook', byTheBook, compiled, seed);
      const scenario = publicScenario(compiled);
      let said = false;
      const withStatement: Strategy = {
        name: 'textbook-plus-statement',
        *turn(view, at, team) {
          if (!said && at >= 120_000) {
            said = true;
            const statement = say.recklessStatement(scenario);
            yield { as: { role: 'deputy', seat: 'deputy' }, command: { type: 'message.send', message: { ...statement, body: `${statement.body} The ${compiled.scenario.adversary.aliases[0] ?? 'criminal'} group is behind this.` } } };
          }
          yield* base.turn(view, at, team);
        },
        refused: base.refused,
      };
      const clean = total(compiled, runStrategy(compiled, seed, botStrategy('textbook', byTheBook, compiled, seed)).entries);
      const dirty = total(compiled, runStrategy(compiled, seed, withStatement).entries);
      expect(dirty, `seed ${seed}: ${clean} → ${dirty}`).toBeLessThanOrEqual(clean - 15);
    }
  });
});

describe('SCO-TABLE the published strategies table', () => {
  it('SCO-TABLE docs/SCORING.md shows the scores the strategies get today (rewrite it with test/strategies/table.ts --write)', () => {
    const doc = readFileSync(SCORING_MD, 'utf8');
    expect(withStrategiesTable(doc, strategiesTable(rowsOf))).toBe(doc);
  });
});
