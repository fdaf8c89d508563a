import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { PROJECT_ROOT } from '../paths.ts';

/*
 * The spec's ids: which ids ARCHITECTURE.md defines, which ids test titles cite, and the index of
 * ARCHITECTURE.md that names the test files citing each id. `npm run docs:spec` rewrites that index
 * between the two markers below; test/docs/spec.test.ts fails when it is out of date, when a test
 * cites an id nothing defines, or when a defined id is cited by no test.
 *
 * An id is `[A-Z][A-Z0-9]*(-[A-Z0-9]+)*` (ENG4, E2E-W1, FOG-FRAMES0, L10N-C).
 * - A test title cites the ids it starts with: one or more ids separated by spaces, the last
 *   optionally followed by a colon ("ENG4 the log…", "E2E-R1 REP3 every section…", "AUTH: only…").
 *   The first word that is not an id ends the list, and so does a colon. Titles are read from the
 *   source: a template literal's text up to its first `${…}`; a title that is not a literal cites
 *   nothing.
 * - ARCHITECTURE.md defines ids in list items that open with `**<ids> – `, where <ids> is an id, a
 *   range of numbered ids (`SHED1–9`: SHED1 … SHED9), or several of those separated by ", ".
 * - A title may cite a family rather than an id: an id without a trailing number (AUTH, E2E-R) that
 *   defined ids start with, followed by a digit or "-". A numbered id must be defined itself.
 * - Scoring rule ids (COM-17, ORD-5) are defined by docs/SCORING.md's generated rules table.
 */

export const ARCHITECTURE_MD = resolve(PROJECT_ROOT, 'ARCHITECTURE.md');
export const SCORING_MD = resolve(PROJECT_ROOT, 'docs', 'SCORING.md');
export const TESTS_DIR = resolve(PROJECT_ROOT, 'test');
export const INDEX_START = '<!-- spec-index:start (npm run docs:spec writes this section) -->';
export const INDEX_END = '<!-- spec-index:end -->';

const ID = '[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*';
const LEADING_ID = new RegExp(`^(${ID})(?=\\s|:|$)`);
const WHOLE_ID = new RegExp(`^${ID}$`);
const DEFINITION = /^\s*- \*\*(.+?) – /;
const RANGE = /^(.*?)(\d+)–(\d+)$/;

/** The ids a test title cites (see the grammar above). */
export function titleIds(title: string): string[] {
  const ids: string[] = [];
  let rest = title;
  for (;;) {
    const match = LEADING_ID.exec(rest);
    if (!match) return ids;
    ids.push(match[1]!);
    rest = rest.slice(match[1]!.length);
    if (rest.startsWith(':')) return ids;
    rest = rest.trimStart();
  }
}

/** One definition: the text it opens with (`SHED1–9`, `ENG4`) and the ids it defines. */
export interface Definition {
  label: string;
  ids: string[];
  line: number;
}

/** The ids a definition's label names: `ENG4`, `SHED1–9`, or several of those separated by ", ". */
export function labelIds(label: string): string[] | null {
  const ids: string[] = [];
  for (const item of label.split(', ')) {
    const range = RANGE.exec(item);
    if (range && item.includes('–')) {
      const [, prefix, from, to] = range as unknown as [string, string, string, string];
      if (!WHOLE_ID.test(`${prefix}${from}`) || Number(to) <= Number(from)) return null;
      for (let n = Number(from); n <= Number(to); n++) ids.push(`${prefix}${n}`);
    } else if (WHOLE_ID.test(item)) {
      ids.push(item);
    } else {
      return null;
    }
  }
  return ids;
}

/** Every definition in ARCHITECTURE.md, in document order, with each item of a list on its own. */
export function definitions(doc: string): Definition[] {
  const found: Definition[] = [];
  doc.split('\n').forEach((text, index) => {
    const match = DEFINITION.exec(text);
    if (!match || !labelIds(match[1]!)) return;
    for (const label of match[1]!.split(', ')) found.push({ label, ids: labelIds(label)!, line: index + 1 });
  });
  return found;
}

/** The rule ids of docs/SCORING.md's generated rules table. */
export function scoringRuleIds(doc: string): string[] {
  const table = doc.slice(doc.indexOf('<!-- rules:begin -->'), doc.indexOf('<!-- rules:end -->'));
  return [...table.matchAll(/^\| ([A-Z]+-\d+) \|/gm)].map((m) => m[1]!);
}

/** One id cited by one test title. */
export interface Citation {
  id: string;
  file: string;
  line: number;
  title: string;
}

const TEST_FUNCTION = /^(describe|it|test)(With\w+)?$/;

