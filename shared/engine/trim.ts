import { WORK_ENDS, type DrillState } from './types.ts';

/*
 * What a live drill keeps between commands when its log is at hand (the server's drill masters): the
 * state without its history. Messages, timeline entries, facilitator notes, ad-hoc injects, hints
 * that point at no inject, and work and tasks that are over are in the log, and views of the whole
 * drill are built from it; a drill kept whole would grow by a record per command for as long as it
 * runs (ARCHITECTURE.md TRIM1–3). Deciding a command needs none of them: ids are numbered from
 * `made`, a finished piece of work's end is in `workEnds`, conditions on messages read `sentKinds`,
 * and what completed is in `actionsTaken` (TRIM1).
 */

/** The state with its history left out. Trimming a trimmed state changes nothing. */
export function trimState(s: DrillState): DrillState {
  return {
    trimmed: true,
    engine: s.engine,
    scenarioId: s.scenarioId,
    scenarioVersion: s.scenarioVersion,
    seed: s.seed,
    seq: s.seq,
    clock: s.clock,
    lifecycle: s.lifecycle,
    speed: s.speed,
    phase: s.phase,
    rng: s.rng,
    truth: s.truth,
    seats: s.seats,
    // Scenario injects are bounded by the scenario and read by its machine, conditions and hints.
    injects: s.injects.some((i) => i.adhoc) ? s.injects.filter((i) => !i.adhoc) : s.injects,
    assets: s.assets,
    knowledge: s.knowledge,
    work: s.work.every((w) => w.status === 'running') ? s.work : s.work.filter((w) => w.status === 'running'),
    busyUntil: s.busyUntil,
    facts: s.facts,
    actionsTaken: s.actionsTaken,
    codename: s.codename,
    insider: s.insider,
    exfil: s.exfil,
    adversary: s.adversary,
    messages: NONE,
    decisions: s.decisions,
    timeline: NONE,
    tasks: s.tasks.every(open) ? s.tasks : s.tasks.filter(open),
    // A hint that points at an inject says that inject's hint was given to the seat (hints.ts).
    hints: s.hints.every((h) => h.injectId !== null) ? s.hints : s.hints.filter((h) => h.injectId !== null),
    notes: NONE,
    made: s.made,
    workEnds: s.trimmed ? s.workEnds : workEndsOf(s),
    sentKinds: s.sentKinds,
  };
}

const open = (t: DrillState['tasks'][number]) => t.status === 'open' || t.status === 'working';

/** How each piece of work of a whole state ended (its list holds every piece, w1 first). */
function workEndsOf(s: DrillState): Uint8Array {
  const ends = new Uint8Array(s.made.work);
  s.work.forEach((w, i) => (ends[i] = WORK_ENDS.indexOf(w.status)));
  return ends;
}

/** The empty history every trimmed state shares; the fold appends to a copy (cloneState), never to it. */
const NONE: never[] = Object.freeze([]) as unknown as never[];
