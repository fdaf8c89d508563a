import { describe, expect, it } from 'vitest';
import { buildReport, renderHtml, renderJson, renderMarkdown } from '../../shared/report/index.ts';
import { compiledFixture, DEPUTY, IC, min, SME } from '../engine/fixture.ts';
import { TestDrill } from '../engine/harness.ts';

const compiled = compiledFixture();

describe('REP: the after-action report', () => {
  const d = (() => {
    const x = new TestDrill(compiled).start();
    x.do(0, DEPUTY, { type: 'action.take', action: 'page-ic' });
    x.do(min(1), SME, { type: 'action.take', action: 'review-network-logs' });
    x.do(min(2), IC, { type: 'message.send', message: { channel: 'chat', recipients: ['soc'], subject: '<script>alert(1)</script>', body: '<img src=x onerror=alert(1)>', encrypted: false } });
    x.do(min(3), SME, { type: 'action.take', action: 'terminate-instance', target: 'db' });
    x.do(min(4), IC, { type: 'hint.request' });
    return x;
  })();
  const report = buildReport(compiled, d.entries, { locale: 'en' });

  it('REP1 the JSON report has the required keys', () => {
    const json = JSON.parse(renderJson(report));
    expect(json).toMatchObject({ scenario: { id: 'fixture' }, seed: 'seed-1', score: { total: expect.any(Number) } });
    expect(Object.keys(json.score.categories).sort()).toEqual(['comms', 'evidence', 'ordering', 'roles', 'timeliness']);
    expect(json.findings.length).toBeGreaterThan(0);
    for (const f of json.findings) expect(Object.keys(f)).toEqual(expect.arrayContaining(['rule', 'category', 'points', 'at', 'events', 'runbookRef', 'message']));
  });
  it('REP2 rendering is deterministic, byte for byte', () => {
    const again = buildReport(compiled, d.entries, { locale: 'en' });
    expect(renderJson(again)).toBe(renderJson(report));
    expect(renderMarkdown(again)).toBe(renderMarkdown(report));
    expect(renderHtml(again)).toBe(renderHtml(report));
  });
  it('REP3 HTML escapes whatever players wrote', () => {
    const html = renderHtml(report);
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;script&gt;');
  });
  it('REP4 Markdown carries the score table and findings with citations', () => {
    const md = renderMarkdown(report);
    expect(md).toContain('| Category | Score |');
    expect(md).toMatch(/\| EVD-1 Image a compromised disk before it is destroyed \| Evidence preservation \| -?\d/);
    expect(md).toContain('PagerDuty security incident checklist ›');
  });
  it('REP5 OODA latency is measured from each inject to the first move of each phase', () => {
    const alert = report.ooda.find((o) => o.injectId === 'alert');
    expect(alert?.latency.observe).toBe(min(1));
    expect(alert?.latency.act).toBe(0);
    expect(report.ooda.some((o) => o.injectId === 'secret')).toBe(false);
  });
  it('REP6 checklist rows show when each step was first worked on, and hints are listed', () => {
    expect(report.steps.find((s) => s.step === 'assemble-team')?.firstAt).toBe(0);
    expect(report.steps.find((s) => s.step === 'external-comms')?.firstAt).toBeNull();
    expect(report.hints).toHaveLength(1);
    expect(report.practiseNext.length).toBeGreaterThan(0);
  });
  it('REP7 a report renders in another locale', () => {
    const ja = buildReport(compiled, d.entries, { locale: 'ja' });
    expect(ja.findings[0]?.citation).toMatch(/チェックリスト|ランブック/);
  });
});
