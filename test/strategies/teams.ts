import { BotTeam, botSeats, byTheBook, smeQueue, type BotContext, type Policy } from '../../shared/bots/index.ts';
import * as say from '../../shared/bots/messages.ts';
import type { Actor, Command } from '../../shared/engine/types.ts';
import type { CompiledScenario } from '../../shared/scenario/compiled.ts';
import type { Strategy } from './runner.ts';

/*
 * The reference playthroughs, written from the runbook as teams: the textbook response, and four
 * that each get one thing an incident lead cares about wrong. Each is the by-the-book team with
 * its one difference, so the scores compare like with like. They decide from their own seats'
 * views, as every bot does.
 */

/** A bot team as a strategy: every seat decides in turn from the drill as it stands. */
export function botStrategy(name: string, policy: Policy, compiled: CompiledScenario, seed: string, everyMs = 30_000): Strategy {
  const seats = botSeats(compiled);
  const team = new BotTeam(policy, seats, seed);
  return {
    name,
    *turn(_view, at, { state }) {
      if (at % everyMs !== 0) return;
      for (const seat of seats) {
        const command = team.next(compiled, state(), seat, at);
        if (command) yield { as: seat, command };
      }
    },
    refused: (as: Actor, command: Command) => team.refuse(as, command),
  };
}

const wrap = (id: Policy['id'], next: (ctx: BotContext) => Command | null): Policy => ({ id, next });
const confirmedHosts = (ctx: BotContext) => ctx.view.scenario.assets.filter((a) => ctx.view.assets[a.id]?.knowledge === 'confirmed' && !ctx.view.assets[a.id]?.destroyed).map((a) => a.id);
const free = (ctx: BotContext) => !ctx.view.work.some((w) => w.status === 'running' && w.seat === ctx.seat.seat);

/** Gets rid of every confirmed host at once: containment by destruction, with no evidence taken. */
export const fastButDestroys: Policy = wrap('by-the-book', (ctx) => {
  if (ctx.seat.role === 'sme' && free(ctx)) {
    const target = confirmedHosts(ctx).find((id) => !ctx.view.work.some((w) => w.status === 'running' && w.target === id && w.action === 'terminate-instance'));
    if (target) return { type: 'action.take', action: 'terminate-instance', target };
  }
  return byTheBook.next(ctx);
});

/** Good operations; the talking goes wrong: the whole company told at once, details by SMS, a public statement that guesses. */
export const leakyComms: Policy = wrap('by-the-book', (ctx) => {
  const sent = (subject: string) => ctx.view.messages.some((m) => m.subject === subject);
  const minute = ctx.at / 60_000;
  if (ctx.seat.role === 'deputy') {
    const all = ctx.view.scenario.directory.find((p) => p.id === 'all-staff')?.id;
    if (minute >= 3 && all && !sent('URGENT: we have been breached')) return { type: 'message.send', message: say.recklessAnnouncement(ctx.view.scenario, all) };
    if (minute >= 4 && !sent('')) return { type: 'message.send', message: say.recklessSms() };
  }
  if (ctx.seat.role === 'ic' && minute >= 10 && !sent('Security notice')) return { type: 'message.send', message: say.recklessStatement(ctx.view.scenario) };
  return byTheBook.next(ctx);
});

/** The IC does the hands-on work personally and hands none of it out; the SMEs wait for tasks that never come. */
export const icDoesEverything: Policy = wrap('by-the-book', (ctx) => {
  if (ctx.seat.role === 'ic') {
    const decision = byTheBook.next(ctx);
    if (decision && decision.type !== 'task.assign') return decision;
    if (!free(ctx)) return null;
    const next = smeQueue(ctx)[0];
    return next ?? null;
  }
  return byTheBook.next(ctx);
});

export type ReferenceId = 'textbook' | 'careful-but-slow' | 'ic-does-everything' | 'fast-but-destroys-evidence' | 'leaky-comms';

export function referenceTeam(id: ReferenceId, compiled: CompiledScenario, seed: string): Strategy {
  switch (id) {
    case 'textbook':
      return botStrategy(id, byTheBook, compiled, seed);
    case 'careful-but-slow':
      // The same response, each person acting only every three minutes: everything takes longer.
      return botStrategy(id, byTheBook, compiled, seed, 180_000);
    case 'ic-does-everything':
      return botStrategy(id, icDoesEverything, compiled, seed);
    case 'fast-but-destroys-evidence':
      return botStrategy(id, fastButDestroys, compiled, seed);
    case 'leaky-comms':
      return botStrategy(id, leakyComms, compiled, seed);
  }
}

export const REFERENCES: readonly ReferenceId[] = ['textbook', 'careful-but-slow', 'ic-does-everything', 'fast-but-destroys-evidence', 'leaky-comms'];
