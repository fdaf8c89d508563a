import { marked } from 'marked';
import { describe, expect, it } from 'vitest';
import { buildReport, renderHtml, renderJson, renderMarkdown } from '../../shared/report/index.ts';
import { mdCode, mdLine, mdText } from '../../shared/report/markdown.ts';
import { compiledFixture, FAC, IC, min, OBSERVER, SCRIBE, SME } from '../engine/fixture.ts';
import { TestDrill } from '../engine/harness.ts';

/* Reports carry what players and facilitators wrote: it stays text, and each seat's report holds only what that seat was shown. */

const HOSTILE = ['<script>alert(1)</script>', '[click me](javascript:alert(1))', '<javascript:alert(2)>', '![x](javascript:alert(3))', '<img src=x onerror=alert(4)>', 'line one\n[ref]: javascript:alert(5)\n# heading'];

/** What a Markdown renderer makes of the report, lower-cased for searching. */
const rendered = (md: string) => (marked.parse(md, { async: false }) as string).toLowerCase();

describe('REP4: hostile text in reports', () => {
  const compiled = compiledFixture({ title: 'Fixture <b>bold</b> [t](javascript:alert(6))' });
  const d = new TestDrill(compiled, 'seed `with` <tags>').start();
  HOSTILE.forEach((text, i) => d.do(min(1) + i, SCRIBE, { type: 'timeline.add', text }));
  d.do(min(2), FAC, { type: 'inject.adhoc', title: '<script>alert(7)</script>', body: 'x', audience: 'all' });
  const report = buildReport(compiled, d.entries, { locale: 'en' });

  it('REP4 the Markdown report escapes HTML and leaves no link, image or script to follow, in any renderer that follows CommonMark', () => {
    const md = renderMarkdown(report);
    const html = rendered(md);
    // No element but the report's own: no script, image, link or bold from the text, and no link target.
    expect(html).not.toMatch(/<(script|img|a|b)[\s>]|href=/);
    expect(html).not.toContain('<h1>heading');
    // The text is all still there, to be read.
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('[click me](javascript:alert(1))');
    expect(html).toContain('seed <code>seed `with` &lt;tags&gt;</code>');
  });

  it('REP4 the HTML report escapes the same text and has no link or script at all', () => {
    const html = renderHtml(report).toLowerCase();
    expect(html).not.toMatch(/<(script|img|a|b)[\s>]|href=/);
    expect(html).toContain('&lt;script&gt;alert(7)&lt;/script&gt;');
  });

  it('REP4 the escaping helpers: text stays text, code spans hold backticks, line starts open no block', () => {
    expect(mdText('a *b* _c_ `d` [e](f) <g> & h | i')).toBe('a \\*b\\* \\_c\\_ \\`d\\` \\[e\\](f) &lt;g&gt; &amp; h \\| i');
    expect(mdText('two\nlines')).toBe('two lines');
    expect(mdCode('a ``b`` c')).toBe('```a ``b`` c```');
    expect(mdCode('`x')).toBe('`` `x ``');
    expect(mdLine('# not a heading')).toBe('\\# not a heading');
    expect(mdLine('12. not a list')).toBe('12\\. not a list');
    expect(mdLine('-5 points')).toBe('\\-5 points');
    for (const s of ['# h', '12. x', '- y', '+ z', '[a](javascript:b)', '<p>']) expect(rendered(`- ${mdLine(s)}`)).toBe(`<ul>\n<li>${s.replace('<', '&lt;').replace('>', '&gt;').toLowerCase()}</li>\n</ul>\n`);
  });
});

describe('REP2: a seat\'s report holds what the seat was shown', () => {
  const compiled = compiledFixture();
  const d = new TestDrill(compiled).start();
  d.do(min(1), IC, { type: 'hint.request' });
  d.do(min(1), FAC, { type: 'inject.adhoc', title: 'For the IC alone', body: 'Only you know this.', audience: ['ic'] });
  d.do(min(1), FAC, { type: 'inject.adhoc', title: 'For the facilitator alone', body: 'Backstage.', audience: 'facilitator' });
  d.do(min(2), FAC, { type: 'facilitator.note', text: 'NOTE-the team is slow' });
  d.do(min(3), SME, { type: 'action.take', action: 'review-network-logs', target: 'app' });
  d.do(min(4), FAC, { type: 'drill.end', reason: 'done' });
  const full = buildReport(compiled, d.entries, { locale: 'en' });
  const reportFor = (viewer: typeof IC) => buildReport(compiled, d.entries, { locale: 'en', viewer });
  const everything = (r: ReturnType<typeof reportFor>) => [renderJson(r), renderMarkdown(r), renderHtml(r)].join('\n');

  it('REP2 an observer\'s report has no ad-hoc inject meant for others, no facilitator-only inject, no note, no other seat\'s hint and no seed', () => {
    const text = everything(reportFor(OBSERVER));
    for (const hidden of ['For the IC alone', 'For the facilitator alone', 'Facilitator only', 'NOTE-the team is slow', 'seed-1']) expect(text).not.toContain(hidden);
    expect(reportFor(OBSERVER).hints).toEqual([]);
    expect(reportFor(OBSERVER).seed).toBe('');
  });

  it('REP2 the IC\'s report has the inject meant for the IC and the IC\'s hint; the facilitator\'s has everything', () => {
    const ic = reportFor(IC);
    expect(ic.ooda.map((o) => o.title)).toContain('For the IC alone');
    expect(ic.ooda.map((o) => o.title)).not.toContain('For the facilitator alone');
    expect(ic.hints).toHaveLength(1);
    expect(reportFor(SME).ooda.map((o) => o.title)).not.toContain('For the IC alone');
    expect(full.ooda.map((o) => o.title)).toEqual(expect.arrayContaining(['For the IC alone']));
    expect(full.seed).toBe('seed-1');
    expect(full.hints).toHaveLength(1);
  });

  it('REP2 every seat\'s report carries the team\'s score, from the whole log', () => {
    for (const viewer of [IC, SME, SCRIBE, OBSERVER]) {
      const r = reportFor(viewer);
      expect(r.score).toEqual(full.score);
      expect(r.findings).toEqual(full.findings);
    }
  });
});
