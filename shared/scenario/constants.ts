/*
 * The scenario format's constants, apart from its zod schema (schema.ts), so modules that only need
 * these (the engine's conditions and truth, and so the live score's thread) do not load zod.
 */

/** An asset reference meaning whichever asset the drill's seed made the attacker's way in. */
export const ENTRY = '$entry';
