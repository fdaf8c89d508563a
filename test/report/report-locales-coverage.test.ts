import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { simulate } from '../../shared/bots/index.ts';
import type { PolicyId } from '../../shared/bots/index.ts';
import { LOCALES, localize, type Locale } from '../../shared/i18n/locales.ts';
import { buildReport, count, esc, REPORT_LABELS, renderHtml, renderJson, renderMarkdown, type ReportLabels } from '../../shared/report/index.ts';
import { ROLE_DEFS } from '../../shared/runbook/roles.ts';
import { loadScenario } from '../../shared/scenario/index.ts';
import type { CompiledScenario } from '../../shared/scenario/compiled.ts';
import { RULES, scoreDrill } from '../../shared/scoring/index.ts';
import { pick } from '../../shared/scoring/text.ts';
import { compiledFixture, DEPUTY, IC, min, SCRIBE, SME } from '../engine/fixture.ts';
import { TestDrill } from '../engine/harness.ts';

/*
 * The report in the reader's language, checked over every bundled scenario and every bot policy:
 * each label of the catalog is absent (in English) from a Japanese or Chinese report, every rule
 * title and every finding a drill can produce reads in the report's locale, punctuation follows the
 * language, and the same log renders byte for byte the same per locale.
 */

const KANA = /[\u3040-\u30ff]/;
const HAN = /[\u4e00-\u9fff]/;

const scenarios: CompiledScenario[] = readdirSync('scenarios')
  .filter((f) => f.endsWith('.yaml'))
  .sort()
  .map((f) => {
    const loaded = loadScenario(readFileSync(`scenarios/${f}`, 'utf8'), f);
    if (!loaded.ok) throw new Error(`bundled scenario ${f} does not load`);
    return loaded.compiled;
  });

const POLICIES: readonly PolicyId[] = ['by-the-book', 'reckless', 'random'];
const SEEDS = ['1', '2', '3'];
/** Every bundled scenario played by every policy on a few seeds: a wide spread of findings. */
const drills = scenarios.flatMap((compiled) => POLICIES.flatMap((policy) => SEEDS.map((seed) => ({ compiled, policy, seed, entries: simulate(compiled, { seed, policy }).entries }))));

/** The label catalog flattened to text: functions are called with placeholder arguments. */
function labelTexts(labels: ReportLabels): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(labels)) {
    if (typeof value === 'string') out[key] = value;
    else if (typeof value === 'function') out[key] = (value as (...a: string[]) => string)('1', '2');
    else if (Array.isArray(value)) value.forEach((v: string, i) => (out[`${key}.${i}`] = v));
    else for (const [k, v] of Object.entries(value as Record<string, string>)) out[`${key}.${k}`] = v;
  }
  return out;
}

/** Labels that read the same in every language (symbols, or empty header cells). */
const SAME_EVERYWHERE = new Set(['outOf100', 'stepHeaders.0', 'stepHeaders.4']);
/** Table headers, checked where they sit (a header cell) as well as anywhere in the text. */
const HEADER_GROUPS = ['stepHeaders', 'oodaHeaders', 'findingHeaders', 'teamTimelineHeaders'] as const;

