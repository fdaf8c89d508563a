import { actionKey } from '../engine/conditions.ts';
import type { Command } from '../engine/types.ts';
import * as say from './messages.ts';
import { compromisedAssets, type BotContext, type PlanStep, type Policy } from './policy.ts';
import { planPolicy } from './plan.ts';

/*
 * A team in a hurry: it acts before it observes, destroys evidence to make the problem go away,
 * lets the IC do the hands-on work, talks about the incident on insecure channels and goes public
 * before it knows what happened. It exists to bound a scenario's worst realistic score.
 */

const done = (ctx: BotContext, action: string, target?: string) => ctx.state.actionsTaken[actionKey(action, target)] !== undefined;
const take = (action: string, target?: string): Command => ({ type: 'action.take', action, ...(target ? { target } : {}) });
const sent = (ctx: BotContext, purpose: string, channel?: string) => ctx.state.messages.some((m) => m.purpose === purpose && (!channel || m.channel === channel));
const afterMinutes = (n: number) => (ctx: BotContext) => ctx.state.injects.length > 0 && ctx.at - (ctx.state.injects[0]?.at ?? 0) >= n * 60_000;

function perAsset(role: PlanStep['role'], action: string, ready: (ctx: BotContext) => boolean = () => true): PlanStep {
  const next = (ctx: BotContext) => compromisedAssets(ctx).find((id) => !done(ctx, action, id) && !ctx.state.assets[id]?.destroyed);
  return { role, key: action, ready: (ctx) => ready(ctx) && next(ctx) !== undefined, command: (ctx) => take(action, next(ctx)) };
}
const once = (role: PlanStep['role'], action: string, ready: (ctx: BotContext) => boolean): PlanStep => ({
  role,
  key: action,
  ready: (ctx) => ready(ctx) && !done(ctx, action),
  command: () => take(action),
});
const speak = (role: PlanStep['role'], purpose: string, channel: string, ready: (ctx: BotContext) => boolean, draft: (ctx: BotContext) => Command): PlanStep => ({
  role,
  key: `${purpose}:${channel}`,
  ready: (ctx) => ready(ctx) && !sent(ctx, purpose, channel),
  command: draft,
});

export const RECKLESS_PLAN: readonly PlanStep[] = [
  speak('ic', 'discussion', 'sms', afterMinutes(0), () => ({ type: 'message.send', message: say.recklessSms() })),
  perAsset('ic', 'kill-sessions'),
  perAsset('sme', 'reboot-host'),
  perAsset('sme', 'image-disk-on-host', afterMinutes(2)),
  perAsset('sme', 'terminate-instance', afterMinutes(3)),
  perAsset('ic', 'clean-host', afterMinutes(4)),
  once('sme', 'block-ips', afterMinutes(1)),
  speak('deputy', 'external-contact', 'email', afterMinutes(2), (c) => ({ type: 'message.send', message: say.recklessEmail(c.compiled.scenario) })),
  speak('deputy', 'internal-announcement', 'email', afterMinutes(3), (c) => ({ type: 'message.send', message: say.recklessAnnouncement(c.compiled.scenario) })),
  speak('ic', 'public-statement', 'statement', afterMinutes(5), () => ({ type: 'message.send', message: say.recklessStatement() })),
  once('ic', 'rotate-credentials', afterMinutes(6)),
  once('sme', 'page-ic', afterMinutes(25)),
  once('ic', 'close-incident', afterMinutes(30)),
];

export const reckless: Policy = planPolicy('reckless', RECKLESS_PLAN);
