import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../shared/i18n/locales.ts';
import { ACTIONS, CHECKLIST, COMMS_RULES_DATA, describeRef, isKnownRef, OODA, ROLE_DEFS, SOURCES, STEP_IDS } from '../../shared/runbook/index.ts';
import { COMMS_RULE_IDS, ROLES } from '../../shared/runbook/types.ts';
import { RULES } from '../../shared/scoring/index.ts';

const complete = (text: Record<string, string | undefined>) => LOCALES.every((l) => typeof text[l] === 'string' && (text[l] ?? '').length > 0);

describe('RUN: the runbook as data', () => {
  it('RUN1 the 14 checklist steps are numbered 1–14 in checklist order', () => {
    expect(CHECKLIST.map((s) => s.id)).toEqual([...STEP_IDS]);
    expect(CHECKLIST.map((s) => s.number)).toEqual(Array.from({ length: 14 }, (_, i) => i + 1));
  });
  it('RUN2 every citation in actions, steps, roles, comms rules and scoring rules resolves', () => {
    const refs = [...ACTIONS.flatMap((a) => a.refs), ...CHECKLIST.flatMap((s) => s.refs), ...ROLE_DEFS.flatMap((r) => r.refs), ...COMMS_RULES_DATA.flatMap((r) => r.refs), ...RULES.map((r) => r.ref)];
    for (const ref of refs) expect(isKnownRef(ref), `${ref.source}:${ref.section}`).toBe(true);
    expect(describeRef({ source: 'pd', section: 'assemble-team' }, 'en')).toBe('PagerDuty security incident checklist › Assemble the response team');
  });
  it('RUN3 steps, phases, roles, rules and sources have text in every locale', () => {
    for (const s of CHECKLIST) expect(complete(s.title) && complete(s.summary), s.id).toBe(true);
    for (const p of OODA) expect(complete(p.title) && complete(p.description), p.id).toBe(true);
    for (const r of ROLE_DEFS) expect(complete(r.title) && r.duties.every(complete), r.id).toBe(true);
    for (const r of COMMS_RULES_DATA) expect(complete(r.title) && complete(r.explanation), r.id).toBe(true);
    for (const s of SOURCES) expect(complete(s.title), s.id).toBe(true);
  });
  it('RUN4 every role and comms rule id has exactly one definition', () => {
    expect(ROLE_DEFS.map((r) => r.id).sort()).toEqual([...ROLES].sort());
    expect(COMMS_RULES_DATA.map((r) => r.id).sort()).toEqual([...COMMS_RULE_IDS].sort());
  });
  it('RUN5 action ids are unique, owners are allowed roles, and asset effects only on asset actions', () => {
    expect(new Set(ACTIONS.map((a) => a.id)).size).toBe(ACTIONS.length);
    for (const a of ACTIONS) {
      for (const o of a.owners) expect(a.roles, a.id).toContain(o);
      if (Object.keys(a.sets).length > 0) expect(a.target, a.id).toBe('asset');
    }
  });
});

describe('RUN-D: docs stay true', () => {
  it('RUN-D1 docs/SCORING.md lists every scoring rule as the rules say (server/tools/write-scoring-table.ts rewrites it)', async () => {
    const { readFileSync } = await import('node:fs');
    const { withTable } = await import('../../server/tools/write-scoring-table.ts');
    const doc = readFileSync('docs/SCORING.md', 'utf8');
    for (const rule of RULES) expect(doc, rule.id).toContain(`| ${rule.id} |`);
    expect(withTable(doc)).toBe(doc);
  });
});
