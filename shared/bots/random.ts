import { ACTIONS } from '../runbook/actions.ts';
import { CHANNELS, STATEMENT_KINDS, type Command } from '../engine/types.ts';
import type { BotContext, Policy } from './policy.ts';

/* A bot that picks moves at random from its own seeded stream: a fuzzer for the engine and a floor for scores. */

const pick = <T>(ctx: BotContext, items: readonly T[]): T => items[Math.floor(ctx.random() * items.length)] as T;

export const randomPolicy: Policy = {
  id: 'random',
  next(ctx) {
    const roll = ctx.random();
    if (roll < 0.3) return null;
    const { scenario } = ctx.view;
    const assets = scenario.assets.map((a) => a.id);
    if (roll < 0.75) {
      const action = pick(ctx, ACTIONS);
      const command: Command = { type: 'action.take', action: action.id, ...(action.target === 'asset' ? { target: pick(ctx, assets) } : {}) };
      if (action.id === 'set-codename') return { ...command, detail: 'blue-heron' };
      return command;
    }
    if (roll < 0.85) {
      const channel = pick(ctx, CHANNELS);
      return {
        type: 'message.send',
        message: {
          channel,
          recipients: [pick(ctx, [...scenario.directory.map((p) => p.id), `ops@${scenario.organisation.domain}`, 'someone@elsewhere.example'])],
          subject: pick(ctx, ['Attorney Work Product', 'status', '']),
          body: pick(ctx, ['checking in', 'we have a breach', 'please join the bridge']),
          encrypted: ctx.random() < 0.5,
          ...(channel === 'statement' ? { statement: { kind: pick(ctx, STATEMENT_KINDS), claims: {} } } : {}),
        },
      };
    }
    if (roll < 0.9) {
      const decision = ctx.view.decisions.find((d) => !d.answer);
      if (decision) return { type: 'decision.answer', injectId: decision.injectId, option: pick(ctx, decision.options).id };
    }
    if (roll < 0.95) return { type: 'timeline.add', text: 'something happened', claimedAt: Math.floor(ctx.random() * 60) * 60_000 };
    const running = ctx.view.work.filter((w) => w.status === 'running');
    if (running.length > 0 && ctx.random() < 0.3) return { type: 'action.cancel', workId: pick(ctx, running).id };
    return { type: 'task.assign', toSeat: pick(ctx, ctx.view.seats).seat, action: pick(ctx, ACTIONS).id };
  },
};
