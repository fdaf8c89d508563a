import type { CommandType } from './types.ts';

/** Commands only the facilitator (or the server on its behalf) may send. */
export const FACILITATOR_COMMANDS: ReadonlySet<CommandType> = new Set<CommandType>([
  'drill.start',
  'drill.pause',
  'drill.resume',
  'drill.setSpeed',
  'drill.end',
  'inject.push',
  'inject.adhoc',
  'facilitator.note',
]);

/** Commands players send. */
export const PLAYER_COMMANDS: ReadonlySet<CommandType> = new Set<CommandType>([
  'action.take',
  'action.cancel',
  'task.assign',
  'message.send',
  'decision.answer',
  'timeline.add',
  'hint.request',
]);
