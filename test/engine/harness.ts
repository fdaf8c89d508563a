import { expect } from 'vitest';
import { createDrill, execute } from '../../shared/engine/index.ts';
import type { Actor, Command, DrillState, EngineError, LogEntry } from '../../shared/engine/types.ts';
import type { CompiledScenario } from '../../shared/scenario/compiled.ts';
import { FAC } from './fixture.ts';

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

  events(type?: string) {
    return this.entries.map((e) => e.event).filter((e) => !type || e.type === type);
  }
}
