import { CATEGORY_LABELS, gameTime } from './format.ts';
import type { Report } from './model.ts';

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** Markdown to paste into a postmortem document. */
export function renderMarkdown(r: Report): string {
  const out: string[] = [];
  out.push(`# After-action report: ${r.scenario.title}`, '');
  out.push(`Scenario \`${r.scenario.id}\` v${r.scenario.version} · seed \`${r.seed}\` · ${r.drill.events} events · ended at ${gameTime(r.drill.endedAt)} game time`, '');
  out.push(`## Score: ${r.score.total} / 100`, '', '| Category | Score |', '|---|---:|');
  for (const [k, label] of Object.entries(CATEGORY_LABELS)) out.push(`| ${label} | ${r.score.categories[k as keyof typeof CATEGORY_LABELS]} |`);
  if (r.drill.dataLost) out.push('', `Data lost: ${r.drill.dataLost.records.toLocaleString('en-US')} of ${r.drill.dataLost.of.toLocaleString('en-US')} records.`);
  out.push('', '## What went well', '', ...(r.wentWell.length ? r.wentWell.map((w) => `- ${w}`) : ['- Nothing scored yet.']));
  out.push('', '## What to practise next', '', ...(r.practiseNext.length ? r.practiseNext.map((p) => `- **${p.rule}** (${CATEGORY_LABELS[p.category]}): ${p.message} — read: ${p.citation}`) : ['- No deductions.']));
  out.push('', '## Checklist order', '', '| # | Step | First worked on | Team order | |', '|---:|---|---:|---:|---|');
  for (const s of r.steps) out.push(`| ${s.number} | ${cell(s.title)} | ${gameTime(s.firstAt)} | ${s.actualOrder ?? '—'} | ${s.outOfOrder ? 'out of order' : s.firstAt === null ? 'not done' : ''} |`);
  out.push('', '## OODA latency per inject', '', '| Inject | At | Observe | Orient | Decide | Act |', '|---|---:|---:|---:|---:|---:|');
  for (const o of r.ooda) out.push(`| ${cell(o.title)} | ${gameTime(o.at)} | ${gameTime(o.latency.observe)} | ${gameTime(o.latency.orient)} | ${gameTime(o.latency.decide)} | ${gameTime(o.latency.act)} |`);
  out.push('', '## Findings', '', '| Time | Rule | Category | Points | Finding | Runbook |', '|---:|---|---|---:|---|---|');
  for (const f of r.findings) out.push(`| ${gameTime(f.at)} | ${f.rule} | ${CATEGORY_LABELS[f.category]} | ${f.points > 0 ? '+' : ''}${f.points} | ${cell(f.message)} | ${cell(f.citation)} |`);
  if (r.timeline.length) {
    out.push('', '## Team timeline', '', '| Logged at | By | Says it happened at | Entry |', '|---:|---|---:|---|');
    for (const t of r.timeline) out.push(`| ${gameTime(t.at)} | ${t.by} | ${gameTime(t.claimedAt)} | ${cell(t.text)} |`);
  }
  if (r.hints.length) out.push('', '## Hints used', '', ...r.hints.map((h) => `- ${gameTime(h.at)}: ${h.text}`));
  return out.join('\n') + '\n';
}
