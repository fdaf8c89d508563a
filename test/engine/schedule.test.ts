import { describe, expect, it } from 'vitest';
import { commandClass, FACILITATOR_COMMANDS, nextDueAt, PLAYER_COMMANDS, SYSTEM_COMMANDS } from '../../shared/engine/index.ts';
import { commandSchema } from '../../shared/engine/command-schema.ts';
import { compiledFixture, FAC, min } from './fixture.ts';
import { TestDrill } from './harness.ts';

const compiled = compiledFixture();
const CLOCK = { role: 'system' as const, seat: 'engine' };

describe('ENG8: the drill says when it next changes by itself', () => {
  it('ENG8 no moment is due before the drill starts, while it is paused, or once it has ended', () => {
    const drill = new TestDrill(compiled);
    expect(nextDueAt(compiled, drill.state)).toBeNull();
    drill.start();
    drill.do(min(2.5), FAC, { type: 'drill.pause' });
    expect(nextDueAt(compiled, drill.state)).toBeNull();
    drill.do(min(3), FAC, { type: 'drill.resume' });
    expect(nextDueAt(compiled, drill.state)).toBe(min(4));
    drill.do(min(4), FAC, { type: 'drill.end', reason: 'done' });
    expect(nextDueAt(compiled, drill.state)).toBeNull();
  });

  it('ENG8 while it runs, the next whole game minute after the time given (the state\'s clock by default)', () => {
    const drill = new TestDrill(compiled).start();
    expect(nextDueAt(compiled, drill.state)).toBe(min(1));
    drill.do(min(1.5), CLOCK, { type: 'clock.tick' });
    expect(drill.state.clock).toBe(min(1));
    expect(nextDueAt(compiled, drill.state)).toBe(min(2));
    // A tick that changed nothing leaves the clock where it was: the caller says how far it ticked.
    expect(nextDueAt(compiled, drill.state, min(7.25))).toBe(min(8));
    expect(nextDueAt(compiled, drill.state, min(8))).toBe(min(9));
  });

  it('ENG8 capped at the scenario\'s end: nothing is due after it', () => {
    const drill = new TestDrill(compiled).start();
    const end = min(compiled.scenario.durationMinutes);
    expect(nextDueAt(compiled, drill.state, end - 1)).toBe(end);
    // The end itself is due until a tick has processed it; then nothing is.
    expect(nextDueAt(compiled, drill.state, end)).toBe(end);
    drill.tick(end);
    expect(nextDueAt(compiled, drill.state, end)).toBeNull();
  });
});

describe('MASTER2: one command list', () => {
  it('MASTER2 every command type is exactly one of facilitator, player or system', () => {
    const types = commandSchema.options.map((o) => o.shape.type.value).sort();
    const classified = [...FACILITATOR_COMMANDS, ...PLAYER_COMMANDS, ...SYSTEM_COMMANDS].sort();
    expect(classified).toEqual(types);
    expect([...SYSTEM_COMMANDS]).toEqual(['clock.tick']);
    expect(commandClass('drill.start')).toBe('facilitator');
    expect(commandClass('action.take')).toBe('player');
    expect(commandClass('toString')).toBeUndefined();
  });
});
