import type { Locale } from '../locales.ts';
import { en, type MessageKey } from './en.ts';
import { ja } from './ja.ts';
import { zhCN } from './zh-CN.ts';

export type { MessageKey };

/** One catalog per shipped locale. */
export const CATALOGS: Record<Locale, Partial<Record<MessageKey, string>>> & { en: Record<MessageKey, string> } = { en, ja, 'zh-CN': zhCN };
