import { gameTimeText } from '../../i18n/message.ts';
import { REPORT_LABELS } from '../labels.ts';
import type { Report } from '../model.ts';
import { axisLabels, escXml, fitText, intersects, label, labelSvg, px, tickTimes, type Box, type Label } from './geometry.ts';

/*
 * The runbook's checklist as a precedence graph over time: each step's title on its own line, and
 * under it a bar from when work towards it began to when its effect happened. The marker at the end
 * is a circle when the steps it depends on were done first, a triangle when not. The note beside a
 * marker goes right of it where it fits, else left of the bar, and never over a marker.
 */

export const STEPS_CHART = { width: 960, left: 12, right: 12, top: 26, rowHeight: 42, titleSize: 13, noteSize: 11 } as const;

export interface StepsLayout {
  width: number;
  height: number;
  marks: { step: string; box: Box; kind: 'bar' | 'ok' | 'early'; title: string }[];
  labels: Label[];
  axis: Label[];
  ticks: { t: number; x: number }[];
}

export function layoutSteps(report: Report): StepsLayout {
  const C = STEPS_CHART;
  const L = REPORT_LABELS[report.locale];
  const end = Math.max(60_000, report.drill.endedAt, ...report.steps.map((s) => s.doneAt ?? s.startedAt ?? 0));
  const left = C.left + 4;
  const right = C.width - C.right - 6;
  const x = (t: number) => px(left + ((right - left) * Math.max(0, t)) / end);
  const tickTs = tickTimes(end, 10);
  const axis = axisLabels(tickTs, x, 0, C.width, 14, C.noteSize);
  const marks: StepsLayout['marks'] = [];
  const labels: Label[] = [];
  report.steps.forEach((s, i) => {
    const top = C.top + i * C.rowHeight;
    const cy = top + 28;
    const heading = label(fitText(`${s.number}. ${s.title}`, C.titleSize, C.width - 8), C.titleSize, 4, top + 14, 'start', 'step');
    labels.push(heading);
    const rowMarks: StepsLayout['marks'] = [];
    const when = (t: number | null) => (t === null ? '—' : gameTimeText(t));
    const hover = L.stepHover(`${s.number}. ${s.title}`, when(s.startedAt), when(s.doneAt));
    if (s.startedAt !== null) {
      const x0 = x(s.startedAt);
      const x1 = x(s.doneAt ?? report.drill.endedAt);
      rowMarks.push({ step: s.step, box: { x: x0, y: cy - 2, w: Math.max(2, px(x1 - x0)), h: 4 }, kind: 'bar', title: hover });
    }
    if (s.doneAt !== null) {
      rowMarks.push({ step: s.step, box: { x: px(x(s.doneAt) - 6), y: cy - 6, w: 12, h: 12 }, kind: s.early.length > 0 ? 'early' : 'ok', title: hover });
    }
    const note = s.doneAt === null ? L.notDone : s.early.length > 0 ? L.doneBefore(s.early.join(L.listSep)) : '';
    if (note) {
      const edge = rowMarks.reduce((r, m) => Math.max(r, m.box.x + m.box.w), left);
      const start = rowMarks.reduce((l, m) => Math.min(l, m.box.x), s.startedAt === null && s.doneAt === null ? left + 8 : right);
      const headingEnd = heading.box.x + heading.box.w + 14;
      const candidates = [
        label(fitText(note, C.noteSize, right - edge - 8), C.noteSize, edge + 6, cy + 4, 'start', 'note'),
        label(fitText(note, C.noteSize, start - left - 8), C.noteSize, start - 6, cy + 4, 'end', 'note'),
        // Where the bar fills the row: on the title's line, after the title.
        label(fitText(note, C.noteSize, C.width - 4 - headingEnd), C.noteSize, headingEnd, top + 14, 'start', 'note'),
      ];
      const fits = candidates.find((c) => c.text && c.box.x >= 0 && c.box.x + c.box.w <= C.width && !rowMarks.some((m) => intersects(m.box, c.box, 2)) && !labels.some((l) => intersects(l.box, c.box, 2)));
      if (fits) labels.push(fits);
    }
    marks.push(...rowMarks);
  });
  return { width: C.width, height: C.top + report.steps.length * C.rowHeight + 4, marks, labels, axis, ticks: tickTs.map((t) => ({ t, x: x(t) })) };
}

export function stepsSvg(report: Report, layout: StepsLayout = layoutSteps(report)): string {
  const L = REPORT_LABELS[report.locale];
  const grid = layout.ticks.map((t) => `<line x1="${t.x}" x2="${t.x}" y1="${STEPS_CHART.top - 6}" y2="${layout.height}" class="grid"/>`).join('');
  const marks = layout.marks
    .map((m) => {
      const { x, y, w, h } = m.box;
      const t = `<title>${escXml(m.title)}</title>`;
      if (m.kind === 'bar') return `<rect x="${x}" y="${y}" width="${w}" height="${h}" class="work">${t}</rect>`;
      if (m.kind === 'ok') return `<circle cx="${px(x + w / 2)}" cy="${px(y + h / 2)}" r="${w / 2}" class="ok">${t}</circle>`;
      return `<path d="M${px(x + w / 2)},${y} L${x + w},${y + h} L${x},${y + h} Z" class="late">${t}</path>`;
    })
    .join('');
  return `<svg role="img" aria-labelledby="steps-title" viewBox="0 0 ${layout.width} ${layout.height}" class="steps-chart"><title id="steps-title">${escXml(L.stepsChartTitle)}</title>${grid}${layout.axis.map(labelSvg).join('')}${layout.labels.map(labelSvg).join('')}${marks}</svg>`;
}
