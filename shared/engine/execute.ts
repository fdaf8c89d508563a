import { getAction } from '../runbook/actions.ts';
import { PLAYER_ROLES, type PlayerRole } from '../runbook/types.ts';
import type { CompiledScenario } from '../scenario/compiled.ts';
import { TRUTH_KINDS } from '../scenario/schema.ts';
import { validateCommand } from './command-schema.ts';
import { FACILITATOR_COMMANDS } from './commands.ts';
import { applyEntry, cloneState, initialState } from './evolve.ts';
import { nextHint } from './hints.ts';
import { runMachine } from './machine-step.ts';
import { reachOf, resolveRecipient, unknownRecipients } from './reach.ts';
import { advanceClock } from './schedule.ts';
import { fail, gameTimeText, Step } from './step.ts';
import { drawTruth } from './truth.ts';
import { ENGINE_VERSION, MS_PER_MINUTE, SYSTEM_ACTOR, type Actor, type Command, type CommandEnvelope, type DrillState, type ExecuteResult, type LogEntry, type SeatDef } from './types.ts';
import { cancelWork, seatBusy, startWork } from './work.ts';

/*
 * decide: turn one command into the events it causes. Nothing here reads a wall clock or an
 * unseeded random source; game time comes with the command and randomness from the RNG state in
 * the drill.
 */

/** The team a drill has when its creator does not say: one of each lead role and the SMEs the scenario is balanced for. */
export function defaultSeats(compiled: CompiledScenario): SeatDef[] {
  return [
    { seat: 'ic', role: 'ic' },
    { seat: 'deputy', role: 'deputy' },
    { seat: 'scribe', role: 'scribe' },
    ...Array.from({ length: compiled.scenario.team.smes }, (_, i): SeatDef => ({ seat: `sme-${i + 1}`, role: 'sme' })),
  ];
}

/** Minutes an IC or deputy spends assigning one task: short, but not free. */
export const ASSIGN_MINUTES = 1;

export function createDrill(compiled: CompiledScenario, seed: string, seats: readonly SeatDef[] = defaultSeats(compiled)): { state: DrillState; entries: LogEntry[] } {
  const entry: LogEntry = {
    seq: 0,
    at: 0,
    actor: SYSTEM_ACTOR,
    event: {
      type: 'drill.created',
      engine: ENGINE_VERSION,
      scenarioId: compiled.scenario.id,
      scenarioVersion: compiled.scenario.version,
      seed,
      seats: seats.map((s) => ({ seat: s.seat, role: s.role })),
      truth: drawTruth(compiled.scenario, seed),
    },
  };
  const state = initialState(compiled, seed);
  applyEntry(compiled, state, entry);
  return { state, entries: [entry] };
}

const isPlayer = (role: Actor['role']): role is PlayerRole => (PLAYER_ROLES as readonly string[]).includes(role);

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
  if (step.draft.lifecycle === 'ended') {
    // Time ran out before this command: it is refused with the reason, and the end itself is kept.
    if (command.type === 'clock.tick' || command.type === 'drill.end') return { ok: true, entries: step.entries, state: step.draft };
    return fail('ENDED', `the drill ended at ${gameTimeText(step.draft.clock)} (time up) before this command at ${gameTimeText(at)}; nothing was applied`);
  }

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
  if (!state.seats.some((s) => s.seat === actor.seat && s.role === actor.role)) {
    return fail('UNKNOWN_SEAT', `there is no ${actor.role} seat "${actor.seat}" in this drill (seats: ${state.seats.map((s) => s.seat).join(', ')})`);
  }
  if (state.lifecycle === 'briefing') return fail('NOT_STARTED', 'the drill has not started yet; wait for the facilitator');
  if (state.lifecycle === 'paused') return fail('PAUSED', 'the drill is paused; wait for the facilitator to resume');
  return null;
}

