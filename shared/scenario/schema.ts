import { z } from 'zod';
import { ENTRY } from './constants.ts';
import { LOCALES, type Locale } from '../i18n/locales.ts';
import { PLAYER_ROLES } from '../runbook/types.ts';

/*
 * The scenario file format (see scenarios/README.md). This schema is the single definition:
 * TypeScript types, the JSON Schema for editors and the validator all come from it.
 * Cross-references (ids that must resolve) are checked in ./references.ts, not here.
 *
 * A scenario describes a world with hidden truth: the adversary section says what may be true
 * (which host was the way in, when the attacker moved, how fast data leaves, whether an insider is
 * real) and a drill's seed picks one of those worlds. Findings say what each piece of work reveals
 * about that world, so the team knows only what it has found out.
 */

export const SCENARIO_FORMAT_VERSION = 2;

const id = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'ids are lower-case letters, digits and dashes');
const minutes = z.number().finite().min(0).max(24 * 60);
/** A game minute that may lie before the drill began (negative). */
const signedMinute = z.number().finite().min(-60 * 24 * 90).max(24 * 60);

/** A fixed value, or a range the drill's seed picks a whole number from. */
export const rangeOf = (n: z.ZodNumber) =>
  z.union([n, z.strictObject({ min: n, max: n }).refine((r: { min: number; max: number }) => r.min <= r.max, 'min must not be above max')]);
export type Range = number | { min: number; max: number };

export { ENTRY };
/** An asset id, or `$entry`: whichever asset the drill's seed made the attacker's way in. */
export const assetRefSchema = z.union([id, z.literal(ENTRY)]);
export type AssetRef = z.infer<typeof assetRefSchema>;

/** The translations a scenario text may carry: one optional field per shipped locale besides English. */
const translations = Object.fromEntries(LOCALES.filter((l) => l !== 'en').map((l) => [l, z.string().min(1).optional()])) as Record<
  Exclude<Locale, 'en'>,
  z.ZodOptional<z.ZodString>
>;

/** Text in one or more locales. A plain string is English. */
export const localizedSchema = z.union([z.string().min(1).transform((en) => ({ en })), z.strictObject({ en: z.string().min(1), ...translations })]);

export const actionRefSchema = z.strictObject({
  action: id,
  /** Asset id or `$entry`; omitted means "on any target". */
  target: assetRefSchema.optional(),
});
export type ActionRef = z.infer<typeof actionRefSchema>;

export const KNOWLEDGE_LEVELS = ['unknown', 'suspected', 'confirmed', 'cleared'] as const;
export type KnowledgeLevel = (typeof KNOWLEDGE_LEVELS)[number];

/**
 * Facts the team can establish besides the scenario's own truth events: that data is leaving (`exfil`),
 * which host was the way in (`entry`), which data was taken and how much (`data`, `records`), the cause
 * and the culprit (`cause`, `actor`), and whether an insider is behind it (`insider`).
 */
export const BUILT_IN_FACTS = ['exfil', 'entry', 'data', 'records', 'cause', 'actor', 'insider'] as const;

export type Condition =
  | { after: number }
  | { action: string; target?: string; by?: string }
  | { delivered: string; plus?: number }
  | { exfilAtLeast: number }
  | { exfilStopped: true }
  | { adversary: 'alerted' | 'fallback' }
  | { phase: string }
  | { insider: 'ruled-out' | 'confirmed' }
  | { known: string }
  | { decision: string; is: string }
  | { message: { reaches?: string; channel?: string; kind?: string } }
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition };

export const conditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.strictObject({ after: minutes }),
    /** A piece of work has completed (on this target, by this role). */
    z.strictObject({ action: id, target: assetRefSchema.optional(), by: z.enum(PLAYER_ROLES).optional() }),
    z.strictObject({ delivered: id, plus: minutes.optional() }),
    z.strictObject({ exfilAtLeast: z.number().int().min(0) }),
    z.strictObject({ exfilStopped: z.literal(true) }),
    z.strictObject({ adversary: z.enum(['alerted', 'fallback']) }),
    z.strictObject({ phase: id }),
    /** The team has established the insider question's answer. */
    z.strictObject({ insider: z.enum(['ruled-out', 'confirmed']) }),
    /** The team knows a fact (a truth event id or a built-in fact). */
    z.strictObject({ known: id }),
    /** A decision inject was answered (`answered`), answered with one option (its id), or left past its due time (`missed`). */
    z.strictObject({ decision: id, is: id }),
    z.strictObject({
      message: z.strictObject({
        /** An organisation the message reached (see directory `org`). */
        reaches: z.string().optional(),
        channel: z.string().optional(),
        /** A statement's kind: holding, update or final. */
        kind: z.string().optional(),
      }),
    }),
    z.strictObject({ all: z.array(conditionSchema).min(1) }),
    z.strictObject({ any: z.array(conditionSchema).min(1) }),
    z.strictObject({ not: conditionSchema }),
  ]),
) as z.ZodType<Condition>;

