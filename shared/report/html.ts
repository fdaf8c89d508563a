import { count, gameTime } from './format.ts';
import { REPORT_LABELS } from './labels.ts';
import type { Report } from './model.ts';

/*
 * A self-contained HTML report: inline CSS (with print styles) and inline SVG charts, no scripts.
 * Every piece of text goes through esc(), because findings quote what players wrote.
 */

export function esc(s: string | number): string {
  return String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

const CATEGORY_KEYS = ['ordering', 'evidence', 'comms', 'roles', 'timeliness'] as const;

/** Horizontal bars, one per category, each labelled with its number so colour is never the only signal. */
function scoreChart(r: Report): string {
  const L = REPORT_LABELS[r.locale];
  const rowH = 34;
  const width = 560;
  const labelW = 210;
  const barMax = width - labelW - 60;
  const rows = CATEGORY_KEYS.map((k, i) => {
    const v = r.score.categories[k];
    const y = i * rowH + 6;
    const band = v >= 80 ? 'good' : v >= 50 ? 'fair' : 'poor';
    return `<g class="${band}"><text x="0" y="${y + 17}">${esc(L.categories[k])}</text><rect class="track" x="${labelW}" y="${y + 4}" width="${barMax}" height="18" rx="3"/><rect class="bar" x="${labelW}" y="${y + 4}" width="${Math.round((barMax * v) / 100)}" height="18" rx="3"/><text x="${labelW + barMax + 8}" y="${y + 18}" class="num">${v}</text></g>`;
  }).join('');
  return `<svg role="img" aria-labelledby="chart-title" viewBox="0 0 ${width} ${CATEGORY_KEYS.length * rowH + 8}" class="chart"><title id="chart-title">${esc(L.chartTitle)}${esc(L.colon)}${esc(CATEGORY_KEYS.map((k) => `${L.categories[k]} ${r.score.categories[k]}`).join(L.listSep))}</title>${rows}</svg>`;
}

/** The team's steps on a time axis, against the checklist's ideal order down the side. */
function stepTimeline(r: Report): string {
  const L = REPORT_LABELS[r.locale];
  const done = r.steps.filter((s) => s.firstAt !== null);
  const maxAt = Math.max(60_000, r.drill.endedAt, ...done.map((s) => s.firstAt ?? 0));
  const width = 720;
  const left = 260;
  const rowH = 22;
  const x = (at: number) => left + Math.round(((width - left - 20) * at) / maxAt);
  const ticks = Array.from({ length: 6 }, (_, i) => Math.round((maxAt * i) / 5));
  const rows = r.steps
    .map((s, i) => {
      const y = i * rowH + 24;
      const label = `<text x="0" y="${y + 4}">${s.number}. ${esc(s.title)}</text>`;
      if (s.firstAt === null) return `${label}<text x="${left}" y="${y + 4}" class="muted">${esc(L.notDone)}</text>`;
      const shape = s.outOfOrder
        ? `<path d="M${x(s.firstAt)},${y - 6} l7,12 h-14 z" class="late"/><text x="${x(s.firstAt) + 10}" y="${y + 4}" class="muted">${esc(L.outOfOrder)}</text>`
        : `<circle cx="${x(s.firstAt)}" cy="${y}" r="6" class="ok"/>`;
      return `${label}<line x1="${left}" x2="${x(s.firstAt)}" y1="${y}" y2="${y}" class="guide"/>${shape}<title>${esc(L.firstAt(s.title, gameTime(s.firstAt)))}</title>`;
    })
    .join('');
  const axis = ticks.map((t) => `<text x="${x(t)}" y="14" class="tick">${gameTime(t)}</text>`).join('');
  return `<svg role="img" aria-labelledby="tl-title" viewBox="0 0 ${width} ${r.steps.length * rowH + 34}" class="timeline"><title id="tl-title">${esc(L.timelineChartTitle)}</title>${axis}${rows}</svg>`;
}

const table = (head: string[], rows: string[][]) =>
  `<table><thead><tr>${head.map((h) => `<th scope="col">${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('')}</tbody></table>`;

export const REPORT_CSS = `
:root{color-scheme:light;--ink:#14171c;--muted:#505866;--line:#d5d9e0;--good:#1d6b3a;--fair:#8a5a00;--poor:#a11d2b;--bg:#fff}
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI","Noto Sans","Noto Sans CJK JP","Noto Sans CJK SC",sans-serif;color:var(--ink);background:var(--bg);max-width:980px;margin:2rem auto;padding:0 1rem}
h1{font-size:1.6rem;margin:0 0 .25rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:2px solid var(--line);padding-bottom:.2rem}
.meta{color:var(--muted)}.total{font-size:3rem;font-weight:700;line-height:1}.total small{font-size:1rem;color:var(--muted)}
table{border-collapse:collapse;width:100%;margin:.5rem 0}th,td{border-bottom:1px solid var(--line);padding:.3rem .5rem;text-align:left;vertical-align:top}th{background:#f1f3f6}
.credit{color:var(--good);font-weight:600}.rule-id{font-weight:600;white-space:nowrap}.deduct{color:var(--poor);font-weight:600}
svg text{font-size:13px;fill:var(--ink)}svg .muted,svg .tick{fill:var(--muted);font-size:11px}.track{fill:#eceff3}.good .bar{fill:var(--good)}.fair .bar{fill:var(--fair)}.poor .bar{fill:var(--poor)}.num{font-weight:700}
.guide{stroke:var(--line);stroke-dasharray:3 3}.ok{fill:var(--good)}.late{fill:var(--poor)}
.chart{max-width:560px}.timeline{width:100%}
:lang(ja) body{font-family:"Noto Sans CJK JP","Noto Sans JP","Hiragino Sans","Yu Gothic",Meiryo,system-ui,sans-serif}
:lang(zh-CN) body{font-family:"Noto Sans CJK SC","Noto Sans SC","PingFang SC","Microsoft YaHei",system-ui,sans-serif}
@media print{body{margin:0;max-width:none}h2{break-after:avoid}table,svg{break-inside:avoid}a{color:inherit}}
`;

export function renderHtml(r: Report): string {
  const L = REPORT_LABELS[r.locale];
  const pts = (p: number) => `<span class="${p > 0 ? 'credit' : 'deduct'}">${p > 0 ? '+' : '−'}${esc(Math.abs(p))}</span>`;
  const title = `${L.reportTitle}${L.colon}${r.scenario.title}`;
  const lost = r.drill.dataLost;
  const body = [
    `<header><h1>${esc(title)}</h1><p class="meta">${esc(L.scenario)} <code>${esc(r.scenario.id)}</code> v${esc(r.scenario.version)}${r.seed ? ` · ${esc(L.seed)} <code>${esc(r.seed)}</code>` : ''} · ${esc(L.events(count(r.drill.events, r.locale)))} · ${esc(L.endedAt(gameTime(r.drill.endedAt)))}</p></header>`,
    `<section aria-labelledby="score"><h2 id="score">${esc(L.score)}</h2><p class="total">${esc(r.score.total)}<small> ${esc(L.outOf100)}</small></p>${scoreChart(r)}${lost ? `<p class="data-lost">${esc(L.dataLost(count(lost.records, r.locale), count(lost.of, r.locale)))}</p>` : ''}</section>`,
    `<section aria-labelledby="well"><h2 id="well">${esc(L.wentWell)}</h2><ul>${r.wentWell.map((w) => `<li>${esc(w)}</li>`).join('') || `<li>${esc(L.nothingScored)}</li>`}</ul></section>`,
    `<section aria-labelledby="next"><h2 id="next">${esc(L.practiseNext)}</h2><ul>${r.practiseNext.map((p) => `<li><strong>${esc(p.rule)} ${esc(p.title)}</strong>${esc(L.paren(L.categories[p.category]))}${esc(L.colon)}${esc(p.message)}<br><span class="meta">${esc(L.read)}${esc(L.colon)}${esc(p.citation)}</span></li>`).join('') || `<li>${esc(L.noDeductions)}</li>`}</ul></section>`,
    `<section aria-labelledby="order"><h2 id="order">${esc(L.timelineVsRunbook)}</h2>${stepTimeline(r)}</section>`,
    `<section aria-labelledby="ooda"><h2 id="ooda">${esc(L.oodaLatency)}</h2>${table(L.oodaHeaders, r.ooda.map((o) => [esc(o.title), esc(gameTime(o.at)), esc(gameTime(o.latency.observe)), esc(gameTime(o.latency.orient)), esc(gameTime(o.latency.decide)), esc(gameTime(o.latency.act))]))}</section>`,
    `<section aria-labelledby="findings"><h2 id="findings">${esc(L.findings)}</h2>${table(L.findingHeaders, r.findings.map((f) => [esc(gameTime(f.at)), `<span class="rule-id">${esc(f.rule)}</span> ${esc(f.title)}`, esc(L.categories[f.category]), pts(f.points), esc(f.message), esc(f.citation)]))}</section>`,
    r.timeline.length ? `<section aria-labelledby="team-tl"><h2 id="team-tl">${esc(L.teamTimeline)}</h2>${table(L.teamTimelineHeaders, r.timeline.map((t) => [esc(gameTime(t.at)), esc(t.byName), esc(gameTime(t.claimedAt)), esc(t.text)]))}</section>` : '',
    r.hints.length ? `<section aria-labelledby="hints"><h2 id="hints">${esc(L.hintsUsed)}</h2><ul>${r.hints.map((h) => `<li>${esc(gameTime(h.at))}${esc(L.colon)}${esc(h.text)}</li>`).join('')}</ul></section>` : '',
  ].join('\n');
  return `<!doctype html>\n<html lang="${esc(r.locale)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${esc(title)}</title><style>${REPORT_CSS}</style></head><body>\n${body}\n</body></html>\n`;
}