function calleeRoot(expression: ts.Expression): string | undefined {
  if (ts.isIdentifier(expression)) return expression.text;
  if (ts.isPropertyAccessExpression(expression) || ts.isCallExpression(expression)) return calleeRoot(expression.expression);
  return undefined;
}

/** The static text of a title: a string, or a template's text up to its first `${…}` (marked as cut). */
function titleText(node: ts.Expression): string | null {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  // The \u0000 stands for the substitution: a word it cuts ("LAYOUT-${x}") is not an id.
  if (ts.isTemplateExpression(node)) return `${node.head.text}\u0000`;
  return null;
}

/** The ids cited by the titles of `describe`, `it` and `test` calls (and their `.each`, `.skipIf`… forms) in one source. */
export function citationsIn(file: string, source: string): Citation[] {
  const found: Citation[] = [];
  const sourceFile = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true);
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && node.arguments.length >= 2 && TEST_FUNCTION.test(calleeRoot(node.expression) ?? '')) {
      const title = titleText(node.arguments[0]!);
      if (title !== null) {
        const line = sourceFile.getLineAndCharacterOfPosition(node.getStart()).line + 1;
        for (const id of titleIds(title)) found.push({ id, file, line, title: title.replace('\u0000', '${…}') });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return found;
}

/** The test sources: every .ts file under test/ that imports vitest. */
export function testFiles(dir = TESTS_DIR): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => join(dir, f))
    .filter((f) => /from 'vitest'/.test(readFileSync(f, 'utf8')))
    .sort();
}

/** Every citation in the project's tests, with paths relative to the project. */
export function allCitations(): Citation[] {
  return testFiles().flatMap((f) => citationsIn(relative(PROJECT_ROOT, f).split('\\').join('/'), readFileSync(f, 'utf8')));
}

/** Whether `id` is a family of defined ids: no trailing number, and some defined id continues it with a digit or "-". */
export function isFamily(id: string, defined: Iterable<string>): boolean {
  if (/\d$/.test(id)) return false;
  for (const d of defined) if (d.length > id.length && d.startsWith(id) && /[\d-]/.test(d[id.length]!)) return true;
  return false;
}

/** `REP3, REP5, REP7` or `COST1–5`: a set of numbered ids of one prefix, runs written as ranges. */
function compress(ids: string[]): string {
  const parts: string[] = [];
  let run: { prefix: string; from: number; to: number } | null = null;
  const flush = () => {
    if (run) parts.push(run.to > run.from ? `${run.prefix}${run.from}–${run.to}` : `${run.prefix}${run.from}`);
    run = null;
  };
  for (const id of ids) {
    const m = /^(.*?)(\d+)$/.exec(id);
    if (m && run && run.prefix === m[1] && run.to + 1 === Number(m[2])) {
      run.to = Number(m[2]);
      continue;
    }
    flush();
    if (m) run = { prefix: m[1]!, from: Number(m[2]), to: Number(m[2]) };
    else parts.push(id);
  }
  flush();
  return parts.join(', ');
}

/** The index: a row per definition with the test files citing its ids (and which of them, when not all). */
export function specIndex(doc: string, citations: readonly Citation[]): string {
  const rows = definitions(doc).map((def) => {
    const files = new Map<string, Set<string>>();
    for (const c of citations) if (def.ids.includes(c.id)) files.set(c.file, (files.get(c.file) ?? new Set()).add(c.id));
    const cells = [...files.keys()].sort().map((file) => {
      const ids = def.ids.filter((id) => files.get(file)!.has(id));
      return ids.length === def.ids.length ? `\`${file}\`` : `\`${file}\` (${compress(ids)})`;
    });
    return `| ${def.label} | ${cells.join(', ') || '—'} |`;
  });
  return ['| id | tests that cite it |', '|---|---|', ...rows].join('\n');
}

/** ARCHITECTURE.md with its index rewritten from `citations`; throws if the markers are missing. */
export function withSpecIndex(doc: string, citations: readonly Citation[]): string {
  const start = doc.indexOf(INDEX_START);
  const end = doc.indexOf(INDEX_END);
  if (start < 0 || end < start) throw new Error(`ARCHITECTURE.md must hold the markers ${INDEX_START} and ${INDEX_END}`);
  return `${doc.slice(0, start + INDEX_START.length)}\n${specIndex(doc, citations)}\n${doc.slice(end)}`;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const doc = readFileSync(ARCHITECTURE_MD, 'utf8');
  const next = withSpecIndex(doc, allCitations());
  if (next !== doc) writeFileSync(ARCHITECTURE_MD, next);
  process.stdout.write(next === doc ? 'ARCHITECTURE.md: the index is up to date\n' : 'ARCHITECTURE.md: index rewritten\n');
}
