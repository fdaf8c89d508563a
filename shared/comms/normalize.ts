/** The last few texts normalised: the checks on one message each normalise its subject, body and both. */
const RECENT = 4;
const recentIn: string[] = [];
const recentOut: string[] = [];

/** Fold width (full-width letters and digits), case and runs of space, so checks work the same on CJK input. */
export function normalize(text: string): string {
  const i = recentIn.indexOf(text);
  if (i >= 0) return recentOut[i]!;
  const out = text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
  if (recentIn.length === RECENT) {
    recentIn.pop();
    recentOut.pop();
  }
  recentIn.unshift(text);
  recentOut.unshift(out);
  return out;
}

/** A list of words normalised once per list (a scenario's names, kept for the drill's life), not on every check. */
const normalisedLists = new WeakMap<readonly string[], string[]>();
export function normalizeAll(words: readonly string[]): string[] {
  let out = normalisedLists.get(words);
  if (!out) {
    out = words.map(normalize);
    normalisedLists.set(words, out);
  }
  return out;
}

/** Whether any of the phrases (already normalised) occurs in the text. */
export function containsAny(text: string, phrases: readonly string[]): boolean {
  const t = normalize(text);
  return phrases.some((p) => t.includes(p));
}
