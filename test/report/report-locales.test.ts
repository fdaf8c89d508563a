import { describe, expect, it } from 'vitest';
import { LOCALES, localize, type Locale } from '../../shared/i18n/locales.ts';
import { buildReport, count, esc, mdText, REPORT_LABELS, renderHtml, renderJson, renderMarkdown, type ReportLabels } from '../../shared/report/index.ts';
import { ROLE_DEFS } from '../../shared/runbook/roles.ts';
import { IC, SCRIBE } from '../engine/fixture.ts';
import { botDrills, handDrill } from './drills.ts';

/*
 * The report's own words in en, ja and zh-CN: every label exists in every locale and is translated,
 * with the language's punctuation; a Japanese or Chinese report shows its own labels and none of
 * the English ones. Scenario text and scoring messages come from their own catalogs (English
 * until translated); the numbers never change with the language.
 */

const KANA = /[\u3040-\u30ff]/;
const HAN = /[\u4e00-\u9fff]/;

/** The label catalog flattened to text: functions are called with placeholder arguments. */
function labelTexts(labels: ReportLabels): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (prefix: string, value: unknown) => {
    if (typeof value === 'string') out[prefix] = value;
    else if (typeof value === 'function') {
      out[prefix] = (value as (...a: unknown[]) => string)('1', '2', '3', '4');
      if (['insiderAnswer', 'truthInsider'].includes(prefix)) out[`${prefix}(false)`] = (value as (a: unknown) => string)(false);
    } else if (Array.isArray(value)) value.forEach((v, i) => walk(`${prefix}.${i}`, v));
    else for (const [k, v] of Object.entries(value as Record<string, unknown>)) walk(prefix ? `${prefix}.${k}` : k, v);
  };
  walk('', labels);
  return out;
}

/** Labels that read the same in every language (symbols, numbers, a shared abbreviation). */
const SAME_EVERYWHERE = new Set(['quote', 'outOf100', 'narrativeHeaders.0', 'stepHeaders.0', 'findingHeaders.0', 'channels.sms', 'workRan', 'workRan(false)']);

const d = handDrill();
/** Bot teams, played once when the file loads (not inside a test's time limit). */
const bots = botDrills(['2']);

