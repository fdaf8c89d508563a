import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { loadScenario } from '../../shared/scenario/index.ts';
import type { CompiledScenario } from '../../shared/scenario/compiled.ts';
import { SCENARIOS_DIR } from '../paths.ts';

export function bundledScenarioFiles(): string[] {
  return readdirSync(SCENARIOS_DIR)
    .filter((f) => /\.(ya?ml|json)$/.test(f) && !f.endsWith('.schema.json'))
    .sort()
    .map((f) => join(SCENARIOS_DIR, f));
}

/** A scenario argument is a file path, or the id (or file stem) of a bundled scenario. */
export function resolveScenarioPath(arg: string): string | null {
  if (existsSync(arg)) return arg;
  for (const file of bundledScenarioFiles()) {
    const stem = basename(file).replace(/\.(ya?ml|json)$/, '');
    if (stem === arg) return file;
    const idLine = /^id:\s*([a-z0-9-]+)\s*$/m.exec(readFileSync(file, 'utf8'));
    if (idLine?.[1] === arg) return file;
  }
  return null;
}

export type LoadedScenario = { ok: true; compiled: CompiledScenario; file: string } | { ok: false; lines: string[] };

export function loadScenarioArg(arg: string): LoadedScenario {
  const file = resolveScenarioPath(arg);
  if (!file) return { ok: false, lines: [`${arg}: no such file, and no bundled scenario has that id (try one of: ${bundledScenarioFiles().map((f) => basename(f)).join(', ')})`] };
  const loaded = loadScenario(readFileSync(file, 'utf8'), file);
  if (!loaded.ok) return { ok: false, lines: loaded.problems.map((p) => `${p.file}:${p.line}: ${p.path}: ${p.message}`) };
  return { ok: true, compiled: loaded.compiled, file };
}
