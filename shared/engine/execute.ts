import { getAction } from '../runbook/actions.ts';
import { PLAYER_ROLES, type PlayerRole } from '../runbook/types.ts';
import type { CompiledScenario } from '../scenario/compiled.ts';
import { validateCommand } from './command-schema.ts';
import { FACILITATOR_COMMANDS } from './commands.ts';
import { actionKey } from './conditions.ts';
import { applyEntry, cloneState, initialState } from './evolve.ts';
import { runMachine } from './machine-step.ts';
import { nextHint } from './hints.ts';
import { draw } from './rng.ts';
import {
  MS_PER_MINUTE,
  SYSTEM_ACTOR,
  type Actor,
  type Command,
  type CommandEnvelope,
  type DrillEvent,
  type DrillState,
  type EngineError,
  type ExecuteResult,
  type LogEntry,
} from './types.ts';

/*
 * decide: turn one command into the events it causes. Nothing here reads a wall clock or an unseeded random source;
 * game time comes with the command and randomness from the RNG state in the drill.
 */

export function createDrill(compiled: CompiledScenario, seed: string): { state: DrillState; entries: LogEntry[] } {
  const entry: LogEntry = {
    seq: 0,
    at: 0,
    actor: SYSTEM_ACTOR,
    event: { type: 'drill.created', scenarioId: compiled.scenario.id, scenarioVersion: compiled.scenario.version, seed },
  };
  const state = initialState(compiled, seed);
  applyEntry(compiled, state, entry);
  return { state, entries: [entry] };
}

const isPlayer = (role: Actor['role']): role is PlayerRole => (PLAYER_ROLES as readonly string[]).includes(role);
const fail = (code: EngineError['code'], message: string): ExecuteResult => ({ ok: false, error: { code, message } });

/** A drill in progress while one command is being decided: a private draft plus the entries so far. */
class Step {
  readonly entries: LogEntry[] = [];
  constructor(
    readonly compiled: CompiledScenario,
    readonly draft: DrillState,
  ) {}

  emit(at: number, actor: Actor, event: DrillEvent): void {
    const entry: LogEntry = { seq: this.draft.seq + 1, at, actor, event };
    applyEntry(this.compiled, this.draft, entry);
    this.entries.push(entry);
  }
}

export function execute(compiled: CompiledScenario, state: DrillState, envelope: CommandEnvelope): ExecuteResult {
  const { at, actor, command } = envelope;
  const invalid = validateCommand(command);
  if (invalid) return fail('INVALID_COMMAND', invalid);
  if (!Number.isInteger(at) || at < 0) return fail('INVALID_COMMAND', `game time must be a whole number of ms ≥ 0, got ${String(at)}`);
  if (at < state.clock) {
    return fail('TIME_WENT_BACKWARDS', `command is stamped ${at} ms but the drill is already at ${state.clock} ms`);
  }
  if (state.lifecycle === 'ended') return fail('ENDED', 'the drill has ended; no more commands are accepted');

  const refusal = authorise(state, actor, command);
  if (refusal) return refusal;

  const step = new Step(compiled, cloneState(state));
  if (step.draft.lifecycle === 'running') advanceClock(step, at);
  if (step.draft.lifecycle === 'ended') return { ok: true, entries: step.entries, state: step.draft };

  const result = apply(step, at, actor, command);
  if (result) return result;
  if (step.draft.lifecycle === 'running') runMachine(step, at, { type: 'evaluate' });
  return { ok: true, entries: step.entries, state: step.draft };
}

function authorise(state: DrillState, actor: Actor, command: Command): ExecuteResult | null {
  if (command.type === 'clock.tick') {
    return actor.role === 'system' || actor.role === 'facilitator' ? null : fail('FORBIDDEN', 'only the server clock advances game time');
  }
  if (FACILITATOR_COMMANDS.has(command.type)) {
    return actor.role === 'facilitator' || actor.role === 'system'
      ? null
      : fail('FORBIDDEN', `only the facilitator may ${command.type}; you are ${actor.role}`);
  }
  if (!isPlayer(actor.role)) return fail('FORBIDDEN', `${actor.role} seats cannot ${command.type}; only players can`);
  if (state.lifecycle === 'briefing') return fail('NOT_STARTED', 'the drill has not started yet; wait for the facilitator');
  if (state.lifecycle === 'paused') return fail('PAUSED', 'the drill is paused; wait for the facilitator to resume');
  return null;
}

/** Process every whole game minute between the drill clock and `at`: the adversary moves and injects fall due. */
function advanceClock(step: Step, at: number): void {
  const { scenario } = step.compiled;
  const first = Math.floor(step.draft.clock / MS_PER_MINUTE) + 1;
  const last = Math.min(Math.floor(at / MS_PER_MINUTE), scenario.durationMinutes);
  for (let minute = first; minute <= last; minute++) {
    const t = minute * MS_PER_MINUTE;
    progressExfiltration(step, t, minute);
    maybeFireFallback(step, t);
    runMachine(step, t, { type: 'evaluate' });
    if (minute >= scenario.durationMinutes) {
      step.emit(t, SYSTEM_ACTOR, { type: 'drill.ended', reason: 'time-up' });
      return;
    }
  }
}

