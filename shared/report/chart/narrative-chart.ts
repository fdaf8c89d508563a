import { gameTimeText } from '../../i18n/message.ts';
import { REPORT_LABELS } from '../labels.ts';
import type { Report } from '../model.ts';
import type { Lane, NarrativeItem } from '../narrative.ts';
import { axisLabels, escXml, fitText, intersects, label, labelSvg, px, tickTimes, wrapText, type Box, type Label } from './geometry.ts';

/*
 * The narrative as a chart: a lane for injects, one for decisions, one per seat and one for what the
 * team established; work is a bar from start to end, everything else a marker. Each label is placed
 * in the first row under its lane where its box meets no other label and no marker; a label that
 * finds no room is left out (its number, hover title and table row still tell it).
 */

export const NARRATIVE_CHART = {
  width: 960,
  gutter: 150,
  right: 12,
  axisBaseline: 14,
  top: 26,
  markRow: 20,
  labelRow: 15,
  labelSize: 11,
  laneLabelSize: 12,
  maxLabel: 180,
} as const;

export interface Mark {
  n: number;
  kind: NarrativeItem['kind'] | 'window';
  box: Box;
  /** The element's class, which carries its status. */
  cls: string;
  title: string;
}

export interface NarrativeLayout {
  width: number;
  height: number;
  plot: { left: number; right: number };
  lanes: { key: string; name: string; top: number; height: number; label: Label[] }[];
  ticks: { t: number; x: number }[];
  axis: Label[];
  marks: Mark[];
  labels: Label[];
  end: number;
}

const laneKey = (lane: Lane) => ('seat' in lane ? `seat:${lane.seat}` : lane.shared);

/** Lanes in reading order: what arrived, what was asked, the seats in the drill's order, what was learned. */
function lanesOf(report: Report): { key: string; name: string }[] {
  const L = REPORT_LABELS[report.locale];
  const used = new Set(report.narrative.map((i) => laneKey(i.lane)));
  const lanes: { key: string; name: string }[] = [];
  if (used.has('injects')) lanes.push({ key: 'injects', name: L.lanes.injects });
  if (used.has('decisions')) lanes.push({ key: 'decisions', name: L.lanes.decisions });
  const seats = new Set<string>();
  for (const s of report.seats) {
    seats.add(s.seat);
    if (used.has(`seat:${s.seat}`)) lanes.push({ key: `seat:${s.seat}`, name: s.name });
  }
  // Seats the score does not list (a facilitator's hint, say) keep their first appearance's order.
  for (const item of report.narrative) {
    const key = laneKey(item.lane);
    if ('seat' in item.lane && !seats.has(item.lane.seat) && !lanes.some((l) => l.key === key)) lanes.push({ key, name: item.who });
  }
  if (used.has('knowledge')) lanes.push({ key: 'knowledge', name: L.lanes.knowledge });
  return lanes;
}

const MAX_ROWS: Record<string, number> = { injects: 3, decisions: 2, knowledge: 3 };

