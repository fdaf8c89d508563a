import { DEFAULT_LOCALE, localize, type Locale } from '../i18n/locales.ts';
import { SECTIONS, SOURCES } from './sources.ts';
import type { RunbookRef, SourceId } from './types.ts';

export function isKnownRef(ref: RunbookRef): boolean {
  return SECTIONS[ref.source]?.[ref.section] !== undefined;
}

/** Parse the `source:section` form findings carry. */
export function parseRef(id: string): RunbookRef | null {
  const [source, section] = id.split(':');
  if (!source || !section || !(source in SECTIONS)) return null;
  return { source: source as SourceId, section };
}

/** "PagerDuty security incident checklist › Assemble the response team", in the reader's locale. */
export function describeRef(ref: RunbookRef | string, locale: Locale = DEFAULT_LOCALE): string {
  const r = typeof ref === 'string' ? parseRef(ref) : ref;
  if (!r) return String(ref);
  const source = SOURCES.find((s) => s.id === r.source);
  const section = SECTIONS[r.source]?.[r.section];
  return `${source ? localize(source.title, locale) : r.source} › ${section ? localize(section, locale) : r.section}`;
}
