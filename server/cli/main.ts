import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { POLICIES, POLICY_IDS, simulate, type PolicyId } from '../../shared/bots/index.ts';
import type { LogEntry } from '../../shared/engine/types.ts';
import { LOCALES, type Locale } from '../../shared/i18n/locales.ts';
import { buildReport, renderHtml, renderJson, renderMarkdown } from '../../shared/report/index.ts';
import type { CompiledScenario } from '../../shared/scenario/compiled.ts';
import { formatProblem, lintScenario, validateScenario } from '../../shared/scenario/index.ts';
import { parsePlayScript, runScript } from '../../shared/script/index.ts';
import { loadScenarioArg } from './scenario-files.ts';

const USAGE = `ttx — tabletop drills for security incident response

  ttx validate <files…> [--strict-locales]     check scenario files; one line per problem
  ttx play <scenario> --script <file> [--seed N] [--format json|md|html] [--locale en|ja|zh-CN]
  ttx simulate <scenario> --policy by-the-book|reckless|random [--seed N] [--format json|md|html]
  ttx lint <scenario> [--seeds N]              static checks plus the score range the bots reach

<scenario> is a file path or the id of a bundled scenario (see scenarios/).`;

type Out = { code: number; stdout: string[]; stderr: string[] };

function render(compiled: CompiledScenario, entries: readonly LogEntry[], format: string, locale: Locale): string {
  const report = buildReport(compiled, entries, { locale });
  if (format === 'md') return renderMarkdown(report);
  if (format === 'html') return renderHtml(report);
  return renderJson(report);
}

function options(args: string[]) {
  return parseArgs({
    args,
    allowPositionals: true,
    options: {
      script: { type: 'string' },
      seed: { type: 'string', default: '1' },
      format: { type: 'string', default: 'json' },
      policy: { type: 'string' },
      locale: { type: 'string', default: 'en' },
      seeds: { type: 'string', default: '20' },
      'strict-locales': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
}

export function runCli(argv: string[]): Out {
  const out: Out = { code: 0, stdout: [], stderr: [] };
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    out.stdout.push(USAGE);
    return out;
  }
  let parsed: ReturnType<typeof options>;
  try {
    parsed = options(rest);
  } catch (error) {
    return { code: 2, stdout: [], stderr: [(error as Error).message, USAGE] };
  }
  const { values, positionals } = parsed;
  const format = values.format ?? 'json';
  if (!['json', 'md', 'html'].includes(format)) return { code: 2, stdout: [], stderr: [`--format must be json, md or html, not "${format}"`] };
  const locale = values.locale as Locale;
  if (!LOCALES.includes(locale)) return { code: 2, stdout: [], stderr: [`--locale must be one of ${LOCALES.join(', ')}`] };

  switch (command) {
    case 'validate': {
      if (positionals.length === 0) return { code: 2, stdout: [], stderr: ['ttx validate needs at least one file'] };
      for (const file of positionals) {
        let text: string;
        try {
          text = readFileSync(file, 'utf8');
        } catch {
          out.stdout.push(`${file}:0: file: cannot be read`);
          out.code = 1;
          continue;
        }
        const loaded = validateScenario(text, file, { strictLocales: values['strict-locales'] });
        const problems = loaded.ok ? loaded.warnings : loaded.problems;
        for (const p of problems) out.stdout.push(formatProblem(p) + (p.severity === 'warning' ? ' (warning)' : ''));
        if (!loaded.ok) out.code = 1;
      }
      if (out.code === 0) out.stderr.push(`${positionals.length} file(s) valid`);
      return out;
    }
    case 'play': {
      const [scenarioArg] = positionals;
      if (!scenarioArg || !values.script) return { code: 2, stdout: [], stderr: ['usage: ttx play <scenario> --script <file>'] };
      const loaded = loadScenarioArg(scenarioArg);
      if (!loaded.ok) return { code: 1, stdout: [], stderr: loaded.lines };
      let scriptText: string;
      try {
        scriptText = readFileSync(values.script, 'utf8');
      } catch {
        return { code: 1, stdout: [], stderr: [`${values.script}: cannot be read`] };
      }
      const script = parsePlayScript(scriptText);
      if (!script.ok) return { code: 1, stdout: [], stderr: script.problems.map((p) => `${values.script}: ${p}`) };
      const seed = String(rest.includes('--seed') ? values.seed : (script.script.seed ?? values.seed));
      const run = runScript(loaded.compiled, seed, script.envelopes);
      for (const r of run.refusals) out.stderr.push(`${values.script}: steps[${r.index}]: refused (${r.error.code}): ${r.error.message}`);
      out.stdout.push(render(loaded.compiled, run.entries, format, locale));
      return out;
    }
    case 'simulate': {
      const [scenarioArg] = positionals;
      const policy = values.policy as PolicyId | undefined;
      if (!scenarioArg || !policy) return { code: 2, stdout: [], stderr: ['usage: ttx simulate <scenario> --policy by-the-book|reckless|random'] };
      if (!(policy in POLICIES)) return { code: 2, stdout: [], stderr: [`--policy must be one of ${POLICY_IDS.join(', ')}`] };
      const loaded = loadScenarioArg(scenarioArg);
      if (!loaded.ok) return { code: 1, stdout: [], stderr: loaded.lines };
      const { entries } = simulate(loaded.compiled, { seed: values.seed ?? '1', policy });
      out.stdout.push(render(loaded.compiled, entries, format, locale));
      return out;
    }
    case 'lint': {
      const [scenarioArg] = positionals;
      if (!scenarioArg) return { code: 2, stdout: [], stderr: ['usage: ttx lint <scenario>'] };
      const loaded = loadScenarioArg(scenarioArg);
      if (!loaded.ok) return { code: 1, stdout: loaded.lines, stderr: [] };
      const problems = lintScenario(loaded.compiled.scenario);
      for (const p of problems) out.stdout.push(formatProblem({ ...p, file: loaded.file }));
      if (problems.some((p) => p.severity === 'error')) out.code = 1;
      const seeds = Math.max(1, Number(values.seeds) || 20);
      for (const policy of POLICY_IDS) {
        const totals: number[] = [];
        for (let seed = 1; seed <= seeds; seed++) {
          const { entries } = simulate(loaded.compiled, { seed: String(seed), policy });
          totals.push(buildReport(loaded.compiled, entries, { locale }).score.total);
        }
        out.stdout.push(`${policy}: total score ${Math.min(...totals)}–${Math.max(...totals)} over seeds 1–${seeds}`);
      }
      return out;
    }
    default:
      return { code: 2, stdout: [], stderr: [`unknown command "${command}"`, USAGE] };
  }
}
