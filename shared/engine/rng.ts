import seedrandom from 'seedrandom';

/*
 * Seeded randomness whose whole state lives in drill state, so every step is a pure function of
 * (state, command) and a drill restored from its log continues with the same draws.
 */

/** alea's internal state, as `seedrandom.alea(seed, { state: true }).state()` returns it. */
export interface RngState {
  c: number;
  s0: number;
  s1: number;
  s2: number;
}

export function seedRng(seed: string): RngState {
  return seedrandom.alea(seed, { state: true }).state() as RngState;
}

/** Draw `count` numbers in [0, 1) and return them with the state after the draws. */
export function draw(state: RngState, count = 1): { values: number[]; next: RngState } {
  const prng = seedrandom.alea('', { state: { ...state } });
  const values: number[] = [];
  for (let i = 0; i < count; i++) values.push(prng());
  return { values, next: prng.state() as RngState };
}

/** The state after `count` draws, for folding events that record how many draws they used. */
export function advance(state: RngState, count: number): RngState {
  return count === 0 ? state : draw(state, count).next;
}
