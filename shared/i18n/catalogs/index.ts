import type { Locale } from '../locales.ts';
import { en, type MessageKey } from './en/index.ts';
import { ja } from './ja/index.ts';
import { zhCN } from './zh-CN/index.ts';

export type { MessageKey };

/** One complete catalog per shipped locale: a key missing from any of them fails the typecheck. */
export const CATALOGS: Record<Locale, Record<MessageKey, string>> = { en, ja, 'zh-CN': zhCN };
