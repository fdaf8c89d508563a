import { ACTIONS } from '../runbook/actions.ts';
import { PLAYER_ROLES } from '../runbook/types.ts';
import { AUDIENCES, CHANNELS, MESSAGE_PURPOSES, type Command } from '../engine/types.ts';
import type { BotContext, Policy } from './policy.ts';

/* A bot that picks moves at random from its own seeded stream: a fuzzer for the engine and a floor for scores. */

const pick = <T>(ctx: BotContext, items: readonly T[]): T => items[Math.floor(ctx.random() * items.length)] as T;

export const randomPolicy: Policy = {
  id: 'random',
  next(ctx) {
    const roll = ctx.random();
    if (roll < 0.3) return null;
    const assets = ctx.compiled.scenario.assets.map((a) => a.id);
    if (roll < 0.8) {
      const action = pick(ctx, ACTIONS);
      const command: Command = { type: 'action.take', action: action.id, ...(action.target === 'asset' ? { target: pick(ctx, assets) } : {}) };
      if (action.id === 'set-codename') return { ...command, detail: 'blue-heron' };
      return command;
    }
    if (roll < 0.9) {
      return {
        type: 'message.send',
        message: {
          channel: pick(ctx, CHANNELS),
          audience: pick(ctx, AUDIENCES),
          purpose: pick(ctx, MESSAGE_PURPOSES),
          recipients: [pick(ctx, ['ops@' + ctx.compiled.scenario.organisation.domain, 'someone@elsewhere.example'])],
          subject: pick(ctx, ['Attorney Work Product', 'status', '']),
          body: pick(ctx, ['checking in', 'we have a breach', 'please join the bridge']),
          encrypted: ctx.random() < 0.5,
        },
      };
    }
    if (roll < 0.95) return { type: 'timeline.add', text: pick(ctx, ctx.compiled.scenario.truth.map((t) => t.text.en).concat(['something happened'])), claimedAt: Math.floor(ctx.random() * 60) * 60_000 };
    const action = pick(ctx, ACTIONS);
    return { type: 'task.assign', toRole: pick(ctx, PLAYER_ROLES), action: action.id };
  },
};
