import { drill } from './drill.ts';
import { report } from './report.ts';
import { runbook } from './runbook.ts';
import { scoring } from './scoring.ts';

/* Every English text the product words itself, by key; the other locales' catalogs have the same keys. */
export const en = { ...scoring, ...runbook, ...report, ...drill } as const;

export type MessageKey = keyof typeof en;
