import type { Command } from '../../shared/engine/types.ts';
import type { Viewer } from '../../shared/engine/view-types.ts';

/*
 * Who may send what over the socket. The engine checks action roles too; this is the server's own
 * gate, so a seat can only ever act as itself and observers can never write.
 */

const FACILITATOR_ONLY = new Set<Command['type']>(['drill.start', 'drill.pause', 'drill.resume', 'drill.setSpeed', 'drill.end', 'inject.push', 'inject.adhoc', 'facilitator.note']);
const PLAYER = new Set<Command['type']>(['action.take', 'task.assign', 'message.send', 'timeline.add', 'hint.request']);

/** Null when allowed, else the reason in words a user can act on. */
export function authorise(seat: Viewer, command: Command): string | null {
  if (command.type === 'clock.tick') return 'game time is kept by the server; clients cannot tick the clock';
  if (seat.role === 'observer') return 'observers watch the drill; they cannot act or write';
  if (FACILITATOR_ONLY.has(command.type)) return seat.role === 'facilitator' ? null : `only the facilitator may ${command.type}`;
  if (PLAYER.has(command.type)) return seat.role === 'facilitator' ? `the facilitator does not play; ${command.type} is for players` : null;
  return `unknown command ${command.type}`;
}
