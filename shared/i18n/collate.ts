/**
 * English collation, made once. `a.localeCompare(b, 'en')` builds an ICU collator on every call:
 * sorting a live score's 126 findings that way took about half of scoring it (0.3 of 0.7 ms).
 * A shared collator orders exactly as localeCompare(b, 'en') does, so reports are unchanged.
 */
export const compareEnglish: (a: string, b: string) => number = new Intl.Collator('en').compare;
