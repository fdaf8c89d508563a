import type { DrillKey } from '../en/drill.ts';

/* Simplified Chinese text the engine writes into the log while a drill runs. */
export const drill: Record<DrillKey, string> = {
  'work.failed': '这项工作失败了，没有得到任何结果；可以重试。',
  'work.partial': '这项工作只部分成功：它所提示的内容尚未得到确认。',
};
