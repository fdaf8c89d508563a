import type { MessageKey } from './en.ts';

/* Simplified Chinese catalog. Keys missing here fall back to English; the completeness test lists them. */
export const zhCN: Partial<Record<MessageKey, string>> = {};
