import { z } from 'zod';
import { audienceSchema } from '../scenario/schema.ts';
import { CHANNELS, STATEMENT_KINDS, type Command } from './types.ts';

/*
 * Runtime shape of every command, shared by the engine (defence in depth) and the socket protocol.
 * Limits are generous for people and tight enough that one message cannot bloat a drill.
 */

const text = (max: number) => z.string().trim().min(1).max(max);
const id = z.string().min(1).max(80).regex(/^[a-z0-9][a-z0-9-]*$/, 'ids are lower-case letters, digits and dashes');

/** Game time in ms, allowing times before the drill began (90 days back at most). */
const gameMs = z.number().int().min(-90 * 24 * 60 * 60_000).max(24 * 60 * 60_000);

export const statementClaimsSchema = z.strictObject({
  data: z.array(id).max(20).optional(),
  records: z.number().int().min(0).max(1e12).optional(),
  since: gameMs.optional(),
  cause: id.optional(),
  actor: id.optional(),
});

export const messageDraftSchema = z.strictObject({
  channel: z.enum(CHANNELS),
  recipients: z.array(z.string().trim().min(1).max(200)).max(50),
  subject: z.string().max(200),
  body: text(5000),
  encrypted: z.boolean(),
  statement: z.strictObject({ kind: z.enum(STATEMENT_KINDS), claims: statementClaimsSchema }).optional(),
});

export const commandSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('drill.start') }),
  z.strictObject({ type: z.literal('clock.tick') }),
  z.strictObject({ type: z.literal('drill.pause') }),
  z.strictObject({ type: z.literal('drill.resume') }),
  z.strictObject({ type: z.literal('drill.setSpeed'), speed: z.number().finite() }),
  z.strictObject({ type: z.literal('drill.end'), reason: text(200) }),
  z.strictObject({ type: z.literal('inject.push'), injectId: id }),
  z.strictObject({ type: z.literal('inject.adhoc'), title: text(200), body: text(5000), audience: audienceSchema }),
  z.strictObject({ type: z.literal('facilitator.note'), text: text(5000) }),
  z.strictObject({ type: z.literal('action.take'), action: id, target: id.optional(), detail: text(200).optional() }),
  z.strictObject({ type: z.literal('action.cancel'), workId: z.string().regex(/^w[0-9]{1,6}$/, 'work ids look like w12') }),
  z.strictObject({ type: z.literal('task.assign'), toSeat: id, action: id, target: id.optional(), note: text(500).optional() }),
  z.strictObject({ type: z.literal('message.send'), message: messageDraftSchema }),
  z.strictObject({ type: z.literal('decision.answer'), injectId: id, option: id, note: text(500).optional() }),
  z.strictObject({ type: z.literal('timeline.add'), text: text(2000), claimedAt: gameMs.optional(), asset: id.optional(), kind: id.optional() }),
  z.strictObject({ type: z.literal('hint.request') }),
]);

// The schema and the Command type must describe the same thing.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _schemaMatchesType: Same<z.output<typeof commandSchema>['type'], Command['type']> = true;
void _schemaMatchesType;

/** A readable reason the command is malformed, or null when it is well formed. */
export function validateCommand(command: unknown): string | null {
  const parsed = commandSchema.safeParse(command);
  if (parsed.success) return null;
  const issue = parsed.error.issues[0];
  const path = issue && issue.path.length > 0 ? issue.path.join('.') : 'command';
  return `${path}: ${issue?.message ?? 'invalid command'}`;
}
