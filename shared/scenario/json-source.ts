/*
 * Positions in JSON text. JSON.parse knows no lines and silently keeps the last of duplicate keys,
 * so after it has accepted a file this scanner walks the same text once more to find duplicate keys
 * and, only when a problem needs one, the line where each value starts. It assumes text that
 * JSON.parse accepted: it does not re-check the grammar.
 */

type Key = string | number;

const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

/** Keys that would reach an object's prototype if a consumer ever copied the parsed value naively. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export interface KeyProblem {
  path: Key[];
  line: number;
}

class Scanner {
  private i = 0;
  private line = 1;
  readonly duplicates: KeyProblem[] = [];
  readonly forbidden: KeyProblem[] = [];

  constructor(
    private readonly text: string,
    /** Called with every value's path key (see pathKey) and starting line; omitted when only the key checks matter. */
    private readonly onValue?: (key: string, line: number) => void,
  ) {}

  /** The keys from the root to the value being read; copied only when a problem names it. */
  private readonly path: Key[] = [];

  run(): void {
    this.value('');
  }

  private space(): void {
    const { text } = this;
    for (;;) {
      const c = text.charCodeAt(this.i);
      if (c === 10) {
        this.line++;
        this.i++;
      } else if (c === 32 || c === 9 || c === 13) this.i++;
      else return;
    }
  }

  /** Reads a string token starting at its opening quote (JSON strings hold no raw newlines). */
  private string(): string {
    const { text } = this;
    let start = ++this.i;
    let out = '';
    for (;;) {
      const c = text.charCodeAt(this.i);
      if (c === 34) {
        out += text.slice(start, this.i++);
        return out;
      }
      if (c === 92) {
        out += text.slice(start, this.i);
        const e = text.charAt(this.i + 1);
        if (e === 'u') {
          out += String.fromCharCode(parseInt(text.slice(this.i + 2, this.i + 6), 16));
          this.i += 6;
        } else {
          out += ESCAPES[e] ?? e;
          this.i += 2;
        }
        start = this.i;
        continue;
      }
      this.i++;
    }
  }

  /** `key` is the path's string form (see pathKey), built only when a line map is wanted. */
  private value(key: string): void {
    this.space();
    this.onValue?.(key, this.line);
    const c = this.text.charCodeAt(this.i);
    if (c === 123) this.object(key);
    else if (c === 91) this.array(key);
    else if (c === 34) this.string();
    else this.scalar();
  }

  private object(pathKeyText: string): void {
    this.i++;
    this.space();
    if (this.text.charCodeAt(this.i) === 125) {
      this.i++;
      return;
    }
    const seen = new Set<string>();
    for (;;) {
      this.space();
      const line = this.line;
      const key = this.string();
      if (seen.has(key)) this.duplicates.push({ path: [...this.path, key], line });
      else if (FORBIDDEN_KEYS.has(key)) this.forbidden.push({ path: [...this.path, key], line });
      seen.add(key);
      this.space();
      this.i++; // ':'
      this.path.push(key);
      this.value(this.onValue ? `${pathKeyText}\u0000${key}` : '');
      this.path.pop();
      this.space();
      if (this.text.charCodeAt(this.i++) === 125) return; // '}' else ','
    }
  }

  private array(pathKeyText: string): void {
    this.i++;
    this.space();
    if (this.text.charCodeAt(this.i) === 93) {
      this.i++;
      return;
    }
    for (let index = 0; ; index++) {
      this.path.push(index);
      this.value(this.onValue ? `${pathKeyText}\u0000${index}` : '');
      this.path.pop();
      this.space();
      if (this.text.charCodeAt(this.i++) === 93) return; // ']' else ','
    }
  }

  /** Numbers, true, false, null: up to the next delimiter. */
  private scalar(): void {
    const { text } = this;
    for (;;) {
      const c = text.charCodeAt(this.i);
      if (c === 44 || c === 93 || c === 125 || c === 32 || c === 10 || c === 13 || c === 9 || Number.isNaN(c)) return;
      this.i++;
    }
  }
}

/**
 * Keys JSON.parse accepts but a scenario must not have, in text JSON.parse has already accepted:
 * repeats within one object, and prototype keys (`__proto__`, `constructor`, `prototype`).
 */
export function jsonKeyProblems(text: string): { duplicates: KeyProblem[]; forbidden: KeyProblem[] } {
  const scanner = new Scanner(text);
  scanner.run();
  return { duplicates: scanner.duplicates, forbidden: scanner.forbidden };
}

/** Where each value of a JSON document starts, for pointing problems at lines. */
export class JsonSourceMap {
  private readonly lines = new Map<string, number>();

  constructor(text: string) {
    new Scanner(text, (key, line) => {
      // A repeated key's first occurrence wins.
      if (!this.lines.has(key)) this.lines.set(key, line);
    }).run();
  }

  /** The line of the deepest value that exists along `path` (a missing key points at its parent). */
  lineOf(path: readonly (string | number | symbol)[]): number {
    const keys = path.filter((k): k is Key => typeof k !== 'symbol');
    for (let depth = keys.length; depth >= 0; depth--) {
      const line = this.lines.get(pathKey(keys.slice(0, depth)));
      if (line !== undefined) return line;
    }
    return 1;
  }
}

/** The map's key for a path: each segment prefixed by NUL, as the scanner builds it. */
function pathKey(path: readonly Key[]): string {
  let key = '';
  for (const k of path) key += `\u0000${k}`;
  return key;
}
