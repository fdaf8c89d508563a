import { parse } from 'yaml';
import { z } from 'zod';
import { PLAYER_ROLES } from '../runbook/types.ts';
import { audienceSchema } from '../scenario/schema.ts';
import { messageDraftSchema } from '../engine/command-schema.ts';
import type { Actor, Command, CommandEnvelope } from '../engine/types.ts';
import { MS_PER_MINUTE } from '../engine/types.ts';

/*
 * Play scripts: a scripted playthrough as data (format documented in scenarios/README.md).
 * Each step names a game time, a seat and exactly one thing to do.
 */

const time = z.union([
  z.number().min(0),
  z.string().regex(/^\d+:\d{2}$/, 'write times as "mm:ss" or a number of minutes'),
]);
/** A time a timeline entry claims, which may be before the drill began ("-40:00"). */
const claimedTime = z.union([
  z.number(),
  z.string().regex(/^-?\d+:\d{2}$/, 'write times as "mm:ss" (or "-mm:ss" before the drill) or a number of minutes'),
]);
const seatSchema = z.string().regex(/^(facilitator|ic|deputy|scribe|sme(\/sme-\d+)?|(ic|deputy|scribe)\/[a-z0-9-]+)$/, 'as: a role (ic, deputy, scribe, sme, facilitator) or role/seat such as sme/sme-2');

const stepSchema = z
  .strictObject({
    at: time,
    as: seatSchema,
    do: z.string().optional(),
    target: z.string().optional(),
    detail: z.string().optional(),
    say: messageDraftSchema.partial({ recipients: true, subject: true, encrypted: true, purpose: true, audience: true }).optional(),
    log: z.string().optional(),
    claimedAt: claimedTime.optional(),
    assign: z.strictObject({ toRole: z.enum(PLAYER_ROLES), action: z.string(), target: z.string().optional(), note: z.string().optional() }).optional(),
    push: z.string().optional(),
    adhoc: z.strictObject({ title: z.string(), body: z.string(), audience: audienceSchema.default('all') }).optional(),
    note: z.string().optional(),
    start: z.literal(true).optional(),
    pause: z.literal(true).optional(),
    resume: z.literal(true).optional(),
    speed: z.number().optional(),
    end: z.string().optional(),
    hint: z.literal(true).optional(),
  })
  .superRefine((step, ctx) => {
    const kinds = ['do', 'say', 'log', 'assign', 'push', 'adhoc', 'note', 'start', 'pause', 'resume', 'speed', 'end', 'hint'].filter((k) => step[k as keyof typeof step] !== undefined);
    if (kinds.length !== 1) ctx.addIssue({ code: 'custom', message: `each step does exactly one thing; this one has ${kinds.length ? kinds.join(', ') : 'none'}` });
  });

export const playScriptSchema = z.strictObject({
  seed: z.union([z.string(), z.number()]).optional(),
  steps: z.array(stepSchema),
});
export type PlayScript = z.output<typeof playScriptSchema>;
export type PlayStep = PlayScript['steps'][number];

export function toMs(t: number | string): number {
  if (typeof t === 'number') return Math.round(t * MS_PER_MINUTE);
  const sign = t.startsWith('-') ? -1 : 1;
  const [m, s] = t.replace(/^-/, '').split(':').map(Number);
  return sign * ((m ?? 0) * 60 + (s ?? 0)) * 1000;
}

function actorOf(as: string): Actor {
  const [role, seat] = as.split('/') as [Actor['role'], string | undefined];
  return { role, seat: seat ?? (role === 'sme' ? 'sme-1' : role) };
}

function commandOf(step: PlayStep): Command {
  if (step.do !== undefined) return { type: 'action.take', action: step.do, ...(step.target ? { target: step.target } : {}), ...(step.detail ? { detail: step.detail } : {}) };
  if (step.say) {
    const say = step.say;
    // Written out in the schema's order, the order a server's parse gives a message sent over the socket.
    return {
      type: 'message.send',
      message: { channel: say.channel, audience: say.audience ?? 'team', purpose: say.purpose ?? 'discussion', recipients: say.recipients ?? [], subject: say.subject ?? '', body: say.body, encrypted: say.encrypted ?? false },
    };
  }
  if (step.log !== undefined) return { type: 'timeline.add', text: step.log, ...(step.claimedAt !== undefined ? { claimedAt: toMs(step.claimedAt) } : {}) };
  if (step.assign) return { type: 'task.assign', ...step.assign };
  if (step.push !== undefined) return { type: 'inject.push', injectId: step.push };
  if (step.adhoc) return { type: 'inject.adhoc', ...step.adhoc };
  if (step.note !== undefined) return { type: 'facilitator.note', text: step.note };
  if (step.start) return { type: 'drill.start' };
  if (step.pause) return { type: 'drill.pause' };
  if (step.resume) return { type: 'drill.resume' };
  if (step.speed !== undefined) return { type: 'drill.setSpeed', speed: step.speed };
  if (step.end !== undefined) return { type: 'drill.end', reason: step.end };
  return { type: 'hint.request' };
}

export type ScriptParse = { ok: true; script: PlayScript; envelopes: CommandEnvelope[] } | { ok: false; problems: string[] };

/** Parse a YAML or JSON play script into command envelopes, with a readable problem per bad step. */
export function parsePlayScript(text: string): ScriptParse {
  let raw: unknown;
  try {
    raw = parse(text, { maxAliasCount: 100 });
  } catch (error) {
    return { ok: false, problems: [`not valid YAML or JSON: ${(error as Error).message}`] };
  }
  const parsed = playScriptSchema.safeParse(raw);
  if (!parsed.success) {
    return { ok: false, problems: parsed.error.issues.map((i) => `${i.path.join('.') || 'script'}: ${i.message}`) };
  }
  const envelopes = parsed.data.steps.map((step) => ({ at: toMs(step.at), actor: actorOf(step.as), command: commandOf(step) }));
  return { ok: true, script: parsed.data, envelopes };
}
