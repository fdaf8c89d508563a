import type { CompiledScenario } from '../scenario/compiled.ts';
import { audienceIncludes } from './audience.ts';
import type { DrillView, InjectView, Viewer } from './view-types.ts';
import type { DeliveredInject, DrillState, LogEntry } from './types.ts';

/*
 * Per-seat views. One pure function decides what a seat may know; the server and solo mode both
 * use it. Players never get the RNG, the story phase, adversary internals, upcoming injects,
 * facilitator notes or other seats' hints.
 */

export const isFacilitator = (viewer: Viewer) => viewer.role === 'facilitator';

/*
 * How each part of the state appears in a view. viewFor() builds a whole view from them and
 * viewPatch() (./view-patch.ts) only the parts a command changed, so the two cannot disagree.
 */

/** The delivered injects this seat may read, as it reads them. */
export function injectViews(compiled: CompiledScenario, delivered: readonly DeliveredInject[], viewer: Viewer): InjectView[] {
  return delivered.map((d) => injectView(compiled, d)).filter((v): v is InjectView => v !== null && audienceIncludes(v.audience, viewer.role));
}

export const messageView = (m: DrillState['messages'][number]) => ({ ...m, recipients: m.recipients.slice() });
export const timelineView = (t: DrillState['timeline'][number]) => ({ ...t });
export const taskView = (t: DrillState['tasks'][number]) => ({ ...t });
export const noteView = (n: DrillState['notes'][number]) => ({ ...n });
/** Hints: a player sees the ones it asked for; the facilitator sees all. */
export function hintViews(hints: readonly DrillState['hints'][number][], viewer: Viewer): DrillView['hints'] {
  return hints.filter((h) => isFacilitator(viewer) || h.by.seat === viewer.seat).map((h) => ({ at: h.at, injectId: h.injectId, text: h.text }));
}
export const exfilView = (s: DrillState): DrillView['exfil'] => ({ records: s.exfil.records, stopped: s.exfil.stoppedAt !== null });

/** The facilitator's list of injects not delivered yet. */
export function upcomingView(compiled: CompiledScenario, state: DrillState): NonNullable<DrillView['facilitator']>['upcoming'] {
  const delivered = new Set(state.injects.map((i) => i.injectId));
  return compiled.scenario.injects
    .filter((i) => !delivered.has(i.id))
    .map((i) => ({
      injectId: i.id,
      title: i.title,
      dueAt: 'at' in i.delivery ? i.delivery.at * 60_000 : null,
      ...(i.facilitatorNote ? { facilitatorNote: i.facilitatorNote } : {}),
    }));
}

function injectView(compiled: CompiledScenario, d: DeliveredInject): InjectView | null {
  if (d.adhoc) {
    return { injectId: d.injectId, seq: d.seq, at: d.at, title: { en: d.adhoc.title }, body: { en: d.adhoc.body }, severity: 'warning', audience: d.adhoc.audience, adhoc: true };
  }
  const inject = compiled.injectsById.get(d.injectId);
  if (!inject) return null;
  return {
    injectId: d.injectId,
    seq: d.seq,
    at: d.at,
    title: inject.title,
    body: inject.body,
    from: inject.from,
    severity: inject.severity,
    audience: inject.audience,
    adhoc: false,
  };
}

export function viewFor(compiled: CompiledScenario, state: DrillState, viewer: Viewer): DrillView {
  const { scenario } = compiled;
  const view: DrillView = {
    viewer,
    scenario: {
      id: scenario.id,
      version: scenario.version,
      title: scenario.title,
      brief: scenario.brief,
      organisation: scenario.organisation,
      durationMinutes: scenario.durationMinutes,
      assets: scenario.assets.map(({ id, name, kind, criticality, links }) => ({ id, name, kind, criticality, links })),
    },
    seq: state.seq,
    clock: state.clock,
    lifecycle: state.lifecycle,
    speed: state.speed,
    injects: injectViews(compiled, state.injects, viewer),
    assets: structuredClone(state.assets),
    exfil: exfilView(state),
    facts: { ...state.facts },
    actionsTaken: { ...state.actionsTaken },
    messages: state.messages.map(messageView),
    timeline: state.timeline.map(timelineView),
    tasks: state.tasks.map(taskView),
    hints: hintViews(state.hints, viewer),
  };
  if (isFacilitator(viewer)) {
    view.facilitator = {
      phase: state.phase,
      adversary: { ...state.adversary },
      notes: state.notes.map(noteView),
      upcoming: upcomingView(compiled, state),
    };
  }
  return view;
}

/** Events only the facilitator ever receives. */
const FACILITATOR_ONLY = new Set<LogEntry['event']['type']>(['adversary.rolled', 'adversary.fallbackPrevented', 'phase.changed', 'facilitator.noted']);

/** One new log entry as a seat may receive it, or null when the seat must not see it at all. */
export function redactEntryFor(compiled: CompiledScenario, entry: LogEntry, viewer: Viewer): LogEntry | null {
  if (isFacilitator(viewer)) return entry;
  const { event } = entry;
  if (FACILITATOR_ONLY.has(event.type)) return null;
  if (event.type === 'drill.created') return { ...entry, event: { ...event, seed: '' } };
  if (event.type === 'inject.delivered') {
    const inject = compiled.injectsById.get(event.injectId);
    return inject && audienceIncludes(inject.audience, viewer.role) ? entry : null;
  }
  if (event.type === 'inject.adhocDelivered') return audienceIncludes(event.audience, viewer.role) ? entry : null;
  if (event.type === 'hint.given') return entry.actor.seat === viewer.seat ? entry : null;
  return entry;
}
