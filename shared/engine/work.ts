import { LOCALES, type Localized } from '../i18n/locales.ts';
import { localized } from '../i18n/message.ts';
import { getAction } from '../runbook/actions.ts';
import type { ActionDef, PlayerRole } from '../runbook/types.ts';
import type { CompiledScenario } from '../scenario/compiled.ts';
import type { Finding, Learn, WorkSpec } from '../scenario/schema.ts';
import { actionKey } from './conditions.ts';
import { draw } from './rng.ts';
import { fail, gameTimeText, type Step } from './step.ts';
import { isCompromised, renderText, resolveAsset } from './truth.ts';
import { SYSTEM_ACTOR, MS_PER_MINUTE, type Actor, type DrillState, type ExecuteResult, type KnowledgeItem, type WorkOutcome, type WorkRecord } from './types.ts';
import { stopExfiltrationIfCut, maybeAlertAdversary } from './adversary.ts';
import { learn } from './knowledge.ts';
import { workStatus } from './evolve.ts';

/*
 * Work takes time and a person. Starting an action occupies the seat until it completes; its
 * effects on the world, and what it shows the team, land at completion. A seat does one piece of
 * work at a time: a second request is refused with BUSY rather than queued, so the player sees at
 * once that the work needs someone else (or a cancellation) instead of finding out later that it
 * never began.
 */

/** How long an action takes on a target, and its chances of going wrong, in this scenario. */
export function workSpec(compiled: CompiledScenario, def: ActionDef, target?: string): { minutes: number; fail: number; partial: number } {
  const general: Partial<WorkSpec> = compiled.scenario.work[def.id] ?? {};
  const onAsset: Partial<WorkSpec> = (target && compiled.assetsById.get(target)?.work[def.id]) || {};
  return {
    minutes: onAsset.minutes ?? general.minutes ?? def.minutes,
    fail: onAsset.fail ?? general.fail ?? 0,
    partial: onAsset.partial ?? general.partial ?? 0,
  };
}

/** The seat's running work, if any. */
export const runningWorkOf = (state: DrillState, seat: string): WorkRecord | undefined => state.work.find((w) => w.status === 'running' && w.seat === seat);

/** Why a seat cannot take on new work at `at`, or null when it is free. */
export function seatBusy(state: DrillState, seat: string, at: number): string | null {
  const running = runningWorkOf(state, seat);
  if (running) {
    const def = getAction(running.action);
    return `${seat} is busy with "${def?.title.en ?? running.action}"${running.target ? ` on ${running.target}` : ''} until ${gameTimeText(running.endsAt)}; cancel it or give this to someone else`;
  }
  const until = state.busyUntil[seat];
  if (until !== undefined && until > at) return `${seat} is busy assigning work until ${gameTimeText(until)}`;
  return null;
}

/** Actions the world no longer allows, with the reason a player can act on. Checked at start and again at completion. */
export function whyImpossible(compiled: CompiledScenario, state: DrillState, action: string, target: string | undefined, detail: string | undefined): string | null {
  const asset = target ? state.assets[target] : undefined;
  if (action === 'set-codename' && !detail?.trim()) return 'give the codename as the action detail';
  if (asset?.destroyed && action !== 'restore-from-backup' && action !== 'deploy-clean-instance') return `${target} has been destroyed; nothing on it can be examined or changed`;
  if (action === 'capture-memory' && asset && (asset.shutDown || asset.rebooted)) {
    return `${target} has been shut down or rebooted: its memory is gone`;
  }
  if (action === 'restore-from-backup' && target && !compiled.assetsById.get(target)?.hasBackup) {
    return `${target} has no backup to restore from`;
  }
  if (action === 'forensic-analysis' && !Object.values(state.assets).some((a) => a.imaged || a.memoryCaptured)) {
    return 'there is nothing to analyse yet: capture memory or image a disk first';
  }
  return null;
}

export function startWork(step: Step, at: number, actor: Actor & { role: PlayerRole }, def: ActionDef, target: string | undefined, detail: string | undefined): ExecuteResult | null {
  const { draft, compiled } = step;
  const busy = seatBusy(draft, actor.seat, at);
  if (busy) return fail('BUSY', busy);
  const twin = draft.work.find((w) => w.status === 'running' && w.action === def.id && w.target === target);
  if (twin) return fail('ALREADY_RUNNING', `${twin.seat} is already doing "${def.title.en}"${target ? ` on ${target}` : ''} (until ${gameTimeText(twin.endsAt)})`);
  if (def.once && draft.actionsTaken[actionKey(def.id, target)] !== undefined) {
    return fail('ALREADY_DONE', `"${def.id}"${target ? ` on ${target}` : ''} has already been done`);
  }
  const impossible = whyImpossible(compiled, draft, def.id, target, detail);
  if (impossible) return fail('NOT_POSSIBLE', impossible);
  const { minutes } = workSpec(compiled, def, target);
  const workId = `w${draft.made.work + 1}`;
  step.emit(at, actor, { type: 'action.started', workId, action: def.id, ...(target ? { target } : {}), ...(detail ? { detail } : {}), seat: actor.seat, endsAt: at + minutes * MS_PER_MINUTE });
  // Noise is made while the work is done: the attacker may notice it starting.
  if (def.noisy) maybeAlertAdversary(step, at, def.id, target);
  return null;
}

