import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Scenario } from '../../shared/scenario/schema.ts';
import { scenarioHash } from '../store/scenario-hash.ts';

/*
 * The bundled scenarios as `npm run build` validated them, kept beside the bundle by their text's
 * hash. Parsing and validating a scenario's YAML in a process that has just started takes over
 * 100 ms, most of it the parser's code warming up; a restart needs the scenario of every running
 * drill before it can fold any, so it compiles these instead (ARCHITECTURE.md BOOT4). Any other
 * text, and any text changed since the build, is validated as usual.
 */

export const VALIDATED_SCENARIOS_FILE = 'scenarios.json';

/** Validated scenarios by the SHA-256 of their text. */
export type ValidatedScenarios = ReadonlyMap<string, Scenario>;

/** Write the scenarios, validated, for a bundle in `dir` to read (build-server.ts). */
export function writeValidatedScenarios(dir: string, scenarios: readonly { text: string; scenario: Scenario }[]): void {
  const byHash = Object.fromEntries(scenarios.map(({ text, scenario }) => [scenarioHash(text), scenario]));
  writeFileSync(join(dir, VALIDATED_SCENARIOS_FILE), JSON.stringify(byHash));
}

/** The validated scenarios beside a bundle in `dir`; none when it has none (run from source). */
export function readValidatedScenarios(dir: string): ValidatedScenarios {
  const file = join(dir, VALIDATED_SCENARIOS_FILE);
  if (!existsSync(file)) return new Map();
  return new Map(Object.entries(JSON.parse(readFileSync(file, 'utf8')) as Record<string, Scenario>));
}

/** The validated scenario of exactly this text, if the build validated it. */
export function validatedScenarioOf(validated: ValidatedScenarios, text: string): Scenario | undefined {
  return validated.size === 0 ? undefined : validated.get(scenarioHash(text));
}
