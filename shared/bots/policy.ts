import type { Actor, Command } from '../engine/types.ts';
import type { DrillView } from '../engine/view-types.ts';

/**
 * Everything a bot may look at when choosing its next move: its seat's view, nothing more. A bot
 * knows what the team has learned (injects, findings), never the drill's hidden world.
 */
export interface BotContext {
  view: DrillView;
  seat: Actor;
  /** Game time of this turn, in ms. */
  at: number;
  /** The bot's own seeded random stream (never the drill's RNG). */
  random: () => number;
  /** Commands (as JSON) the engine refused this bot; a bot does not repeat them. */
  refused: ReadonlySet<string>;
}

export const POLICY_IDS = ['by-the-book', 'reckless', 'random'] as const;
export type PolicyId = (typeof POLICY_IDS)[number];

/** A bot: given the drill as its seat sees it, at most one command for its seat this turn. Must be deterministic for a given random stream. */
export interface Policy {
  id: PolicyId;
  next(ctx: BotContext): Command | null;
}

/** One move in a scripted plan: who makes it, when it is possible, and what it is. */
export interface PlanStep {
  role: Actor['role'];
  /** A stable name for the move. */
  key: string;
  ready(ctx: BotContext): boolean;
  command(ctx: BotContext): Command;
}
