import type { CompiledScenario } from '../scenario/compiled.ts';
import { audienceIncludes } from './audience.ts';
import { renderText, resolveAsset } from './truth.ts';
import type { AssetView, DecisionView, DrillView, InjectView, KnownFact, PublicScenario, Viewer } from './view-types.ts';
import type { DecisionRecord, DeliveredInject, DrillState, LogEntry, MessageRecord } from './types.ts';

/*
 * Per-seat views. One pure function decides what a seat may know; the server and solo mode both
 * use it. Players see what the team has learned and what it did, never the truth: not which assets
 * are compromised, how the attacker got in, what data is leaving unless they know it is, or whether
 * an insider is real. They never get the RNG, the story phase, adversary internals, upcoming
 * injects, facilitator notes or other seats' hints.
 */

export const isFacilitator = (viewer: Viewer) => viewer.role === 'facilitator';

/*
 * How each part of the state appears in a view. viewFor() builds a whole view from them and
 * viewPatch() (./view-patch.ts) only the parts a command changed, so the two cannot disagree.
 */

/** The delivered injects this seat may read, as it reads them. */
export function injectViews(compiled: CompiledScenario, state: DrillState, delivered: readonly DeliveredInject[], viewer: Viewer): InjectView[] {
  return delivered.map((d) => injectView(compiled, state, d)).filter((v): v is InjectView => v !== null && audienceIncludes(v.audience, viewer.role));
}

/** A message as a seat sees it: players are not told whether the attacker read it (they find out by what it does). */
export function messageView(m: MessageRecord, viewer: Viewer): MessageRecord {
  const reach = isFacilitator(viewer) ? { ...m.reach } : { ...m.reach, attackerReads: false };
  return { ...m, recipients: m.recipients.slice(), reach };
}
export const timelineView = (t: DrillState['timeline'][number]) => ({ ...t });
export const taskView = (t: DrillState['tasks'][number]) => ({ ...t });
export const workView = (w: DrillState['work'][number]) => ({ ...w });
export const noteView = (n: DrillState['notes'][number]) => ({ ...n });

export function decisionView(compiled: CompiledScenario, d: DecisionRecord): DecisionView {
  const decision = compiled.injectsById.get(d.injectId)?.decision;
  return {
    ...d,
    answer: d.answer ? { ...d.answer } : null,
    prompt: decision?.prompt ?? { en: d.injectId },
    options: (decision?.options ?? []).map((o) => ({ id: o.id, label: o.label })),
    by: [...(decision?.by ?? [])],
  };
}

/** Hints: a player sees the ones it asked for; the facilitator sees all. */
export function hintViews(hints: readonly DrillState['hints'][number][], viewer: Viewer): DrillView['hints'] {
  return hints.filter((h) => isFacilitator(viewer) || h.by.seat === viewer.seat).map((h) => ({ at: h.at, injectId: h.injectId, text: h.text }));
}

/** One fact as the team knows it: what the drill's world says about it. */
export function knownFact(compiled: CompiledScenario, s: DrillState, id: string): KnownFact {
  const at = s.knowledge.facts[id] ?? 0;
  const truth = s.truth;
  const event = compiled.scenario.truth.find((t) => t.id === id);
  if (event) {
    const asset = event.asset === undefined ? undefined : resolveAsset(event.asset, truth);
    return { at, kind: event.kind, ...(asset ? { asset } : {}), ...(truth.times[id] !== undefined ? { minute: truth.times[id] } : {}) };
  }
  switch (id) {
    case 'entry':
      return { at, asset: truth.entry };
    case 'data':
      return { at, value: compiled.scenario.adversary.exfiltration ? [compiled.scenario.adversary.exfiltration.from] : [] };
    case 'records':
      return { at, value: s.knowledge.values.records ?? 0 };
    case 'cause':
      return { at, value: truth.cause };
    case 'actor':
      return { at, value: truth.actor };
    case 'insider':
      return { at, value: truth.insider };
    default:
      return { at };
  }
}

export function knownFacts(compiled: CompiledScenario, s: DrillState): Record<string, KnownFact> {
  const out: Record<string, KnownFact> = {};
  for (const id in s.knowledge.facts) out[id] = knownFact(compiled, s, id);
  return out;
}

/**
 * What the team can read off its egress monitoring: whether data is still leaving, once it knows data
 * leaves at all, and how many records have gone only once it has worked out what is being taken
 * (the `records` fact); until then the count is what a statement would be guessing at.
 */
export const exfilView = (s: DrillState): DrillView['exfil'] => {
  if (s.knowledge.facts.exfil === undefined) return { records: null, stopped: null };
  return { records: s.knowledge.facts.records === undefined ? null : s.exfil.records, stopped: s.exfil.stoppedAt !== null };
};

export function assetView(s: DrillState, id: string): AssetView {
  return { ...s.assets[id]!, knowledge: s.knowledge.assets[id]?.level ?? 'unknown' };
}

export function assetViews(s: DrillState): Record<string, AssetView> {
  const out: Record<string, AssetView> = {};
  for (const id in s.assets) out[id] = assetView(s, id);
  return out;
}

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

