import { getAction } from '../runbook/actions.ts';
import type { CompiledScenario } from '../scenario/compiled.ts';
import { actionByRoleKey, actionKey } from './conditions.ts';
import { advance, seedRng } from './rng.ts';
import { ENGINE_VERSION, WORK_ENDS, type Actor, type AssetState, type DrillState, type LogEntry, type MessageDraft, type MessageReach, type MessageRecord, type SentKind, type WorkRecord, type WorkStatus } from './types.ts';

/*
 * The fold step. `applyEntry` mutates a private draft (so replaying a long log is linear);
 * `evolve` is the pure public form that never touches its input.
 */

const CLEAN_ASSET: AssetState = {
  memoryCaptured: false,
  imaged: false,
  imageSecured: false,
  isolated: false,
  shutDown: false,
  destroyed: false,
  rebooted: false,
  sessionsKilled: false,
  restored: false,
  monitored: false,
  sensorsDeployed: false,
  downSince: null,
  downMs: 0,
};

/** The state before any event: what drill.created establishes. */
export function initialState(compiled: CompiledScenario, seed: string): DrillState {
  const { scenario } = compiled;
  const assets: Record<string, AssetState> = {};
  for (const asset of scenario.assets) assets[asset.id] = { ...CLEAN_ASSET };
  return {
    trimmed: false,
    engine: ENGINE_VERSION,
    scenarioId: scenario.id,
    scenarioVersion: scenario.version,
    seed,
    seq: -1,
    clock: 0,
    lifecycle: 'briefing',
    speed: 1,
    phase: scenario.phases.initial,
    rng: seedRng(seed),
    truth: { entry: scenario.adversary.entry[0] ?? '', compromised: {}, insider: false, times: {}, cause: scenario.adversary.cause, actor: scenario.adversary.actor, exfilPerMinute: null },
    seats: [],
    injects: [],
    assets,
    knowledge: { assets: {}, facts: {}, values: {} },
    work: [],
    busyUntil: {},
    facts: {},
    actionsTaken: {},
    codename: null,
    insider: null,
    exfil: { records: 0, perMinute: 0, stoppedAt: null, stoppedBy: null },
    adversary: { alertedAt: null, fallbackAt: null, preventedAt: null },
    messages: [],
    decisions: [],
    timeline: [],
    tasks: [],
    hints: [],
    notes: [],
    made: { work: 0, tasks: 0, messages: 0, timeline: 0, adhoc: 0 },
    workEnds: new Uint8Array(0),
    sentKinds: [],
  };
}

/**
 * A copy deep enough that applyEntry on it never reaches the original. Every field is written out:
 * a spread followed by more properties goes through V8's slow path, and the copy runs for every
 * entry the server applies. Records that are replaced rather than edited (work, tasks, decisions)
 * are copied shallowly and replaced on change by the fold.
 */
export function cloneState(s: DrillState): DrillState {
  const assets: Record<string, AssetState> = {};
  for (const id in s.assets) assets[id] = { ...s.assets[id]! };
  return {
    trimmed: s.trimmed,
    engine: s.engine,
    scenarioId: s.scenarioId,
    scenarioVersion: s.scenarioVersion,
    seed: s.seed,
    seq: s.seq,
    clock: s.clock,
    lifecycle: s.lifecycle,
    speed: s.speed,
    phase: s.phase,
    rng: { ...s.rng },
    truth: s.truth,
    seats: s.seats,
    injects: s.injects.slice(),
    assets,
    knowledge: { assets: { ...s.knowledge.assets }, facts: { ...s.knowledge.facts }, values: { ...s.knowledge.values } },
    work: s.work.slice(),
    busyUntil: { ...s.busyUntil },
    facts: { ...s.facts },
    actionsTaken: { ...s.actionsTaken },
    codename: s.codename,
    insider: s.insider,
    exfil: { ...s.exfil },
    adversary: { ...s.adversary },
    messages: s.messages.slice(),
    decisions: s.decisions.slice(),
    timeline: s.timeline.slice(),
    tasks: s.tasks.slice(),
    hints: s.hints.slice(),
    notes: s.notes.slice(),
    made: { work: s.made.work, tasks: s.made.tasks, messages: s.made.messages, timeline: s.made.timeline, adhoc: s.made.adhoc },
    // Replaced, never changed in place, so they are shared.
    workEnds: s.workEnds,
    sentKinds: s.sentKinds,
  };
}

