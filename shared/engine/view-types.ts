import type { Localized } from '../i18n/locales.ts';
import type { Role } from '../runbook/types.ts';
import type { Asset, Audience, Scenario } from '../scenario/schema.ts';
import type { AssetState, DrillState, Lifecycle, MessageRecord, TimelineEntry } from './types.ts';

/** Who is looking. Facilitators see everything; players see what their seat may see. */
export interface Viewer {
  role: Role;
  seat: string;
}

export interface InjectView {
  injectId: string;
  seq: number;
  at: number;
  title: Localized;
  body: Localized;
  from?: Localized;
  severity: 'info' | 'warning' | 'critical';
  audience: Audience;
  adhoc: boolean;
}

/** What one seat may know about a drill. Built by viewFor(); never contains the RNG state. */
export interface DrillView {
  viewer: Viewer;
  scenario: {
    id: string;
    version: number;
    title: Localized;
    brief: Localized;
    organisation: Scenario['organisation'];
    durationMinutes: number;
    assets: Pick<Asset, 'id' | 'name' | 'kind' | 'criticality' | 'links'>[];
  };
  seq: number;
  clock: number;
  lifecycle: Lifecycle;
  speed: number;
  injects: InjectView[];
  assets: Record<string, AssetState>;
  exfil: { records: number; stopped: boolean };
  facts: DrillState['facts'];
  actionsTaken: DrillState['actionsTaken'];
  messages: MessageRecord[];
  timeline: TimelineEntry[];
  tasks: DrillState['tasks'];
  /** Hints this seat asked for (all hints, for the facilitator). */
  hints: { at: number; injectId: string | null; text: Localized }[];
  /** Present only for the facilitator. */
  facilitator?: {
    phase: string;
    adversary: DrillState['adversary'];
    notes: DrillState['notes'];
    upcoming: { injectId: string; title: Localized; dueAt: number | null; facilitatorNote?: Localized }[];
  };
}
