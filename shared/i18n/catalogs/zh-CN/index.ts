import type { MessageKey } from '../en/index.ts';
import { drill } from './drill.ts';
import { report } from './report.ts';
import { runbook } from './runbook.ts';
import { scoring } from './scoring.ts';

/* Every Simplified Chinese text, by the English catalog's keys. */
export const zhCN: Record<MessageKey, string> = { ...scoring, ...runbook, ...report, ...drill };
