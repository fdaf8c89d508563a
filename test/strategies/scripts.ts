import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadScenario } from '../../shared/scenario/index.ts';
import type { CompiledScenario } from '../../shared/scenario/compiled.ts';
import { bundledScenarioFiles } from '../../server/cli/scenario-files.ts';
import { CYNICS } from './cynics.ts';
import { runStrategy, scriptOf } from './runner.ts';
import { REFERENCES, referenceTeam } from './teams.ts';

/*
 * Where the strategy and reference play scripts live, and how each is produced: the scripts are
 * committed so `ttx play` can replay any of them, and a test checks they are what the strategies
 * produce today (`node --import tsx test/strategies/generate.ts` rewrites them).
 */

export const SCRIPTS_DIR = join(import.meta.dirname, 'scripts');
/** The seed every script is recorded on; cynical scripts are replayed on other seeds too. */
export const RECORDED_SEED = '1';

export function bundled(): { file: string; compiled: CompiledScenario }[] {
  return bundledScenarioFiles().map((file) => {
    const loaded = loadScenario(readFileSync(file, 'utf8'), file);
    if (!loaded.ok) throw new Error(`${file} does not load`);
    return { file, compiled: loaded.compiled };
  });
}

export const scriptPath = (scenarioId: string, name: string) => join(SCRIPTS_DIR, scenarioId, `${name}.json`);

/** Every script, as the strategies produce it now. */
export function produceScripts(compiled: CompiledScenario): { name: string; text: string }[] {
  const cynics = Object.entries(CYNICS).map(([name, make]) => ({ name, text: scriptOf(RECORDED_SEED, runStrategy(compiled, RECORDED_SEED, make())) }));
  const references = REFERENCES.map((id) => ({ name: `reference-${id}`, text: scriptOf(RECORDED_SEED, runStrategy(compiled, RECORDED_SEED, referenceTeam(id, compiled, RECORDED_SEED))) }));
  return [...cynics, ...references];
}
