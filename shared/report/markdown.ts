import { count, gameTime } from './format.ts';
import { REPORT_LABELS } from './labels.ts';
import type { Report } from './model.ts';

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const row = (cells: readonly string[]) => `| ${cells.map(cell).join(' | ')} |`;
const CATEGORY_KEYS = ['ordering', 'evidence', 'comms', 'roles', 'timeliness'] as const;

/** Markdown to paste into a postmortem document, in the report's locale. */
export function renderMarkdown(r: Report): string {
  const L = REPORT_LABELS[r.locale];
  const out: string[] = [];
  out.push(`# ${L.reportTitle}${L.colon}${r.scenario.title}`, '');
  out.push(`${L.scenario} \`${r.scenario.id}\` v${r.scenario.version} · ${L.seed} \`${r.seed}\` · ${L.events(count(r.drill.events, r.locale))} · ${L.endedAt(gameTime(r.drill.endedAt))}`, '');
  out.push(`## ${L.score}${L.colon}${r.score.total} ${L.outOf100}`, '', row([L.findingHeaders[2], L.score]), '|---|---:|');
  for (const k of CATEGORY_KEYS) out.push(row([L.categories[k], String(r.score.categories[k])]));
  if (r.drill.dataLost) out.push('', L.dataLost(count(r.drill.dataLost.records, r.locale), count(r.drill.dataLost.of, r.locale)));
  out.push('', `## ${L.wentWell}`, '', ...(r.wentWell.length ? r.wentWell.map((w) => `- ${w}`) : [`- ${L.nothingScored}`]));
  out.push('', `## ${L.practiseNext}`, '', ...(r.practiseNext.length ? r.practiseNext.map((p) => `- **${p.rule} ${p.title}**${L.paren(L.categories[p.category])}${L.colon}${p.message} — ${L.read}${L.colon}${p.citation}`) : [`- ${L.noDeductions}`]));
  out.push('', `## ${L.checklistOrder}`, '', row(L.stepHeaders), '|---:|---|---:|---:|---|');
  for (const s of r.steps) out.push(row([String(s.number), s.title, gameTime(s.startedAt), gameTime(s.doneAt), s.early.length > 0 ? `${L.outOfOrder}${L.paren(s.early.join(L.listSep))}` : s.doneAt === null ? L.notDone : '']));
  out.push('', `## ${L.oodaLatency}`, '', row(L.oodaHeaders), '|---|---:|---:|---:|---:|---:|');
  for (const o of r.ooda) out.push(row([o.title, gameTime(o.at), gameTime(o.latency.observe), gameTime(o.latency.orient), gameTime(o.latency.decide), gameTime(o.latency.act)]));
  out.push('', `## ${L.findings}`, '', row(L.findingHeaders), '|---:|---|---|---:|---|---|');
  for (const f of r.findings) out.push(row([gameTime(f.at), `${f.rule} ${f.title}`, L.categories[f.category], `${f.points > 0 ? '+' : ''}${f.points}`, f.message, f.citation]));
  if (r.timeline.length) {
    out.push('', `## ${L.teamTimeline}`, '', row(L.teamTimelineHeaders), '|---:|---|---:|---|');
    for (const t of r.timeline) out.push(row([gameTime(t.at), t.byName, gameTime(t.claimedAt), t.text]));
  }
  if (r.hints.length) out.push('', `## ${L.hintsUsed}`, '', ...r.hints.map((h) => `- ${gameTime(h.at)}${L.colon}${h.text}`));
  return out.join('\n') + '\n';
}
