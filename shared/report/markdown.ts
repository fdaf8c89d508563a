import { CATEGORIES } from '../scoring/types.ts';
import { clock, count, gameTime, signed } from './format.ts';
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
const h2 = (text: string) => ['', `## ${mdText(text)}`, ''];

/** Markdown to paste into a postmortem document, in the report's locale. Every text from the drill goes through mdText, mdLine or mdCode. */
export function renderMarkdown(r: Report): string {
  const L = REPORT_LABELS[r.locale];
  const out: string[] = [];
  out.push(`# ${mdText(`${L.reportTitle}${L.colon}${r.scenario.title}`)}`, '');
  out.push(`${mdText(L.scenario)} ${mdCode(r.scenario.id)} v${r.scenario.version}${r.seed ? ` · ${mdText(L.seed)} ${mdCode(r.seed)}` : ''} · ${mdText(L.events(count(r.drill.events, r.locale)))} · ${mdText(L.endedAt(clock(r.drill.endedAt)))}`, '');
  out.push(`> ${mdLine(r.viewer ? L.forSeat(r.viewer.name) : L.forFacilitator)}`);

  // Score: the headline seat's own first when there is one, then the team's.
  out.push(...h2(L.score));
  if (r.headline) out.push(`**${mdText(`${L.seatScore(r.headline.name)}${L.colon}${r.headline.total ?? '—'} ${L.outOf100}`)}**`, '');
  out.push(`**${mdText(`${L.teamScore}${L.colon}${r.score.total} ${L.outOf100}`)}**`, '', textRow([L.category, L.score]), '|---|---:|');
  for (const k of CATEGORIES) out.push(textRow([L.categories[k], String(r.score.categories[k])]));
  if (r.drill.dataLost) out.push('', mdLine(L.dataLost(count(r.drill.dataLost.records, r.locale), count(r.drill.dataLost.of, r.locale))));
  if (r.score.penalties > 0) out.push('', mdLine(L.penaltiesTaken(String(r.score.penalties))));

  if (r.seats.length) {
    out.push(...h2(L.seatsTitle), textRow(L.seatHeaders), '|---|---:|---:|---:|');
    for (const s of r.seats) out.push(textRow([`${s.name}${r.headline?.seat === s.seat ? ' ★' : ''}`, s.total === null ? L.notJudged : String(s.total), L.earnedOf(String(s.earned), String(s.possible)), s.penalty > 0 ? `−${s.penalty}` : '0']));
  }

  out.push(...h2(L.wentWell), ...(r.wentWell.length ? r.wentWell.map((w) => `- ${mdLine(w)}`) : [`- ${mdLine(L.nothingScored)}`]));

  out.push(...h2(L.actionItems));
  if (r.actionItems.length === 0) out.push(mdLine(L.noActionItems));
  r.actionItems.forEach((a, i) => {
    const sev = a.severity !== null ? L.paren(L.severity(String(a.severity), L.severityNames[a.severity])) : '';
    const refs = a.findings.map((f) => `${f.id}${L.paren(`${f.rule}${L.listSep}${clock(f.at)}`)}`).join(L.listSep);
    out.push(`${i + 1}. **${mdText(`${a.rule} ${a.title}`)}**${mdText(sev)}  `);
    out.push(`   ${mdText(a.example)}  `);
    if (a.owners.length) out.push(`   ${mdText(`${L.owners}${L.colon}${a.owners.join(L.listSep)}`)}  `);
    out.push(`   ${mdText(`${L.basedOn}${L.colon}${refs}`)}  `, `   ${mdText(`${L.read}${L.colon}${a.citation}`)}`);
  });

  out.push(...h2(L.hotwash), mdLine(L.hotwashIntro), '');
  if (r.hotwash.length === 0) out.push(mdLine(L.noHotwash));
  r.hotwash.forEach((q, i) => {
    out.push(`${i + 1}. ${mdText(q.question)} *${mdText(L.paren(L.hotwashSource[q.source]).trim())}*${q.note ? '  ' : ''}`);
    if (q.note) out.push(`   *${mdText(`${L.facilitatorNote}${L.colon}${q.note}`)}*`);
  });

  if (r.backstage) {
    const b = r.backstage;
    out.push(...h2(L.notes), mdLine(L.notesIntro), '');
    out.push(...(b.notes.length ? b.notes.map((n) => `- ${mdLine(`${clock(n.at)}${L.colon}${n.text}`)}`) : [mdLine(L.noNotes)]));
    out.push('', `### ${mdText(L.behindScenes)}`, '', ...b.world.map((w) => `- ${mdLine(w)}`), ...b.events.map((e) => `- ${mdLine(`${clock(e.at)}${L.colon}${e.text}`)}`));
  }

  if (r.narrative.length) {
    out.push(...h2(L.narrative), mdLine(L.narrativeIntro), '', textRow(L.narrativeHeaders), '|---:|---:|---|---|---|');
    for (const item of r.narrative) {
      const status = item.status === null ? '' : item.kind === 'work' ? L.workStatus[item.status as keyof typeof L.workStatus] : item.kind === 'decision' ? L.decisionStatus[item.status as keyof typeof L.decisionStatus] : item.kind === 'inject' ? L.severityInject[item.status as keyof typeof L.severityInject] : '';
      out.push(textRow([String(item.n), clock(item.at), item.who, `${L.kinds[item.kind]}${status ? L.paren(status) : ''}${L.colon}${item.title}`, item.detail.join(' · ')]));
    }
  }

  out.push(...h2(L.checklistOrder), mdLine(L.stepsIntro), '', textRow(L.stepHeaders), '|---:|---|---:|---:|---|---|');
  for (const s of r.steps) out.push(textRow([String(s.number), s.title, clock(s.startedAt), clock(s.doneAt), s.dependsOn.join(L.listSep), s.doneAt === null ? L.notDone : s.early.length > 0 ? L.doneBefore(s.early.join(L.listSep)) : '']));

  out.push(...h2(L.findings), textRow(L.findingHeaders), '|---:|---:|---|---|---:|---|');
  for (const f of r.findings) {
    const points = `${signed(f.points)}${L.paren(L.earnedOf(String(f.earned), String(f.possible)))}${f.penalty > 0 ? `${L.listSep}${L.penalty(String(f.penalty))}` : ''}`;
    const verdict = `${L.verdicts[f.verdict]}${f.severity !== null ? `${L.listSep}${L.severity(String(f.severity), L.severityNames[f.severity])}` : ''}`;
    const seats = f.seats.map((s) => r.seats.find((x) => x.seat === s)?.name ?? s).join(L.listSep);
    out.push(textRow([f.id, clock(f.at), `${f.rule} ${f.title}${L.colon}${f.message}${L.paren(`${L.categories[f.category]}${L.listSep}${f.citation}`)}`, seats, points, verdict]));
  }

  if (r.ooda.length) {
    out.push(...h2(L.oodaLatency), textRow(L.oodaHeaders), '|---|---:|---:|---:|---:|---:|');
    for (const o of r.ooda) out.push(textRow([o.title, clock(o.at), gameTime(o.latency.observe), gameTime(o.latency.orient), gameTime(o.latency.decide), gameTime(o.latency.act)]));
  }
  return out.join('\n') + '\n';
}
