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
    const src = text(FIXTURE).replace('durationMinutes: 120', 'durationMinutes: soon');
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
    s.adversary.entry = ['mainframe'];
    s.injects[2].delivery = { when: { delivered: 'ghost' } };
    s.phases.states[0].transitions[0].to = 'nowhere';
    const found = problems(text(s)).join('\n');
    expect(found).toContain('adversary.entry[0]: no asset "mainframe"');
    expect(found).toContain('injects[2].delivery.when.delivered: no inject "ghost"');
    expect(found).toContain('phases.states[0].transitions[0].to: no phase "nowhere"');
  });
  it('SCN6 duplicate ids are reported at the second use', () => {
    const s = clone();
    s.injects[1].id = 'alert';
    expect(problems(text(s))).toEqual([expect.stringMatching(/injects\[1\]\.id: duplicate id "alert" \(first used at injects\[0\]\)/)]);
  });
  it('SCN7 a YAML syntax error gives its line', () => {
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

describe('SCN-J: JSON scenario files', () => {
  const JSON_FILE = 'fixture.json';
  const jsonProblems = (source: string) => {
    const r = loadScenario(source, JSON_FILE);
    return r.ok ? [] : r.problems.map(formatProblem);
  };
  const pretty = (value: unknown) => JSON.stringify(value, null, 2);

  it('SCN-J1 a valid JSON scenario loads through the JSON fast path', () => {
    expect(loadScenario(pretty(FIXTURE), JSON_FILE).ok).toBe(true);
  });
  it('SCN-J2 a wrong type names the line of the value', () => {
    const src = pretty(FIXTURE).replace('"durationMinutes": 120', '"durationMinutes": "soon"');
    const line = src.split('\n').findIndex((l) => l.includes('"durationMinutes"')) + 1;
    expect(jsonProblems(src)).toEqual([expect.stringMatching(new RegExp(`^fixture\\.json:${line}: durationMinutes: `))]);
  });
  it('SCN-J3 a nested problem points at the nested line, not the top of the file', () => {
    const s = clone();
    s.injects[1].delivery = { at: 'later' };
    const src = pretty(s);
    // The union of delivery forms reports at the delivery object, which starts on this line.
    const line = src.split('\n').findIndex((l) => l.includes('"at": "later"'));
    expect(src.split('\n')[line - 1]).toContain('"delivery": {');
    expect(jsonProblems(src).some((p) => p.startsWith(`fixture.json:${line}: injects[1].delivery`))).toBe(true);
  });
  it('SCN-J4 a repeated key is reported (JSON.parse alone would keep the last one silently)', () => {
    const src = pretty(FIXTURE).replace('"durationMinutes": 120,', '"durationMinutes": 120,\n  "durationMinutes": 45,');
    const line = src.split('\n').findIndex((l) => l.includes('"durationMinutes": 45')) + 1;
    expect(jsonProblems(src)).toEqual([`fixture.json:${line}: durationMinutes: the key "durationMinutes" appears more than once in this object`]);
  });
  it('SCN-J5 prototype keys are refused with their line', () => {
    const src = pretty(FIXTURE).replace(/\n}$/, ',\n  "__proto__": { "polluted": true }\n}');
    const line = src.split('\n').findIndex((l) => l.includes('__proto__')) + 1;
    expect(jsonProblems(src)).toEqual([`fixture.json:${line}: __proto__: the key "__proto__" is not allowed`]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
  it('SCN-J6 escaped keys are read correctly and do not count as repeats', () => {
    const s = clone();
    s.work = { 'review-network-logs': { minutes: 10 }, 'review-system-logs': { minutes: 12 } };
    const src = pretty(s).replace('"review-system-logs": {', '"review\\u002dsystem-logs": {');
    expect(loadScenario(src, JSON_FILE).ok).toBe(true);
  });
});