describe('L10N-R: report labels and rule texts, over every bundled scenario', () => {
  it('L10N-R7 the label catalog is complete: every key, no empty text, ja and zh-CN translated, CJK punctuation', () => {
    const en = labelTexts(REPORT_LABELS.en);
    for (const locale of LOCALES) {
      const texts = labelTexts(REPORT_LABELS[locale]);
      expect(Object.keys(texts).sort(), locale).toEqual(Object.keys(en).sort());
      for (const [key, text] of Object.entries(texts)) {
        if (SAME_EVERYWHERE.has(key)) continue;
        expect(text.trim(), `${locale} ${key}`).not.toBe('');
        if (locale !== 'en') expect(text, `${locale} ${key}`).not.toBe(en[key]);
      }
    }
    for (const locale of ['ja', 'zh-CN'] as const) {
      const L = REPORT_LABELS[locale];
      expect(L.colon).toBe('：');
      expect(L.paren('x')).toBe('（x）');
      expect(L.listSep).toBe('、');
      expect(HEADER_GROUPS.every((g) => L[g].length === REPORT_LABELS.en[g].length)).toBe(true);
    }
  });

  it('L10N-R8 every rule id has a title in all three locales, each in its own script', () => {
    expect(new Set(RULES.map((r) => r.id)).size).toBe(RULES.length);
    for (const rule of RULES) {
      const { en, ja, 'zh-CN': zh } = rule.title;
      expect(en.trim(), rule.id).not.toBe('');
      expect(ja, rule.id).not.toBe(en);
      expect(zh, rule.id).not.toBe(en);
      expect(zh, rule.id).not.toBe(ja);
      expect(ja, `${rule.id} ja`).toMatch(KANA);
      expect(zh, `${rule.id} zh-CN`).toMatch(HAN);
      expect(zh, `${rule.id} zh-CN has kana`).not.toMatch(KANA);
    }
  });

  it('L10N-R9 every finding any drill produces has its message in all three locales, and reports pick the reader\'s', () => {
    const fired = new Set<string>();
    for (const { compiled, entries, policy, seed } of drills) {
      const score = scoreDrill(compiled, entries);
      for (const f of score.findings) {
        const where = `${compiled.scenario.id} ${policy} ${seed} ${f.rule}`;
        fired.add(f.rule);
        expect(f.message.en.trim(), where).not.toBe('');
        expect(f.message.ja, where).not.toBe(f.message.en);
        expect(f.message['zh-CN'], where).not.toBe(f.message.en);
        expect(f.message.ja, `${where} ja`).toMatch(KANA);
        expect(f.message['zh-CN'], `${where} zh-CN`).toMatch(HAN);
        expect(f.message['zh-CN'], `${where} zh-CN has kana`).not.toMatch(KANA);
      }
      for (const locale of LOCALES) {
        const report = buildReport(compiled, entries, { locale });
        const messages = score.findings.map((f) => f.message[locale]);
        expect(report.findings.map((f) => f.message)).toEqual(messages);
        expect(report.findings.map((f) => f.title)).toEqual(score.findings.map((f) => RULES.find((r) => r.id === f.rule)?.title[locale]));
        for (const w of report.wentWell) expect(messages).toContain(w);
        for (const p of report.practiseNext) expect(messages).toContain(p.message);
        // The JSON contract: findings[].message is one string, in the report's locale.
        const json = JSON.parse(renderJson(report)) as { locale: string; findings: { message: unknown }[] };
        expect(json.locale).toBe(locale);
        expect(json.findings.map((f) => f.message)).toEqual(messages);
      }
    }
    // The spread of drills reaches most rules, so the checks above are not vacuous.
    expect(fired.size).toBeGreaterThan(RULES.length * 0.8);
  });

  for (const locale of ['ja', 'zh-CN'] as const satisfies readonly Locale[]) {
    it(`L10N-R10 ${locale} reports of every scenario and policy carry no English label, label by label`, () => {
      const target = labelTexts(REPORT_LABELS[locale]);
      const english = Object.entries(labelTexts(REPORT_LABELS.en)).filter(([key, text]) => !SAME_EVERYWHERE.has(key) && text !== target[key]);
      for (const { compiled, entries, policy } of drills.filter((d) => d.seed === '1')) {
        const report = buildReport(compiled, entries, { locale });
        const html = renderHtml(report);
        const md = renderMarkdown(report);
        const where = `${compiled.scenario.id} ${policy}`;
        for (const [key, text] of english) {
          if (key === 'colon' || key === 'listSep') continue; // ": " and ", " also occur in citations and player text
          const header = HEADER_GROUPS.some((g) => key.startsWith(`${g}.`));
          // Short labels ("At", "By", "Act") are checked where they would sit, longer ones anywhere.
          if (header || text.length <= 3) {
            expect(html, `${where} HTML header ${key}`).not.toContain(`<th scope="col">${esc(text)}</th>`);
            expect(md, `${where} Markdown header ${key}`).not.toContain(`| ${text} |`);
          }
          if (text.length > 3) {
            expect(html.includes(esc(text)), `${where} HTML has the English label ${key}: "${text}"`).toBe(false);
            expect(md.includes(text), `${where} Markdown has the English label ${key}: "${text}"`).toBe(false);
          }
        }
        // The locale's own labels are there instead.
        const L = REPORT_LABELS[locale];
        for (const h of L.findingHeaders) expect(html).toContain(`<th scope="col">${esc(h)}</th>`);
        expect(md).toContain(`## ${L.findings}`);
        expect(md).toContain(`# ${L.reportTitle}${L.colon}${report.scenario.title}`);
        expect(html).toContain(`<html lang="${locale}">`);
        // Category names appear in the locale, and each finding shows its rule's title.
        for (const f of report.findings) {
          expect(md).toContain(`| ${f.rule} ${f.title} | ${L.categories[f.category]} |`);
          expect(html).toContain(`<span class="rule-id">${esc(f.rule)}</span> ${esc(f.title)}`);
        }
      }
    });
  }

  it('L10N-R11 the same log gives byte-identical reports twice in every locale, for every scenario', () => {
    for (const { compiled, entries } of drills.filter((d) => d.seed === '2')) {
      for (const locale of LOCALES) {
        const [a, b] = [buildReport(compiled, entries, { locale }), buildReport(compiled, entries, { locale })];
        expect(renderHtml(b)).toBe(renderHtml(a));
        expect(renderMarkdown(b)).toBe(renderMarkdown(a));
        expect(renderJson(b)).toBe(renderJson(a));
      }
    }
    // Locales differ in words only: the same log, read in another language, keeps every number.
    const { compiled, entries } = drills[0]!;
    const [en, ja, zh] = LOCALES.map((locale) => JSON.parse(renderJson(buildReport(compiled, entries, { locale }))) as { score: unknown; findings: { rule: string; points: number; at: number; events: number[]; runbookRef: string }[] });
    const numbers = (r: typeof en) => r?.findings.map(({ rule, points, at, events, runbookRef }) => ({ rule, points, at, events, runbookRef }));
    expect(numbers(ja)).toEqual(numbers(en));
    expect(numbers(zh)).toEqual(numbers(en));
    expect(ja?.score).toEqual(en?.score);
  });

  it('L10N-R12 text without a translation falls back to English; report labels and rule texts never do', () => {
    expect(localize({ en: 'Only English' }, 'ja')).toBe('Only English');
    expect(localize({ en: 'Only English' }, 'zh-CN')).toBe('Only English');
    expect(localize({ en: 'Only English', ja: '日本語だけ' }, 'zh-CN')).toBe('Only English');
    expect(localize({ en: 'Only English', ja: '日本語だけ' }, 'ja')).toBe('日本語だけ');
    expect(pick({ en: 'Only English' }, 'ja')).toBe('Only English');
    // The engine fixture's scenario is written in English only: its words fall back, the report's own do not.
    const compiled = compiledFixture();
    const d = new TestDrill(compiled).start();
    d.do(0, DEPUTY, { type: 'action.take', action: 'page-ic' });
    d.do(min(1), SME, { type: 'action.take', action: 'review-network-logs' });
    d.do(min(2), SCRIBE, { type: 'timeline.add', text: 'dump started', claimedAt: 0 });
    d.do(min(3), IC, { type: 'action.take', action: 'terminate-instance', target: 'db' });
    const ja = buildReport(compiled, d.entries, { locale: 'ja' });
    expect(ja.scenario.title).toBe(compiled.scenario.title.en);
    expect(ja.ooda[0]?.title).toBe(localize(compiled.scenario.injects[0]!.title, 'en'));
    expect(renderMarkdown(ja)).toContain(`# ${REPORT_LABELS.ja.reportTitle}：${compiled.scenario.title.en}`);
    expect(ja.findings.length).toBeGreaterThan(0);
    for (const f of ja.findings) expect(f.message, f.rule).toMatch(KANA);
  });

  it('L10N-R13 the team timeline names seats by their role in the report\'s locale; the JSON keeps the seat id', () => {
    const compiled = compiledFixture();
    const d = new TestDrill(compiled).start();
    d.do(min(1), SCRIBE, { type: 'timeline.add', text: 'dump started', claimedAt: 0 });
    const scribe = ROLE_DEFS.find((r) => r.id === 'scribe')!;
    for (const locale of LOCALES) {
      const report = buildReport(compiled, d.entries, { locale });
      expect(report.timeline[0]).toMatchObject({ by: SCRIBE.seat, byName: localize(scribe.title, locale) });
      expect(renderMarkdown(report)).toContain(`| ${localize(scribe.title, locale)} |`);
    }
  });

  it('L10N-R14 numbers are grouped the locale\'s way, the same on every host', () => {
    for (const locale of LOCALES) expect(count(480_000, locale)).toBe('480,000');
    expect(count(1234, 'en')).toBe('1,234');
  });
});
