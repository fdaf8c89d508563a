import { marked } from 'marked';
import { describe, expect, it } from 'vitest';
import { buildReport, esc, mdCode, mdLine, mdText, REPORT_LABELS, renderHtml, renderJson, renderMarkdown } from '../../shared/report/index.ts';
import { REPORT_CSS } from '../../shared/report/html.ts';
import { compiledFixture, FAC, SCRIBE, min } from '../engine/fixture.ts';
import { TestDrill } from '../engine/harness.ts';
import { handDrill, HOSTILE } from './drills.ts';

/*
 * The renderers: the HTML and the Markdown carry every section of the model, the HTML has its print
 * stylesheet, and what players (or a scenario's author) wrote stays text in both.
 */

const L = REPORT_LABELS.en;
const d = handDrill();
const report = buildReport(d.compiled, d.entries, { locale: 'en', headlineSeat: 'sme-2' });
const html = renderHtml(report);
const md = renderMarkdown(report);
/** What a CommonMark renderer makes of the Markdown, lower-cased for searching. */
const rendered = (text: string) => (marked.parse(text, { async: false }) as string).toLowerCase();
const count = (text: string, part: string) => text.split(part).length - 1;

describe('REP3: every section in the HTML and the Markdown', () => {
  it('REP3 the HTML has each section, in the order a postmortem reads it', () => {
    const ids = [...html.matchAll(/<section id="([a-z-]+)"/g)].map((m) => m[1]);
    expect(ids).toEqual(['score', 'seats', 'well', 'actions', 'hotwash', 'notes', 'narrative', 'steps', 'findings', 'ooda']);
  });

  it('REP3 the headline is the asked-for seat\'s own score, beside the team\'s', () => {
    expect(html).toContain(`<p class="total">${report.headline?.total}<small> / 100</small></p><p class="total-label">${esc(L.seatScore('Subject-Matter Expert 2'))}</p>`);
    expect(html).toContain(`<p class="total team-total">${report.score.total}<small> / 100</small></p><p class="total-label">${esc(L.teamScore)}</p>`);
    expect(md).toContain(`**Score of Subject-Matter Expert 2: ${report.headline?.total} / 100**`);
    expect(md).toContain(`**Team's score: ${report.score.total} / 100**`);
  });

  it('REP3 the narrative is a chart with a lane per seat and a table row per item', () => {
    const chart = /<svg[^>]*class="narrative-chart"[\s\S]*?<\/svg>/.exec(html)?.[0] ?? '';
    for (const lane of ['Injects', 'Decisions', 'Incident Commander', 'Deputy', 'Scribe', 'Subject-Matter', 'Established']) expect(chart).toContain(`>${lane}`);
    const table = html.slice(html.indexOf('<section id="narrative"'), html.indexOf('<section id="steps"'));
    expect(count(table, '<tr><td class="num" data-label="#">')).toBe(report.narrative.length);
    const mdTable = md.slice(md.indexOf(`## ${L.narrative}`), md.indexOf(`## ${L.checklistOrder}`));
    expect(mdTable.split('\n').filter((l) => /^\| \d+ \| T/.test(l))).toHaveLength(report.narrative.length);
    expect(mdTable).toContain('| Work (cancelled): Take a read-only disk image to off-site cold storage | cancelled: T+19:00 → T+25:00 (6 min) · Customer database · cancelled by Incident Commander |');
  });

  it('REP3 findings show their id, net points, earned of possible, the penalty and a miss\'s severity', () => {
    const disk = report.findings.find((f) => f.rule === 'EVD-1')!;
    const row = new RegExp(`<td class="num" data-label="#">${disk.id}</td>[\\s\\S]*?</tr>`).exec(html)?.[0] ?? '';
    expect(row).toContain(`<span class="deduct">${esc(`−${Math.abs(disk.points)}`)}</span>`);
    expect(row).toContain(esc(L.earnedOf(String(disk.earned), String(disk.possible))));
    expect(row).toContain(esc(L.penalty(String(disk.penalty))));
    expect(row).toContain(esc(L.severity('1', L.severityNames[1])));
    expect(md).toMatch(new RegExp(`^\\| ${disk.id} \\| T\\+28:00 \\| EVD-1 .*\\| −${Math.abs(disk.points)} \\(${disk.earned} of ${disk.possible}\\), −${disk.penalty} from the total \\| missed, severity 1: evidence destroyed \\|$`, 'm'));
  });

  it('REP3 each action item cites its findings by id, rule and time; each hotwash question is listed', () => {
    for (const a of report.actionItems) {
      const refs = a.findings.map((f) => `${f.id} (${f.rule}, T+${Math.floor(f.at / 60_000)}:${String(Math.floor((f.at % 60_000) / 1000)).padStart(2, '0')})`).join(', ');
      expect(html).toContain(esc(`Findings: ${refs}`));
      expect(md).toContain(mdText(`Findings: ${refs}`));
    }
    for (const q of report.hotwash) {
      expect(html).toContain(esc(q.question));
      expect(md).toContain(mdText(q.question));
    }
    expect(count(md.slice(md.indexOf(`## ${L.hotwash}`)), '*(finding)*')).toBe(report.actionItems.length);
  });

  it('REP3 the facilitator\'s notes and the hidden world are in the facilitator\'s HTML and Markdown', () => {
    for (const text of ['NOTE-the team is slow', ...report.backstage!.world]) {
      expect(html).toContain(esc(text));
      expect(md).toContain(mdText(text));
    }
  });

  it('REP3 the JSON carries the model whole', () => {
    const json = JSON.parse(renderJson(report)) as Record<string, unknown>;
    expect(Object.keys(json).sort()).toEqual(['actionItems', 'backstage', 'drill', 'findings', 'headline', 'hints', 'hotwash', 'locale', 'narrative', 'ooda', 'scenario', 'score', 'seats', 'seed', 'steps', 'viewer', 'wentWell']);
    expect(json.narrative).toEqual(report.narrative);
  });

  it('REP7 the HTML prints on A4 with its own print rules: charts fit the page, rows and charts are not split', () => {
    const css = /<style>([\s\S]*)<\/style>/.exec(html)?.[1] ?? '';
    expect(css).toContain('@page{size:A4');
    const print = css.slice(css.indexOf('@media print{'));
    expect(print).toContain('.chart-scroll svg{min-width:0;width:100%}');
    expect(print).toContain('tr{break-inside:avoid');
    expect(print).toContain('thead{display:table-header-group}');
    expect(print).toMatch(/svg,figure,[^{]*\{break-inside:avoid/);
  });
});

describe('REP4: what players wrote stays text', () => {
  it('REP4 the HTML escapes every player text and has no script, image or link of its own', () => {
    const lower = html.toLowerCase();
    expect(lower).not.toMatch(/<(script|img|a|iframe|object)[\s>]|<[a-z][^>]*\s(href|src)=/);
    expect(html).toContain(esc(`Status: ${HOSTILE}`));
    expect(html).toContain(esc(`Way in ${HOSTILE}`));
  });

  it('REP4 the HTML needs only its one stylesheet: no style attribute, so a policy that allows that stylesheet by its hash shows it whole', () => {
    expect([...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1])).toEqual([REPORT_CSS]);
    expect(html).not.toMatch(/<[a-z][^>]*\sstyle=/);
    expect(html).not.toMatch(/<[a-z][^>]*\son[a-z]+=/);
  });

  it('REP4 the Markdown escapes HTML and neutralises links, in a CommonMark renderer', () => {
    const out = rendered(md);
    expect(out).not.toMatch(/<(script|img|a|iframe)[\s>]|<[a-z][^>]*\s(href|src)=/);
    expect(out).toContain('status: &lt;script&gt;alert(1)&lt;/script&gt; [click](javascript:alert(2)) &lt;img src=x onerror=alert(3)&gt;');
  });

  it('REP4 hostile text in titles, notes, seeds and ad-hoc injects stays text in both formats', () => {
    const compiled = compiledFixture({ title: 'Fixture <b>bold</b> [t](javascript:alert(6))' });
    const x = new TestDrill(compiled, 'seed `with` <tags>').start();
    ['<script>alert(1)</script>', '[click me](javascript:alert(1))', '<javascript:alert(2)>', '![x](javascript:alert(3))', 'line one\n[ref]: javascript:alert(5)\n# heading'].forEach((text, i) => x.do(min(1) + i, SCRIBE, { type: 'timeline.add', text }));
    x.do(min(2), FAC, { type: 'inject.adhoc', title: '<script>alert(7)</script>', body: '[x](javascript:alert(8))', audience: 'all' });
    x.do(min(3), FAC, { type: 'facilitator.note', text: '<img src=x onerror=alert(9)> # not a heading' });
    const r = buildReport(compiled, x.entries, { locale: 'en' });
    const out = rendered(renderMarkdown(r));
    expect(out).not.toMatch(/<(script|img|a|b)[\s>]|<[a-z][^>]*\s(href|src)=/);
    expect(out).not.toContain('<h1>heading');
    expect(out).toContain('seed <code>seed `with` &lt;tags&gt;</code>');
    expect(out).toContain('[click me](javascript:alert(1))');
    const page = renderHtml(r).toLowerCase();
    expect(page).not.toMatch(/<(script|img|a|b)[\s>]|<[a-z][^>]*\s(href|src)=/);
    expect(page).toContain('&lt;script&gt;alert(7)&lt;/script&gt;');
  });

  it('REP4 the escaping helpers: text stays text, code spans hold backticks, line starts open no block', () => {
    expect(mdText('a *b* _c_ `d` [e](f) <g> & h | i')).toBe('a \\*b\\* \\_c\\_ \\`d\\` \\[e\\](f) &lt;g&gt; &amp; h \\| i');
    expect(mdText('two\nlines')).toBe('two lines');
    expect(mdCode('a ``b`` c')).toBe('```a ``b`` c```');
    expect(mdCode('`x')).toBe('`` `x ``');
    expect(mdLine('# not a heading')).toBe('\\# not a heading');
    expect(mdLine('12. not a list')).toBe('12\\. not a list');
    for (const s of ['# h', '12. x', '- y', '+ z', '[a](javascript:b)', '<p>']) expect(rendered(`- ${mdLine(s)}`)).toBe(`<ul>\n<li>${s.replace('<', '&lt;').replace('>', '&gt;').toLowerCase()}</li>\n</ul>\n`);
  });
});