function exfilStore(step: Step) {
  const ex = step.compiled.scenario.adversary.exfiltration;
  const store = ex && step.compiled.scenario.dataStores.find((d) => d.id === ex.from);
  return ex && store ? { ex, store } : null;
}

function progressExfiltration(step: Step, t: number, minute: number): void {
  const found = exfilStore(step);
  if (!found || step.draft.exfil.stoppedAt !== null || minute <= found.ex.startsAtMinute) return;
  const records = Math.min(found.ex.perMinute, found.store.records - step.draft.exfil.records);
  if (records > 0) {
    step.emit(t, SYSTEM_ACTOR, { type: 'exfil.progressed', records, total: step.draft.exfil.records + records });
  }
}

function maybeFireFallback(step: Step, t: number): void {
  const tip = step.compiled.scenario.adversary.tipOff;
  const { alertedAt, fallbackAt, preventedAt } = step.draft.adversary;
  if (!tip || alertedAt === null || fallbackAt !== null || preventedAt !== null) return;
  if (t < alertedAt + tip.fallbackAfterMinutes * MS_PER_MINUTE) return;
  const preventer = tip.preventedBy.find((ref) => step.draft.actionsTaken[actionKey(ref.action, ref.target)] !== undefined);
  if (preventer) {
    step.emit(t, SYSTEM_ACTOR, { type: 'adversary.fallbackPrevented', by: actionKey(preventer.action, preventer.target) });
    return;
  }
  step.emit(t, SYSTEM_ACTOR, { type: 'adversary.fallbackFired', kind: tip.fallback.kind, target: tip.fallback.target });
  const found = exfilStore(step);
  if (tip.fallback.kind === 'dump' && found && step.draft.exfil.records < found.store.records) {
    const records = found.store.records - step.draft.exfil.records;
    step.emit(t, SYSTEM_ACTOR, { type: 'exfil.progressed', records, total: found.store.records });
  }
}

function apply(step: Step, at: number, actor: Actor, command: Command): ExecuteResult | null {
  const { draft, compiled } = step;
  switch (command.type) {
    case 'clock.tick':
      return null;
    case 'drill.start':
      if (draft.lifecycle !== 'briefing') return fail('ALREADY_DONE', 'the drill has already started');
      step.emit(at, actor, { type: 'drill.started' });
      return null;
    case 'drill.pause':
      if (draft.lifecycle !== 'running') return fail('NOT_POSSIBLE', `cannot pause a drill that is ${draft.lifecycle}`);
      step.emit(at, actor, { type: 'drill.paused' });
      return null;
    case 'drill.resume':
      if (draft.lifecycle !== 'paused') return fail('NOT_POSSIBLE', `cannot resume a drill that is ${draft.lifecycle}`);
      step.emit(at, actor, { type: 'drill.resumed' });
      return null;
    case 'drill.setSpeed':
      if (!(command.speed >= 1 && command.speed <= 10)) return fail('BAD_SPEED', `speed must be between 1 and 10, got ${command.speed}`);
      step.emit(at, actor, { type: 'drill.speedChanged', speed: command.speed });
      return null;
    case 'drill.end':
      step.emit(at, actor, { type: 'drill.ended', reason: command.reason });
      return null;
    case 'facilitator.note':
      step.emit(at, actor, { type: 'facilitator.noted', text: command.text });
      return null;
    case 'inject.push': {
      if (!compiled.injectsById.has(command.injectId)) return fail('UNKNOWN_INJECT', `no inject "${command.injectId}" in this scenario`);
      if (draft.injects.some((i) => i.injectId === command.injectId)) {
        return fail('ALREADY_DONE', `inject "${command.injectId}" has already been delivered`);
      }
      if (draft.lifecycle === 'briefing') return fail('NOT_STARTED', 'start the drill before pushing injects');
      runMachine(step, at, { type: 'inject.push', injectId: command.injectId });
      return null;
    }
    case 'inject.adhoc': {
      if (draft.lifecycle === 'briefing') return fail('NOT_STARTED', 'start the drill before pushing injects');
      const n = draft.injects.filter((i) => i.adhoc).length + 1;
      step.emit(at, actor, { type: 'inject.adhocDelivered', injectId: `adhoc-${n}`, title: command.title, body: command.body, audience: command.audience });
      return null;
    }
    case 'action.take':
      return takeAction(step, at, actor, command);
    case 'task.assign': {
      if (actor.role !== 'ic' && actor.role !== 'deputy') return fail('FORBIDDEN', 'only the IC or deputy assigns tasks');
      const def = getAction(command.action);
      if (!def) return fail('UNKNOWN_ACTION', `no action "${command.action}" in the catalog`);
      if (!def.roles.includes(command.toRole)) return fail('FORBIDDEN', `${command.toRole} cannot take "${command.action}"`);
      const targetError = checkTarget(step, def.target, command.target, command.action);
      if (targetError) return targetError;
      step.emit(at, actor, { type: 'task.assigned', toRole: command.toRole, action: command.action, target: command.target, note: command.note });
      return null;
    }
    case 'message.send': {
      const id = `m${draft.messages.length + 1}`;
      step.emit(at, actor, { type: 'message.sent', messageId: id, message: { ...command.message, recipients: command.message.recipients.slice() } });
      return null;
    }
    case 'timeline.add':
      step.emit(at, actor, { type: 'timeline.added', entryId: `t${draft.timeline.length + 1}`, text: command.text, claimedAt: command.claimedAt });
      return null;
    case 'hint.request': {
      const hint = nextHint(compiled, draft, actor);
      step.emit(at, actor, { type: 'hint.given', injectId: hint.injectId, text: hint.text });
      return null;
    }
  }
}