function injectView(compiled: CompiledScenario, state: DrillState, d: DeliveredInject): InjectView | null {
  if (d.adhoc) {
    return { injectId: d.injectId, seq: d.seq, at: d.at, title: { en: d.adhoc.title }, body: { en: d.adhoc.body }, severity: 'warning', audience: d.adhoc.audience, adhoc: true };
  }
  const inject = compiled.injectsById.get(d.injectId);
  if (!inject) return null;
  const ctx = { scenario: compiled.scenario, truth: state.truth };
  return {
    injectId: d.injectId,
    seq: d.seq,
    at: d.at,
    title: renderText(inject.title, ctx),
    body: renderText(inject.body, ctx),
    ...(inject.from ? { from: inject.from } : {}),
    severity: inject.severity,
    audience: inject.audience,
    adhoc: false,
  };
}

const publicScenarios = new WeakMap<CompiledScenario, PublicScenario>();

/** Every view of a scenario shares one public copy, so none may change it. */
function deepFreeze(value: unknown): void {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const child of Object.values(value)) deepFreeze(child);
}

/** The scenario as players may read it; computed once per compiled scenario. */
export function publicScenario(compiled: CompiledScenario): PublicScenario {
  const cached = publicScenarios.get(compiled);
  if (cached) return cached;
  const { scenario } = compiled;
  const minutes: Record<string, Record<string, number>> = {};
  for (const [action, spec] of Object.entries(scenario.work)) if (spec.minutes !== undefined) (minutes[action] ??= {})['*'] = spec.minutes;
  for (const asset of scenario.assets) {
    for (const [action, spec] of Object.entries(asset.work)) if (spec.minutes !== undefined) (minutes[action] ??= {})[asset.id] = spec.minutes;
  }
  const view: PublicScenario = {
    id: scenario.id,
    version: scenario.version,
    title: scenario.title,
    brief: scenario.brief,
    organisation: scenario.organisation,
    durationMinutes: scenario.durationMinutes,
    startsAt: scenario.startsAt,
    assets: scenario.assets.map(({ id, name, kind, criticality, links, hasBackup }) => ({ id, name, kind, criticality, links, hasBackup })),
    dataStores: scenario.dataStores.map(({ id, name, asset, records, sensitivity }) => ({ id, name, asset, records, sensitivity })),
    directory: scenario.directory.map(({ id, name, address, org, group, suspect, openedBy }) => ({ id, name, address, org, group, suspect, ...(openedBy ? { openedBy } : {}) })),
    claims: scenario.claims,
    minutes,
  };
  deepFreeze(view);
  publicScenarios.set(compiled, view);
  return view;
}

/** A seat's whole view. It needs the whole state: a trimmed one (trim.ts) has left its history in the log. */
export function viewFor(compiled: CompiledScenario, state: DrillState, viewer: Viewer): DrillView {
  if (state.trimmed) throw new Error('a whole view needs the whole state, and this one is trimmed: fold the drill\'s log (replay) to build it');
  const view: DrillView = {
    viewer,
    scenario: publicScenario(compiled),
    seq: state.seq,
    clock: state.clock,
    lifecycle: state.lifecycle,
    speed: state.speed,
    seats: state.seats.map((s) => ({ ...s })),
    injects: injectViews(compiled, state, state.injects, viewer),
    assets: assetViews(state),
    known: knownFacts(compiled, state),
    work: state.work.map(workView),
    busyUntil: { ...state.busyUntil },
    exfil: exfilView(state),
    facts: { ...state.facts },
    actionsTaken: { ...state.actionsTaken },
    messages: state.messages.map((m) => messageView(m, viewer)),
    decisions: state.decisions.map((d) => decisionView(compiled, d)),
    timeline: state.timeline.map(timelineView),
    tasks: state.tasks.map(taskView),
    hints: hintViews(state.hints, viewer),
  };
  if (isFacilitator(viewer)) {
    view.facilitator = {
      phase: state.phase,
      truth: structuredClone(state.truth),
      adversary: { ...state.adversary },
      exfil: { ...state.exfil },
      notes: state.notes.map(noteView),
      upcoming: upcomingView(compiled, state),
    };
  }
  return view;
}

/** Events only the facilitator ever receives: the adversary's side, the story phase, the data really leaving. */
const FACILITATOR_ONLY = new Set<LogEntry['event']['type']>([
  'adversary.rolled',
  'adversary.noticed',
  'adversary.fallbackPrevented',
  'adversary.fallbackFired',
  'exfil.progressed',
  'exfil.stopped',
  'phase.changed',
  'facilitator.noted',
]);

/** One new log entry as a seat may receive it, or null when the seat must not see it at all. */
export function redactEntryFor(compiled: CompiledScenario, entry: LogEntry, viewer: Viewer): LogEntry | null {
  if (isFacilitator(viewer)) return entry;
  const { event } = entry;
  if (FACILITATOR_ONLY.has(event.type)) return null;
  if (event.type === 'drill.created') {
    const { truth: _truth, ...rest } = event;
    return { ...entry, event: { ...rest, seed: '', truth: { entry: '', compromised: {}, insider: false, times: {}, cause: '', actor: '', exfilPerMinute: null } } };
  }
  if (event.type === 'message.sent') return { ...entry, event: { ...event, reach: { ...event.reach, attackerReads: false } } };
  if (event.type === 'inject.delivered') {
    const inject = compiled.injectsById.get(event.injectId);
    return inject && audienceIncludes(inject.audience, viewer.role) ? entry : null;
  }
  if (event.type === 'inject.adhocDelivered') return audienceIncludes(event.audience, viewer.role) ? entry : null;
  if (event.type === 'hint.given') return entry.actor.seat === viewer.seat ? entry : null;
  return entry;
}
