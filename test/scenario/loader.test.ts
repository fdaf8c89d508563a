import { readFileSync } from 'node:fs';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { formatProblem, loadScenario, scenarioJsonSchema } from '../../shared/scenario/index.ts';
import { FIXTURE } from '../engine/fixture.ts';

const FILE = 'fixture.yaml';
const text = (value: unknown) => stringify(value);
const problems = (source: string) => {
  const r = loadScenario(source, FILE);
  return r.ok ? r.warnings.filter((p) => p.severity === 'error').map(formatProblem) : r.problems.filter((p) => p.severity === 'error').map(formatProblem);
};
const clone = () => JSON.parse(JSON.stringify(FIXTURE));

describe('SCN: loading and validating scenario files', () => {
  it('SCN1 a valid scenario loads and compiles', () => {
    const r = loadScenario(text(FIXTURE), FILE);
    expect(r.ok).toBe(true);
  });
  it('SCN2 a wrong type names the file, line and path', () => {
    const src = text(FIXTURE).replace('durationMinutes: 30', 'durationMinutes: soon');
    const line = src.split('\n').findIndex((l) => l.startsWith('durationMinutes')) + 1;
    expect(problems(src)).toEqual([expect.stringMatching(new RegExp(`^fixture\\.yaml:${line}: durationMinutes: `))]);
  });
  it('SCN3 a missing field points at its parent', () => {
    const s = clone();
    delete s.injects[1].body;
    expect(problems(text(s)).some((p) => /^fixture\.yaml:\d+: injects\[1\]\.body: /.test(p))).toBe(true);
  });
  it('SCN4 an unknown action is named with its path', () => {
    const s = clone();
    s.adversary.exfiltration.stoppedBy[0].action = 'unplug-the-internet';
    expect(problems(text(s))).toEqual([expect.stringMatching(/adversary\.exfiltration\.stoppedBy\[0\]\.action: no action "unplug-the-internet"/)]);
  });
  it('SCN5 an unresolved target, inject or phase is reported', () => {
    const s = clone();
    s.adversary.foothold = ['mainframe'];
    s.injects[2].delivery = { when: { delivered: 'ghost' } };
    s.phases.states[0].transitions[0].to = 'nowhere';
    const found = problems(text(s)).join('\n');
    expect(found).toContain('adversary.foothold[0]: no asset "mainframe"');
    expect(found).toContain('injects[2].delivery.when.delivered: no inject "ghost"');
    expect(found).toContain('phases.states[0].transitions[0].to: no phase "nowhere"');
  });
  it('SCN6 duplicate ids are reported at the second use', () => {
    const s = clone();
    s.injects[1].id = 'alert';
    expect(problems(text(s))).toEqual([expect.stringMatching(/injects\[1\]\.id: duplicate id "alert" \(first used at injects\[0\]\)/)]);
  });
  it('SCN7 YAML syntax errors give the line', () => {
    const src = 'formatVersion: 1\nid: x\ntitle: [unclosed\n';
    expect(problems(src)[0]).toMatch(/^fixture\.yaml:\d+: \(syntax\): /);
  });
  it('SCN8 a non-final phase with no way out is a dead end', () => {
    const s = clone();
    s.phases.states.push({ id: 'limbo', title: 'Limbo' });
    s.phases.states[0].transitions.push({ to: 'limbo', when: { after: 10 } });
    expect(problems(text(s))).toEqual([expect.stringMatching(/phases\.states\[2\]: phase "limbo" is a dead end/)]);
  });
  it('SCN9 an inject whose condition can never hold is unreachable', () => {
    const s = clone();
    s.injects[2].delivery = { when: { exfilAtLeast: 999_999 } };
    expect(problems(text(s))).toEqual([expect.stringMatching(/injects\[2\]\.delivery\.when: inject "isolated" can never fire/)]);
  });
  it('SCN10 an unreachable phase is reported', () => {
    const s = clone();
    s.phases.states.push({ id: 'island', title: 'Island', final: true });
    expect(problems(text(s))).toEqual([expect.stringMatching(/phases\.states\[2\]: phase "island" can never be entered/)]);
  });
  it('SCN11 prototype keys are refused', () => {
    const src = text(FIXTURE) + '__proto__:\n  polluted: true\n';
    expect(problems(src)[0]).toMatch(/: __proto__: the key "__proto__" is not allowed/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
  it('SCN12 missing translations are warnings, or errors with strictLocales', () => {
    const lenient = loadScenario(text(FIXTURE), FILE);
    expect(lenient.ok && lenient.warnings.some((w) => w.message.includes('missing translation'))).toBe(true);
    const strict = loadScenario(text(FIXTURE), FILE, { strictLocales: true });
    expect(strict.ok).toBe(false);
  });
  it('SCN13 the committed JSON Schema matches the zod schema', () => {
    const committed = JSON.parse(readFileSync('scenarios/scenario.schema.json', 'utf8'));
    expect(committed).toEqual(JSON.parse(JSON.stringify(scenarioJsonSchema())));
  });
});
