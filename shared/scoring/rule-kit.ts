import { msg, type Msg, type MsgParam } from '../i18n/message.ts';
import type { MessageKey } from '../i18n/catalogs/index.ts';
import type { ScoringContext } from './context.ts';
import type { Instance, Severity } from './types.ts';

/*
 * Small helpers rules share: building instances, naming assets and actions in messages.
 */

export function instance(
  fraction: number,
  seats: readonly string[],
  at: number,
  events: readonly number[],
  message: Msg,
  extra: { penalty?: number; severity?: Severity } = {},
): Instance {
  return { fraction: Math.max(0, Math.min(1, fraction)), seats, at, events, message, ...(extra.penalty ? { penalty: extra.penalty } : {}), ...(extra.severity ? { severity: extra.severity } : {}) };
}

export const m = (key: MessageKey, params?: Record<string, MsgParam>): Msg => msg(key, params);

/** An asset's name as the scenario gives it, for messages. */
export function assetName(ctx: ScoringContext, id: string | undefined): MsgParam {
  const asset = id ? ctx.compiled.assetsById.get(id) : undefined;
  return asset ? asset.name : (id ?? '?');
}

export const time = (ms: number): MsgParam => ({ gameTime: ms });

/** A span of game time (a delay, a target), read as minutes and seconds rather than a clock time. */
export const duration = (ms: number): MsgParam => ({ duration: ms });