function checkTarget(step: Step, kind: 'none' | 'asset', target: string | undefined, action: string): ExecuteResult | null {
  if (kind === 'none') return target ? fail('UNKNOWN_TARGET', `"${action}" takes no target`) : null;
  if (!target) return fail('UNKNOWN_TARGET', `"${action}" needs a target asset`);
  if (!step.compiled.assetsById.has(target)) return fail('UNKNOWN_TARGET', `no asset "${target}" in this scenario`);
  return null;
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
      const n = draft.made.adhoc + 1;
      step.emit(at, actor, { type: 'inject.adhocDelivered', injectId: `adhoc-${n}`, title: command.title, body: command.body, audience: command.audience });
      return null;
    }
    case 'action.take': {
      const def = getAction(command.action);
      if (!def) return fail('UNKNOWN_ACTION', `no action "${command.action}" in the catalog`);
      if (!isPlayer(actor.role) || !def.roles.includes(actor.role)) {
        return fail('FORBIDDEN', `${actor.role} cannot take "${def.id}"; it is for ${def.roles.join(', ')}`);
      }
      const targetError = checkTarget(step, def.target, command.target, def.id);
      if (targetError) return targetError;
      return startWork(step, at, { role: actor.role, seat: actor.seat }, def, command.target, command.detail);
    }
    case 'action.cancel':
      return cancelWork(step, at, actor, command.workId);
    case 'task.assign': {
      if (actor.role !== 'ic' && actor.role !== 'deputy') return fail('FORBIDDEN', 'only the IC or deputy assigns tasks');
      const def = getAction(command.action);
      if (!def) return fail('UNKNOWN_ACTION', `no action "${command.action}" in the catalog`);
      const to = draft.seats.find((s) => s.seat === command.toSeat);
      if (!to) return fail('UNKNOWN_SEAT', `no seat "${command.toSeat}" in this drill (seats: ${draft.seats.map((s) => s.seat).join(', ')})`);
      if (!def.roles.includes(to.role)) return fail('FORBIDDEN', `${to.seat} (${to.role}) cannot take "${command.action}"`);
      const targetError = checkTarget(step, def.target, command.target, command.action);
      if (targetError) return targetError;
      const busy = seatBusy(draft, actor.seat, at);
      if (busy) return fail('BUSY', busy);
      step.emit(at, actor, {
        type: 'task.assigned',
        taskId: `k${draft.made.tasks + 1}`,
        toSeat: to.seat,
        toRole: to.role,
        action: command.action,
        ...(command.target ? { target: command.target } : {}),
        ...(command.note ? { note: command.note } : {}),
        busyUntil: at + ASSIGN_MINUTES * MS_PER_MINUTE,
      });
      return null;
    }
    case 'message.send':
      return sendMessage(step, at, actor, command.message);
    case 'decision.answer':
      return answerDecision(step, at, actor, command);
    case 'timeline.add': {
      if (command.asset !== undefined && !compiled.assetsById.has(command.asset)) return fail('UNKNOWN_TARGET', `no asset "${command.asset}" in this scenario`);
      if (command.kind !== undefined && !(TRUTH_KINDS as readonly string[]).includes(command.kind)) {
        return fail('INVALID_COMMAND', `kind: "${command.kind}" is not one of ${TRUTH_KINDS.join(', ')}`);
      }
      step.emit(at, actor, {
        type: 'timeline.added',
        entryId: `t${draft.made.timeline + 1}`,
        text: command.text,
        ...(command.claimedAt !== undefined ? { claimedAt: command.claimedAt } : {}),
        ...(command.asset !== undefined ? { asset: command.asset } : {}),
        ...(command.kind !== undefined ? { kind: command.kind } : {}),
      });
      return null;
    }
    case 'hint.request': {
      const hint = nextHint(compiled, draft, actor);
      step.emit(at, actor, { type: 'hint.given', injectId: hint.injectId, text: hint.text });
      return null;
    }
  }
}