export function evolve(compiled: CompiledScenario, state: DrillState, entry: LogEntry): DrillState {
  const draft = cloneState(state);
  applyEntry(compiled, draft, entry);
  return draft;
}

/**
 * Every field written out, for memory rather than speed: a message lives as long as its drill, and
 * a spread of an object that was itself made by a spread gives each record a hidden class of its
 * own in V8. Literals with the same keys share one.
 */
function messageRecord(m: MessageDraft, id: string, at: number, seq: number, from: Actor, reach: MessageReach): MessageRecord {
  return { channel: m.channel, recipients: m.recipients, subject: m.subject, body: m.body, encrypted: m.encrypted, statement: m.statement, id, at, seq, from, reach };
}

function markTaken(draft: DrillState, key: string, at: number): void {
  if (draft.actionsTaken[key] === undefined) draft.actionsTaken[key] = at;
}

const isDown = (a: AssetState) => (a.isolated || a.shutDown || a.destroyed) && !a.restored;

/** Change an asset's flags and keep its downtime: service is lost while it is isolated, off or gone, until restored. */
function changeAsset(draft: DrillState, id: string, at: number, change: Partial<AssetState>): void {
  const before = draft.assets[id];
  if (!before) return;
  const after = { ...before, ...change };
  const wasDown = isDown(before);
  const nowDown = isDown(after);
  if (!wasDown && nowDown) after.downSince = at;
  if (wasDown && !nowDown) {
    after.downMs = before.downMs + (at - (before.downSince ?? at));
    after.downSince = null;
  }
  draft.assets[id] = after;
}

function replaceWork(draft: DrillState, id: string, change: Partial<WorkRecord>): WorkRecord | null {
  const i = workIndex(draft, id);
  const work = draft.work[i];
  if (!work) return null;
  const next = { ...work, ...change };
  draft.work[i] = next;
  return next;
}

/**
 * Record how a piece of work ended, in a trimmed state (a whole state's work list says it), in a new
 * array: states share the old one.
 */
function setWorkEnd(draft: DrillState, workId: string, status: WorkStatus): void {
  const n = workNumber(draft, workId);
  if (n === null || !draft.trimmed) return;
  const ends = draft.workEnds.slice();
  ends[n - 1] = WORK_ENDS.indexOf(status);
  draft.workEnds = ends;
}

/** The number of a work id this drill has made (w3 → 3), or null. */
export function workNumber(state: DrillState, workId: string): number | null {
  const n = Number(workId.slice(1));
  return workId === `w${n}` && n >= 1 && n <= state.made.work ? n : null;
}

/** How a piece of work this drill has made stands, or null for an id it never made. */
export function workStatus(state: DrillState, workId: string): WorkStatus | null {
  const n = workNumber(state, workId);
  if (n === null) return null;
  if (state.trimmed) return WORK_ENDS[state.workEnds[n - 1] ?? 0]!;
  return workAt(state, workId)?.status ?? null;
}

/** A piece of work in the state's list: in a whole state w3 is the third, in a trimmed one it is looked for. */
function workIndex(state: DrillState, workId: string): number {
  const n = Number(workId.slice(1));
  return state.work[n - 1]?.id === workId ? n - 1 : state.work.findIndex((w) => w.id === workId);
}
const workAt = (state: DrillState, workId: string): WorkRecord | undefined => state.work[workIndex(state, workId)];

/** Add the kinds of a sent message that conditions ask about; the list is replaced only when one is new. */
function noteSentKinds(draft: DrillState, m: MessageDraft, reach: MessageReach): void {
  const kind = m.statement?.kind ?? null;
  let kinds: SentKind[] | null = null;
  for (const org of [null, ...reach.orgs]) {
    const list = kinds ?? draft.sentKinds;
    if (list.some((k) => k.channel === m.channel && k.kind === kind && k.org === org)) continue;
    (kinds ??= draft.sentKinds.slice()).push({ channel: m.channel, kind, org });
  }
  if (kinds) draft.sentKinds = kinds;
}

