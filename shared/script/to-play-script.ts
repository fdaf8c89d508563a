import type { Actor, Command, CommandEnvelope } from '../engine/types.ts';
import { MS_PER_MINUTE } from '../engine/types.ts';

/*
 * The writer of the play-script format that parsePlayScript reads (play-script.ts): a run's
 * accepted commands as steps, so `ttx play` replays it. Times are fractional minutes, exact to the
 * millisecond. Clock ticks are left out: game time comes with each step (ENG3), so they add nothing.
 */

/** The whole run as a play script (JSON, which the YAML reader reads too). */
export function toPlayScript(seed: string, envelopes: readonly CommandEnvelope[]): string {
  const steps = envelopes.filter((e) => e.command.type !== 'clock.tick').map((e) => ({ at: e.at / MS_PER_MINUTE, as: seatOf(e.actor), ...stepBody(e.command) }));
  return JSON.stringify({ seed, steps }, null, 1);
}

/** `as`: the role alone when the seat is named after it, else role/seat (an SME seat is always named, as a team has several). */
function seatOf(actor: Actor): string {
  return actor.role !== 'sme' && actor.seat === actor.role ? actor.role : `${actor.role}/${actor.seat}`;
}

function stepBody(c: Command): Record<string, unknown> {
  switch (c.type) {
    case 'action.take': return { do: c.action, ...(c.target ? { target: c.target } : {}), ...(c.detail ? { detail: c.detail } : {}) };
    case 'message.send': return { say: c.message };
    case 'timeline.add': return { log: c.text, ...(c.claimedAt !== undefined ? { claimedAt: c.claimedAt / MS_PER_MINUTE } : {}), ...(c.asset ? { asset: c.asset } : {}), ...(c.kind ? { kind: c.kind } : {}) };
    case 'task.assign': return { assign: { toSeat: c.toSeat, action: c.action, ...(c.target ? { target: c.target } : {}), ...(c.note !== undefined ? { note: c.note } : {}) } };
    case 'action.cancel': return { cancel: c.workId };
    case 'decision.answer': return { answer: { inject: c.injectId, option: c.option, ...(c.note !== undefined ? { note: c.note } : {}) } };
    case 'inject.push': return { push: c.injectId };
    case 'inject.adhoc': return { adhoc: { title: c.title, body: c.body, audience: c.audience } };
    case 'facilitator.note': return { note: c.text };
    case 'drill.start': return { start: true };
    case 'drill.pause': return { pause: true };
    case 'drill.resume': return { resume: true };
    case 'drill.setSpeed': return { speed: c.speed };
    case 'drill.end': return { end: c.reason };
    case 'hint.request': return { hint: true };
    case 'clock.tick': throw new Error('clock ticks are not play-script steps');
  }
}
