import type { CompiledScenario } from '../scenario/compiled.ts';
import type { Actor, Command, DrillState } from '../engine/types.ts';

/** Everything a bot may look at when choosing its next move. */
export interface BotContext {
  compiled: CompiledScenario;
  state: DrillState;
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

/** A bot: given the drill, at most one command for its seat this turn. Must be deterministic for a given random stream. */
export interface Policy {
  id: PolicyId;
  next(ctx: BotContext): Command | null;
}

/** One move in a scripted plan: who makes it, when it is possible, and what it is. */
export interface PlanStep {
  role: Actor['role'];
  /** A stable name for the move, so a bot knows which moves it has already made. */
  key: string;
  ready(ctx: BotContext): boolean;
  command(ctx: BotContext): Command;
}

export const minutesSince = (ctx: BotContext, at: number | undefined | null): number =>
  at === undefined || at === null ? -1 : (ctx.at - at) / 60_000;

export const compromisedAssets = (ctx: BotContext): string[] =>
  ctx.compiled.scenario.assets.filter((a) => ctx.state.assets[a.id]?.compromised).map((a) => a.id);
