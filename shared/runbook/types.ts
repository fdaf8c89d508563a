import type { Localized } from '../i18n/locales.ts';

/** Source documents of the rubric. Each citation names one of these. */
export const SOURCE_IDS = ['pd', 'pd-ooda', 'spearhead', 'sectemplates'] as const;
export type SourceId = (typeof SOURCE_IDS)[number];

/** The 14 steps of the security-incident checklist, in the order the checklist lists them. */
export const STEP_IDS = [
  'stop-attack',
  'cut-vector',
  'assemble-team',
  'isolate-instances',
  'attack-timeline',
  'compromised-data',
  'risk-other-systems',
  'risk-reattack',
  'additional-mitigations',
  'forensics',
  'internal-comms',
  'law-enforcement',
  'external-parties',
  'external-comms',
] as const;
export type StepId = (typeof STEP_IDS)[number];

export const OODA_PHASES = ['observe', 'orient', 'decide', 'act'] as const;
export type OodaPhase = (typeof OODA_PHASES)[number];

/** Seats a person can hold in a drill. `facilitator` runs it; `observer` only watches. */
export const ROLES = ['ic', 'deputy', 'scribe', 'sme', 'facilitator', 'observer'] as const;
export type Role = (typeof ROLES)[number];
/** Roles that play the incident (take actions, write messages). */
export const PLAYER_ROLES = ['ic', 'deputy', 'scribe', 'sme'] as const;
export type PlayerRole = (typeof PLAYER_ROLES)[number];

/** A pointer into one source document: `section` is a stable id of a heading or numbered item there. */
export interface RunbookRef {
  source: SourceId;
  section: string;
}

export interface SourceDoc {
  id: SourceId;
  title: Localized;
}

export interface ChecklistStep {
  id: StepId;
  /** 1-based position in the checklist. */
  number: number;
  title: Localized;
  /** Our own summary of what the step asks for. */
  summary: Localized;
  ooda: OodaPhase;
  refs: readonly RunbookRef[];
}

export interface RoleDef {
  id: Role;
  title: Localized;
  duties: readonly Localized[];
  refs: readonly RunbookRef[];
}

export const COMMS_RULE_IDS = [
  'codename',
  'awp-prefix',
  'email-subject-only-awp',
  'prefer-voice-chat',
  'sms-only-redirect',
  'encrypt-external-email',
  'no-disclosure-before-approval',
  'internal-after-insider-ruled-out',
  'statement-date-in-title',
  'statement-no-cliche',
  'statement-timeline',
  'statement-data-affected',
  'statement-customer-actions',
  'statement-no-blame',
] as const;
export type CommsRuleId = (typeof COMMS_RULE_IDS)[number];

export interface CommsRuleDef {
  id: CommsRuleId;
  title: Localized;
  /** Why the rule exists, in our words; shown as a hint in training mode and in reports. */
  explanation: Localized;
  refs: readonly RunbookRef[];
}

/** What a target of an action is. `asset` targets name a scenario asset id; `party` names an outside party. */
export type ActionTarget = 'none' | 'asset';

/** Per-asset flags an action can set. The engine keeps one of these per scenario asset. */
export interface AssetFlags {
  memoryCaptured: boolean;
  imaged: boolean;
  /** The disk image is read-only and stored off the host (chain of custody). */
  imageSecured: boolean;
  isolated: boolean;
  shutDown: boolean;
  /** Terminated, deleted, cleaned or rebuilt: the original disk is gone. */
  destroyed: boolean;
  rebooted: boolean;
  sessionsKilled: boolean;
  restored: boolean;
  monitored: boolean;
  sensorsDeployed: boolean;
}

/** How an action bears on evidence, for the evidence-preservation score. */
export type EvidenceEffect =
  | 'none'
  | 'captures-memory'
  | 'captures-disk'
  | 'loses-memory' // volatile state is gone (reboot, shutdown)
  | 'destroys-disk'; // the disk itself is gone or overwritten (terminate, delete, clean, rebuild, restore over)

/** Response-wide facts an action establishes (not tied to one asset). */
export type ResponseFact =
  | 'icPaged'
  | 'codenameSet'
  | 'privateChannel'
  | 'bridge'
  | 'securityInvited'
  | 'ownersInvited'
  | 'legalInvited'
  | 'execsInvited'
  | 'severityDeclared'
  | 'workingDoc'
  | 'disclosureApproved'
  | 'accountsLocked'
  | 'credentialsRotated'
  | 'ipsBlocked'
  | 'monitoringAdded'
  | 'timelineBuilt'
  | 'dataIdentified'
  | 'riskAssessed'
  | 'reattackAssessed'
  | 'forensicsDone'
  | 'insiderAssessed'
  | 'lawEnforcement'
  | 'certContacted'
  | 'insurerContacted'
  | 'thirdPartiesContacted'
  | 'fixVerified'
  | 'ticketFiled'
  | 'closed'
  | 'postmortemScheduled';

export interface ActionDef {
  id: string;
  title: Localized;
  /** Checklist step the action belongs to; null for set-up and closing work outside the 14 steps. */
  step: StepId | null;
  ooda: OodaPhase;
  /** Roles the engine lets take it; anyone else is refused. */
  roles: readonly PlayerRole[];
  /** Roles that should take it; an allowed role outside this list costs role-discipline points. */
  owners: readonly PlayerRole[];
  /** Response-wide fact the action establishes, if any. */
  fact?: ResponseFact;
  target: ActionTarget;
  /** Hands-on technical work the IC should delegate rather than do. */
  handsOn: boolean;
  /** Touches suspect systems in a way the attacker may notice. */
  noisy: boolean;
  /** Flags set on the target asset. */
  sets: Partial<AssetFlags>;
  evidence: EvidenceEffect;
  /** Whether taking it twice on the same target is refused as already done. */
  once: boolean;
  /**
   * Game minutes the work takes a person (a scenario may set other figures per asset). The seat doing
   * it can do nothing else meanwhile; effects and findings land when it completes.
   */
  minutes: number;
  refs: readonly RunbookRef[];
}
