import type { CompiledScenario } from '../scenario/compiled.ts';
import { maybeFireFallback, progressExfiltration } from './adversary.ts';
import { runMachine } from './machine-step.ts';
import type { Step } from './step.ts';
import { MS_PER_MINUTE, SYSTEM_ACTOR, type DrillState } from './types.ts';
import { completeWork } from './work.ts';

/*
 * Scheduled work: the adversary's moves and the scenario's injects on each whole game minute, work
 * completing, and decisions falling due. Everything due up to a command's time happens before the
 * command, in time order; at the same instant the minute's moves come first (they cover the minute
 * that just ended), then completions, then deadlines, and the drill's end last.
 */

const endOf = (compiled: CompiledScenario) => compiled.scenario.durationMinutes * MS_PER_MINUTE;

/** The earliest running work completion and pending decision deadline. */
function nextEvents(state: DrillState): { work: number; decision: number } {
  let work = Infinity;
  for (const w of state.work) if (w.status === 'running' && w.endsAt < work) work = w.endsAt;
  let decision = Infinity;
  for (const d of state.decisions) if (d.answer === null && d.missedAt === null && d.dueAt < decision) decision = d.dueAt;
  return { work, decision };
}

/**
 * The game time at which the engine next has something to do for a running drill whose clock has
 * reached `now` (the master arms its timer for it); null when nothing will happen without a command.
 * A completion or deadline already past is due at once.
 */
export function nextDueAt(compiled: CompiledScenario, state: DrillState, now: number = state.clock): number | null {
  if (state.lifecycle !== 'running') return null;
  const from = Math.max(now, state.clock);
  const minute = Math.min((Math.floor(from / MS_PER_MINUTE) + 1) * MS_PER_MINUTE, endOf(compiled));
  const { work, decision } = nextEvents(state);
  const next = Math.min(minute, work, decision);
  return Math.max(next, state.clock);
}

/** Process everything due between the drill's clock and `at`. Stops early if the drill ends. */
export function advanceClock(step: Step, at: number): void {
  const { compiled, draft } = step;
  const end = endOf(compiled);
  let cursor = draft.clock;
  for (;;) {
    const minute = Math.min((Math.floor(cursor / MS_PER_MINUTE) + 1) * MS_PER_MINUTE, end);
    const { work, decision } = nextEvents(draft);
    const t = Math.min(minute, work, decision);
    if (t > at || draft.lifecycle !== 'running') return;
    if (t === minute && minute > cursor) {
      const m = minute / MS_PER_MINUTE;
      progressExfiltration(step, minute, m);
      maybeFireFallback(step, minute);
      runMachine(step, minute, { type: 'evaluate' });
      cursor = minute;
    }
    for (const w of draft.work.filter((x) => x.status === 'running' && x.endsAt <= t).sort((a, b) => a.endsAt - b.endsAt || a.seq - b.seq)) {
      completeWork(step, w);
      runMachine(step, w.endsAt, { type: 'evaluate' });
    }
    for (const d of draft.decisions.filter((x) => x.answer === null && x.missedAt === null && x.dueAt <= t)) {
      step.emit(d.dueAt, SYSTEM_ACTOR, { type: 'decision.missed', injectId: d.injectId });
      runMachine(step, d.dueAt, { type: 'evaluate' });
    }
    cursor = Math.max(cursor, t);
    if (t >= end) {
      if (draft.lifecycle === 'running') step.emit(end, SYSTEM_ACTOR, { type: 'drill.ended', reason: 'time-up' });
      return;
    }
  }
}
