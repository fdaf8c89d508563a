import type { MessageKey } from '../en/index.ts';
import { drill } from './drill.ts';
import { report } from './report.ts';
import { runbook } from './runbook.ts';
import { scoring } from './scoring.ts';

/* Every Japanese text, by the English catalog's keys. */
export const ja: Record<MessageKey, string> = { ...scoring, ...runbook, ...report, ...drill };
