import { getAction } from '../../../shared/runbook/actions.ts';
import type { ActionDef, PlayerRole } from '../../../shared/runbook/types.ts';
import type { DrillView } from '../../../shared/engine/view-types.ts';
import type { WorkRecord } from '../../../shared/engine/types.ts';

/*
 * What a seat can start now, and why not, worked out from its view alone. The engine decides (a
 * refused command changes nothing); this only lets the war room grey out what would be refused and
 * say why beforehand, in the reader's words. It never uses anything the seat does not know.
 */

/** Why an action cannot be started now: a catalog key under `why.` and its values. */
export interface Reason {
  key: string;
  values?: Record<string, string | number>;
  /** A piece of work the reason is about (the seat's own, or someone else's on the same thing). */
  work?: WorkRecord;
}

export type Availability = { ok: true; minutes: number } | { ok: false; minutes: number; reason: Reason };

/** How long an action takes on a target in this scenario: its asset's figure, the scenario's, else the catalog's. */
export function minutesFor(view: Pick<DrillView, 'scenario'>, def: ActionDef, target?: string): number {
  const byAsset = view.scenario.minutes[def.id];
  return (target !== undefined ? byAsset?.[target] : undefined) ?? byAsset?.['*'] ?? def.minutes;
}

/** The seat's running work, if any. */
export const runningWorkOf = (view: Pick<DrillView, 'work'>, seat: string): WorkRecord | undefined => view.work.find((w) => w.status === 'running' && w.seat === seat);

/** Why the seat cannot start any work now (the drill is not running, or the seat is busy), or null. */
export function seatBlocked(view: DrillView, seat: string, now: number): Reason | null {
  if (view.lifecycle === 'briefing') return { key: 'notStarted' };
  if (view.lifecycle === 'paused') return { key: 'paused' };
  if (view.lifecycle === 'ended') return { key: 'ended' };
  const running = runningWorkOf(view, seat);
  if (running) return { key: 'busy', work: running };
  const until = view.busyUntil[seat];
  if (until !== undefined && until > now) return { key: 'assigning', values: { until } };
  return null;
}

const actionKey = (action: string, target?: string) => (target ? `${action}@${target}` : action);

/** Whether `role` at `seat` can start `action` (on `target`) now; the reason when not. */
export function availability(view: DrillView, seat: string, role: PlayerRole, action: string, target: string | undefined, now: number): Availability {
  const def = getAction(action);
  if (!def) return { ok: false, minutes: 0, reason: { key: 'unknown' } };
  const minutes = minutesFor(view, def, target);
  const no = (reason: Reason): Availability => ({ ok: false, minutes, reason });
  if (!def.roles.includes(role)) return no({ key: 'notYourRole', values: { roles: def.roles.join(',') } });
  if (def.target === 'asset' && !target) return no({ key: 'needsTarget' });
  const blocked = seatBlocked(view, seat, now);
  if (blocked) return no(blocked);
  const twin = view.work.find((w) => w.status === 'running' && w.action === action && w.target === (def.target === 'asset' ? target : undefined));
  if (twin) return no({ key: 'running', work: twin });
  const doneAt = view.actionsTaken[actionKey(action, def.target === 'asset' ? target : undefined)];
  if (def.once && doneAt !== undefined) return no({ key: 'done', values: { at: doneAt } });
  const impossible = impossibleOn(view, def, target);
  if (impossible) return no(impossible);
  return { ok: true, minutes };
}

/** What the team's own work has made impossible (the same rules the engine applies, from the view). */
function impossibleOn(view: DrillView, def: ActionDef, target: string | undefined): Reason | null {
  const asset = target ? view.assets[target] : undefined;
  if (asset?.destroyed && def.id !== 'restore-from-backup' && def.id !== 'deploy-clean-instance') return { key: 'destroyed' };
  if (def.id === 'capture-memory' && asset && (asset.shutDown || asset.rebooted)) return { key: 'memoryGone' };
  if (def.id === 'restore-from-backup' && target && !view.scenario.assets.find((a) => a.id === target)?.hasBackup) return { key: 'noBackup' };
  if (def.id === 'forensic-analysis' && !Object.values(view.assets).some((a) => a.imaged || a.memoryCaptured)) return { key: 'nothingToAnalyse' };
  return null;
}

/** Actions that carry free text the engine needs (the codename) or the team reads (the severity). */
export const DETAIL_ACTIONS: Readonly<Record<string, 'text' | 'severity'>> = { 'set-codename': 'text', 'declare-severity': 'severity' };
export const SEVERITY_LEVELS = ['sev1', 'sev2', 'sev3', 'sev4'] as const;
