import type { Localized } from '../i18n/locales.ts';
import type { Role } from '../runbook/types.ts';
import type { Asset, Audience, KnowledgeLevel, Person, Scenario, TruthKind } from '../scenario/schema.ts';
import type { AssetState, DecisionRecord, DrillState, Lifecycle, MessageRecord, SeatDef, TaskRecord, TimelineEntry, Truth, WorkRecord } from './types.ts';

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

/** One asset as the team sees it: what it has learned about it, and what the team itself did to it. */
export interface AssetView extends AssetState {
  knowledge: KnowledgeLevel;
}

/**
 * A fact as the team knows it. A truth event carries its kind, asset and true minute (the finding
 * that revealed it said when it happened); `entry` names the asset; `data` the stores taken;
 * `records` how many records were known to have left; `cause`, `actor` and `insider` their answer.
 */
export interface KnownFact {
  at: number;
  minute?: number;
  kind?: TruthKind;
  asset?: string;
  value?: string | number | boolean | string[];
}

/** A decision asked of the team, with its question and options (the options' verdicts stay hidden). */
export interface DecisionView extends DecisionRecord {
  prompt: Localized;
  options: { id: string; label: Localized }[];
  by: string[];
}

/** The parts of a scenario any seat may read: the organisation's own map, people and data, never the adversary. */
export interface PublicScenario {
  id: string;
  version: number;
  title: Localized;
  brief: Localized;
  organisation: Scenario['organisation'];
  durationMinutes: number;
  startsAt: string;
  assets: Pick<Asset, 'id' | 'name' | 'kind' | 'criticality' | 'links' | 'hasBackup'>[];
  dataStores: Pick<Scenario['dataStores'][number], 'id' | 'name' | 'asset' | 'records' | 'sensitivity'>[];
  directory: Pick<Person, 'id' | 'name' | 'address' | 'org' | 'group' | 'suspect' | 'openedBy'>[];
  claims: Scenario['claims'];
  /** How long work takes here where it differs from the catalog: action → asset (or `*`) → minutes. */
  minutes: Record<string, Record<string, number>>;
}

/** What one seat may know about a drill. Built by viewFor(); never contains the RNG state or the truth. */
export interface DrillView {
  viewer: Viewer;
  scenario: PublicScenario;
  seq: number;
  clock: number;
  lifecycle: Lifecycle;
  speed: number;
  seats: SeatDef[];
  injects: InjectView[];
  assets: Record<string, AssetView>;
  /** Facts the team has established: when each was learned, and what it says. */
  known: Record<string, KnownFact>;
  /** Every piece of work started, with its status and what it showed. */
  work: WorkRecord[];
  busyUntil: DrillState['busyUntil'];
  /** Records known to have left, once the team knows data is leaving; null before. */
  exfil: { records: number | null; stopped: boolean | null };
  facts: DrillState['facts'];
  actionsTaken: DrillState['actionsTaken'];
  messages: MessageRecord[];
  decisions: DecisionView[];
  timeline: TimelineEntry[];
  tasks: TaskRecord[];
  /** Hints this seat asked for (all hints, for the facilitator). */
  hints: { at: number; injectId: string | null; text: Localized }[];
  /** Present only for the facilitator. */
  facilitator?: {
    phase: string;
    truth: Truth;
    adversary: DrillState['adversary'];
    exfil: DrillState['exfil'];
    notes: DrillState['notes'];
    upcoming: { injectId: string; title: Localized; dueAt: number | null; facilitatorNote?: Localized }[];
  };
}
