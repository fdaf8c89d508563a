import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../shared/i18n/locales.ts';
import { gameTimeText } from '../../shared/i18n/message.ts';
import { buildReport, esc, intersects, layoutNarrative, layoutSteps, narrativeSvg, stepsSvg, textWidth, type Box, type Label } from '../../shared/report/index.ts';
import { axisLabels, fitText, wrapText } from '../../shared/report/chart/geometry.ts';
import { botDrills, handDrill } from './drills.ts';

/*
 * The charts lay their labels out before drawing them: no label box meets another label or a
 * marker, every label (the last axis label too) is inside the chart, and the SVG draws exactly what
 * the layout placed. Boxes are estimated generously (CJK a full em), and the browser test measures
 * the rendered text as well.
 */

const within = (b: Box, width: number, height: number) => b.x >= 0 && b.y >= 0 && b.x + b.w <= width && b.y + b.h <= height;

function overlaps(labels: readonly Label[], marks: readonly { box: Box }[]): string[] {
  const out: string[] = [];
  labels.forEach((a, i) => {
    for (const b of labels.slice(i + 1)) if (intersects(a.box, b.box)) out.push(`label "${a.text}" meets label "${b.text}"`);
    for (const m of marks) if (intersects(a.box, m.box)) out.push(`label "${a.text}" meets a marker at ${m.box.x},${m.box.y}`);
  });
  return out;
}

const drills = [{ name: 'hand', ...(() => { const d = handDrill(); return { compiled: d.compiled, entries: d.entries }; })() }, ...botDrills(['1', '4']).map((x) => ({ name: `${x.compiled.scenario.id} ${x.policy} ${x.seed}`, compiled: x.compiled, entries: x.entries }))];

describe('REP5: chart labels meet nothing and stay inside', () => {
  it('REP5 the narrative chart, every drill and locale: labels apart from each other and from every marker, all inside, the last tick labelled', () => {
    let placed = 0;
    for (const { name, compiled, entries } of drills) {
      for (const locale of LOCALES) {
        const report = buildReport(compiled, entries, { locale });
        const layout = layoutNarrative(report);
        const where = `${name} ${locale}`;
        const all = [...layout.labels, ...layout.axis, ...layout.lanes.flatMap((l) => l.label)];
        expect(overlaps(all, layout.marks), where).toEqual([]);
        for (const l of all) expect(within(l.box, layout.width, layout.height), `${where}: "${l.text}" at ${JSON.stringify(l.box)}`).toBe(true);
        for (const m of layout.marks) expect(within(m.box, layout.width, layout.height), `${where}: marker ${m.n}`).toBe(true);
        // The tick at the far right is labelled, and its label ends inside the chart.
        const last = layout.axis.at(-1)!;
        expect(last.text, where).toBe(gameTimeText(layout.ticks.at(-1)!.t));
        expect(last.box.x + last.box.w, where).toBeLessThanOrEqual(layout.width);
        expect(layout.axis.length, where).toBeGreaterThanOrEqual(Math.min(layout.ticks.length, 4));
        placed += layout.labels.length;
      }
    }
    expect(placed).toBeGreaterThan(drills.length * 3 * 10);
  }, 60_000);

  it('REP5 the runbook chart, every drill and locale: titles, notes and axis labels meet no marker or each other and stay inside', () => {
    for (const { name, compiled, entries } of drills) {
      for (const locale of LOCALES) {
        const report = buildReport(compiled, entries, { locale });
        const layout = layoutSteps(report);
        const all = [...layout.labels, ...layout.axis];
        expect(overlaps(all, layout.marks), `${name} ${locale}`).toEqual([]);
        for (const l of all) expect(within(l.box, layout.width, layout.height), `${name} ${locale}: "${l.text}"`).toBe(true);
        // Every step that is not done, or done early, says so beside its row.
        const notes = report.steps.filter((s) => s.doneAt === null || s.early.length > 0).length;
        expect(layout.labels.filter((l) => l.cls === 'note'), `${name} ${locale}`).toHaveLength(notes);
      }
    }
  }, 60_000);

  it('REP5 the SVG draws what the layout placed: each label once, each marker with its hover title', () => {
    const d = handDrill();
    const report = buildReport(d.compiled, d.entries, { locale: 'en' });
    const layout = layoutNarrative(report);
    const svg = narrativeSvg(report, layout);
    expect((svg.match(/<text /g) ?? []).length).toBe(layout.labels.length + layout.axis.length + layout.lanes.flatMap((l) => l.label).length);
    for (const l of layout.labels) expect(svg).toContain(`>${esc(l.text)}</text>`);
    expect((svg.match(/<title>/g) ?? []).length).toBe(layout.marks.length + 1);
    const steps = stepsSvg(report);
    expect(steps).toContain('class="steps-chart"');
    // Two SMEs keep their numbers in the lane names: the names wrap rather than lose their ends.
    expect(layout.lanes.filter((l) => l.key.startsWith('seat:sme')).map((l) => l.label.map((x) => x.text).join(' '))).toEqual(['Subject-Matter Expert 1', 'Subject-Matter Expert 2']);
  });
});

describe('REP5: the geometry behind the layout', () => {
  it('REP5 widths are generous for CJK and capitals; text is cut or wrapped to fit', () => {
    expect(textWidth('事件指挥官', 10)).toBe(50);
    expect(textWidth('MW', 10)).toBeGreaterThan(textWidth('il', 10) * 2);
    expect(textWidth(fitText('Subject-Matter Expert 12345', 12, 80), 12)).toBeLessThanOrEqual(80);
    expect(fitText('short', 12, 80)).toBe('short');
    expect(wrapText('Subject-Matter Expert 2', 12, 138, 2)).toEqual(['Subject-Matter', 'Expert 2']);
    expect(wrapText('インシデントコマンダー補佐の席', 12, 100, 2).every((line) => textWidth(line, 12) <= 100)).toBe(true);
  });

  it('REP5 axis labels: the first starts at its tick, the last ends at it when it would cross the edge, crowded ones are left out', () => {
    const x = (t: number) => 10 + t / 600;
    const labels = axisLabels([0, 60_000, 120_000, 180_000], x, 0, 320, 14, 11);
    expect(labels.map((l) => [l.text, l.anchor])).toEqual([['T+0:00', 'start'], ['T+1:00', 'middle'], ['T+2:00', 'middle'], ['T+3:00', 'end']]);
    expect(labels.at(-1)!.box.x + labels.at(-1)!.box.w).toBeLessThanOrEqual(320);
    // Crowded: the end keeps its label and the ones it would touch are left out.
    const crowded = axisLabels([0, 6_000, 12_000], x, 0, 320, 14, 11);
    expect(crowded.map((l) => l.text)).toEqual(['T+0:12']);
  });
});
