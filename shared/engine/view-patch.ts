import type { CompiledScenario } from '../scenario/compiled.ts';
import { exfilView, hintViews, injectViews, isFacilitator, messageView, noteView, taskView, timelineView, upcomingView } from './view.ts';
import type { DrillView, Viewer } from './view-types.ts';
import type { DrillState } from './types.ts';

/*
 * What one command changed in one seat's view, so a client keeps its view current from the entries
 * it is sent instead of asking for the whole view again after each of them (with a thousand rooms,
 * every client re-reading its whole drill after every entry would cost the server more than the
 * drills themselves).
 *
 * The state's lists only ever grow (injects, messages, timeline, tasks, hints, notes), so a patch
 * carries the new items; records that change in place (assets, facts, actions taken, exfiltration,
 * the adversary) are carried whole when they changed. Applying every patch, in order, to the view a
 * seat was welcomed with gives exactly viewFor() of the latest state (test VIEW-P1).
 */

type FacilitatorView = NonNullable<DrillView['facilitator']>;

export interface ViewPatch {
  seq: number;
  clock: number;
  lifecycle: DrillView['lifecycle'];
  speed: number;
  /** Appended to the lists of the same name. */
  injects?: DrillView['injects'];
  messages?: DrillView['messages'];
  timeline?: DrillView['timeline'];
  tasks?: DrillView['tasks'];
  hints?: DrillView['hints'];
  /** Replace the fields of the same name. */
  assets?: DrillView['assets'];
  exfil?: DrillView['exfil'];
  facts?: DrillView['facts'];
  actionsTaken?: DrillView['actionsTaken'];
  facilitator?: { phase?: string; adversary?: FacilitatorView['adversary']; notes?: FacilitatorView['notes']; upcoming?: FacilitatorView['upcoming'] };
}

const sameRecord = (a: object, b: object): boolean => {
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka) {
    const va = (a as Record<string, unknown>)[k];
    const vb = (b as Record<string, unknown>)[k];
    if (va !== vb && !(va !== null && vb !== null && typeof va === 'object' && typeof vb === 'object' && sameRecord(va, vb))) return false;
  }
  return true;
};

/** Items appended to a list since `before`, or null when none were. */
function appended<T, V>(before: readonly T[], after: readonly T[], view: (items: readonly T[]) => V[]): V[] | null {
  if (after.length <= before.length) return null;
  const items = view(after.slice(before.length));
  return items.length > 0 ? items : null;
}

/**
 * The change to `viewer`'s view from `before` to `after` (two states of one drill, `after` later), or
 * null when nothing that seat may see changed.
 */
export function viewPatch(compiled: CompiledScenario, before: DrillState, after: DrillState, viewer: Viewer): ViewPatch | null {
  const patch: ViewPatch = { seq: after.seq, clock: after.clock, lifecycle: after.lifecycle, speed: after.speed };
  let changed = after.lifecycle !== before.lifecycle || after.speed !== before.speed;
  const set = <K extends keyof ViewPatch>(key: K, value: ViewPatch[K] | null) => {
    if (value === null) return;
    patch[key] = value;
    changed = true;
  };
  set('injects', appended(before.injects, after.injects, (items) => injectViews(compiled, items, viewer)));
  set('messages', appended(before.messages, after.messages, (items) => items.map(messageView)));
  set('timeline', appended(before.timeline, after.timeline, (items) => items.map(timelineView)));
  set('tasks', appended(before.tasks, after.tasks, (items) => items.map(taskView)));
  set('hints', appended(before.hints, after.hints, (items) => hintViews(items, viewer)));
  set('assets', sameRecord(before.assets, after.assets) ? null : structuredClone(after.assets));
  const exfil = exfilView(after);
  set('exfil', sameRecord(exfilView(before), exfil) ? null : exfil);
  set('facts', sameRecord(before.facts, after.facts) ? null : { ...after.facts });
  set('actionsTaken', sameRecord(before.actionsTaken, after.actionsTaken) ? null : { ...after.actionsTaken });
  if (isFacilitator(viewer)) {
    const f: NonNullable<ViewPatch['facilitator']> = {};
    if (after.phase !== before.phase) f.phase = after.phase;
    if (!sameRecord(before.adversary, after.adversary)) f.adversary = { ...after.adversary };
    if (after.notes.length > before.notes.length) f.notes = after.notes.slice(before.notes.length).map(noteView);
    if (after.injects.length !== before.injects.length) f.upcoming = upcomingView(compiled, after);
    if (Object.keys(f).length > 0) set('facilitator', f);
  }
  return changed ? patch : null;
}

/** The view after a patch; `view` itself is left as it was. */
export function applyViewPatch(view: DrillView, patch: ViewPatch): DrillView {
  const next: DrillView = {
    ...view,
    seq: patch.seq,
    clock: patch.clock,
    lifecycle: patch.lifecycle,
    speed: patch.speed,
    injects: patch.injects ? [...view.injects, ...patch.injects] : view.injects,
    messages: patch.messages ? [...view.messages, ...patch.messages] : view.messages,
    timeline: patch.timeline ? [...view.timeline, ...patch.timeline] : view.timeline,
    tasks: patch.tasks ? [...view.tasks, ...patch.tasks] : view.tasks,
    hints: patch.hints ? [...view.hints, ...patch.hints] : view.hints,
    assets: patch.assets ?? view.assets,
    exfil: patch.exfil ?? view.exfil,
    facts: patch.facts ?? view.facts,
    actionsTaken: patch.actionsTaken ?? view.actionsTaken,
  };
  if (view.facilitator && patch.facilitator) {
    const f = patch.facilitator;
    next.facilitator = {
      phase: f.phase ?? view.facilitator.phase,
      adversary: f.adversary ?? view.facilitator.adversary,
      notes: f.notes ? [...view.facilitator.notes, ...f.notes] : view.facilitator.notes,
      upcoming: f.upcoming ?? view.facilitator.upcoming,
    };
  }
  return next;
}
