import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { simulate } from '../../shared/bots/index.ts';
import type { CompiledScenario } from '../../shared/scenario/compiled.ts';
import { parsePlayScript, runScript } from '../../shared/script/index.ts';
import { scoreDrill } from '../../shared/scoring/index.ts';
import { CYNICS } from './cynics.ts';
import { bundled, RECORDED_SEED, scriptPath } from './scripts.ts';
import { REFERENCES } from './teams.ts';

/*
 * The strategies table of docs/SCORING.md: what every cynical strategy and every reference scores
 * on each bundled scenario, replayed from the committed scripts as `ttx play` would. The scores are
 * deterministic, so the table is written by this file and a test checks it is current
 * (`node --import tsx test/strategies/table.ts --write` rewrites it).
 */

export const SEEDS = ['1', '2', '3', '4', '5'];
export const TABLE_BEGIN = '<!-- strategies:begin -->';
export const TABLE_END = '<!-- strategies:end -->';
export const SCORING_MD = join(import.meta.dirname, '..', '..', 'docs', 'SCORING.md');

/** One strategy's totals on one scenario: one per seed for those replayed on every seed, else the recorded seed's. */
export interface StrategyRow {
  name: string;
  totals: number[];
}

export function replayScript(compiled: CompiledScenario, name: string, seed: string) {
  const parsed = parsePlayScript(readFileSync(scriptPath(compiled.scenario.id, name), 'utf8'));
  if (!parsed.ok) throw new Error(`${compiled.scenario.id}/${name}: ${parsed.problems.join('; ')}`);
  return runScript(compiled, seed, parsed.envelopes);
}

export function strategyRows(compiled: CompiledScenario): StrategyRow[] {
  const total = (entries: Parameters<typeof scoreDrill>[1]) => scoreDrill(compiled, entries).total;
  return [
    { name: 'by-the-book bots', totals: SEEDS.map((seed) => total(simulate(compiled, { seed, policy: 'by-the-book' }).entries)) },
    ...Object.keys(CYNICS).map((name) => ({ name, totals: SEEDS.map((seed) => total(replayScript(compiled, name, seed).entries)) })),
    ...REFERENCES.map((id) => ({ name: `reference: ${id}`, totals: [total(replayScript(compiled, `reference-${id}`, RECORDED_SEED).entries)] })),
  ];
}

const fmt = (n: number) => n.toFixed(1);

export function strategiesTable(rowsOf: (compiled: CompiledScenario) => StrategyRow[] = strategyRows): string {
  const parts = [
    `Totals out of 100, as \`ttx play\` replays the committed scripts (test/strategies/scripts/). The bots and the cynical strategies are played on seeds ${SEEDS[0]} to ${SEEDS.at(-1)}, which draw different worlds; the references are recorded on seed ${RECORDED_SEED}. Written by \`node --import tsx test/strategies/table.ts --write\`; a test checks it is current.`,
  ];
  for (const { compiled } of bundled()) {
    parts.push('', `**${compiled.scenario.title.en}** (\`${compiled.scenario.id}\`)`, '', `| strategy | ${SEEDS.map((s) => `seed ${s}`).join(' | ')} |`, `|---|${SEEDS.map(() => '---:').join('|')}|`);
    for (const row of rowsOf(compiled)) {
      const cells = row.totals.length === SEEDS.length ? row.totals.map(fmt) : [fmt(row.totals[0] ?? 0), ...SEEDS.slice(1).map(() => '')];
      parts.push(`| ${row.name} | ${cells.join(' | ')} |`);
    }
  }
  return parts.join('\n');
}

/** SCORING.md with its strategies section rewritten; throws if the markers are missing. */
export function withStrategiesTable(doc: string, table = strategiesTable()): string {
  const start = doc.indexOf(TABLE_BEGIN);
  const end = doc.indexOf(TABLE_END);
  if (start < 0 || end < start) throw new Error(`docs/SCORING.md must hold the markers ${TABLE_BEGIN} and ${TABLE_END}`);
  return `${doc.slice(0, start + TABLE_BEGIN.length)}\n${table}\n${doc.slice(end)}`;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const doc = readFileSync(SCORING_MD, 'utf8');
  const next = withStrategiesTable(doc);
  if (process.argv.includes('--write') && next !== doc) writeFileSync(SCORING_MD, next);
  process.stdout.write(next === doc ? 'docs/SCORING.md strategies table is up to date\n' : process.argv.includes('--write') ? 'docs/SCORING.md: strategies table rewritten\n' : `${strategiesTable()}\n`);
}
