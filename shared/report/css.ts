import { LOCALE_FONTS } from '../i18n/fonts.ts';

/*
 * The report's stylesheet, inlined so the HTML stands alone. On a phone, wide tables become one card
 * per row and the charts scroll sideways inside their own box; in print, the charts shrink to the
 * page, tables repeat their header and keep rows whole, and nothing is wider than the page.
 */
export const REPORT_CSS = `
:root{color-scheme:light;--ink:#14171c;--muted:#505866;--line:#d5d9e0;--soft:#f3f5f8;--good:#1d6b3a;--fair:#8a5a00;--poor:#a11d2b;--work:#2f6390;--bg:#fff}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI","Noto Sans","Noto Sans CJK JP","Noto Sans CJK SC",sans-serif;color:var(--ink);background:var(--bg);max-width:1040px;margin:1.5rem auto;padding:0 1rem;overflow-wrap:break-word}
${Object.entries(LOCALE_FONTS)
  .map(([locale, fonts]) => `:lang(${locale}) body{font-family:${fonts}}`)
  .join('\n')}
h1{font-size:1.6rem;line-height:1.25;margin:0 0 .35rem}
h2{font-size:1.2rem;margin:2rem 0 .6rem;border-bottom:2px solid var(--line);padding-bottom:.2rem}
h3{font-size:1rem;margin:1.2rem 0 .4rem}
p{margin:.4rem 0}
code{font-family:ui-monospace,"SFMono-Regular",Menlo,Consolas,monospace;font-size:.92em;overflow-wrap:anywhere}
.meta,.intro{color:var(--muted)}
.intro{font-size:.92rem;max-width:72ch}
.audience{background:var(--soft);border-left:4px solid var(--work);padding:.4rem .7rem;margin:.6rem 0}
.headline{display:flex;flex-wrap:wrap;gap:.5rem 2.5rem;align-items:flex-end;margin:.3rem 0 .8rem}
.total{font-size:3rem;font-weight:700;line-height:1;margin:0}
.total small{font-size:1rem;color:var(--muted);font-weight:400}
.total-label{margin:.2rem 0 0;color:var(--muted)}
.team-total{font-size:1.6rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0;font-size:.92rem}
th,td{border-bottom:1px solid var(--line);padding:.35rem .5rem;text-align:left;vertical-align:top;overflow-wrap:break-word}
td.text{overflow-wrap:anywhere}
td.verdict .chip{white-space:nowrap}
col.c-num{width:3.2em}col.c-time{width:5.5em}col.c-who{width:16%}col.c-what{width:30%}col.c-seats{width:17%}col.c-points{width:6.5em}col.c-verdict{width:9em}
th{background:var(--soft);font-weight:600}
td.num,th.num{text-align:right;white-space:nowrap}
td.time{white-space:nowrap;font-variant-numeric:tabular-nums}
.rule-id{font-weight:600;white-space:nowrap}
.credit{color:var(--good);font-weight:600}.deduct{color:var(--poor);font-weight:600}
.chip{display:inline-block;max-width:100%;border-radius:3px;padding:0 .35rem;font-size:.8rem;line-height:1.5;border:1px solid var(--line);background:var(--soft)}
.chip.met,.chip.success,.chip.answered{border-color:#9cc7ab;background:#eaf5ee;color:var(--good)}
.chip.partly,.chip.partial,.chip.late,.chip.warning,.chip.unfinished,.chip.running{border-color:#e0c48a;background:#fbf4e4;color:var(--fair)}
.chip.missed,.chip.failed,.chip.critical,.chip.open{border-color:#e3a3aa;background:#fbecee;color:var(--poor)}
.sev{color:var(--poor);font-size:.85rem}
.body{white-space:pre-wrap}
.line{display:block}
ul{padding-left:1.4rem}ol{padding-left:2.2rem}
li{margin:.3rem 0}
ol.items>li,ol.questions>li{margin:.6rem 0}
.q-note{display:block;margin-top:.2rem;padding:.2rem .6rem;border-left:3px solid var(--line);color:var(--muted);font-size:.9rem}
.chart-scroll{overflow-x:auto;-webkit-overflow-scrolling:touch;margin:.5rem 0;border:1px solid var(--line);border-radius:6px;background:#fff}
.chart-scroll svg{display:block;width:100%;min-width:880px;height:auto}
.score-chart{max-width:600px;margin:.4rem 0}
.bar-row{display:grid;grid-template-columns:minmax(8rem,14rem) 1fr 2.5rem;gap:.6rem;align-items:center;margin:.3rem 0;font-size:.9rem}
.bar-row .track{display:block;width:100%;height:16px}
.bar-row .bg{fill:#eceff3}.bar-row.good .fill{fill:var(--good)}.bar-row.fair .fill{fill:var(--fair)}.bar-row.poor .fill{fill:var(--poor)}
.bar-row .num{font-weight:700;text-align:right}
svg text{font-size:11px;fill:var(--ink)}
svg .lane{font-size:12px;font-weight:600}
svg .step{font-size:13px}
svg .tick,svg .note{fill:var(--muted)}
svg .label{fill:var(--ink)}
svg .band{fill:#fff}svg .band.odd{fill:#f6f8fa}
svg .grid{stroke:#e4e7ec;stroke-width:1}
svg .end{stroke:var(--muted);stroke-dasharray:4 3}
svg .work{fill:var(--work)}
svg .work.partial{fill:#b07d12}svg .work.failed{fill:var(--poor)}svg .work.cancelled{fill:#9aa1ab}svg .work.unfinished,svg .work.running{fill:#fff;stroke:var(--work);stroke-dasharray:3 2}
svg .window{fill:#dfe6ee}
svg .decision{fill:var(--good)}svg .decision.late{fill:var(--fair)}svg .decision.missed,svg .decision.open{stroke:var(--poor);stroke-width:2.5;fill:none}
svg .inject{fill:#5b4a8b}svg .inject.critical{fill:var(--poor)}svg .inject.warning{fill:var(--fair)}
svg .task{fill:#fff;stroke:#5b4a8b;stroke-width:1.5}
svg .message{fill:#0f766e}
svg .entry{fill:#9a3412}
svg .hint{fill:#fff;stroke:var(--fair);stroke-width:2}
svg .knowledge{fill:#1d4ed8}
svg .ok{fill:var(--good)}svg .late{fill:var(--poor)}
.legend{display:flex;flex-wrap:wrap;gap:.2rem 1.1rem;list-style:none;padding:0;margin:.3rem 0 .8rem;font-size:.85rem;color:var(--muted)}
.legend li{margin:0;display:flex;align-items:center;gap:.35rem}
.legend svg{width:14px;height:14px;flex:none}
@media (max-width:640px){
  body{margin:1rem auto;padding:0 .75rem;font-size:14px}
  h1{font-size:1.3rem}
  .bar-row{grid-template-columns:7.5rem 1fr 2.2rem;gap:.4rem;font-size:.85rem}
  .total{font-size:2.4rem}
  table.cards,table.cards tbody,table.cards tr,table.cards td{display:block;width:100%}
  table.cards thead{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
  table.cards tr{border:1px solid var(--line);border-radius:6px;margin:.5rem 0;padding:.3rem .5rem}
  table.cards td{border:0;padding:.15rem 0}
  table.cards td:empty{display:none}
  table.cards td[data-label]::before{content:attr(data-label);display:inline-block;min-width:6.5em;margin-right:.5em;color:var(--muted);font-size:.85em}
  table.cards td.num,table.cards td.time{display:inline-block;width:auto;margin-right:1.2rem;text-align:left}
  table.cards td.num::before,table.cards td.time::before{min-width:0}
}
@page{size:A4;margin:14mm 12mm}
@media print{
  *{-webkit-print-color-adjust:exact;print-color-adjust:exact}
  :root{--bg:#fff}
  body{max-width:none;margin:0;padding:0;font-size:10pt}
  h2{break-after:avoid;page-break-after:avoid;margin-top:1.2rem}
  h3{break-after:avoid;page-break-after:avoid}
  .chart-scroll{overflow:visible;border:0}
  .chart-scroll svg{min-width:0;width:100%}
  svg,figure,.headline,li{break-inside:avoid;page-break-inside:avoid}
  table{font-size:9pt}
  thead{display:table-header-group}
  tr{break-inside:avoid;page-break-inside:avoid}
  .audience{border-left-color:#999}
}
`;