function checkTarget(step: Step, kind: 'none' | 'asset', target: string | undefined, action: string): ExecuteResult | null {
  if (kind === 'none') return target ? fail('UNKNOWN_TARGET', `"${action}" takes no target`) : null;
  if (!target) return fail('UNKNOWN_TARGET', `"${action}" needs a target asset`);
  if (!step.compiled.assetsById.has(target)) return fail('UNKNOWN_TARGET', `no asset "${target}" in this scenario`);
  return null;
}

function takeAction(step: Step, at: number, actor: Actor, command: Extract<Command, { type: 'action.take' }>): ExecuteResult | null {
  const { draft, compiled } = step;
  const def = getAction(command.action);
  if (!def) return fail('UNKNOWN_ACTION', `no action "${command.action}" in the catalog`);
  if (!isPlayer(actor.role) || !def.roles.includes(actor.role)) {
    return fail('FORBIDDEN', `${actor.role} cannot take "${def.id}"; it is for ${def.roles.join(', ')}`);
  }
  const targetError = checkTarget(step, def.target, command.target, def.id);
  if (targetError) return targetError;
  if (def.once && draft.actionsTaken[actionKey(def.id, command.target)] !== undefined) {
    return fail('ALREADY_DONE', `"${def.id}"${command.target ? ` on ${command.target}` : ''} has already been done`);
  }
  const impossible = whyImpossible(step, def.id, command.target, command.detail);
  if (impossible) return fail('NOT_POSSIBLE', impossible);

  const reveal = compiled.scenario.reveals[def.id];
  step.emit(at, actor, { type: 'action.taken', action: def.id, target: command.target, detail: command.detail, reveal });

  const found = exfilStore(step);
  if (found && draft.exfil.stoppedAt === null && found.ex.stoppedBy.some((r) => matches(r, def.id, command.target))) {
    step.emit(at, SYSTEM_ACTOR, { type: 'exfil.stopped', by: actionKey(def.id, command.target) });
  }
  const tip = compiled.scenario.adversary.tipOff;
  const targetCompromised = command.target === undefined || draft.assets[command.target]?.compromised === true;
  if (def.noisy && tip && targetCompromised && draft.adversary.alertedAt === null && draft.adversary.fallbackAt === null) {
    const { values } = draw(draft.rng, 1);
    const roll = values[0] ?? 0;
    step.emit(at, SYSTEM_ACTOR, { type: 'adversary.rolled', action: def.id, roll, alerted: roll < tip.chance, draws: 1 });
  }
  return null;
}

const matches = (ref: { action: string; target?: string }, action: string, target?: string) =>
  ref.action === action && (ref.target === undefined || ref.target === target);

/** Actions the world no longer allows, with the reason a player can act on. */
function whyImpossible(step: Step, action: string, target: string | undefined, detail: string | undefined): string | null {
  const asset = target ? step.draft.assets[target] : undefined;
  if (action === 'set-codename' && !detail?.trim()) return 'give the codename as the action detail';
  if (asset?.destroyed && action !== 'restore-from-backup') return `${target} has been destroyed; nothing on it can be examined or changed`;
  if (action === 'capture-memory' && asset && (asset.shutDown || asset.rebooted)) {
    return `${target} has been shut down or rebooted: its memory is gone`;
  }
  if (action === 'restore-from-backup' && target && !step.compiled.assetsById.get(target)?.hasBackup) {
    return `${target} has no backup to restore from`;
  }
  if (action === 'forensic-analysis' && !Object.values(step.draft.assets).some((a) => a.imaged || a.memoryCaptured)) {
    return 'there is nothing to analyse yet: capture memory or image a disk first';
  }
  return null;
}

export type { Step };
