import type { Report } from './model.ts';

/** Stable JSON: keys in a fixed (sorted) order, so identical reports are byte-identical. */
export function renderJson(report: Report): string {
  return JSON.stringify(sortKeys(report), null, 2);
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value as object).sort().map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]));
  }
  return value;
}
