import { parseArgs } from 'node:util';
import { stringify } from 'yaml';
import { checkLocales, checkReferences, loadScenario, scenarioSchema, staticChecks, validateScenario } from '../../shared/scenario/index.ts';
import { FIXTURE } from '../engine/fixture.ts';
import { percentile, progress, report } from './lib/results.ts';

/*
 * How long a large scenario takes to validate. Target: a 1,000-inject scenario in at most 10 ms.
 * Three figures, because they differ by orders of magnitude:
 *   validate   – schema + references + static checks + locale checks on the parsed document
 *   validateJson – validateScenario() on the JSON text: what `ttx validate` does for a .json file
 *                  (parse, schema, all checks; no XState compile, which only playing needs)
 *   loadJson   – the whole loadScenario() from JSON text (parse, validate, compile to XState)
 *   loadYaml   – the same from YAML text (the yaml library's parse dominates)
 */

const { values } = parseArgs({ options: { injects: { type: 'string', default: '1000' }, runs: { type: 'string', default: '50' } } });
const injectCount = Number(values.injects);
const runs = Number(values.runs);

const scenario = JSON.parse(JSON.stringify(FIXTURE));
scenario.durationMinutes = 600;
scenario.injects = Array.from({ length: injectCount }, (_, i) => ({
  id: `inject-${i}`,
  title: { en: `Inject ${i}`, ja: `インジェクト ${i}`, 'zh-CN': `注入 ${i}` },
  body: { en: `Something happens (${i}).`, ja: `何かが起きる（${i}）。`, 'zh-CN': `发生了一些事（${i}）。` },
  delivery: i % 3 === 0 ? { at: i % 600 } : i % 3 === 1 ? { when: { all: [{ action: 'page-ic' }, { delivered: `inject-${i - 1}` }] } } : { facilitator: true },
}));
const yamlText = stringify(scenario);
const jsonText = JSON.stringify(scenario);

function measure(label: string, fn: () => void): number[] {
  const times: number[] = [];
  const tick = progress(label, runs);
  for (let i = 0; i < runs + 5; i++) {
    const t0 = performance.now();
    fn();
    if (i >= 5) times.push(performance.now() - t0); // the first five warm the JIT
    if (i >= 5) tick(i - 4);
  }
  return times;
}

function validateDocument(document: unknown): void {
  const s = scenarioSchema.parse(document);
  const problems = [...checkReferences(s, 'bench.json'), ...staticChecks(s, 'bench.json'), ...checkLocales(s, 'bench.json', undefined, false)];
  if (problems.some((p) => p.severity === 'error')) throw new Error(problems[0]?.message);
}
const validate = measure('validate', () => validateDocument(scenario));
const validateJson = measure('validateJson', () => {
  if (!validateScenario(jsonText, 'bench.json').ok) throw new Error('invalid');
});
const loadJson = measure('loadJson', () => {
  if (!loadScenario(jsonText, 'bench.json').ok) throw new Error('invalid');
});
const loadYaml = measure('loadYaml', () => {
  if (!loadScenario(yamlText, 'bench.yaml').ok) throw new Error('invalid');
});
const fig = (t: number[], p: number) => Number(percentile(t, p).toFixed(2));
report('validate-scenario', {
  injects: injectCount,
  runs,
  validateMedianMs: fig(validate, 50),
  validateP95Ms: fig(validate, 95),
  validateJsonMedianMs: fig(validateJson, 50),
  validateJsonP95Ms: fig(validateJson, 95),
  loadJsonMedianMs: fig(loadJson, 50),
  loadYamlMedianMs: fig(loadYaml, 50),
  yamlBytes: yamlText.length,
  targetMs: 10,
});
