import { CATEGORIES } from '../scoring/types.ts';
import { escXml } from './chart/geometry.ts';
import { narrativeSvg } from './chart/narrative-chart.ts';
import { stepsSvg } from './chart/steps-chart.ts';
import { REPORT_CSS } from './css.ts';

export { REPORT_CSS };
import { clock, count, gameTime, signed } from './format.ts';
import { REPORT_LABELS, type NarrativeKind, type ReportLabels } from './labels.ts';
import type { Report, ReportFinding } from './model.ts';
import type { NarrativeItem } from './narrative.ts';

/*
 * A self-contained HTML report: inline CSS (with print styles) and inline SVG charts; no scripts,
 * no links. Every piece of text goes through esc(), because the report quotes what players wrote.
 */

export const esc = escXml;

/**
 * A bar per category, each labelled with its number so colour is never the only signal; HTML rows,
 * so they reflow on a phone, with the bar itself in SVG (its width an attribute, not a style).
 */
function scoreChart(r: Report): string {
  const L = REPORT_LABELS[r.locale];
  const rows = CATEGORIES.map((k) => {
    const v = Math.max(0, Math.min(100, r.score.categories[k]));
    const band = v >= 80 ? 'good' : v >= 50 ? 'fair' : 'poor';
    return `<div class="bar-row ${band}"><span class="bar-name">${esc(L.categories[k])}</span><svg class="track" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true"><rect class="bg" width="100" height="10" rx="1"/><rect class="fill" width="${v}" height="10" rx="1"/></svg><span class="num">${esc(r.score.categories[k])}</span></div>`;
  }).join('');
  return `<div class="score-chart" role="group" aria-label="${esc(L.chartTitle)}">${rows}</div>`;
}

interface Column {
  head: string;
  cls?: string;
  /** The column's width class (see the stylesheet's col.c-*), so short columns do not squeeze the text ones at print width. */
  col?: 'num' | 'time' | 'who' | 'what' | 'seats' | 'points' | 'verdict';
}

