import type { MessageKey } from '../en/index.ts';
import { drill } from './drill.ts';
import { report } from './report.ts';
import { runbook } from './runbook.ts';
import { scoring } from './scoring.ts';

/*
 * Every Japanese text, by the English catalog's keys. Each term is the same in every part, and
 * follows the Japanese edition of the PagerDuty checklist where it has one: インシデントコマンダー
 * (IC), 副指揮官 (deputy), 記録係 (scribe), 専門家 (SME), ファシリテーター (facilitator), 深刻度
 * (severity), 音声通話 (the bridge), 非公開チャンネル (private channel), コードネーム, 攻撃ベクター
 * (attack vector), 侵入経路 (the way in), 侵害 (a compromised system), 漏洩 (compromised data or keys),
 * 流出 (data leaving), サービスの責任者 (service owners), 法務部門 (legal), 幹部 (executives), 内部犯行
 * and 内部関係者 (an insider attack and the insider), インジェクト (inject), ポストモーテム (postmortem).
 */
export const ja: Record<MessageKey, string> = { ...scoring, ...runbook, ...report, ...drill };
