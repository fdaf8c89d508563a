import type { CompiledScenario } from '../scenario/compiled.ts';
import { assetView, decisionView, knownFact, exfilView, hintViews, injectViews, isFacilitator, messageView, noteView, taskView, timelineView, upcomingView, workView } from './view.ts';
import type { DrillView, Viewer } from './view-types.ts';
import type { DrillState } from './types.ts';

/*
 * What one command changed in one seat's view, so a client keeps its view current from the entries
 * it is sent instead of asking for the whole view again after each of them (with a thousand rooms,
 * every client re-reading its whole drill after every entry would cost the server more than the
 * drills themselves).
 *
 * Lists that only grow (injects, messages, timeline, hints, notes) carry their new items. Records
 * that change (work, tasks, decisions) carry the ones added or changed, matched by id; keyed records
 * (assets, facts, what is known) carry the keys that changed. Applying every patch, in order, to the
 * view a seat was welcomed with gives exactly viewFor() of the latest state (test VIEW-P1).
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
  hints?: DrillView['hints'];
  /** Records added or changed, by id. */
  work?: DrillView['work'];
  tasks?: DrillView['tasks'];
  decisions?: DrillView['decisions'];
  /** Merged into the records of the same name. */
  assets?: DrillView['assets'];
  known?: DrillView['known'];
  facts?: DrillView['facts'];
  actionsTaken?: DrillView['actionsTaken'];
  busyUntil?: DrillView['busyUntil'];
  /** Replaces the field of the same name. */
  exfil?: DrillView['exfil'];
  facilitator?: Partial<FacilitatorView>;
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

/** Records new or replaced since `before` (the fold replaces a record it changes, so identity tells). */
function replaced<T, V>(before: readonly T[], after: readonly T[], view: (item: T) => V): V[] | null {
  let out: V[] | null = null;
  for (let i = 0; i < after.length; i++) if (before[i] !== after[i]) (out ??= []).push(view(after[i]!));
  return out;
}

/** Keys whose value differs from `before`, or null when none do. */
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

function changedAssets(before: DrillState, after: DrillState): DrillView['assets'] | null {
  let out: DrillView['assets'] | null = null;
  for (const id in after.assets) {
    if (sameRecord(before.assets[id] ?? {}, after.assets[id]!) && before.knowledge.assets[id] === after.knowledge.assets[id]) continue;
    (out ??= {})[id] = assetView(after, id);
  }
  return out;
}

/** What every player seat sees alike in a command's change; computed once per command, not per seat. */
type SharedChange = Omit<ViewPatch, 'injects' | 'hints' | 'facilitator' | 'messages'> & { changed: boolean };

function sharedChange(compiled: CompiledScenario, before: DrillState, after: DrillState): SharedChange {
  const change: SharedChange = { seq: after.seq, clock: after.clock, lifecycle: after.lifecycle, speed: after.speed, changed: after.lifecycle !== before.lifecycle || after.speed !== before.speed };
  const set = <K extends keyof SharedChange>(key: K, value: SharedChange[K] | null) => {
    if (value === null) return;
    change[key] = value;
    change.changed = true;
  };
  set('timeline', appended(before.timeline, after.timeline, (items) => items.map(timelineView)));
  set('work', replaced(before.work, after.work, workView));
  set('tasks', replaced(before.tasks, after.tasks, taskView));
  set('decisions', replaced(before.decisions, after.decisions, (d) => decisionView(compiled, d)));
  set('assets', changedAssets(before, after));
  const exfil = exfilView(after);
  set('exfil', sameRecord(exfilView(before), exfil) ? null : exfil);
  const known = changedKeys(before.knowledge.facts, after.knowledge.facts);
  set('known', known ? Object.fromEntries(Object.keys(known).map((id) => [id, knownFact(compiled, after, id)])) : null);
  set('facts', changedKeys(before.facts, after.facts));
  set('actionsTaken', changedKeys(before.actionsTaken, after.actionsTaken) as DrillView['actionsTaken'] | null);
  set('busyUntil', changedKeys(before.busyUntil, after.busyUntil) as DrillView['busyUntil'] | null);
  return change;
}

