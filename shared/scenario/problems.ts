/** One thing wrong with a scenario file, located precisely enough to fix it. */
export interface Problem {
  file: string;
  /** 1-based line; 0 when the problem concerns the whole file. */
  line: number;
  /** JSON path such as `injects[3].delivery.at`; `(root)` for the whole document. */
  path: string;
  message: string;
  severity: 'error' | 'warning';
}

/** `file:line: path: message`, the form `ttx validate` prints and editors can jump to. */
export function formatProblem(p: Problem): string {
  return `${p.file}:${p.line}: ${p.path}: ${p.message}`;
}

/** Render a path of keys and indexes as a JSON path. */
export function jsonPath(path: readonly (string | number | symbol)[]): string {
  if (path.length === 0) return '(root)';
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out;
}
