import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { localize } from '../../shared/i18n/locales.ts';
import { formatProblem, loadScenario, type LoadResult } from '../../shared/scenario/index.ts';
import type { CompiledScenario } from '../../shared/scenario/compiled.ts';
import { bundledScenarioFiles } from '../cli/scenario-files.ts';

export interface BundledScenario {
  id: string;
  file: string;
  text: string;
  compiled: CompiledScenario;
}

type Compile = (text: string, file: string) => LoadResult;

/** Validate and compile every bundled scenario; a broken file throws with its problems (`npm run build` checks them this way). */
export function loadBundled(compile: Compile = loadScenario): BundledScenario[] {
  return bundledScenarioFiles().map((file) => {
    const text = readFileSync(file, 'utf8');
    const loaded = compile(text, basename(file));
    if (!loaded.ok) throw new Error(`bundled scenario ${file} is invalid:\n${loaded.problems.map(formatProblem).join('\n')}`);
    return { id: loaded.compiled.scenario.id, file: basename(file), text, compiled: loaded.compiled };
  });
}

/**
 * The bundled scenarios, validated and compiled on first use rather than at start, so a restarted
 * server compiles before it listens only what its running drills need (ARCHITECTURE.md BOOT3). They
 * go through the registry's cache, so a drill of a bundled scenario shares the compiled machine boot
 * made for it. `npm run build` validates them, so `npm start` still refuses a broken file.
 */
export class BundledScenarios {
  private loaded: BundledScenario[] | null = null;

  constructor(private readonly registry: { load: Compile; adopt(text: string, compiled: CompiledScenario): void }) {}

  /** Whether they have been loaded yet (tests, and nothing else: callers just call list()). */
  get isLoaded(): boolean {
    return this.loaded !== null;
  }

  list(): BundledScenario[] {
    if (!this.loaded) {
      const loaded = loadBundled((text, file) => this.registry.load(text, file));
      for (const b of loaded) this.registry.adopt(b.text, b.compiled);
      this.loaded = loaded;
    }
    return this.loaded;
  }
}

export function scenarioSummary(b: BundledScenario) {
  const s = b.compiled.scenario;
  return { id: s.id, version: s.version, title: s.title, brief: s.brief, difficulty: s.difficulty, durationMinutes: s.durationMinutes, injects: s.injects.length, titleEn: localize(s.title, 'en') };
}
