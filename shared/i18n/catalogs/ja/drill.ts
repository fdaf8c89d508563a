import type { DrillKey } from '../en/drill.ts';

/* Japanese text the engine writes into the log while a drill runs. */
export const drill: Record<DrillKey, string> = {
  'work.failed': '作業は失敗し、何も得られなかった。やり直すことはできる。',
  'work.partial': '作業は一部しか成功しなかった。示唆された内容はまだ確定していない。',
};
