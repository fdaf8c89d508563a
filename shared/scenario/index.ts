export * from './schema.ts';
export type { CompiledScenario } from './compiled.ts';
export { compileScenario, machineValueFor, buildMachine } from './compile.ts';
export { parseScenarioText, parseSource, SourceMap, MAX_SCENARIO_BYTES } from './load.ts';
export { checkReferences } from './references.ts';
export { staticChecks, reachablePhases } from './static-checks.ts';
export { checkLocales } from './locales-check.ts';
export { formatProblem, jsonPath, type Problem } from './problems.ts';
export { scenarioJsonSchema } from './json-schema.ts';

import { compileScenario } from './compile.ts';
import type { CompiledScenario } from './compiled.ts';
import { parseScenarioText } from './load.ts';
import { checkLocales } from './locales-check.ts';
import type { Problem } from './problems.ts';
import { checkReferences } from './references.ts';
import type { Scenario } from './schema.ts';
import { staticChecks } from './static-checks.ts';

export interface LoadOptions {
  /** Treat missing translations as errors rather than warnings. */
  strictLocales?: boolean;
}

export type LoadResult = { ok: true; compiled: CompiledScenario; warnings: Problem[] } | { ok: false; problems: Problem[] };

export type ValidationResult = { ok: true; scenario: Scenario; warnings: Problem[] } | { ok: false; problems: Problem[] };

/**
 * Everything a scenario file must pass before a drill can run it: schema, references, static and
 * locale checks. It does not build the XState machine, so `ttx validate` stays fast on big files.
 */
export function validateScenario(text: string, file: string, options: LoadOptions = {}): ValidationResult {
  const parsed = parseScenarioText(text, file);
  if (!parsed.ok) return parsed;
  const refs = checkReferences(parsed.scenario, file, parsed.map);
  if (refs.length > 0) return { ok: false, problems: refs };
  const all = [...staticChecks(parsed.scenario, file, parsed.map), ...checkLocales(parsed.scenario, file, parsed.map, options.strictLocales ?? false)];
  const errors = all.filter((p) => p.severity === 'error');
  if (errors.length > 0) return { ok: false, problems: all };
  return { ok: true, scenario: parsed.scenario, warnings: all };
}

/** Validate a scenario file, then compile it into the machine a drill runs. */
export function loadScenario(text: string, file: string, options: LoadOptions = {}): LoadResult {
  const validated = validateScenario(text, file, options);
  if (!validated.ok) return validated;
  return { ok: true, compiled: compileScenario(validated.scenario), warnings: validated.warnings };
}

/** Reference and static checks on an already-validated scenario (for `ttx lint`). */
export function lintScenario(scenario: Scenario, file = scenario.id): Problem[] {
  return [...checkReferences(scenario, file), ...staticChecks(scenario, file)];
}
