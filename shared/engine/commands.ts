import type { CommandType } from './types.ts';

/*
 * Who may send each command, written once. The drill master gates seats by it, the engine checks
 * it again with the actor's role, and solo mode picks the seat a trainee's command is sent from.
 * A Record over every command type, so a new command does not compile until it is classified.
 */

/** facilitator: runs the drill; player: plays it (the engine also checks each action's roles); system: the master's clock only. */
export type CommandClass = 'facilitator' | 'player' | 'system';

const CLASS_OF: Record<CommandType, CommandClass> = {
  'drill.start': 'facilitator',
  'drill.pause': 'facilitator',
  'drill.resume': 'facilitator',
  'drill.setSpeed': 'facilitator',
  'drill.end': 'facilitator',
  'inject.push': 'facilitator',
  'inject.adhoc': 'facilitator',
  'facilitator.note': 'facilitator',
  'action.take': 'player',
  'action.cancel': 'player',
  'task.assign': 'player',
  'decision.answer': 'player',
  'message.send': 'player',
  'timeline.add': 'player',
  'hint.request': 'player',
  'clock.tick': 'system',
};

const ofClass = (c: CommandClass): ReadonlySet<CommandType> => new Set((Object.keys(CLASS_OF) as CommandType[]).filter((type) => CLASS_OF[type] === c));

export const FACILITATOR_COMMANDS = ofClass('facilitator');
export const PLAYER_COMMANDS = ofClass('player');
export const SYSTEM_COMMANDS = ofClass('system');

/** The class of a command type; undefined for a type that is not a command (input from outside). */
export function commandClass(type: string): CommandClass | undefined {
  return Object.hasOwn(CLASS_OF, type) ? CLASS_OF[type as CommandType] : undefined;
}
