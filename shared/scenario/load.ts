import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { JsonSourceMap, jsonKeyProblems } from './json-source.ts';
import { jsonPath, type Problem } from './problems.ts';
import { scenarioSchema, type Scenario } from './schema.ts';

/*
 * Text → validated Scenario, or a list of problems each naming file, line and JSON path.
 * Hostile input (syntax errors, alias bombs, duplicate keys, prototype keys, wrong types at any
 * depth) becomes problems; nothing here throws.
 */

export const MAX_SCENARIO_BYTES = 1_000_000;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export type ParseResult = { ok: true; scenario: Scenario; warnings: Problem[] } | { ok: false; problems: Problem[] };

/** Locates JSON paths in the source so every problem can say which line to look at. */
export class SourceMap {
  constructor(
    private readonly doc: Document,
    private readonly lines: LineCounter,
  ) {}

  /** The line of the deepest node that exists along `path` (a missing key points at its parent). */
  lineOf(path: readonly (string | number | symbol)[]): number {
    for (let depth = path.length; depth >= 0; depth--) {
      const keys = path.slice(0, depth).filter((k): k is string | number => typeof k !== 'symbol');
      const node = depth === 0 ? this.doc.contents : (this.doc.getIn(keys, true) as Node | undefined);
      if (node && typeof node === 'object' && 'range' in node && node.range) return this.lines.linePos(node.range[0]).line;
    }
    return 1;
  }
}

function problem(file: string, line: number, path: string, message: string, severity: Problem['severity'] = 'error'): Problem {
  return { file, line, path, message, severity };
}

/** Walk the YAML tree for keys that would reach an object's prototype. */
function prototypeKeys(node: unknown, path: (string | number)[], out: (string | number)[][]): void {
  if (isMap(node)) {
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      if (FORBIDDEN_KEYS.has(key)) out.push([...path, key]);
      else prototypeKeys(pair.value, [...path, key], out);
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, i) => prototypeKeys(item, [...path, i], out));
  }
}

export interface ParsedSource {
  value: unknown;
  map: Pick<SourceMap, 'lineOf'>;
}

/** A source map that scans the JSON text for positions only when a problem asks for a line. */
class LazyJsonSourceMap {
  private map: JsonSourceMap | null = null;
  constructor(private readonly text: string) {}
  lineOf(path: readonly (string | number | symbol)[]): number {
    this.map ??= new JsonSourceMap(this.text);
    return this.map.lineOf(path);
  }
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/** Parse YAML or JSON text into a plain value plus a source map, or problems. */
export function parseSource(text: string, file: string): { ok: true; source: ParsedSource } | { ok: false; problems: Problem[] } {
  if (text.length > MAX_SCENARIO_BYTES) {
    return { ok: false, problems: [problem(file, 0, '(root)', `file is ${text.length} bytes; scenarios are limited to ${MAX_SCENARIO_BYTES}`)] };
  }
  // Fast path for JSON files: JSON.parse is two orders of magnitude faster than a YAML parse. One
  // scan finds what JSON.parse lets through (repeated and prototype keys); lines for other problems
  // are found only when one needs them. Text JSON.parse refuses goes on to the YAML parser, whose
  // syntax errors name the line.
  if (/\.json$/i.test(file)) {
    const fast = parseJson(text);
    if (fast.ok) {
      const { duplicates, forbidden } = jsonKeyProblems(text);
      const keyProblems = [
        ...duplicates.map((d) => problem(file, d.line, jsonPath(d.path), `the key "${String(d.path.at(-1))}" appears more than once in this object`)),
        ...forbidden.map((d) => problem(file, d.line, jsonPath(d.path), `the key "${String(d.path.at(-1))}" is not allowed`)),
      ];
      if (keyProblems.length > 0) return { ok: false, problems: keyProblems };
      return { ok: true, source: { value: fast.value, map: new LazyJsonSourceMap(text) } };
    }
  }
  const lines = new LineCounter();
  let doc: Document;
  try {
    doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false, strict: true });
  } catch (error) {
    return { ok: false, problems: [problem(file, 1, '(root)', `cannot be parsed: ${(error as Error).message}`)] };
  }
  if (doc.errors.length > 0) {
    return {
      ok: false,
      problems: doc.errors.map((e) => problem(file, lines.linePos(e.pos[0]).line, '(syntax)', e.message.split('\n')[0] ?? e.message)),
    };
  }
  const map = new SourceMap(doc, lines);
  const bad: (string | number)[][] = [];
  prototypeKeys(doc.contents, [], bad);
  if (bad.length > 0) {
    return { ok: false, problems: bad.map((p) => problem(file, map.lineOf(p.slice(0, -1)), jsonPath(p), `the key "${String(p.at(-1))}" is not allowed`)) };
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    return { ok: false, problems: [problem(file, 1, '(root)', `cannot be read: ${(error as Error).message}`)] };
  }
  return { ok: true, source: { value, map } };
}

/** Parse and schema-validate a scenario file (cross-references are checked separately). */
export function parseScenarioText(text: string, file: string): ParseResult & { map?: Pick<SourceMap, 'lineOf'> } {
  const parsed = parseSource(text, file);
  if (!parsed.ok) return parsed;
  const { value, map } = parsed.source;
  const result = scenarioSchema.safeParse(value);
  if (!result.success) {
    const seen = new Set<string>();
    const problems: Problem[] = [];
    for (const issue of result.error.issues) {
      const p = problem(file, map.lineOf(issue.path), jsonPath(issue.path), issue.message);
      const key = `${p.line}|${p.path}|${p.message}`;
      if (!seen.has(key)) {
        seen.add(key);
        problems.push(p);
      }
    }
    return { ok: false, problems };
  }
  return { ok: true, scenario: result.data, warnings: [], map };
}
