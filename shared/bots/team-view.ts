import { actionKey } from '../engine/conditions.ts';
import type { Command } from '../engine/types.ts';
import type { BotContext } from './policy.ts';

/*
 * What a bot reads off its view: the team's knowledge, who is busy, what has been done. Nothing here
 * looks past the view, so bots act only on what the team has found out.
 */

export const take = (action: string, target?: string, detail?: string): Command => ({ type: 'action.take', action, ...(target ? { target } : {}), ...(detail ? { detail } : {}) });

/** Completed successfully (or partly). */
export const done = (ctx: BotContext, action: string, target?: string): boolean => ctx.view.actionsTaken[actionKey(action, target)] !== undefined;

/** Someone is doing it right now. */
export const running = (ctx: BotContext, action: string, target?: string): boolean =>
  ctx.view.work.some((w) => w.status === 'running' && w.action === action && (target === undefined || w.target === target));

export const doneOrRunning = (ctx: BotContext, action: string, target?: string): boolean => done(ctx, action, target) || running(ctx, action, target);

export const fact = (ctx: BotContext, f: keyof BotContext['view']['facts']): boolean => ctx.view.facts[f] !== undefined;
export const known = (ctx: BotContext, f: string): boolean => ctx.view.known[f] !== undefined;

/** Whether a seat is free to start work now. */
export function free(ctx: BotContext, seat = ctx.seat.seat): boolean {
  if (ctx.view.work.some((w) => w.status === 'running' && w.seat === seat)) return false;
  return (ctx.view.busyUntil[seat] ?? 0) <= ctx.at;
}

export const assetsAt = (ctx: BotContext, ...levels: string[]): string[] =>
  ctx.view.scenario.assets.filter((a) => levels.includes(ctx.view.assets[a.id]?.knowledge ?? 'unknown')).map((a) => a.id);

export const sent = (ctx: BotContext, pred: (m: BotContext['view']['messages'][number]) => boolean): boolean => ctx.view.messages.some(pred);

/** The seats of one role, in seat order. */
export const seatsOf = (ctx: BotContext, role: string): string[] => ctx.view.seats.filter((s) => s.role === role).map((s) => s.seat);

/** The directory id of the first entry of an organisation whose address matches, if any. */
export function person(ctx: BotContext, pred: (p: BotContext['view']['scenario']['directory'][number]) => boolean): string | undefined {
  return ctx.view.scenario.directory.find(pred)?.id;
}

/** An open task for this seat, oldest first. */
export const myTasks = (ctx: BotContext) => ctx.view.tasks.filter((t) => t.toSeat === ctx.seat.seat && t.status === 'open');
