import { readdirSync, readFileSync } from 'node:fs';
import { extname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../server/paths.ts';
import {
  allCitations, ARCHITECTURE_MD, citationsIn, definitions, INDEX_END, INDEX_START, isFamily, labelIds, SCORING_MD,
  scoringRuleIds, titleIds, withSpecIndex,
} from '../../server/tools/spec-docs.ts';

/* ARCHITECTURE.md is the spec: the ids tests cite are defined there, and every id it defines is checked by a test. */

const architecture = readFileSync(ARCHITECTURE_MD, 'utf8');
const defs = definitions(architecture);
const defined = new Set(defs.flatMap((d) => d.ids));
const rules = new Set(scoringRuleIds(readFileSync(SCORING_MD, 'utf8')));
const citations = allCitations();
const where = (c: { file: string; line: number; title: string }) => `${c.file}:${c.line} "${c.title}"`;

describe('DOC2: every id a test cites is defined', () => {
  it('DOC2 every id a test title cites is defined in ARCHITECTURE.md, or is a scoring rule of docs/SCORING.md', () => {
    expect(citations.length).toBeGreaterThan(400);
    expect(rules.has('COM-17') && rules.has('ORD-5')).toBe(true);
    const undefinedIds = citations.filter((c) => !defined.has(c.id) && !rules.has(c.id) && !isFamily(c.id, defined)).map((c) => `${c.id} at ${where(c)}`);
    expect(undefinedIds, 'define these ids in ARCHITECTURE.md (a list item opening with **<id> – ), or start the title with a word that is not an id').toEqual([]);
  });

  it('DOC2 a title cites the ids it starts with, up to the first other word or a colon', () => {
    expect(titleIds('ENG4 the log is the truth')).toEqual(['ENG4']);
    expect(titleIds('E2E-R1 REP3 every section')).toEqual(['E2E-R1', 'REP3']);
    expect(titleIds('AUTH: only the right seat')).toEqual(['AUTH']);
    expect(titleIds('CRASH: SIGKILL mid-drill')).toEqual(['CRASH']);
    expect(titleIds('OPS2 `GET /metrics` gives')).toEqual(['OPS2']);
    expect(titleIds('FOG-FRAMES %s')).toEqual(['FOG-FRAMES']);
    expect(titleIds('SCO-0 every rule')).toEqual(['SCO-0']);
    expect(titleIds('L10N-C')).toEqual(['L10N-C']);
    expect(titleIds('scoring rules: each fires')).toEqual([]);
    expect(titleIds('AUTH10b a WebSocket upgrade')).toEqual([]);
  });

  it('DOC2 titles are read from describe, it and test calls in every form, a template up to its first substitution', () => {
    const source = [
      "describe('AUTH: x', () => { it('AUTH1 y', () => {}); });",
      "it.each(['a', 'b'])('VIEW-P1 %s team', (p) => {});",
      "describe.skipIf(!ok)('E2E layout', () => {});",
      "describeWithPostgres('LEASE: z', () => {});",
      'it(`SEC4 an address may create ${n} drills`, () => {});',
      'it(`LAYOUT-${locale} fits`, () => {});',
      'it(`${id} fires`, () => {});',
      'it(name, () => {});',
      "expect('ENG1 not a title').toBe(x); check('ENG2 not a title', 1);",
    ].join('\n');
    expect(citationsIn('probe.test.ts', source).map((c) => `${c.line}:${c.id}`)).toEqual(['1:AUTH', '1:AUTH1', '2:VIEW-P1', '3:E2E', '4:LEASE', '5:SEC4']);
  });

  it('DOC2 a family is a defined id without its number: AUTH for AUTH1, E2E and E2E-R for E2E-R1, never a numbered id', () => {
    const ids = ['AUTH1', 'E2E-R1', 'SIM10'];
    expect(['AUTH', 'E2E', 'E2E-R'].filter((id) => isFamily(id, ids))).toEqual(['AUTH', 'E2E', 'E2E-R']);
    expect(['AUT', 'SIM1', 'E2E-W', 'AUTH1'].filter((id) => isFamily(id, ids))).toEqual([]);
  });
});

describe('DOC3: every id ARCHITECTURE.md defines is checked', () => {
  it('DOC3 every id defined in ARCHITECTURE.md is cited by a test title', () => {
    const cited = new Set(citations.map((c) => c.id));
    expect(defs.length).toBeGreaterThan(100);
    expect([...defined].filter((id) => !cited.has(id)), 'cite these ids in the titles of the tests that check them, or remove their definitions').toEqual([]);
  });

  it('DOC3 every id is defined once', () => {
    const all = defs.flatMap((d) => d.ids.map((id) => ({ id, line: d.line })));
    const twice = all.filter((d, i) => all.findIndex((e) => e.id === d.id) !== i).map((d) => `${d.id} again at ARCHITECTURE.md:${d.line}`);
    expect(twice).toEqual([]);
  });

  it('DOC3 a definition names an id, a range of numbered ids, or a list of those', () => {
    expect(labelIds('ENG4')).toEqual(['ENG4']);
    expect(labelIds('SHED1–3')).toEqual(['SHED1', 'SHED2', 'SHED3']);
    expect(labelIds('SCO-0–2, SCO-CYN')).toEqual(['SCO-0', 'SCO-1', 'SCO-2', 'SCO-CYN']);
    expect(labelIds('SQLite')).toBeNull();
    expect(labelIds('SHED3–1')).toBeNull();
    expect(definitions('- **PIPE1–2 – a queue.** text\n  - **LEASE7 – idle.** text\n- **Note – not an id.**\n- **SMOKE-L1–2, SMOKE-C1 – smoke.**')
      .map((d) => `${d.line}:${d.label}`)).toEqual(['1:PIPE1–2', '2:LEASE7', '4:SMOKE-L1–2', '4:SMOKE-C1']);
  });
});

describe('DOC4: the index names the tests of each id', () => {
  it('DOC4 ARCHITECTURE.md\'s index is what `npm run docs:spec` writes', () => {
    expect(architecture).toContain(INDEX_START);
    expect(architecture).toContain(INDEX_END);
    expect(withSpecIndex(architecture, citations), 'ARCHITECTURE.md\'s index is out of date: run npm run docs:spec').toBe(architecture);
  });

  it('DOC4 a row names the files citing its ids, and which ids when a file cites only some', () => {
    const doc = `- **COST1–3 – price.**\n- **ENG4 – log.**\n${INDEX_START}\n${INDEX_END}\n`;
    const cite = (id: string, file: string) => ({ id, file, line: 1, title: id });
    const index = withSpecIndex(doc, [cite('COST1', 'b.test.ts'), cite('COST2', 'b.test.ts'), cite('COST3', 'a.test.ts'), cite('ENG4', 'a.test.ts'), cite('ENG4', 'c.test.ts')]);
    expect(index).toContain('| COST1–3 | `a.test.ts` (COST3), `b.test.ts` (COST1–2) |');
    expect(index).toContain('| ENG4 | `a.test.ts`, `c.test.ts` |');
  });
});

/** The project's text files: everything but dependencies, builds, test output and data. */
function projectTextFiles(dir = PROJECT_ROOT): string[] {
  const skip = new Set(['node_modules', 'dist', '.git', 'test-results', 'data', '.tmp']);
  const text = new Set(['.ts', '.mjs', '.js', '.md', '.yaml', '.yml', '.json', '.css', '.html', '.cfg', '.txt']);
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return skip.has(entry.name) ? [] : projectTextFiles(path);
    return text.has(extname(entry.name)) && entry.name !== 'package-lock.json' ? [path] : [];
  });
}

describe('DOC5: the project describes what is', () => {
  it('DOC5 no file of the project refers to a numbered work session', () => {
    const files = projectTextFiles();
    expect(files.length).toBeGreaterThan(300);
    const found = files.flatMap((file) => readFileSync(file, 'utf8').split('\n')
      .flatMap((line, i) => (/\bsessions? \d/i.test(line) ? [`${relative(PROJECT_ROOT, file)}:${i + 1}: ${line.trim().slice(0, 120)}`] : [])));
    expect(found, 'say what is, in the present tense; measurements belong in test/bench/RESULTS.md rows').toEqual([]);
  });
});