/**
 * The change from `before` to `after` (two states of one drill, `after` later), as each seat sees
 * it: call the result once per seat (or group of seats). What all seats see alike is worked out once.
 */
export function viewPatches(compiled: CompiledScenario, before: DrillState, after: DrillState): (viewer: Viewer) => ViewPatch | null {
  const { changed, ...shared } = sharedChange(compiled, before, after);
  return (viewer) => patchFor(compiled, before, after, viewer, shared, changed);
}

/** The change to one seat's view from `before` to `after`, or null when nothing it may see changed. */
export function viewPatch(compiled: CompiledScenario, before: DrillState, after: DrillState, viewer: Viewer): ViewPatch | null {
  return viewPatches(compiled, before, after)(viewer);
}

function patchFor(compiled: CompiledScenario, before: DrillState, after: DrillState, viewer: Viewer, shared: Omit<SharedChange, 'changed'>, sharedChanged: boolean): ViewPatch | null {
  const patch: ViewPatch = { ...shared };
  let changed = sharedChanged;
  const injects = appended(before.injects, after.injects, (items) => injectViews(compiled, after, items, viewer));
  if (injects) [patch.injects, changed] = [injects, true];
  const messages = appended(before.messages, after.messages, (items) => items.map((m) => messageView(m, viewer)));
  if (messages) [patch.messages, changed] = [messages, true];
  const hints = appended(before.hints, after.hints, (items) => hintViews(items, viewer));
  if (hints) [patch.hints, changed] = [hints, true];
  if (isFacilitator(viewer)) {
    const f: Partial<FacilitatorView> = {};
    if (after.phase !== before.phase) f.phase = after.phase;
    if (after.truth !== before.truth) f.truth = structuredClone(after.truth);
    if (!sameRecord(before.adversary, after.adversary)) f.adversary = { ...after.adversary };
    if (!sameRecord(before.exfil, after.exfil)) f.exfil = { ...after.exfil };
    if (after.notes.length > before.notes.length) f.notes = after.notes.slice(before.notes.length).map(noteView);
    if (after.injects.length !== before.injects.length) f.upcoming = upcomingView(compiled, after);
    if (Object.keys(f).length > 0) [patch.facilitator, changed] = [f, true];
  }
  return changed ? patch : null;
}

/** Replace records with the same id, append the rest. */
function merged<T extends { id?: string; injectId?: string }>(list: readonly T[], changes: readonly T[] | undefined): T[] {
  if (!changes) return list as T[];
  const key = (x: T) => x.id ?? x.injectId;
  const out = list.slice();
  for (const c of changes) {
    const i = out.findIndex((x) => key(x) === key(c));
    if (i >= 0) out[i] = c;
    else out.push(c);
  }
  return out;
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
    hints: patch.hints ? [...view.hints, ...patch.hints] : view.hints,
    work: merged(view.work, patch.work),
    tasks: merged(view.tasks, patch.tasks),
    decisions: merged(view.decisions, patch.decisions),
    assets: patch.assets ? { ...view.assets, ...patch.assets } : view.assets,
    exfil: patch.exfil ?? view.exfil,
    known: patch.known ? { ...view.known, ...patch.known } : view.known,
    facts: patch.facts ? { ...view.facts, ...patch.facts } : view.facts,
    actionsTaken: patch.actionsTaken ? { ...view.actionsTaken, ...patch.actionsTaken } : view.actionsTaken,
    busyUntil: patch.busyUntil ? { ...view.busyUntil, ...patch.busyUntil } : view.busyUntil,
  };
  if (view.facilitator && patch.facilitator) {
    const f = patch.facilitator;
    next.facilitator = {
      phase: f.phase ?? view.facilitator.phase,
      truth: f.truth ?? view.facilitator.truth,
      adversary: f.adversary ?? view.facilitator.adversary,
      exfil: f.exfil ?? view.facilitator.exfil,
      notes: f.notes ? [...view.facilitator.notes, ...f.notes] : view.facilitator.notes,
      upcoming: f.upcoming ?? view.facilitator.upcoming,
    };
  }
  return next;
}
