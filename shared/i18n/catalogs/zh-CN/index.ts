import type { MessageKey } from '../en/index.ts';
import { drill } from './drill.ts';
import { report } from './report.ts';
import { runbook } from './runbook.ts';
import { scoring } from './scoring.ts';

/*
 * Every Simplified Chinese text, by the English catalog's keys. Each term is the same in every part,
 * and follows the Chinese edition of the PagerDuty checklist where it has one: 事件指挥官 (IC), 副指挥
 * (deputy), 记录员 (scribe), 领域专家 (SME), 主持人 (facilitator), 严重级别 (severity), 语音通话 (the
 * bridge), 私有频道 (private channel), 代号 (codename), 攻击向量 (attack vector), 入侵途径 (the way in),
 * 被攻破 (a compromised system), 被泄露 (compromised data or keys), 流出 (data leaving), 服务负责人
 * (service owners), 法务顾问 (legal), 管理层 (executives), 内部人员 (insider), 注入事件 (inject),
 * 事后复盘 (postmortem), 账户 (account).
 */
export const zhCN: Record<MessageKey, string> = { ...scoring, ...runbook, ...report, ...drill };
