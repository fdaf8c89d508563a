import type { Command } from '../engine/types.ts';
import type { PlanStep, Policy, PolicyId } from './policy.ts';

/** A policy that makes the first ready move of a plan for its seat's role. */
export function planPolicy(id: PolicyId, plan: readonly PlanStep[]): Policy {
  return {
    id,
    next(ctx): Command | null {
      for (const step of plan) {
        if (step.role !== ctx.seat.role || !step.ready(ctx)) continue;
        const command = step.command(ctx);
        if (!ctx.refused.has(JSON.stringify(command))) return command;
      }
      return null;
    },
  };
}
