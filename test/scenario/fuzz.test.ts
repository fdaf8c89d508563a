import seedrandom from 'seedrandom';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../shared/scenario/index.ts';
import { FIXTURE } from '../engine/fixture.ts';

/*
 * 3,000 seeded mutations of a valid scenario: none may crash the loader, and every rejection must
 * say where the problem is. A failing seed is printed so it can be replayed and kept as a case.
 */

type Json = unknown;
const SEED = 'scenario-fuzz-1';
const VALUES: Json[] = [null, 0, -1, 1e308, 'x', '', true, [], {}, ['a'], { __proto__: 1 }, 'a'.repeat(300)];

function paths(value: Json, prefix: (string | number)[] = [], out: (string | number)[][] = []) {
  out.push(prefix);
  if (Array.isArray(value)) value.forEach((v, i) => paths(v, [...prefix, i], out));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) paths(v, [...prefix, k], out);
  return out;
}

function mutate(rng: () => number): string {
  const doc = JSON.parse(JSON.stringify(FIXTURE));
  const all = paths(doc).filter((p) => p.length > 0);
  const edits = 1 + Math.floor(rng() * 3);
  for (let e = 0; e < edits; e++) {
    const path = all[Math.floor(rng() * all.length)] ?? [];
    const parent = path.slice(0, -1).reduce<Record<string | number, Json>>((o, k) => (o && typeof o === 'object' ? (o as Record<string | number, Json>)[k] as Record<string | number, Json> : o), doc);
    if (!parent || typeof parent !== 'object') continue;
    const key = path.at(-1) as string | number;
    const roll = rng();
    if (roll < 0.3) delete parent[key];
    else if (roll < 0.6) parent[key] = VALUES[Math.floor(rng() * VALUES.length)];
    else if (roll < 0.7 && Array.isArray(parent)) parent.push(parent[0]);
    else if (roll < 0.8) (parent as Record<string, Json>)['__proto__ '.trim()] = { polluted: true };
    else if (roll < 0.9) parent[key] = typeof parent[key] === 'string' ? String(parent[key]).slice(0, 1) : String(parent[key]);
    else parent[`k${Math.floor(rng() * 100)}`] = 'surplus';
  }
  let text = stringify(doc);
  if (rng() < 0.1) {
    const at = Math.floor(rng() * text.length);
    text = text.slice(0, at) + String.fromCharCode(Math.floor(rng() * 128)) + text.slice(at + 1);
  }
  return text;
}

describe('SCN-F: fuzzed scenario files', () => {
  it('SCN-F1 3,000 mutations never crash the loader and every rejection names a place', { timeout: 600_000 }, () => {
    const rng = seedrandom.alea(SEED);
    let rejected = 0;
    for (let i = 0; i < 3_000; i++) {
      const text = mutate(rng);
      let result;
      try {
        result = loadScenario(text, 'fuzz.yaml');
      } catch (error) {
        throw new Error(`mutation ${i} of seed ${SEED} crashed the loader: ${(error as Error).message}\n${text}`);
      }
      if (!result.ok) {
        rejected++;
        for (const p of result.problems) expect(p.path.length > 0 && p.line >= 0, `mutation ${i} of seed ${SEED}: ${JSON.stringify(p)}`).toBe(true);
      }
    }
    console.log(`fuzz: ${rejected} of 3000 mutations rejected, 0 crashes (seed ${SEED})`);
    expect(rejected).toBeGreaterThan(1500);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