function setTaskFor(draft: DrillState, workId: string, status: 'open' | 'done' | 'failed'): void {
  const i = draft.tasks.findIndex((t) => t.workId === workId);
  const task = draft.tasks[i];
  if (task) draft.tasks[i] = { ...task, status, workId: status === 'open' ? null : task.workId };
}

/** Fold one entry into a draft in place. Every branch only records what the event states. */
export function applyEntry(compiled: CompiledScenario, draft: DrillState, entry: LogEntry): void {
  const { event, at } = entry;
  if (entry.seq !== draft.seq + 1) {
    throw new Error(`log gap: expected seq ${draft.seq + 1}, got ${entry.seq}`);
  }
  draft.seq = entry.seq;
  if (at > draft.clock) draft.clock = at;

  switch (event.type) {
    case 'drill.created':
      if (event.engine !== ENGINE_VERSION) throw new EngineVersionError(event.engine);
      Object.assign(draft, initialState(compiled, event.seed), { seq: entry.seq, clock: at, seats: event.seats, truth: event.truth });
      draft.exfil.perMinute = event.truth.exfilPerMinute ?? 0;
      return;
    case 'drill.started':
    case 'drill.resumed':
      draft.lifecycle = 'running';
      return;
    case 'drill.paused':
      draft.lifecycle = 'paused';
      return;
    case 'drill.speedChanged':
      draft.speed = event.speed;
      return;
    case 'drill.ended':
      draft.lifecycle = 'ended';
      return;
    case 'clock.advanced':
      return;
    case 'inject.delivered': {
      draft.injects.push({ injectId: event.injectId, at, seq: entry.seq, trigger: event.trigger });
      const decision = compiled.injectsById.get(event.injectId)?.decision;
      if (decision) draft.decisions.push({ injectId: event.injectId, askedAt: at, dueAt: at + decision.dueInMinutes * 60_000, answer: null, missedAt: null });
      return;
    }
    case 'inject.adhocDelivered':
      draft.made.adhoc++;
      draft.injects.push({
        injectId: event.injectId,
        at,
        seq: entry.seq,
        trigger: 'facilitator',
        adhoc: { title: event.title, body: event.body, audience: event.audience },
      });
      return;
    case 'phase.changed':
      draft.phase = event.to;
      return;
    case 'facilitator.noted':
      draft.notes.push({ at, text: event.text });
      return;
    case 'action.started': {
      const role = draft.seats.find((s) => s.seat === event.seat)?.role ?? 'sme';
      draft.made.work++;
      if (draft.trimmed) {
        const ends = new Uint8Array(draft.made.work);
        ends.set(draft.workEnds);
        draft.workEnds = ends;
      }
      draft.work.push({ id: event.workId, action: event.action, target: event.target, detail: event.detail, seat: event.seat, role, startedAt: at, endsAt: event.endsAt, seq: entry.seq, status: 'running', finishedAt: null });
      const i = draft.tasks.findIndex((t) => t.status === 'open' && t.toSeat === event.seat && t.action === event.action && (t.target === undefined || t.target === event.target));
      const task = draft.tasks[i];
      if (task) draft.tasks[i] = { ...task, status: 'working', workId: event.workId };
      return;
    }
    case 'action.completed': {
      const work = replaceWork(draft, event.workId, { status: event.outcome, finishedAt: at, ...(event.reveal ? { reveal: event.reveal } : {}) });
      setWorkEnd(draft, event.workId, event.outcome);
      draft.rng = advance(draft.rng, event.draws);
      if (!work) return;
      setTaskFor(draft, work.id, event.outcome === 'failed' ? 'failed' : 'done');
      if (event.outcome === 'failed') return;
      const def = getAction(work.action);
      markTaken(draft, work.action, at);
      if (work.target) markTaken(draft, actionKey(work.action, work.target), at);
      markTaken(draft, actionByRoleKey(work.action, work.role), at);
      if (def?.fact && draft.facts[def.fact] === undefined) draft.facts[def.fact] = at;
      if (def && work.target) changeAsset(draft, work.target, at, def.sets);
      if (work.action === 'set-codename' && work.detail) draft.codename = work.detail;
      return;
    }
    case 'action.cancelled': {
      const work = replaceWork(draft, event.workId, { status: 'cancelled', finishedAt: at });
      setWorkEnd(draft, event.workId, 'cancelled');
      if (work) setTaskFor(draft, work.id, 'open');
      return;
    }
    case 'knowledge.learned': {
      const { item } = event;
      if ('fact' in item) {
        if (draft.knowledge.facts[item.fact] === undefined) draft.knowledge.facts[item.fact] = at;
        if (item.value !== undefined) draft.knowledge.values[item.fact] = item.value;
        if (item.fact === 'insider') draft.insider = draft.truth.insider ? 'confirmed' : 'ruled-out';
      } else {
        draft.knowledge.assets[item.asset] = { level: item.level, at };
      }
      return;
    }
    case 'task.assigned':
      draft.made.tasks++;
      draft.tasks.push({ id: event.taskId, at, seq: entry.seq, by: entry.actor.seat, toSeat: event.toSeat, toRole: event.toRole, action: event.action, target: event.target, note: event.note, status: 'open', workId: null });
      draft.busyUntil[entry.actor.seat] = event.busyUntil;
      return;
    case 'message.sent':
      draft.made.messages++;
      noteSentKinds(draft, event.message, event.reach);
      draft.messages.push(messageRecord(event.message, event.messageId, at, entry.seq, entry.actor, event.reach));
      return;
    case 'decision.answered': {
      const i = draft.decisions.findIndex((d) => d.injectId === event.injectId);
      const d = draft.decisions[i];
      if (d) draft.decisions[i] = { ...d, answer: { option: event.option, at, seq: entry.seq, by: entry.actor, late: event.late, ...(event.note ? { note: event.note } : {}) } };
      return;
    }
    case 'decision.missed': {
      const i = draft.decisions.findIndex((d) => d.injectId === event.injectId);
      const d = draft.decisions[i];
      if (d) draft.decisions[i] = { ...d, missedAt: at };
      return;
    }
    case 'timeline.added':
      draft.made.timeline++;
      draft.timeline.push({ id: event.entryId, at, seq: entry.seq, by: entry.actor, text: event.text, claimedAt: event.claimedAt, asset: event.asset, kind: event.kind });
      return;
    case 'hint.given':
      draft.hints.push({ at, injectId: event.injectId, by: entry.actor, text: event.text });
      return;
    case 'exfil.progressed':
      draft.exfil.records = event.total;
      return;
    case 'exfil.stopped':
      draft.exfil.stoppedAt = at;
      draft.exfil.stoppedBy = event.by;
      return;
    case 'adversary.rolled':
      draft.rng = advance(draft.rng, event.draws);
      if (event.alerted && draft.adversary.alertedAt === null) draft.adversary.alertedAt = at;
      return;
    case 'adversary.noticed':
      if (draft.adversary.alertedAt === null) draft.adversary.alertedAt = at;
      return;
    case 'adversary.fallbackFired': {
      draft.adversary.fallbackAt = at;
      const speedup = compiled.scenario.adversary.tipOff?.fallback.factor ?? 1;
      if (event.kind === 'wipe' || event.kind === 'ransomware') changeAsset(draft, event.target, at, { destroyed: true });
      if (event.kind === 'speedup') draft.exfil.perMinute = Math.round(draft.exfil.perMinute * speedup);
      if (event.kind === 'spread' && draft.truth.compromised[event.target] === undefined) {
        draft.truth = { ...draft.truth, compromised: { ...draft.truth.compromised, [event.target]: Math.floor(at / 60_000) } };
      }
      return;
    }
    case 'adversary.fallbackPrevented':
      draft.adversary.preventedAt = at;
      return;
    case 'asset.changed':
      changeAsset(draft, event.asset, at, event.change);
      return;
  }
}

/** A log recorded under other rules than this engine's; it cannot be replayed faithfully. */
export class EngineVersionError extends Error {
  constructor(readonly recorded: number | undefined) {
    super(
      `this drill was recorded by engine version ${recorded ?? 1}, and this server runs version ${ENGINE_VERSION}: ` +
        'its rules (how long work takes, what the team can see) changed, so it cannot be replayed or resumed under them',
    );
  }
}
