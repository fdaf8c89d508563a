import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderMsg } from '../../shared/i18n/message.ts';
import { describeRef } from '../../shared/runbook/cite.ts';
import { RULES } from '../../shared/scoring/score.ts';
import { PROJECT_ROOT } from '../paths.ts';

/*
 * docs/SCORING.md's table of rules is written from the rules themselves, between its markers, so
 * the document cannot drift from the code (test RUN-D1 checks it is current).
 */

export const BEGIN = '<!-- rules:begin -->';
export const END = '<!-- rules:end -->';

export function rulesTable(): string {
  const rows = RULES.map((r) => `| ${r.id} | ${r.category} | ${renderMsg(r.title, 'en')} | ${r.points} | ${r.severity} | ${describeRef(r.ref, 'en')} (\`${r.ref.source}:${r.ref.section}\`) |`);
  return ['| id | category | rule | points | severity of a miss | runbook |', '|---|---|---|---:|---:|---|', ...rows].join('\n');
}

export function withTable(doc: string): string {
  const start = doc.indexOf(BEGIN);
  const end = doc.indexOf(END);
  if (start < 0 || end < start) throw new Error(`docs/SCORING.md has no ${BEGIN} … ${END} markers`);
  return `${doc.slice(0, start + BEGIN.length)}\n${rulesTable()}\n${doc.slice(end)}`;
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  const path = join(PROJECT_ROOT, 'docs', 'SCORING.md');
  writeFileSync(path, withTable(readFileSync(path, 'utf8')));
  console.log(`wrote the rules table of ${path}`);
}
