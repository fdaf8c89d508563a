import { LOCALES } from '../i18n/locales.ts';
import type { SourceMap } from './load.ts';
import { jsonPath, type Problem } from './problems.ts';
import type { Scenario } from './schema.ts';

/** Every player-facing text that lacks a locale: a warning, or an error under --strict-locales. */
export function checkLocales(scenario: Scenario, file: string, map: Pick<SourceMap, 'lineOf'> | undefined, strict: boolean): Problem[] {
  const problems: Problem[] = [];
  const walk = (value: unknown, path: (string | number)[]) => {
    if (Array.isArray(value)) return value.forEach((v, i) => walk(v, [...path, i]));
    if (value === null || typeof value !== 'object') return;
    const record = value as Record<string, unknown>;
    if (typeof record.en === 'string') {
      const missing = LOCALES.filter((l) => l !== 'en' && typeof record[l] !== 'string');
      if (missing.length > 0) {
        problems.push({ file, line: map?.lineOf(path) ?? 0, path: jsonPath(path), message: `missing translation: ${missing.join(', ')}`, severity: strict ? 'error' : 'warning' });
      }
      return;
    }
    for (const [key, child] of Object.entries(record)) walk(child, [...path, key]);
  };
  walk(scenario, []);
  return problems;
}
