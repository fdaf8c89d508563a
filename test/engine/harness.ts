import { expect } from 'vitest';
import { createDrill, execute } from '../../shared/engine/index.ts';
import type { Actor, Command, DrillState, EngineError, LogEntry } from '../../shared/engine/types.ts';
import type { CompiledScenario } from '../../shared/scenario/compiled.ts';
import { FAC } from './fixture.ts';

export const take = (action: string, target?: string, detail?: string): Command => ({ type: 'action.take', action, ...(target ? { target } : {}), ...(detail ? { detail } : {}) });

/** A drill under test: the log and state, with helpers that assert the engine's answer. */
export class TestDrill {
  state: DrillState;
  entries: LogEntry[];

  constructor(
    readonly compiled: CompiledScenario,
    seed = 'seed-1',
  ) {
    const created = createDrill(compiled, seed);
    this.state = created.state;
    this.entries = created.entries;
  }

  do(at: number, actor: Actor, command: Command): LogEntry[] {
    const result = execute(this.compiled, this.state, { at, actor, command });
    if (!result.ok) throw new Error(`refused: ${result.error.code}: ${result.error.message}`);
    this.state = result.state;
    this.entries.push(...result.entries);
    return result.entries;
  }

  refuse(at: number, actor: Actor, command: Command): EngineError {
    const before = JSON.stringify(this.state);
    const result = execute(this.compiled, this.state, { at, actor, command });
    expect(result.ok).toBe(false);
    expect(JSON.stringify(this.state)).toBe(before);
    return (result as { ok: false; error: EngineError }).error;
  }

  start(): this {
    this.do(0, FAC, { type: 'drill.start' });
    return this;
  }

  /** Let game time reach `at`: whatever falls due happens. */
  tick(at: number): LogEntry[] {
    return this.do(at, { role: 'system', seat: 'engine' }, { type: 'clock.tick' });
  }

  /** Start a piece of work. */
  take(at: number, actor: Actor, action: string, target?: string, detail?: string): LogEntry[] {
    return this.do(at, actor, take(action, target, detail));
  }

  events(type?: string) {
    return this.entries.map((e) => e.event).filter((e) => !type || e.type === type);
  }
}
