/** Fold width (full-width letters and digits), case and runs of space, so checks work the same on CJK input. */
export function normalize(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** Whether any of the phrases (already normalised) occurs in the text. */
export function containsAny(text: string, phrases: readonly string[]): boolean {
  const t = normalize(text);
  return phrases.some((p) => t.includes(p));
}