export const audienceSchema = z.union([z.literal('all'), z.literal('facilitator'), z.array(z.enum(PLAYER_ROLES)).min(1)]);

export const deliverySchema = z.union([
  z.strictObject({ at: minutes }),
  z.strictObject({ when: conditionSchema }),
  z.strictObject({ facilitator: z.literal(true) }),
]);

/** Something the team learns: how far an asset is known to be compromised, or a fact. In findings, `$target` is the work's target. */
export const learnSchema = z.union([
  z.strictObject({ asset: z.union([assetRefSchema, z.literal('$target')]), level: z.enum(['suspected', 'confirmed', 'cleared']) }),
  z.strictObject({ fact: id }),
]);
export type Learn = z.infer<typeof learnSchema>;

export const decisionSchema = z.strictObject({
  /** What is being asked, in the asker's words. */
  prompt: localizedSchema,
  options: z
    .array(
      z.strictObject({
        id,
        label: localizedSchema,
        /** How an incident lead judges this answer; the report explains it with `why`. */
        verdict: z.enum(['good', 'poor', 'neutral']).default('neutral'),
        why: localizedSchema.optional(),
      }),
    )
    .min(2),
  /** Minutes after delivery by which an answer is due; a later answer is late. */
  dueInMinutes: minutes.refine((m) => m > 0, 'a decision needs at least one minute'),
  /** Roles that may answer. */
  by: z.array(z.enum(PLAYER_ROLES)).min(1).default(['ic']),
});
export type Decision = z.output<typeof decisionSchema>;

export const injectSchema = z.strictObject({
  id,
  title: localizedSchema,
  /** May use {entry}, {target} and {time:<truth id>}. */
  body: localizedSchema,
  /** Who the inject appears to come from (a SOC analyst, a reporter, …). */
  from: localizedSchema.optional(),
  severity: z.enum(['info', 'warning', 'critical']).default('info'),
  audience: audienceSchema.default('all'),
  delivery: deliverySchema,
  /** What the team learns when it arrives. */
  learn: z.array(learnSchema).default([]),
  /** Whether it tips the adversary off as it arrives (a manager confronting the suspect in an open channel). */
  alertsAdversary: z.boolean().default(false),
  /** What happens to the organisation's systems as it arrives: a well-meant restart wipes memory. */
  effects: z.array(z.strictObject({ asset: assetRefSchema, set: z.strictObject({ rebooted: z.literal(true).optional(), shutDown: z.literal(true).optional(), isolated: z.literal(true).optional() }) })).default([]),
  /** A question the team must answer by a due time; scenario conditions can react to the answer or its absence. */
  decision: decisionSchema.optional(),
  /** Shown on request in training mode; using it is recorded in the report. */
  hint: localizedSchema.optional(),
  /** Facilitator-only guidance: what a good team does with this inject. */
  facilitatorNote: localizedSchema.optional(),
});

/** How one piece of work goes on one asset: how long it takes and its seeded chances of going wrong. */
export const workSpecSchema = z.strictObject({
  minutes: z.number().int().min(1).max(24 * 60).optional(),
  /** Chance (0–1) the work fails: nothing changes, nothing is learned, the person is free again. */
  fail: z.number().min(0).max(1).default(0),
  /** Chance (0–1) it only partly succeeds: its effects land, but what it shows stays a suspicion. */
  partial: z.number().min(0).max(1).default(0),
});
export type WorkSpec = z.output<typeof workSpecSchema>;

export const assetSchema = z.strictObject({
  id,
  name: localizedSchema,
  kind: z.enum(['database', 'server', 'workstation', 'service', 'saas', 'network', 'storage']),
  criticality: z.enum(['low', 'medium', 'high', 'critical']),
  hasBackup: z.boolean().default(false),
  /** Other assets this one talks to; drawn as the network on the situation board. */
  links: z.array(id).default([]),
  /** Work that goes differently on this asset, by action id: imaging a 2 TB database takes longer than a laptop. */
  work: z.record(id, workSpecSchema).default({}),
});

