import { redactEntryFor } from '../engine/view.ts';
import { viewPatches } from '../engine/view-patch.ts';
import type { DrillState, LogEntry } from '../engine/types.ts';
import type { Viewer } from '../engine/view-types.ts';
import type { CompiledScenario } from '../scenario/compiled.ts';
import type { Delivery, DrillEndedNotice } from './ports.ts';

/*
 * Who is sent what when a command becomes durable (MASTER5, VIEW-P1–4): each seat gets each entry as it
 * may see it (redactEntryFor) and what the command changed in its view (viewPatches). Seats that
 * receive the same form one delivery, so an edge encodes it once for all of them.
 */

/**
 * The group a seat falls in for these entries. Players differ only by inject audience (their role)
 * when an inject arrived, and by hints (their seat) when one was given; otherwise every player gets
 * the same, and the facilitator always gets its own.
 */
function groupKey(viewer: Viewer, hintGiven: boolean, injectsArrived: boolean): string {
  if (viewer.role === 'facilitator') return 'facilitator';
  if (hintGiven) return `seat:${viewer.seat}`;
  return injectsArrived ? `role:${viewer.role}` : 'players';
}

/** The deliveries of one command's entries to an audience (each seat once); seats that see nothing new get none. */
export function fanOut(compiled: CompiledScenario, entries: readonly LogEntry[], before: DrillState, after: DrillState, audience: readonly Viewer[]): Delivery[] {
  const deliveries: Delivery[] = [];
  if (audience.length === 0) return deliveries;
  let hintGiven = false;
  for (const e of entries) if (e.event.type === 'hint.given') hintGiven = true;
  const injectsArrived = after.injects.length !== before.injects.length;
  const groups = new Map<string, { viewer: Viewer; seats: string[] }>();
  for (const viewer of audience) {
    const key = groupKey(viewer, hintGiven, injectsArrived);
    const group = groups.get(key);
    if (group) group.seats.push(viewer.seat);
    else groups.set(key, { viewer, seats: [viewer.seat] });
  }
  const patchFor = viewPatches(compiled, before, after);
  for (const { viewer, seats } of groups.values()) {
    const visible: LogEntry[] = [];
    for (const e of entries) {
      const seen = redactEntryFor(compiled, e, viewer);
      if (seen) visible.push(seen);
    }
    const patch = patchFor(viewer);
    if (visible.length > 0 || patch) deliveries.push({ seats, entries: visible, patch });
  }
  return deliveries;
}

/** The drill.ended among these entries, if they end the drill. */
export function endedBy(entries: readonly LogEntry[]): DrillEndedNotice | null {
  for (const e of entries) if (e.event.type === 'drill.ended') return { seq: e.seq, reason: e.event.reason };
  return null;
}
