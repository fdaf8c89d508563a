import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { localize } from '../../shared/i18n/locales.ts';
import { formatProblem, loadScenario } from '../../shared/scenario/index.ts';
import type { CompiledScenario } from '../../shared/scenario/compiled.ts';
import { bundledScenarioFiles } from '../cli/scenario-files.ts';

export interface BundledScenario {
  id: string;
  file: string;
  text: string;
  compiled: CompiledScenario;
}

/** Load every bundled scenario once at start; a broken bundled file stops the server with its problems. */
export function loadBundled(): BundledScenario[] {
  return bundledScenarioFiles().map((file) => {
    const text = readFileSync(file, 'utf8');
    const loaded = loadScenario(text, basename(file));
    if (!loaded.ok) throw new Error(`bundled scenario ${file} is invalid:\n${loaded.problems.map(formatProblem).join('\n')}`);
    return { id: loaded.compiled.scenario.id, file: basename(file), text, compiled: loaded.compiled };
  });
}

export function scenarioSummary(b: BundledScenario) {
  const s = b.compiled.scenario;
  return { id: s.id, version: s.version, title: s.title, brief: s.brief, difficulty: s.difficulty, durationMinutes: s.durationMinutes, injects: s.injects.length, titleEn: localize(s.title, 'en') };
}
