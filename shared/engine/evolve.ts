import { getAction } from '../runbook/actions.ts';
import type { CompiledScenario } from '../scenario/compiled.ts';
import { actionByRoleKey, actionKey } from './conditions.ts';
import { advance, seedRng } from './rng.ts';
import type { Actor, AssetState, DrillState, LogEntry, MessageDraft, MessageRecord } from './types.ts';

/*
 * The fold step. `applyEntry` mutates a private draft (so replaying a long log is linear);
 * `evolve` is the pure public form that never touches its input.
 */

const CLEAN_ASSET: Omit<AssetState, 'compromised'> = {
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
};

/** The state before any event: what drill.created establishes. */
export function initialState(compiled: CompiledScenario, seed: string): DrillState {
  const { scenario } = compiled;
  const assets: Record<string, AssetState> = {};
  for (const asset of scenario.assets) assets[asset.id] = { ...CLEAN_ASSET, compromised: asset.compromised };
  return {
    scenarioId: scenario.id,
    scenarioVersion: scenario.version,
    seed,
    seq: -1,
    clock: 0,
    lifecycle: 'briefing',
    speed: 1,
    phase: scenario.phases.initial,
    rng: seedRng(seed),
    injects: [],
    assets,
    facts: {},
    actionsTaken: {},
    codename: null,
    insider: null,
    exfil: { records: 0, stoppedAt: null, stoppedBy: null },
    adversary: { alertedAt: null, fallbackAt: null, preventedAt: null },
    messages: [],
    timeline: [],
    tasks: [],
    hints: [],
    notes: [],
  };
}

/**
 * A copy deep enough that applyEntry on it never reaches the original. Every field is written out:
 * `{ ...s, rng: … }` (a spread followed by more properties) goes through V8's slow path, and the
 * copy runs for every entry the server applies.
 */
export function cloneState(s: DrillState): DrillState {
  const assets: Record<string, AssetState> = {};
  for (const id in s.assets) assets[id] = { ...s.assets[id]! };
  return {
    scenarioId: s.scenarioId,
    scenarioVersion: s.scenarioVersion,
    seed: s.seed,
    seq: s.seq,
    clock: s.clock,
    lifecycle: s.lifecycle,
    speed: s.speed,
    phase: s.phase,
    rng: { ...s.rng },
    injects: s.injects.slice(),
    assets,
    facts: { ...s.facts },
    actionsTaken: { ...s.actionsTaken },
    codename: s.codename,
    insider: s.insider,
    exfil: { ...s.exfil },
    adversary: { ...s.adversary },
    messages: s.messages.slice(),
    timeline: s.timeline.slice(),
    tasks: s.tasks.slice(),
    hints: s.hints.slice(),
    notes: s.notes.slice(),
  };
}

export function evolve(compiled: CompiledScenario, state: DrillState, entry: LogEntry): DrillState {
  const draft = cloneState(state);
  applyEntry(compiled, draft, entry);
  return draft;
}

/**
 * Every field written out, for memory rather than speed: a message lives as long as its drill, and
 * `{ ...event.message, id, … }` (a spread of an object that was itself made by a spread, then more
 * properties) gave each record a hidden class of its own in V8, about 360 bytes apiece: 8.4 MB of
 * the server's live heap at 1,000 drills × 8 seats (heap snapshot, session 9). Literals with the
 * same keys share one.
 */
function messageRecord(m: MessageDraft, id: string, at: number, seq: number, from: Actor): MessageRecord {
  return { channel: m.channel, audience: m.audience, purpose: m.purpose, recipients: m.recipients, subject: m.subject, body: m.body, encrypted: m.encrypted, id, at, seq, from };
}

function markTaken(draft: DrillState, key: string, at: number): void {
  if (draft.actionsTaken[key] === undefined) draft.actionsTaken[key] = at;
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
      Object.assign(draft, initialState(compiled, event.seed), { seq: entry.seq, clock: at });
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
    case 'inject.delivered':
      draft.injects.push({ injectId: event.injectId, at, seq: entry.seq, trigger: event.trigger });
      return;
    case 'inject.adhocDelivered':
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
    case 'action.taken': {
      const def = getAction(event.action);
      markTaken(draft, event.action, at);
      if (event.target) markTaken(draft, actionKey(event.action, event.target), at);
      markTaken(draft, actionByRoleKey(event.action, entry.actor.role), at);
      if (def?.fact && draft.facts[def.fact] === undefined) draft.facts[def.fact] = at;
      const asset = event.target ? draft.assets[event.target] : undefined;
      if (def && asset) Object.assign(asset, def.sets);
      if (event.action === 'set-codename' && event.detail) draft.codename = event.detail;
      if (event.action === 'assess-insider-threat') {
        draft.insider = compiled.scenario.adversary.origin === 'insider' ? 'confirmed' : 'ruled-out';
      }
      return;
    }
    case 'task.assigned':
      draft.tasks.push({ at, toRole: event.toRole, action: event.action, target: event.target, note: event.note });
      return;
    case 'message.sent':
      draft.messages.push(messageRecord(event.message, event.messageId, at, entry.seq, entry.actor));
      return;
    case 'timeline.added':
      draft.timeline.push({ id: event.entryId, at, seq: entry.seq, by: entry.actor, text: event.text, claimedAt: event.claimedAt });
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
    case 'adversary.fallbackFired': {
      draft.adversary.fallbackAt = at;
      const target = draft.assets[event.target];
      if (target && event.kind !== 'dump') target.destroyed = true;
      return;
    }
    case 'adversary.fallbackPrevented':
      draft.adversary.preventedAt = at;
      return;
  }
}