function sendMessage(step: Step, at: number, actor: Actor, message: Extract<Command, { type: 'message.send' }>['message']): ExecuteResult | null {
  const { draft, compiled } = step;
  const { scenario } = compiled;
  const unknown = unknownRecipients(scenario, message.recipients);
  if (unknown.length > 0) {
    return fail('UNKNOWN_RECIPIENT', `recipients: ${unknown.map((r) => `"${r}"`).join(', ')} is neither a directory id nor an address (directory: ${scenario.directory.map((p) => p.id).join(', ')})`);
  }
  if (message.channel !== 'statement' && message.recipients.length === 0) return fail('INVALID_COMMAND', 'recipients: name at least one person, group or address');
  if (message.channel === 'statement' && !message.statement) return fail('INVALID_COMMAND', 'statement: a public statement needs its kind (holding, update or final) and its claims');
  for (const raw of message.recipients) {
    const r = resolveRecipient(scenario, raw);
    const opener = r && 'person' in r ? r.person.openedBy : undefined;
    if (opener && draft.actionsTaken[opener] === undefined) {
      return fail('NOT_POSSIBLE', `${raw} does not exist yet: someone has to "${getAction(opener)?.title.en ?? opener}" first`);
    }
  }
  const claims = message.statement?.claims;
  if (claims?.data?.some((d) => !scenario.dataStores.some((s) => s.id === d))) return fail('INVALID_COMMAND', `statement.claims.data: use data store ids (${scenario.dataStores.map((d) => d.id).join(', ')})`);
  if (claims?.cause !== undefined && !scenario.claims.causes.some((c) => c.id === claims.cause)) return fail('INVALID_COMMAND', `statement.claims.cause: one of ${scenario.claims.causes.map((c) => c.id).join(', ')}`);
  if (claims?.actor !== undefined && !scenario.claims.actors.some((c) => c.id === claims.actor)) return fail('INVALID_COMMAND', `statement.claims.actor: one of ${scenario.claims.actors.map((c) => c.id).join(', ')}`);
  const messageId = `m${draft.made.messages + 1}`;
  const reach = reachOf(scenario, draft.truth, message, at);
  step.emit(at, actor, { type: 'message.sent', messageId, message: copyDraft(message), reach });
  if (reach.attackerReads && draft.adversary.alertedAt === null && draft.adversary.fallbackAt === null && scenario.adversary.tipOff) {
    step.emit(at, SYSTEM_ACTOR, { type: 'adversary.noticed', messageId });
  }
  return null;
}

function copyDraft(m: Extract<Command, { type: 'message.send' }>['message']) {
  return {
    channel: m.channel,
    recipients: m.recipients.slice(),
    subject: m.subject,
    body: m.body,
    encrypted: m.encrypted,
    ...(m.statement ? { statement: { kind: m.statement.kind, claims: { ...m.statement.claims, ...(m.statement.claims.data ? { data: m.statement.claims.data.slice() } : {}) } } } : {}),
  };
}

function answerDecision(step: Step, at: number, actor: Actor, command: Extract<Command, { type: 'decision.answer' }>): ExecuteResult | null {
  const { draft, compiled } = step;
  const inject = compiled.injectsById.get(command.injectId);
  const record = draft.decisions.find((d) => d.injectId === command.injectId);
  if (!inject?.decision || !record) return fail('UNKNOWN_INJECT', `no decision "${command.injectId}" has been asked in this drill`);
  if (record.answer) return fail('ALREADY_DONE', `"${command.injectId}" was already answered at ${gameTimeText(record.answer.at)}`);
  if (!isPlayer(actor.role) || !inject.decision.by.includes(actor.role)) return fail('FORBIDDEN', `this decision is for ${inject.decision.by.join(' or ')}`);
  if (!inject.decision.options.some((o) => o.id === command.option)) {
    return fail('INVALID_COMMAND', `option: "${command.option}" is not one of ${inject.decision.options.map((o) => o.id).join(', ')}`);
  }
  step.emit(at, actor, { type: 'decision.answered', injectId: command.injectId, option: command.option, ...(command.note ? { note: command.note } : {}), late: at > record.dueAt });
  return null;
}
