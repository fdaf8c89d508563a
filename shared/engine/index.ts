/**
 * The drill engine's public surface. Server, solo mode, CLI and tests import from here only.
 *
 *   createDrill(compiled, seed, seats?)    -> first log entry + state (the seed picks the hidden world)
 *   execute(compiled, state, envelope)     -> new log entries + state, or a typed refusal
 *   evolve(compiled, state, entry)         -> state after one entry (the fold step)
 *   replay(compiled, entries, until?)      -> state at a seq or game time
 *   replayFrom(compiled, state, entries, until?) -> that state moved on by later entries
 *   trimState(state)                       -> the state without its history, as a live master keeps it
 *   viewFor(compiled, state, viewer)       -> what one seat may see
 *   redactEntryFor(compiled, entry, viewer)-> the entry as that seat may receive it, or null
 *   viewPatch(compiled, before, after, viewer) / applyViewPatch(view, patch)
 *                                          -> what a command changed in one seat's view, and applying it
 *   nextDueAt(compiled, state, after?)     -> the next game time the drill changes by itself, or null
 *   FACILITATOR_COMMANDS / PLAYER_COMMANDS / commandClass(type)
 *                                          -> who may send each command
 */
export * from './types.ts';
export * from './view-types.ts';
export { createDrill, execute, defaultSeats, ASSIGN_MINUTES } from './execute.ts';
export { FACILITATOR_COMMANDS, PLAYER_COMMANDS } from './commands.ts';
export { nextDueAt } from './schedule.ts';
export { evolve, initialState, EngineVersionError } from './evolve.ts';
export { replay, replayFrom, fork } from './replay.ts';
export { trimState } from './trim.ts';
export { viewFor, redactEntryFor, publicScenario } from './view.ts';
export { viewPatch, viewPatches, applyViewPatch, type ViewPatch } from './view-patch.ts';
export { renderText, clockTime, isCompromised } from './truth.ts';
export { reachOf, resolveRecipient } from './reach.ts';
export { workSpec, seatBusy } from './work.ts';
export { SYSTEM_COMMANDS, commandClass, type CommandClass } from './commands.ts';