describe('REP6: report labels in three languages', () => {
  it('REP6 every label exists in every locale, none empty, ja and zh-CN translated and written in their scripts', () => {
    const en = labelTexts(REPORT_LABELS.en);
    expect(Object.keys(en).length).toBeGreaterThan(150);
    for (const locale of LOCALES) {
      const texts = labelTexts(REPORT_LABELS[locale]);
      expect(Object.keys(texts).sort(), locale).toEqual(Object.keys(en).sort());
      for (const [key, text] of Object.entries(texts)) {
        expect(text.trim(), `${locale} ${key}`).not.toBe('');
        if (locale === 'en' || SAME_EVERYWHERE.has(key) || ['colon', 'listSep'].includes(key)) continue;
        expect(text, `${locale} ${key}`).not.toBe(en[key]);
        // Templates that are only punctuation around their arguments ("「1」（2、3）") have no words to check.
        if (text.replace(/false|true/g, '').replace(/[\d\s\p{P}\p{S}]/gu, '') === '') continue;
        expect(text, `${locale} ${key}`).toMatch(locale === 'ja' ? new RegExp(`${KANA.source}|${HAN.source}`) : HAN);
        if (locale === 'zh-CN') expect(text, `${locale} ${key} has kana`).not.toMatch(KANA);
      }
    }
  });

  it('REP6 ja and zh-CN punctuation: full-width colon, parentheses and list separator, corner or curly quotes', () => {
    for (const locale of ['ja', 'zh-CN'] as const) {
      const L = REPORT_LABELS[locale];
      expect(L.colon).toBe('：');
      expect(L.paren('x')).toBe('（x）');
      expect(L.listSep).toBe('、');
    }
    expect(REPORT_LABELS.ja.quote('x')).toBe('「x」');
    expect(REPORT_LABELS['zh-CN'].quote('x')).toBe('“x”');
  });

  for (const locale of ['ja', 'zh-CN'] as const satisfies readonly Locale[]) {
    it(`REP6 a ${locale} report (facilitator's and a seat's) uses its labels and carries no English label`, () => {
      const target = labelTexts(REPORT_LABELS[locale]);
      const english = Object.entries(labelTexts(REPORT_LABELS.en)).filter(([key, text]) => text !== target[key] && !['colon', 'listSep'].includes(key));
      const L = REPORT_LABELS[locale];
      for (const options of [{ locale }, { locale, viewer: IC, headlineSeat: 'ic' }]) {
        const report = buildReport(d.compiled, d.entries, options);
        const html = renderHtml(report);
        const md = renderMarkdown(report);
        // The words a reader sees (no stylesheet, no markup such as the class "inject"), less the text
        // that comes from the scoring catalogs and the scenario, which fall back to English until translated.
        const borrowed = [
          ...report.findings.flatMap((f) => [f.message, f.title, f.citation]),
          ...report.actionItems.flatMap((a) => [a.example, a.title, a.citation]),
          ...report.narrative.flatMap((i) => [i.title, i.who, ...i.detail]),
          ...report.ooda.map((o) => o.title),
          ...(report.backstage?.notes.map((n) => n.text) ?? []),
          report.scenario.title,
        ].sort((a, b) => b.length - a.length);
        let visible = html.replace(/<style>[\s\S]*?<\/style>/, '').replace(/<[^>]+>/g, '\n');
        let mdWords = md;
        for (const text of borrowed) {
          visible = visible.split(esc(text)).join('\n');
          mdWords = mdWords.split(mdText(text)).join('\n');
        }
        for (const [key, text] of english) {
          // Short labels ("At", "By", "met") are checked where they sit: a header cell, a chip.
          if (text.length <= 4) {
            expect(html, `${locale} header ${key}`).not.toContain(`<th scope="col">${esc(text)}</th>`);
            expect(html, `${locale} chip ${key}`).not.toMatch(new RegExp(`<span class="chip [a-z]+">${text}</span>`));
            continue;
          }
          expect(visible.includes(esc(text)), `HTML has the English label ${key}: "${text}"`).toBe(false);
          expect(mdWords.includes(mdText(text)), `Markdown has the English label ${key}: "${text}"`).toBe(false);
        }
        for (const h of L.findingHeaders) expect(html).toContain(esc(h));
        for (const h of L.narrativeHeaders) expect(html).toMatch(new RegExp(`<th scope="col"( class="[a-z]+")?>${esc(h)}</th>`));
        expect(html).toContain(`<html lang="${locale}">`);
        expect(md).toContain(`## ${mdText(L.narrative)}`);
        expect(md).toContain(`## ${mdText(L.actionItems)}`);
        expect(md).toContain(`## ${mdText(L.hotwash)}`);
        // Seats by their role in the locale; the narrative's kinds and the chart's lanes too.
        const scribe = localize(ROLE_DEFS.find((r) => r.id === 'scribe')!.title, locale);
        expect(report.narrative.find((i) => i.kind === 'entry')?.who).toBe(scribe);
        expect(html).toContain(`>${esc(L.lanes.injects)}</text>`);
        expect(html).toContain(esc(L.kinds.work));
      }
    });
  }

  it('REP6 every locale gives the same numbers, findings and structure: only the words change', () => {
    const [en, ja, zh] = LOCALES.map((locale) => buildReport(d.compiled, d.entries, { locale }));
    for (const other of [ja!, zh!]) {
      expect(other.score).toEqual(en!.score);
      expect(other.findings.map((f) => [f.id, f.rule, f.points, f.penalty, f.at, f.severity])).toEqual(en!.findings.map((f) => [f.id, f.rule, f.points, f.penalty, f.at, f.severity]));
      expect(other.narrative.map((i) => [i.n, i.kind, i.at, i.end, i.mark, i.status, i.lane])).toEqual(en!.narrative.map((i) => [i.n, i.kind, i.at, i.end, i.mark, i.status, i.lane]));
      expect(other.actionItems.map((a) => a.findings)).toEqual(en!.actionItems.map((a) => a.findings));
      expect(other.hotwash.map((q) => [q.source, q.ref])).toEqual(en!.hotwash.map((q) => [q.source, q.ref]));
    }
  });

  it('REP6 over bot teams: each locale\'s report is byte-identical when built twice', () => {
    for (const { compiled, entries } of bots) {
      for (const locale of LOCALES) {
        const [a, b] = [buildReport(compiled, entries, { locale, viewer: SCRIBE }), buildReport(compiled, entries, { locale, viewer: SCRIBE })];
        expect(renderHtml(b)).toBe(renderHtml(a));
        expect(renderMarkdown(b)).toBe(renderMarkdown(a));
        expect(renderJson(b)).toBe(renderJson(a));
      }
    }
  }, 60_000);

  it('REP6 numbers are grouped the same way on every host', () => {
    for (const locale of LOCALES) expect(count(480_000, locale)).toBe('480,000');
  });
});