export function layoutNarrative(report: Report): NarrativeLayout {
  const C = NARRATIVE_CHART;
  const items = report.narrative;
  const end = Math.max(60_000, report.drill.endedAt, ...items.map((i) => Math.max(i.end ?? i.at, i.mark ?? i.at)));
  const left = C.gutter + 8;
  const right = C.width - C.right;
  const x = (t: number) => px(left + ((right - left) * Math.max(0, t)) / end);
  const tickTs = tickTimes(end, 10);
  const axis = axisLabels(tickTs, x, 0, C.width, C.axisBaseline, C.labelSize);

  const marks: Mark[] = [];
  const labels: Label[] = [];
  const lanes: NarrativeLayout['lanes'] = [];
  let top = C.top;
  for (const lane of lanesOf(report)) {
    const laneItems = items.filter((i) => laneKey(i.lane) === lane.key);
    const cy = top + C.markRow / 2;
    const laneMarks: Mark[] = [];
    for (const item of laneItems) {
      const title = `${item.n}. ${item.who}: ${item.title}`;
      const x0 = x(item.at);
      if (item.kind === 'work') {
        // One pixel short of its end, so back-to-back work reads as separate bars.
        const x1 = Math.max(x(item.end ?? item.at) - 1, x0 + 3);
        laneMarks.push({ n: item.n, kind: 'work', box: { x: x0, y: cy - 5, w: px(x1 - x0), h: 10 }, cls: `work ${item.status ?? ''}`.trim(), title });
      } else if (item.kind === 'decision') {
        const x1 = Math.max(x(item.end ?? item.at), x0 + 3);
        laneMarks.push({ n: item.n, kind: 'window', box: { x: x0, y: cy - 3, w: px(x1 - x0), h: 6 }, cls: 'window', title });
        const at = item.mark ?? item.end ?? item.at;
        laneMarks.push({ n: item.n, kind: 'decision', box: { x: px(x(at) - 5), y: cy - 5, w: 10, h: 10 }, cls: `decision ${item.status ?? ''}`.trim(), title });
      } else {
        const size = item.kind === 'inject' ? 10 : 8;
        laneMarks.push({ n: item.n, kind: item.kind, box: { x: px(x0 - size / 2), y: cy - size / 2, w: size, h: size }, cls: `${item.kind} ${item.status ?? ''}`.trim(), title });
      }
    }
    // Labels go in rows under the markers: the full text where it fits, else the number alone.
    const maxRows = MAX_ROWS[lane.key] ?? 3;
    let rowsUsed = 0;
    for (const item of laneItems) {
      const anchorX = x(item.at);
      const full = fitText(`${item.n} ${item.title}`, C.labelSize, C.maxLabel);
      const candidates: Label[] = [];
      for (let row = 0; row < maxRows; row++) {
        const baseline = top + C.markRow + row * C.labelRow + 11;
        for (const text of [full, String(item.n)]) {
          if (!text) continue;
          candidates.push(label(text, C.labelSize, anchorX, baseline, 'start', 'label'), label(text, C.labelSize, anchorX, baseline, 'end', 'label'));
        }
      }
      // Full text in any row beats the bare number; nearer rows first.
      const ordered = [...candidates.filter((c) => c.text !== String(item.n)), ...candidates.filter((c) => c.text === String(item.n))];
      const fits = ordered.find((c) => c.box.x >= left - 4 && c.box.x + c.box.w <= C.width && !labels.some((l) => intersects(l.box, c.box, 3)) && ![...marks, ...laneMarks].some((m) => intersects(m.box, c.box, 1)));
      if (!fits) continue;
      labels.push(fits);
      rowsUsed = Math.max(rowsUsed, Math.round((fits.y - 11 - top - C.markRow) / C.labelRow) + 1);
    }
    // The lane's name in the gutter, on two lines where it needs them ("Subject-Matter / Expert 2").
    const nameLines = wrapText(lane.name, C.laneLabelSize, C.gutter - 12, 2).map((line, i) => label(line, C.laneLabelSize, 4, top + C.markRow / 2 + 4 + i * 15, 'start', 'lane'));
    const height = Math.max(C.markRow + rowsUsed * C.labelRow + 8, nameLines.length * 15 + 12);
    lanes.push({ key: lane.key, name: lane.name, top, height, label: nameLines });
    marks.push(...laneMarks);
    top += height;
  }
  return { width: C.width, height: top + 4, plot: { left, right }, lanes, ticks: tickTs.map((t) => ({ t, x: x(t) })), axis, marks, labels, end: x(report.drill.endedAt) };
}

function markSvg(m: Mark): string {
  const { x, y, w, h } = m.box;
  const cx = px(x + w / 2);
  const cy = px(y + h / 2);
  const t = `<title>${escXml(m.title)}</title>`;
  switch (m.kind) {
    case 'work':
    case 'window':
      return `<rect x="${x}" y="${y}" width="${w}" height="${h}" rx="2" class="${m.cls}">${t}</rect>`;
    case 'inject':
    case 'task':
      return `<path d="M${cx},${y} L${x + w},${cy} L${cx},${y + h} L${x},${cy} Z" class="${m.cls}">${t}</path>`;
    case 'message':
      return `<rect x="${x}" y="${y}" width="${w}" height="${h}" class="${m.cls}">${t}</rect>`;
    case 'entry':
      return `<path d="M${cx},${y} L${x + w},${y + h} L${x},${y + h} Z" class="${m.cls}">${t}</path>`;
    case 'decision':
      return m.cls.includes('missed') || m.cls.includes('open')
        ? `<path d="M${x},${y} L${x + w},${y + h} M${x + w},${y} L${x},${y + h}" class="${m.cls}">${t}</path>`
        : `<circle cx="${cx}" cy="${cy}" r="${w / 2}" class="${m.cls}">${t}</circle>`;
    default:
      return `<circle cx="${cx}" cy="${cy}" r="${w / 2}" class="${m.cls}">${t}</circle>`;
  }
}

export function narrativeSvg(report: Report, layout: NarrativeLayout = layoutNarrative(report)): string {
  const L = REPORT_LABELS[report.locale];
  const { width, height, plot, lanes, ticks, axis, marks, labels } = layout;
  const grid = ticks.map((t) => `<line x1="${t.x}" x2="${t.x}" y1="${NARRATIVE_CHART.top - 6}" y2="${height}" class="grid"/>`).join('');
  const bands = lanes.map((l, i) => `<rect x="0" y="${l.top}" width="${width}" height="${l.height}" class="band${i % 2 ? ' odd' : ''}"/>`).join('');
  const names = lanes.flatMap((l) => l.label.map(labelSvg)).join('');
  const end = `<line x1="${layout.end}" x2="${layout.end}" y1="${NARRATIVE_CHART.top - 6}" y2="${height}" class="end"><title>${escXml(L.endedAt(gameTimeText(report.drill.endedAt)))}</title></line>`;
  return `<svg role="img" aria-labelledby="nar-title" viewBox="0 0 ${width} ${height}" class="narrative-chart" data-plot="${plot.left} ${plot.right}"><title id="nar-title">${escXml(L.narrativeChartTitle)}</title>${bands}${grid}${end}${axis.map(labelSvg).join('')}${names}<g class="marks">${marks.map(markSvg).join('')}</g><g class="labels">${labels.map(labelSvg).join('')}</g></svg>`;
}
