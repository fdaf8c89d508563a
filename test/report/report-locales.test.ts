import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { simulate } from '../../shared/bots/index.ts';
import { LOCALES, localize, type Locale } from '../../shared/i18n/locales.ts';
import { buildReport, REPORT_LABELS, renderHtml, renderJson, renderMarkdown, type ReportLabels } from '../../shared/report/index.ts';
import { loadScenario } from '../../shared/scenario/index.ts';
import { RULES, scoreDrill } from '../../shared/scoring/index.ts';

/*
 * The report in the reader's language: every label exists in every locale, a Japanese or Chinese
 * report carries no English label, findings read in the report's locale, and each locale renders
 * the same log byte for byte the same way every time.
 */

const loaded = loadScenario(readFileSync('scenarios/exfiltration-detected.yaml', 'utf8'), 'exfiltration-detected.yaml');
if (!loaded.ok) throw new Error('bundled scenario does not load');
const compiled = loaded.compiled;
// A reckless team earns both credits and deductions, so every section of the report has content.
const { entries } = simulate(compiled, { seed: '3', policy: 'reckless' });

/** The label catalog flattened to text: functions are called with placeholder arguments. */
function labelTexts(labels: ReportLabels): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(labels)) {
    if (typeof value === 'string') out[key] = value;
    else if (typeof value === 'function') out[key] = (value as (...a: string[]) => string)('1', '2');
    else if (Array.isArray(value)) value.forEach((v, i) => (out[`${key}.${i}`] = v));
    else for (const [k, v] of Object.entries(value as Record<string, string>)) out[`${key}.${k}`] = v;
  }
  return out;
}

/** Labels that read the same in every language (symbols, or empty header cells). */
const SAME_EVERYWHERE = new Set(['outOf100', 'stepHeaders.0', 'stepHeaders.4']);

describe('L10N-R: the report in three languages', () => {
  it('L10N-R1 every report label exists in every locale, and ja/zh-CN are translations, not copies', () => {
    const en = labelTexts(REPORT_LABELS.en);
    for (const locale of LOCALES) {
      const texts = labelTexts(REPORT_LABELS[locale]);
      expect(Object.keys(texts).sort()).toEqual(Object.keys(en).sort());
      for (const [key, text] of Object.entries(texts)) {
        if (!SAME_EVERYWHERE.has(key)) expect(text.trim().length, `${locale} ${key}`).toBeGreaterThan(0);
        if (locale !== 'en' && !SAME_EVERYWHERE.has(key)) expect(text, `${locale} ${key}`).not.toBe(en[key]);
      }
    }
  });

  it('L10N-R2 every scoring rule has a title in every locale', () => {
    for (const rule of RULES) for (const locale of LOCALES) expect(rule.title[locale].trim(), `${rule.id} ${locale}`).not.toBe('');
  });

  for (const locale of ['ja', 'zh-CN'] as const satisfies readonly Locale[]) {
    it(`L10N-R3 a ${locale} report shows no English label and its findings read in ${locale}`, () => {
      const report = buildReport(compiled, entries, { locale });
      const html = renderHtml(report);
      const md = renderMarkdown(report);
      const target = labelTexts(REPORT_LABELS[locale]);
      const english = Object.entries(labelTexts(REPORT_LABELS.en)).filter(([key, text]) => text.length > 3 && text !== target[key]);
      for (const [key, text] of english) {
        expect(html.includes(text), `HTML has the English label ${key}: "${text}"`).toBe(false);
        expect(md.includes(text), `Markdown has the English label ${key}: "${text}"`).toBe(false);
      }
      expect(html).toContain(`<html lang="${locale}">`);
      const score = scoreDrill(compiled, entries);
      expect(report.findings.map((f) => f.message)).toEqual(score.findings.map((f) => localize(f.message, locale)));
      expect(report.findings.length).toBeGreaterThan(0);
      // Scenario text (inject titles) follows the locale too.
      expect(report.ooda[0]?.title).toBe(localize(compiled.scenario.injects[0]!.title, locale));
    });
  }

  it('L10N-R4 each locale renders the same log identically, byte for byte', () => {
    for (const locale of LOCALES) {
      const a = buildReport(compiled, entries, { locale });
      const b = buildReport(compiled, entries, { locale });
      expect(renderHtml(b)).toBe(renderHtml(a));
      expect(renderMarkdown(b)).toBe(renderMarkdown(a));
      expect(renderJson(b)).toBe(renderJson(a));
    }
  });

  it('L10N-R5 the score is the same whatever the reader\'s locale; only the words change', () => {
    const [en, ja, zh] = LOCALES.map((locale) => buildReport(compiled, entries, { locale }));
    expect(ja?.score).toEqual(en?.score);
    expect(zh?.score).toEqual(en?.score);
    expect(ja?.findings.map((f) => [f.rule, f.points, f.at])).toEqual(en?.findings.map((f) => [f.rule, f.points, f.at]));
  });

  it('L10N-R6 text missing a translation falls back to English', () => {
    expect(localize({ en: 'Only English' }, 'ja')).toBe('Only English');
    expect(localize({ en: 'Only English', 'zh-CN': '中文' }, 'ja')).toBe('Only English');
    expect(localize({ en: 'Only English', 'zh-CN': '中文' }, 'zh-CN')).toBe('中文');
  });
});
