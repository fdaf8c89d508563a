import type { CompiledScenario } from '../scenario/compiled.ts';
import { applyEntry } from './evolve.ts';
import type { Actor, DrillEvent, DrillState, EngineError, ExecuteResult, LogEntry } from './types.ts';

/** A drill in progress while one command is being decided: a private draft plus the entries so far. */
export class Step {
  readonly entries: LogEntry[] = [];
  constructor(
    readonly compiled: CompiledScenario,
    readonly draft: DrillState,
  ) {}

  emit(at: number, actor: Actor, event: DrillEvent): void {
    const entry: LogEntry = { seq: this.draft.seq + 1, at, actor, event };
    applyEntry(this.compiled, this.draft, entry);
    this.entries.push(entry);
  }
}

export const fail = (code: EngineError['code'], message: string): ExecuteResult => ({ ok: false, error: { code, message } });

/** T+mm:ss of a game time, for messages players read. */
export function gameTimeText(ms: number): string {
  const sign = ms < 0 ? '-' : '';
  const abs = Math.abs(ms);
  return `T${sign || '+'}${Math.floor(abs / 60_000)}:${String(Math.floor((abs % 60_000) / 1000)).padStart(2, '0')}`;
}
