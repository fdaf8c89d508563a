import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { execute, fork, replay } from '../../shared/engine/index.ts';
import { randomPolicy } from '../../shared/bots/random.ts';
import { botSeats } from '../../shared/bots/simulate.ts';
import { viewFor } from '../../shared/engine/index.ts';
import type { Command, CommandEnvelope } from '../../shared/engine/types.ts';
import { compiledFixture, FAC, IC, min, SME } from './fixture.ts';
import { TestDrill } from './harness.ts';

const compiled = compiledFixture();

/** A seeded random command sequence: the random bot's choices for random seats at increasing times. */
function randomEnvelopes(seed: string, count: number): CommandEnvelope[] {
  const rng = seedrandom.alea(seed);
  const drill = new TestDrill(compiled, seed).start();
  const envelopes: CommandEnvelope[] = [];
  let at = 0;
  for (let i = 0; i < count; i++) {
    at += Math.floor(rng() * 90_000);
    const seats = botSeats(compiled);
    const seat = seats[Math.floor(rng() * seats.length)] ?? IC;
    const view = viewFor(compiled, drill.state, { role: seat.role as 'ic', seat: seat.seat });
    const command: Command | null = randomPolicy.next({ view, seat, at, random: rng, refused: new Set() });
    if (!command) continue;
    const envelope = { at, actor: seat, command };
    envelopes.push(envelope);
    const result = execute(compiled, drill.state, envelope);
    if (result.ok) drill.state = result.state;
  }
  return envelopes;
}

function play(seed: string, envelopes: CommandEnvelope[]) {
  const drill = new TestDrill(compiled, seed).start();
  for (const e of envelopes) {
    const result = execute(compiled, drill.state, e);
    if (result.ok) {
      drill.state = result.state;
      drill.entries.push(...result.entries);
    }
  }
  return drill;
}

describe('ENG: determinism, replay and fork', () => {
  it('ENG5 the same seed and commands give a byte-identical log (200 random sequences)', { timeout: 60_000 }, () => {
    for (let i = 0; i < 200; i++) {
      const seed = `det-${i}`;
      const envelopes = randomEnvelopes(seed, 40);
      const a = play(seed, envelopes);
      const b = play(seed, envelopes);
      expect(JSON.stringify(b.entries), `seed ${seed}`).toBe(JSON.stringify(a.entries));
      expect(JSON.stringify(replay(compiled, a.entries)), `seed ${seed}`).toBe(JSON.stringify(a.state));
    }
  });

  it('ENG4 the state at any time equals the replay of the log prefix up to that time', { timeout: 60_000 }, () => {
    for (let i = 0; i < 20; i++) {
      const seed = `prefix-${i}`;
      const envelopes = randomEnvelopes(seed, 30);
      const drill = new TestDrill(compiled, seed).start();
      for (const e of envelopes) {
        const result = execute(compiled, drill.state, e);
        if (!result.ok) continue;
        drill.state = result.state;
        drill.entries.push(...result.entries);
        expect(JSON.stringify(replay(compiled, drill.entries, { untilSeq: drill.state.seq }))).toBe(JSON.stringify(drill.state));
        expect(JSON.stringify(replay(compiled, drill.entries, { untilAt: drill.state.clock }))).toBe(JSON.stringify(drill.state));
      }
    }
  });

  it('ENG6 execute never mutates the state it is given', () => {
    const drill = new TestDrill(compiled).start();
    const frozen = JSON.stringify(drill.state);
    execute(compiled, drill.state, { at: min(10), actor: SME, command: { type: 'action.take', action: 'kill-sessions', target: 'app' } });
    execute(compiled, drill.state, { at: min(40), actor: SME, command: { type: 'clock.tick' } });
    expect(JSON.stringify(drill.state)).toBe(frozen);
  });

  it('ENG4 a fork continues from its prefix and can take a different path', () => {
    const drill = new TestDrill(compiled).start();
    drill.do(min(1), IC, { type: 'action.take', action: 'page-ic' });
    const forkSeq = drill.state.seq;
    drill.do(min(3), SME, { type: 'action.take', action: 'terminate-instance', target: 'db' });
    drill.tick(min(70));
    const branch = fork(drill.entries, forkSeq);
    const state = replay(compiled, branch);
    const started = execute(compiled, state, { at: min(3), actor: SME, command: { type: 'action.take', action: 'image-disk', target: 'db' } });
    expect(started.ok).toBe(true);
    const alt = started.ok ? execute(compiled, started.state, { at: min(70), actor: SME, command: { type: 'clock.tick' } }) : started;
    expect(drill.state.assets.db?.destroyed).toBe(true);
    if (alt.ok) expect(alt.state.assets.db).toMatchObject({ destroyed: false, imaged: true });
    expect(branch.at(-1)?.seq).toBe(forkSeq);
  });

  it('ENG4 replay refuses a log with a gap', () => {
    const drill = new TestDrill(compiled).start();
    drill.do(min(2), FAC, { type: 'drill.pause' });
    const gapped = drill.entries.filter((e) => e.seq !== 1);
    expect(() => replay(compiled, gapped)).toThrow(/gap/);
  });
});
