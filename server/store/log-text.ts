import type { LogEntry } from '../../shared/engine/index.ts';

/*
 * The JSON text a log read at boot was parsed from, kept beside the parsed log while that is in use.
 * The live score's thread is handed the text (one string, copied at once) rather than a structured
 * clone of every entry, which at boot would be the main thread's largest cost after the fold.
 */

const texts = new WeakMap<readonly LogEntry[], string>();

/** Parse a log's JSON text, remembering the text for the parsed log. */
export function parseLog(text: string): LogEntry[] {
  const entries = JSON.parse(text) as LogEntry[];
  texts.set(entries, text);
  return entries;
}

/** The text `entries` was parsed from, if parseLog made it. */
export function logTextOf(entries: readonly LogEntry[]): string | undefined {
  return texts.get(entries);
}