export function cancelWork(step: Step, at: number, actor: Actor, workId: string): ExecuteResult | null {
  // A trimmed state keeps only running work; workStatus knows how the rest ended.
  const status = workStatus(step.draft, workId);
  if (status === null) return fail('UNKNOWN_WORK', `no work "${workId}" in this drill`);
  if (status !== 'running') return fail('NOT_POSSIBLE', `work ${workId} is not running (it is ${status})`);
  const work = step.draft.work.find((w) => w.id === workId)!;
  const lead = actor.role === 'ic' || actor.role === 'deputy';
  if (actor.seat !== work.seat && !lead) return fail('FORBIDDEN', `only ${work.seat} or the IC or deputy can cancel ${workId}`);
  step.emit(at, actor, { type: 'action.cancelled', workId, by: actor.seat });
  return null;
}

/** What the target of a piece of work really is in the drill's world. */
function targetKind(state: DrillState, target: string | undefined, at: number): 'entry' | 'compromised' | 'clean' | undefined {
  if (target === undefined) return undefined;
  if (target === state.truth.entry && isCompromised(state.truth, target, at)) return 'entry';
  return isCompromised(state.truth, target, at) ? 'compromised' : 'clean';
}

/** The first finding of the action whose conditions hold in this drill, or null. */
export function findingFor(compiled: CompiledScenario, state: DrillState, work: WorkRecord, at: number): Finding | null {
  const findings = compiled.scenario.findings[work.action];
  if (!findings) return null;
  const kind = targetKind(state, work.target, at);
  for (const finding of findings) {
    const w = finding.when;
    if (w.target !== undefined && w.target !== kind) continue;
    if (w.insider !== undefined && w.insider !== state.truth.insider) continue;
    if (w.known && !w.known.every((f) => state.knowledge.facts[f] !== undefined)) continue;
    return finding;
  }
  return null;
}

const FAILED = localized('work.failed');
const PARTIAL = localized('work.partial');

/** Two texts as one, each locale's own where either has it; a scenario's untranslated text stays English. */
function joinText(a: Localized, b: Localized): Localized {
  const out: Localized = { en: `${a.en} ${b.en}` };
  for (const l of LOCALES) if (l !== 'en' && (a[l] !== undefined || b[l] !== undefined)) out[l] = `${a[l] ?? a.en} ${b[l] ?? b.en}`;
  return out;
}

/** A finding's lessons as knowledge items; a partial result confirms nothing and establishes no fact. */
function lessons(state: DrillState, learn: readonly Learn[], outcome: WorkOutcome, target?: string): KnowledgeItem[] {
  const items: KnowledgeItem[] = [];
  for (const l of learn) {
    if ('fact' in l) {
      // How many records have left is known as of now; the count goes on if the theft does.
      if (outcome === 'success') items.push(l.fact === 'records' ? { fact: l.fact, value: state.exfil.records } : { fact: l.fact });
      continue;
    }
    const asset = resolveAsset(l.asset as never, state.truth, target);
    if (!asset) continue;
    const level = outcome === 'partial' && l.level !== 'suspected' ? 'suspected' : l.level;
    items.push({ asset, level });
  }
  return items;
}

export function completeWork(step: Step, work: WorkRecord): void {
  const { draft, compiled } = step;
  const at = work.endsAt;
  const def = getAction(work.action);
  if (!def) return;
  const spec = workSpec(compiled, def, work.target);
  let outcome: WorkOutcome = 'success';
  let draws = 0;
  if (whyImpossible(compiled, draft, work.action, work.target, work.detail)) outcome = 'failed';
  else if (spec.fail + spec.partial > 0) {
    const roll = draw(draft.rng, 1).values[0] ?? 0;
    draws = 1;
    outcome = roll < spec.fail ? 'failed' : roll < spec.fail + spec.partial ? 'partial' : 'success';
  }
  const finding = outcome === 'failed' ? null : findingFor(compiled, draft, work, at);
  const text = finding ? renderText(finding.text, { scenario: compiled.scenario, truth: draft.truth, target: work.target }) : null;
  const reveal = outcome === 'failed' ? FAILED : outcome === 'partial' ? (text ? joinText(PARTIAL, text) : PARTIAL) : (text ?? undefined);
  step.emit(at, SYSTEM_ACTOR, { type: 'action.completed', workId: work.id, outcome, draws, ...(reveal ? { reveal } : {}) });
  if (outcome === 'failed') return;
  const learned = lessons(draft, finding?.learn ?? [], outcome, work.target);
  for (const item of learned) learn(step, at, item, { work: work.id });
  stopExfiltrationIfCut(step, at, def.id, work.target);
}

