import type { MessageKey } from './en.ts';

/* Japanese catalog. Keys missing here fall back to English; the completeness test lists them. */
export const ja: Partial<Record<MessageKey, string>> = {};
