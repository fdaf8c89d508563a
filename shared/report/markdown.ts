import { count, gameTime } from './format.ts';
import { REPORT_LABELS } from './labels.ts';
import type { Report } from './model.ts';

/**
 * Text as Markdown shows it and nothing more: HTML is escaped, and the characters that open links,
 * images, code and emphasis are backslash-escaped, so a player's `[x](javascript:…)` or `<script>`
 * stays text in any renderer. Line breaks become spaces (every item is one line).
 */
export function mdText(s: string): string {
  return s
    .replace(/[\\`*_[\]|~]/g, (c) => `\\${c}`)
    .replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c] ?? c)
    .replace(/\s*\n\s*/g, ' ');
}

/** mdText for the start of a line or list item, where `#`, `-`, `+`, `=` or `1.` would open a block. */
export function mdLine(s: string): string {
  return mdText(s).replace(/^([#+=-])/, '\\$1').replace(/^(\d+)([.)])/, '$1\\$2');
}

/** A code span that holds any text: its fence is longer than any run of backticks inside. */
export function mdCode(s: string): string {
  const text = s.replace(/\s*\n\s*/g, ' ');
  const fence = '`'.repeat(Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length)) + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

const row = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
/** A table row of text cells (escaped here). */
const textRow = (cells: readonly string[]) => row(cells.map(mdText));
const CATEGORY_KEYS = ['ordering', 'evidence', 'comms', 'roles', 'timeliness'] as const;

/** Markdown to paste into a postmortem document, in the report's locale. Every text from the drill goes through mdText or mdCode. */
export function renderMarkdown(r: Report): string {
  const L = REPORT_LABELS[r.locale];
  const out: string[] = [];
  out.push(`# ${mdText(`${L.reportTitle}${L.colon}${r.scenario.title}`)}`, '');
  out.push(`${mdText(L.scenario)} ${mdCode(r.scenario.id)} v${r.scenario.version}${r.seed ? ` · ${mdText(L.seed)} ${mdCode(r.seed)}` : ''} · ${mdText(L.events(count(r.drill.events, r.locale)))} · ${mdText(L.endedAt(gameTime(r.drill.endedAt)))}`, '');
  out.push(`## ${mdText(`${L.score}${L.colon}${r.score.total} ${L.outOf100}`)}`, '', textRow([L.findingHeaders[2], L.score]), '|---|---:|');
  for (const k of CATEGORY_KEYS) out.push(textRow([L.categories[k], String(r.score.categories[k])]));
  if (r.drill.dataLost) out.push('', mdLine(L.dataLost(count(r.drill.dataLost.records, r.locale), count(r.drill.dataLost.of, r.locale))));
  out.push('', `## ${mdText(L.wentWell)}`, '', ...(r.wentWell.length ? r.wentWell.map((w) => `- ${mdLine(w)}`) : [`- ${mdLine(L.nothingScored)}`]));
  out.push('', `## ${mdText(L.practiseNext)}`, '', ...(r.practiseNext.length ? r.practiseNext.map((p) => `- **${mdText(`${p.rule} ${p.title}`)}**${mdText(`${L.paren(L.categories[p.category])}${L.colon}${p.message} — ${L.read}${L.colon}${p.citation}`)}`) : [`- ${mdLine(L.noDeductions)}`]));
  out.push('', `## ${mdText(L.checklistOrder)}`, '', textRow(L.stepHeaders), '|---:|---|---:|---:|---|');
  for (const s of r.steps) out.push(textRow([String(s.number), s.title, gameTime(s.firstAt), s.actualOrder === null ? '—' : String(s.actualOrder), s.outOfOrder ? L.outOfOrder : s.firstAt === null ? L.notDone : '']));
  out.push('', `## ${mdText(L.oodaLatency)}`, '', textRow(L.oodaHeaders), '|---|---:|---:|---:|---:|---:|');
  for (const o of r.ooda) out.push(textRow([o.title, gameTime(o.at), gameTime(o.latency.observe), gameTime(o.latency.orient), gameTime(o.latency.decide), gameTime(o.latency.act)]));
  out.push('', `## ${mdText(L.findings)}`, '', textRow(L.findingHeaders), '|---:|---|---|---:|---|---|');
  for (const f of r.findings) out.push(textRow([gameTime(f.at), `${f.rule} ${f.title}`, L.categories[f.category], `${f.points > 0 ? '+' : ''}${f.points}`, f.message, f.citation]));
  if (r.timeline.length) {
    out.push('', `## ${mdText(L.teamTimeline)}`, '', textRow(L.teamTimelineHeaders), '|---:|---|---:|---|');
    for (const t of r.timeline) out.push(textRow([gameTime(t.at), t.byName, gameTime(t.claimedAt), t.text]));
  }
  if (r.hints.length) out.push('', `## ${mdText(L.hintsUsed)}`, '', ...r.hints.map((h) => `- ${mdLine(`${gameTime(h.at)}${L.colon}${h.text}`)}`));
  return out.join('\n') + '\n';
}