export const dataStoreSchema = z.strictObject({
  id,
  name: localizedSchema,
  asset: id,
  records: z.number().int().min(1),
  sensitivity: z.enum(['internal', 'confidential', 'personal', 'secret']),
});

/** The organisations a message can reach, from the response team outwards. */
export const ORGS = ['team', 'company', 'vendor', 'law-enforcement', 'regulator', 'customer', 'press', 'attacker'] as const;
export type Org = (typeof ORGS)[number];

export const personSchema = z.strictObject({
  id,
  name: localizedSchema,
  /** An e-mail address, a chat channel (#name) or a phone number. */
  address: z.string().min(1).max(200),
  org: z.enum(ORGS),
  /** A list or channel rather than one person. */
  group: z.boolean().default(false),
  /**
   * Whether the suspect's own account reads what is sent here. In an insider scenario whoever
   * controls that account is the adversary (the insider, or an outsider who stole the session).
   */
  readByInsider: z.boolean().default(false),
  /** The person the insider question is about: told anything, whoever controls their account is tipped off. */
  suspect: z.boolean().default(false),
  /** An address that exists only once this action has completed (the private channel, the bridge). */
  openedBy: id.optional(),
});
export type Person = z.output<typeof personSchema>;

export const claimOptionSchema = z.strictObject({
  id,
  label: localizedSchema,
  /** This answer points at a party (a supplier, a named group): it must not be published. */
  names: z.boolean().default(false),
});

export const exfiltrationSchema = z.strictObject({
  from: id,
  /** Records copied out per game minute while the path is open; a range is picked by the seed. */
  perMinute: rangeOf(z.number().int().min(1)),
  startsAtMinute: minutes.default(0),
  /** Any one of these, once completed, cuts the path the data actually takes. */
  stoppedBy: z.array(actionRefSchema).min(1),
});

export const tipOffSchema = z.strictObject({
  /** Chance (0–1) that each noisy action on a compromised asset alerts the attacker, drawn from the seeded RNG. */
  chance: z.number().min(0).max(1),
  /** Minutes between the attacker noticing and the reaction. */
  fallbackAfterMinutes: minutes,
  fallback: z.strictObject({
    /**
     * wipe or ransomware destroy the target; dump takes the rest of the data at once; speedup
     * multiplies the exfiltration rate; spread compromises the target (the attacker moves on).
     */
    kind: z.enum(['wipe', 'ransomware', 'dump', 'speedup', 'spread']),
    target: assetRefSchema,
    /** For speedup: how many times faster data leaves. */
    factor: z.number().min(1).max(100).default(3),
    description: localizedSchema,
  }),
  /** Any one of these completed before the reaction fires prevents it. */
  preventedBy: z.array(actionRefSchema).min(1),
});

export const adversarySchema = z.strictObject({
  origin: z.enum(['external', 'insider']),
  /** For an insider scenario: the seeded chance the insider is real; otherwise an outsider is using the suspect's access. */
  insiderChance: z.number().min(0).max(1).default(1),
  /** Facilitator-only description of who the attacker really is. */
  profile: localizedSchema,
  /** The hosts that may have been the way in; the seed picks one. */
  entry: z.array(id).min(1),
  /** Assets the attacker reached from the entry point, and when (the seed picks each time in its range). */
  spread: z.array(z.strictObject({ asset: id, atMinute: rangeOf(signedMinute) })).default([]),
  /** Names the attacker is known by (a crew's name, its infrastructure): they must not be published. */
  aliases: z.array(z.string().min(3)).default([]),
  /** The true cause and culprit, for judging statements' claims (ids from `claims`). */
  cause: id,
  actor: id,
  /** When there is an insider question and the insider turns out not to be real: the cause and culprit then. */
  causeIfNoInsider: id.optional(),
  actorIfNoInsider: id.optional(),
  exfiltration: exfiltrationSchema.optional(),
  /** Channels the attacker reads: a message sent over one tips it off (while `ifCompromised` is compromised, if given). */
  reads: z.array(z.strictObject({ channel: z.enum(['voice', 'chat', 'email', 'sms']), ifCompromised: id.optional() })).default([]),
  tipOff: tipOffSchema.optional(),
});

export const TRUTH_KINDS = ['recon', 'initial-access', 'credential-access', 'lateral-movement', 'persistence', 'exfiltration', 'detection', 'impact', 'insider-action'] as const;
export type TruthKind = (typeof TRUTH_KINDS)[number];

