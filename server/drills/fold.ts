import { EngineVersionError, replay, type DrillState, type LogEntry } from '../../shared/engine/index.ts';
import type { CompiledScenario } from '../../shared/scenario/compiled.ts';

/**
 * A drill's state folded from its log, or null when an older engine recorded it: its rules differ,
 * so it can be neither resumed nor reported under this one. The caller is told why, once per drill.
 */
export function foldRecorded(compiled: CompiledScenario, entries: readonly LogEntry[], refused: (reason: string) => void): DrillState | null {
  try {
    return replay(compiled, entries);
  } catch (error) {
    if (!(error instanceof EngineVersionError)) throw error;
    refused(error.message);
    return null;
  }
}
