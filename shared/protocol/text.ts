/*
 * Text a person could have typed: no control characters other than line feed and tab, and no half of
 * a surrogate pair (JSON can carry one; it is not a character in any encoding). Checked at the
 * protocol edge over every string a request carries, whatever its shape.
 */

// Finding control characters is the point of this pattern.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export interface TextProblem {
  /** Where in the payload, as `command.recipients.1`; `payload` for the payload itself. */
  path: string;
  message: string;
}

const hex = (c: string) => `U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;

/** What in `text` no one could have typed, e.g. "control character U+0007"; null when it is all text. */
export function untypable(text: string): string | null {
  const control = CONTROL.exec(text);
  if (control) return `control character ${hex(control[0])}`;
  const lone = LONE_SURROGATE.exec(text);
  if (lone) return `half a surrogate pair (${hex(lone[0])})`;
  return null;
}

const WHY = 'text may hold any character but control characters other than line feed and tab, and whole surrogate pairs only';

/** The first string in `payload` (values and object keys, at any depth) that is not valid text. */
export function findBadText(payload: unknown): TextProblem | null {
  const stack: { value: unknown; path: string[] }[] = [{ value: payload, path: [] }];
  const at = (path: string[]) => path.join('.') || 'payload';
  while (stack.length > 0) {
    const { value, path } = stack.pop()!;
    if (typeof value === 'string') {
      const found = untypable(value);
      if (found) return { path: at(path), message: `${found} is not allowed: ${WHY}` };
    } else if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], path: [...path, String(i)] });
    } else if (value !== null && typeof value === 'object') {
      const entries = Object.entries(value);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, child] = entries[i]!;
        const found = untypable(key);
        if (found) return { path: at(path), message: `a field name holds ${found}: ${WHY}` };
        stack.push({ value: child, path: [...path, key] });
      }
    }
  }
  return null;
}