export const truthEventSchema = z.strictObject({
  id,
  /** Game minute; negative for what happened before the drill began. A range is picked by the seed. */
  atMinute: rangeOf(signedMinute),
  /** What kind of event it was, and where: a timeline entry matches it by these facts and its time. */
  kind: z.enum(TRUTH_KINDS),
  asset: assetRefSchema.optional(),
  text: localizedSchema,
  /** Key events are the ones the scribe's timeline is expected to cover. */
  key: z.boolean().default(false),
  /** Only true in the world where the insider is (or is not) real. */
  ifInsider: z.boolean().optional(),
});

/** What one piece of work shows, in the first world that matches `when`. */
export const findingSchema = z.strictObject({
  when: z
    .strictObject({
      /** What the target really is: the way in, compromised later, or clean. */
      target: z.enum(['entry', 'compromised', 'clean']).optional(),
      insider: z.boolean().optional(),
      /** Facts the team must already know for the work to show this. */
      known: z.array(id).optional(),
    })
    .default({}),
  learn: z.array(learnSchema).default([]),
  /** May use {entry}, {target} and {time:<truth id>}. */
  text: localizedSchema,
});
export type Finding = z.output<typeof findingSchema>;

export const phaseSchema = z.strictObject({
  id,
  title: localizedSchema,
  final: z.boolean().default(false),
  transitions: z.array(z.strictObject({ to: id, when: conditionSchema })).default([]),
});

export const RUBRIC_CATEGORIES = ['ordering', 'evidence', 'comms', 'roles', 'timeliness'] as const;
export type RubricCategory = (typeof RUBRIC_CATEGORIES)[number];

export const rubricSchema = z.strictObject({
  weights: z.strictObject({
    ordering: z.number().min(0).default(1),
    evidence: z.number().min(0).default(1),
    comms: z.number().min(0).default(1),
    roles: z.number().min(0).default(1),
    timeliness: z.number().min(0).default(1),
  }),
  targets: z.strictObject({
    /** Minutes from the first inject by which an IC should be paged for full credit. */
    pageIcMinutes: minutes,
    /** Minutes from the first inject by which the attack should be contained for full credit. */
    containMinutes: minutes,
  }),
});

export const scenarioSchema = z.strictObject({
  formatVersion: z.literal(SCENARIO_FORMAT_VERSION),
  id,
  version: z.number().int().min(1),
  title: localizedSchema,
  brief: localizedSchema,
  difficulty: z.enum(['intro', 'intermediate', 'advanced']),
  /** The game minute at which the drill ends if the team has not closed it. */
  durationMinutes: z.number().int().min(5).max(24 * 60),
  /** The local time of day at the drill's minute 0, as HH:MM: texts and reports show true times with it. */
  startsAt: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'write the time as HH:MM'),
  organisation: z.strictObject({ name: z.string().min(1), domain: z.string().regex(/^[a-z0-9.-]+\.[a-z]{2,}$/) }),
  /** The team the scenario is balanced for: how many SMEs besides the IC, deputy and scribe. */
  team: z.strictObject({ smes: z.number().int().min(1).max(6) }).default({ smes: 2 }),
  assets: z.array(assetSchema).min(1),
  dataStores: z.array(dataStoreSchema).default([]),
  /** Everyone the team can write to. A message's audience is worked out from whom it reaches. */
  directory: z.array(personSchema).min(1),
  /** What a public statement may claim as cause and culprit. */
  claims: z.strictObject({ causes: z.array(claimOptionSchema).min(1), actors: z.array(claimOptionSchema).min(1) }),
  adversary: adversarySchema,
  /** Work the scenario adjusts everywhere (per-asset figures in `assets[].work` take precedence). */
  work: z.record(id, workSpecSchema).default({}),
  /** What each piece of work shows, by action id. */
  findings: z.record(id, z.array(findingSchema).min(1)).default({}),
  truth: z.array(truthEventSchema).default([]),
  injects: z.array(injectSchema).min(1),
  phases: z.strictObject({ initial: id, states: z.array(phaseSchema).min(1) }),
  rubric: rubricSchema,
});

export type ScenarioInput = z.input<typeof scenarioSchema>;
export type Scenario = z.output<typeof scenarioSchema>;
export type Inject = Scenario['injects'][number];
export type Asset = Scenario['assets'][number];
export type Phase = Scenario['phases']['states'][number];
export type TruthEvent = Scenario['truth'][number];
export type Audience = z.output<typeof audienceSchema>;
