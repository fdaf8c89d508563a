import { commandClass } from '../engine/commands.ts';
import type { Command } from '../engine/types.ts';
import type { Viewer } from '../engine/view-types.ts';

/*
 * Who may send what, decided once, at the master, for every seat whatever its edge: a seat can
 * only ever act as itself, observers never write, and game time is the master's own. The engine
 * checks roles again, action by action.
 */

/** Null when the seat may send the command, else the reason in words a user can act on. */
export function authorise(seat: Viewer, command: Command): string | null {
  const kind = commandClass(command.type);
  if (kind === 'system') return "game time is kept by the drill's own clock; clients cannot tick it";
  if (seat.role === 'observer') return 'observers watch the drill; they cannot act or write';
  if (kind === 'facilitator') return seat.role === 'facilitator' ? null : `only the facilitator may ${command.type}`;
  if (kind === 'player') return seat.role === 'facilitator' ? `the facilitator does not play; ${command.type} is for players` : null;
  return `unknown command ${command.type}`;
}