/** A table whose cells carry their column's name, so on a phone each row reads as a card. Cells are HTML already escaped. */
function table(columns: readonly Column[], rows: readonly string[][], cls = 'cards'): string {
  const head = columns.map((c) => `<th scope="col"${c.cls ? ` class="${c.cls}"` : ''}>${esc(c.head)}</th>`).join('');
  const body = rows.map((r) => `<tr>${r.map((cell, i) => { const c = columns[i]; return `<td${c?.cls ? ` class="${c.cls}"` : ''}${c?.head ? ` data-label="${esc(c.head)}"` : ''}>${cell}</td>`; }).join('')}</tr>`).join('');
  const cols = columns.some((c) => c.col) ? `<colgroup>${columns.map((c) => (c.col ? `<col class="c-${c.col}">` : '<col>')).join('')}</colgroup>` : '';
  return `<table class="${cls}">${cols}<thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

const section = (id: string, title: string, body: string) => `<section id="${id}" aria-labelledby="${id}-h"><h2 id="${id}-h">${esc(title)}</h2>${body}</section>`;
const chip = (cls: string, text: string) => `<span class="chip ${esc(cls)}">${esc(text)}</span>`;
const lines = (parts: readonly string[], bodyLast = false) => parts.map((p, i) => `<span class="line${bodyLast && i === parts.length - 1 ? ' body' : ''}">${esc(p)}</span>`).join('');

function pointsCell(f: ReportFinding, L: ReportLabels): string {
  const net = `<span class="${f.points > 0 ? 'credit' : f.points < 0 ? 'deduct' : ''}">${esc(signed(f.points))}</span>`;
  const of = `<span class="line meta">${esc(L.earnedOf(String(f.earned), String(f.possible)))}</span>`;
  const penalty = f.penalty > 0 ? `<span class="line deduct">${esc(L.penalty(String(f.penalty)))}</span>` : '';
  return `${net}${of}${penalty}`;
}

function verdictCell(f: ReportFinding, L: ReportLabels): string {
  const sev = f.severity !== null ? `<span class="line sev">${esc(L.severity(String(f.severity), L.severityNames[f.severity]))}</span>` : '';
  return `${chip(f.verdict, L.verdicts[f.verdict])}${sev}`;
}

function statusText(item: NarrativeItem, L: ReportLabels): string | null {
  if (item.status === null) return null;
  if (item.kind === 'work') return L.workStatus[item.status as keyof ReportLabels['workStatus']];
  if (item.kind === 'decision') return L.decisionStatus[item.status as keyof ReportLabels['decisionStatus']];
  if (item.kind === 'inject') return L.severityInject[item.status as keyof ReportLabels['severityInject']];
  return null;
}

/** The chart's symbols, for the legend under it. */
const SYMBOLS: Record<NarrativeKind, string> = {
  inject: '<path d="M7,1 L13,7 L7,13 L1,7 Z" class="inject"/>',
  decision: '<rect x="0" y="5" width="14" height="4" class="window"/><circle cx="9" cy="7" r="4" class="decision"/>',
  work: '<rect x="0" y="3" width="14" height="8" rx="2" class="work"/>',
  task: '<path d="M7,2 L12,7 L7,12 L2,7 Z" class="task"/>',
  message: '<rect x="3" y="3" width="8" height="8" class="message"/>',
  entry: '<path d="M7,2 L12,11 L2,11 Z" class="entry"/>',
  hint: '<circle cx="7" cy="7" r="4" class="hint"/>',
  knowledge: '<circle cx="7" cy="7" r="4" class="knowledge"/>',
};

function narrativeSection(r: Report, L: ReportLabels): string {
  if (r.narrative.length === 0) return '';
  const kinds = (Object.keys(SYMBOLS) as NarrativeKind[]).filter((k) => r.narrative.some((i) => i.kind === k));
  const legend = `<ul class="legend">${kinds.map((k) => `<li><svg viewBox="0 0 14 14" aria-hidden="true">${SYMBOLS[k]}</svg>${esc(L.kinds[k])}</li>`).join('')}</ul>`;
  const H = L.narrativeHeaders;
  const rows = r.narrative.map((item) => {
    const status = statusText(item, L);
    const what = `<strong>${esc(L.kinds[item.kind])}</strong>${status ? ` ${chip(item.status ?? '', status)}` : ''}<span class="line">${esc(item.title)}</span>`;
    return [esc(item.n), esc(clock(item.at)), esc(item.who), what, lines(item.detail, item.kind === 'message')];
  });
  return section('narrative', L.narrative, `<p class="intro">${esc(L.narrativeIntro)}</p><div class="chart-scroll">${narrativeSvg(r)}</div>${legend}${table([{ head: H[0], cls: 'num', col: 'num' }, { head: H[1], cls: 'time', col: 'time' }, { head: H[2], col: 'who' }, { head: H[3], cls: 'text', col: 'what' }, { head: H[4], cls: 'text' }], rows)}`);
}

function scoreSection(r: Report, L: ReportLabels): string {
  const lost = r.drill.dataLost;
  const big = (value: number | null, caption: string, cls = '') => `<div><p class="total${cls}">${esc(value ?? '—')}<small> ${esc(L.outOf100)}</small></p><p class="total-label">${esc(caption)}</p></div>`;
  const headline = r.headline
    ? `<div class="headline">${big(r.headline.total, L.seatScore(r.headline.name))}${big(r.score.total, L.teamScore, ' team-total')}</div>`
    : `<div class="headline">${big(r.score.total, L.teamScore)}</div>`;
  const extra = [
    lost ? `<p class="data-lost">${esc(L.dataLost(count(lost.records, r.locale), count(lost.of, r.locale)))}</p>` : '',
    r.score.penalties > 0 ? `<p class="deduct">${esc(L.penaltiesTaken(String(r.score.penalties)))}</p>` : '',
  ].join('');
  return section('score', L.score, `${headline}${scoreChart(r)}${extra}`);
}

function seatsSection(r: Report, L: ReportLabels): string {
  if (r.seats.length === 0) return '';
  const H = L.seatHeaders;
  const rows = r.seats.map((s) => [
    `${esc(s.name)}${r.headline?.seat === s.seat ? ' ★' : ''}`,
    s.total === null ? `<span class="meta">${esc(L.notJudged)}</span>` : `<strong>${esc(s.total)}</strong>`,
    esc(L.earnedOf(String(s.earned), String(s.possible))),
    s.penalty > 0 ? `<span class="deduct">−${esc(s.penalty)}</span>` : '0',
  ]);
  return section('seats', L.seatsTitle, table([{ head: H[0] }, { head: H[1], cls: 'num' }, { head: H[2], cls: 'num' }, { head: H[3], cls: 'num' }], rows));
}

function actionsSection(r: Report, L: ReportLabels): string {
  const items = r.actionItems.map((a) => {
    const sev = a.severity !== null ? ` <span class="sev">${esc(L.paren(L.severity(String(a.severity), L.severityNames[a.severity])).trim())}</span>` : '';
    const refs = a.findings.map((f) => `${f.id}${L.paren(`${f.rule}${L.listSep}${clock(f.at)}`)}`).join(L.listSep);
    const meta = [a.owners.length ? `${L.owners}${L.colon}${a.owners.join(L.listSep)}` : '', `${L.basedOn}${L.colon}${refs}`, `${L.read}${L.colon}${a.citation}`].filter(Boolean);
    return `<li><strong><span class="rule-id">${esc(a.rule)}</span> ${esc(a.title)}</strong>${sev}<span class="line">${esc(a.example)}</span>${meta.map((m) => `<span class="line meta">${esc(m)}</span>`).join('')}</li>`;
  });
  return section('actions', L.actionItems, items.length ? `<ol class="items">${items.join('')}</ol>` : `<p>${esc(L.noActionItems)}</p>`);
}

function hotwashSection(r: Report, L: ReportLabels): string {
  const items = r.hotwash.map((q) => `<li>${esc(q.question)} ${chip('source', L.hotwashSource[q.source])}${q.note ? `<span class="q-note">${esc(L.facilitatorNote)}${esc(L.colon)}${esc(q.note)}</span>` : ''}</li>`);
  return section('hotwash', L.hotwash, `<p class="intro">${esc(L.hotwashIntro)}</p>${items.length ? `<ol class="questions">${items.join('')}</ol>` : `<p>${esc(L.noHotwash)}</p>`}`);
}

function backstageSection(r: Report, L: ReportLabels): string {
  const b = r.backstage;
  if (!b) return '';
  const notes = b.notes.length ? `<ul>${b.notes.map((n) => `<li><span class="time">${esc(clock(n.at))}</span>${esc(L.colon)}<span class="body">${esc(n.text)}</span></li>`).join('')}</ul>` : `<p>${esc(L.noNotes)}</p>`;
  const world = b.world.length ? `<ul>${b.world.map((w) => `<li>${esc(w)}</li>`).join('')}</ul>` : '';
  const events = b.events.length ? `<ul>${b.events.map((e) => `<li>${esc(clock(e.at))}${esc(L.colon)}${esc(e.text)}</li>`).join('')}</ul>` : '';
  return section('notes', L.notes, `<p class="intro">${esc(L.notesIntro)}</p>${notes}<h3>${esc(L.behindScenes)}</h3>${world}${events}`);
}

function stepsSection(r: Report, L: ReportLabels): string {
  const H = L.stepHeaders;
  const rows = r.steps.map((s) => [
    esc(s.number),
    esc(s.title),
    esc(clock(s.startedAt)),
    esc(clock(s.doneAt)),
    esc(s.dependsOn.join(L.listSep)),
    s.doneAt === null ? chip('open', L.notDone) : s.early.length ? chip('late', L.doneBefore(s.early.join(L.listSep))) : '',
  ]);
  return section('steps', L.timelineVsRunbook, `<p class="intro">${esc(L.stepsIntro)}</p><div class="chart-scroll">${stepsSvg(r)}</div>${table([{ head: H[0], cls: 'num' }, { head: H[1], cls: 'text' }, { head: H[2], cls: 'time' }, { head: H[3], cls: 'time' }, { head: H[4], cls: 'text' }, { head: H[5] }], rows)}`);
}

function findingsSection(r: Report, L: ReportLabels): string {
  const H = L.findingHeaders;
  const rows = r.findings.map((f) => [
    esc(f.id),
    esc(clock(f.at)),
    `<span class="rule-id">${esc(f.rule)}</span> <strong>${esc(f.title)}</strong><span class="line">${esc(f.message)}</span><span class="line meta">${esc(L.categories[f.category])} · ${esc(f.citation)}</span>`,
    esc(f.seats.map((s) => r.seats.find((x) => x.seat === s)?.name ?? s).join(L.listSep)),
    pointsCell(f, L),
    verdictCell(f, L),
  ]);
  return section('findings', L.findings, table([{ head: H[0], cls: 'num', col: 'num' }, { head: H[1], cls: 'time', col: 'time' }, { head: H[2], cls: 'text' }, { head: H[3], col: 'seats' }, { head: H[4], cls: 'num', col: 'points' }, { head: H[5], cls: 'verdict', col: 'verdict' }], rows));
}

function oodaSection(r: Report, L: ReportLabels): string {
  if (r.ooda.length === 0) return '';
  const H = L.oodaHeaders;
  const rows = r.ooda.map((o) => [esc(o.title), esc(clock(o.at)), esc(gameTime(o.latency.observe)), esc(gameTime(o.latency.orient)), esc(gameTime(o.latency.decide)), esc(gameTime(o.latency.act))]);
  return section('ooda', L.oodaLatency, table([{ head: H[0], cls: 'text' }, { head: H[1], cls: 'time' }, ...H.slice(2).map((h) => ({ head: h, cls: 'num' }))], rows));
}

export function renderHtml(r: Report): string {
  const L = REPORT_LABELS[r.locale];
  const title = `${L.reportTitle}${L.colon}${r.scenario.title}`;
  const meta = [`${esc(L.scenario)} <code>${esc(r.scenario.id)}</code> v${esc(r.scenario.version)}`, r.seed ? `${esc(L.seed)} <code>${esc(r.seed)}</code>` : '', esc(L.events(count(r.drill.events, r.locale))), esc(L.endedAt(clock(r.drill.endedAt)))].filter(Boolean).join(' · ');
  const body = [
    `<header><h1>${esc(title)}</h1><p class="meta">${meta}</p><p class="audience">${esc(r.viewer ? L.forSeat(r.viewer.name) : L.forFacilitator)}</p></header>`,
    scoreSection(r, L),
    seatsSection(r, L),
    section('well', L.wentWell, `<ul>${r.wentWell.map((w) => `<li>${esc(w)}</li>`).join('') || `<li>${esc(L.nothingScored)}</li>`}</ul>`),
    actionsSection(r, L),
    hotwashSection(r, L),
    backstageSection(r, L),
    narrativeSection(r, L),
    stepsSection(r, L),
    findingsSection(r, L),
    oodaSection(r, L),
  ].filter(Boolean).join('\n');
  return `<!doctype html>\n<html lang="${esc(r.locale)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${esc(title)}</title><style>${REPORT_CSS}</style></head><body>\n${body}\n</body></html>\n`;
}
