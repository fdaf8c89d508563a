/** The last few texts normalised: the checks on one message each normalise its subject, body and both. */
const RECENT = 4;
const recentIn: string[] = [];
const recentOut: string[] = [];

/** A character NFKC could change: ASCII is left as it is. */
const NON_ASCII = /[\u0080-\uffff]/;
/** Space that folding would change: a run, a character other than a plain space, or space at either end. */
const UNEVEN_SPACE = /\s\s|[^\S ]|^\s|\s$/;

/**
 * Fold width (full-width letters and digits), case and runs of space, so checks work the same on CJK
 * input. Each step runs only when it would change something: a message is folded as its command is
 * answered and again whenever a drill is rebuilt from its log, and most texts are plain ASCII
 * with single spaces (COMMS-N1).
 */
export function normalize(text: string): string {
  const i = recentIn.indexOf(text);
  if (i >= 0) return recentOut[i]!;
  const lower = (NON_ASCII.test(text) ? text.normalize('NFKC') : text).toLowerCase();
  const out = UNEVEN_SPACE.test(lower) ? lower.replace(/\s+/g, ' ').trim() : lower;
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

/** Text as a regular expression that matches it literally. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * One expression per phrase list, made once: matching the alternation of the phrases is the same as
 * looking for each in turn, several times faster over the dozens of phrases a list holds (COMMS-N2).
 */
const matchers = new WeakMap<readonly string[], RegExp>();
function matcherOf(phrases: readonly string[]): RegExp {
  let re = matchers.get(phrases);
  if (!re) {
    // An empty list matches nothing: `(?!)` never succeeds.
    re = new RegExp(phrases.length === 0 ? '(?!)' : phrases.map(escapeRegExp).join('|'));
    matchers.set(phrases, re);
  }
  return re;
}

/** Whether any of the phrases (already normalised) occurs in the text. Keep the list: its expression is kept with it. */
export function containsAny(text: string, phrases: readonly string[]): boolean {
  return matcherOf(phrases).test(normalize(text));
}
