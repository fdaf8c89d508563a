import type { CompiledScenario } from '../scenario/compiled.ts';
import { applyEntry, cloneState, initialState } from './evolve.ts';
import type { DrillEvent, DrillState, LogEntry } from './types.ts';

export interface ReplayLimit {
  /** Stop after the entry with this seq (inclusive). */
  untilSeq?: number;
  /** Stop after the last entry at or before this game time (ms). */
  untilAt?: number;
}

/** State is a fold over the log: rebuild it, optionally only up to a seq or a game time. */
export function replay(compiled: CompiledScenario, entries: readonly LogEntry[], limit: ReplayLimit = {}): DrillState {
  const first = entries[0];
  if (!first || first.event.type !== 'drill.created') throw new Error('a drill log starts with drill.created at seq 0');
  const created = first.event as Extract<DrillEvent, { type: 'drill.created' }>;
  const draft = initialState(compiled, created.seed);
  for (const entry of entries) {
    if (limit.untilSeq !== undefined && entry.seq > limit.untilSeq) break;
    if (limit.untilAt !== undefined && entry.at > limit.untilAt) break;
    applyEntry(compiled, draft, entry);
  }
  return draft;
}

/**
 * A whole state moved on by the entries after it, to a limit as replay's: the fold goes on where the
 * state left off (entries at or before its seq are skipped). The given state is left as it was.
 */
export function replayFrom(compiled: CompiledScenario, state: DrillState, entries: readonly LogEntry[], limit: ReplayLimit = {}): DrillState {
  const draft = cloneState(state);
  for (const entry of entries) {
    if (entry.seq <= draft.seq) continue;
    if (limit.untilSeq !== undefined && entry.seq > limit.untilSeq) break;
    if (limit.untilAt !== undefined && entry.at > limit.untilAt) break;
    applyEntry(compiled, draft, entry);
  }
  return draft;
}

/**
 * The prefix of a log up to and including `atSeq`: a new drill that continues from that point.
 * Executing different commands on replay(fork) gives an alternative history of the same drill.
 */
export function fork(entries: readonly LogEntry[], atSeq: number): LogEntry[] {
  return entries.filter((e) => e.seq <= atSeq).map((e) => structuredCloneEntry(e));
}

function structuredCloneEntry(entry: LogEntry): LogEntry {
  return JSON.parse(JSON.stringify(entry)) as LogEntry;
}
