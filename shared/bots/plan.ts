import type { Command } from '../engine/types.ts';
import type { BotContext, PlanStep, Policy, PolicyId } from './policy.ts';

type Fallback = Partial<Record<string, (ctx: BotContext) => Command | null>>;

/** A policy that makes the first ready move of a plan for its seat's role, else a role-specific fallback. */
export function planPolicy(id: PolicyId, plan: readonly PlanStep[], fallback: Fallback = {}): Policy {
  return {
    id,
    next(ctx) {
      for (const step of plan) {
        if (step.role !== ctx.seat.role || !step.ready(ctx)) continue;
        const command = step.command(ctx);
        if (!ctx.refused.has(JSON.stringify(command))) return command;
      }
      const extra = fallback[ctx.seat.role]?.(ctx) ?? null;
      return extra && !ctx.refused.has(JSON.stringify(extra)) ? extra : null;
    },
  };
}
