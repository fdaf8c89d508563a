import type { Command } from '../engine/types.ts';
import * as say from './messages.ts';
import type { BotContext, PlanStep, Policy } from './policy.ts';
import { planPolicy } from './plan.ts';
import { assetsAt, done, doneOrRunning, free, sent, take } from './team-view.ts';

/*
 * A team in a hurry: it acts before it observes, on everything anyone mentioned, destroys evidence to
 * make the problem go away, lets the IC do the hands-on work, talks about the incident on insecure
 * channels and goes public with guesses. It exists to bound a scenario's worst realistic score.
 */

const minutesIn = (ctx: BotContext) => (ctx.view.injects.length > 0 ? (ctx.at - (ctx.view.injects[0]?.at ?? 0)) / 60_000 : -1);
const afterMinutes = (n: number) => (ctx: BotContext) => minutesIn(ctx) >= n;
const mentioned = (ctx: BotContext) => assetsAt(ctx, 'suspected', 'confirmed');

function onEvery(role: PlanStep['role'], action: string, ready: (ctx: BotContext) => boolean = () => true): PlanStep {
  const next = (ctx: BotContext) => mentioned(ctx).find((id) => !doneOrRunning(ctx, action, id) && !ctx.view.assets[id]?.destroyed);
  return { role, key: action, ready: (ctx) => free(ctx) && ready(ctx) && next(ctx) !== undefined, command: (ctx) => take(action, next(ctx)) };
}
const once = (role: PlanStep['role'], action: string, ready: (ctx: BotContext) => boolean): PlanStep => ({
  role,
  key: action,
  ready: (ctx) => free(ctx) && ready(ctx) && !doneOrRunning(ctx, action) && !done(ctx, action),
  command: () => take(action),
});
const speak = (role: PlanStep['role'], key: string, ready: (ctx: BotContext) => boolean, draft: (ctx: BotContext) => Command): PlanStep => ({
  role,
  key,
  ready: (ctx) => ready(ctx) && !sent(ctx, (m) => m.subject === (draft(ctx) as { message: { subject: string } }).message.subject && m.from.seat === ctx.seat.seat),
  command: draft,
});
const allStaff = (ctx: BotContext) => ctx.view.scenario.directory.find((p) => p.id === 'all-staff')?.id ?? `all-staff@${ctx.view.scenario.organisation.domain}`;

export const RECKLESS_PLAN: readonly PlanStep[] = [
  speak('ic', 'sms', afterMinutes(0), () => ({ type: 'message.send', message: say.recklessSms() })),
  onEvery('ic', 'kill-sessions', afterMinutes(0)),
  onEvery('sme', 'reboot-host', afterMinutes(0)),
  onEvery('sme', 'terminate-instance', afterMinutes(3)),
  onEvery('ic', 'clean-host', afterMinutes(5)),
  onEvery('deputy', 'shutdown-instance', afterMinutes(1)),
  once('sme', 'block-ips', afterMinutes(1)),
  speak('deputy', 'email', afterMinutes(2), () => ({ type: 'message.send', message: say.recklessEmail() })),
  speak('deputy', 'announcement', afterMinutes(3), (c) => ({ type: 'message.send', message: say.recklessAnnouncement(c.view.scenario, allStaff(c)) })),
  speak('ic', 'statement', afterMinutes(5), (c) => ({ type: 'message.send', message: say.recklessStatement(c.view.scenario) })),
  once('ic', 'rotate-credentials', afterMinutes(6)),
  once('sme', 'page-ic', afterMinutes(25)),
  once('ic', 'close-incident', afterMinutes(30)),
];

export const reckless: Policy = planPolicy('reckless', RECKLESS_PLAN);
