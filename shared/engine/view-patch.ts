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
 * carries the new items; of the records it carries the assets that changed and the facts and
 * actions that were added (sending the whole actions-taken record with every action grew each
 * patch to kilobytes as a drill went on); small records (exfiltration, the adversary) go whole. Applying every patch, in order, to the view a
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
  /** Merged into the records of the same name: the assets that changed, the keys that were added. */
  assets?: DrillView['assets'];
  facts?: DrillView['facts'];
  actionsTaken?: DrillView['actionsTaken'];
  /** Replaces the field of the same name. */
  exfil?: DrillView['exfil'];
  facilitator?: { phase?: string; adversary?: FacilitatorView['adversary']; notes?: FacilitatorView['notes']; upcoming?: FacilitatorView['upcoming'] };
}

const sameRecord = (a: object, b: object): boolean => {
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka) if ((a as Record<string, unknown>)[k] !== (b as Record<string, unknown>)[k]) return false;
  return true;
};

/** Items appended to a list since `before`, or null when none were. */
function appended<T, V>(before: readonly T[], after: readonly T[], view: (items: readonly T[]) => V[]): V[] | null {
  if (after.length <= before.length) return null;
  const items = view(after.slice(before.length));
  return items.length > 0 ? items : null;
}

/**
 * Keys whose value differs from `before` (facts and actions taken only ever gain keys, and a key's
 * value never changes once set, so this is what was added), or null when none do.
 */
function changedKeys<V>(before: Partial<Record<string, V>>, after: Partial<Record<string, V>>, same: (a: V, b: V) => boolean = (a, b) => a === b): Partial<Record<string, V>> | null {
  let out: Partial<Record<string, V>> | null = null;
  for (const k in after) {
    const b = before[k];
    const a = after[k] as V;
    if (b !== undefined && same(a, b)) continue;
    (out ??= {})[k] = a;
  }
  return out;
}

/** What every seat sees alike in a command's change; computed once per command, not per seat. */
type SharedChange = Omit<ViewPatch, 'injects' | 'hints' | 'facilitator'> & { changed: boolean };

function sharedChange(before: DrillState, after: DrillState): SharedChange {
  const change: SharedChange = { seq: after.seq, clock: after.clock, lifecycle: after.lifecycle, speed: after.speed, changed: after.lifecycle !== before.lifecycle || after.speed !== before.speed };
  const set = <K extends keyof SharedChange>(key: K, value: SharedChange[K] | null) => {
    if (value === null) return;
    change[key] = value;
    change.changed = true;
  };
  set('messages', appended(before.messages, after.messages, (items) => items.map(messageView)));
  set('timeline', appended(before.timeline, after.timeline, (items) => items.map(timelineView)));
  set('tasks', appended(before.tasks, after.tasks, (items) => items.map(taskView)));
  const assets = changedKeys(before.assets, after.assets, sameRecord);
  set('assets', assets ? (structuredClone(assets) as DrillView['assets']) : null);
  const exfil = exfilView(after);
  set('exfil', sameRecord(exfilView(before), exfil) ? null : exfil);
  set('facts', changedKeys(before.facts, after.facts));
  set('actionsTaken', changedKeys(before.actionsTaken, after.actionsTaken) as DrillView['actionsTaken'] | null);
  return change;
}

/**
 * The change from `before` to `after` (two states of one drill, `after` later), as each seat sees
 * it: call the result once per seat (or group of seats). What all seats see alike is worked out once.
 */
export function viewPatches(compiled: CompiledScenario, before: DrillState, after: DrillState): (viewer: Viewer) => ViewPatch | null {
  const { changed, ...shared } = sharedChange(before, after);
  return (viewer) => patchFor(compiled, before, after, viewer, shared, changed);
}

/** The change to one seat's view from `before` to `after`, or null when nothing it may see changed. */
export function viewPatch(compiled: CompiledScenario, before: DrillState, after: DrillState, viewer: Viewer): ViewPatch | null {
  return viewPatches(compiled, before, after)(viewer);
}

function patchFor(compiled: CompiledScenario, before: DrillState, after: DrillState, viewer: Viewer, shared: Omit<SharedChange, 'changed'>, sharedChanged: boolean): ViewPatch | null {
  const patch: ViewPatch = { ...shared };
  let changed = sharedChanged;
  const injects = appended(before.injects, after.injects, (items) => injectViews(compiled, items, viewer));
  if (injects) [patch.injects, changed] = [injects, true];
  const hints = appended(before.hints, after.hints, (items) => hintViews(items, viewer));
  if (hints) [patch.hints, changed] = [hints, true];
  if (isFacilitator(viewer)) {
    const f: NonNullable<ViewPatch['facilitator']> = {};
    if (after.phase !== before.phase) f.phase = after.phase;
    if (!sameRecord(before.adversary, after.adversary)) f.adversary = { ...after.adversary };
    if (after.notes.length > before.notes.length) f.notes = after.notes.slice(before.notes.length).map(noteView);
    if (after.injects.length !== before.injects.length) f.upcoming = upcomingView(compiled, after);
    if (Object.keys(f).length > 0) [patch.facilitator, changed] = [f, true];
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
    assets: patch.assets ? { ...view.assets, ...patch.assets } : view.assets,
    exfil: patch.exfil ?? view.exfil,
    facts: patch.facts ? { ...view.facts, ...patch.facts } : view.facts,
    actionsTaken: patch.actionsTaken ? { ...view.actionsTaken, ...patch.actionsTaken } : view.actionsTaken,
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
