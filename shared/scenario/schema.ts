import { z } from 'zod';
import { PLAYER_ROLES } from '../runbook/types.ts';

/*
 * The scenario file format (see scenarios/README.md). This schema is the single definition:
 * TypeScript types, the JSON Schema for editors and the validator all come from it.
 * Cross-references (ids that must resolve) are checked in ./references.ts, not here.
 */

export const SCENARIO_FORMAT_VERSION = 1;

const id = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'ids are lower-case letters, digits and dashes');
const minutes = z.number().finite().min(0).max(24 * 60);

/** Text in one or more locales. A plain string is English. */
export const localizedSchema = z.union([
  z.string().min(1).transform((en) => ({ en })),
  z.strictObject({
    en: z.string().min(1),
    ja: z.string().min(1).optional(),
    'zh-CN': z.string().min(1).optional(),
  }),
]);

export const actionRefSchema = z.strictObject({
  action: id,
  /** Asset id; omitted means "on any target". */
  target: id.optional(),
});
export type ActionRef = z.infer<typeof actionRefSchema>;

export type Condition =
  | { after: number }
  | { action: string; target?: string; by?: string }
  | { delivered: string; plus?: number }
  | { exfilAtLeast: number }
  | { exfilStopped: true }
  | { adversary: 'alerted' | 'fallback' }
  | { phase: string }
  | { insider: 'ruled-out' | 'confirmed' }
  | { message: { purpose?: string; audience?: string; channel?: string } }
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition };

export const conditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.strictObject({ after: minutes }),
    z.strictObject({ action: id, target: id.optional(), by: z.enum(PLAYER_ROLES).optional() }),
    z.strictObject({ delivered: id, plus: minutes.optional() }),
    z.strictObject({ exfilAtLeast: z.number().int().min(0) }),
    z.strictObject({ exfilStopped: z.literal(true) }),
    z.strictObject({ adversary: z.enum(['alerted', 'fallback']) }),
    z.strictObject({ phase: id }),
    z.strictObject({ insider: z.enum(['ruled-out', 'confirmed']) }),
    z.strictObject({
      message: z.strictObject({
        purpose: z.string().optional(),
        audience: z.string().optional(),
        channel: z.string().optional(),
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

export const injectSchema = z.strictObject({
  id,
  title: localizedSchema,
  body: localizedSchema,
  /** Who the inject appears to come from (a SOC analyst, a reporter, …). */
  from: localizedSchema.optional(),
  severity: z.enum(['info', 'warning', 'critical']).default('info'),
  audience: audienceSchema.default('all'),
  delivery: deliverySchema,
  /** Shown on request in training mode; using it is recorded in the report. */
  hint: localizedSchema.optional(),
  /** Facilitator-only guidance: what a good team does with this inject. */
  facilitatorNote: localizedSchema.optional(),
});

export const assetSchema = z.strictObject({
  id,
  name: localizedSchema,
  kind: z.enum(['database', 'server', 'workstation', 'service', 'saas', 'network', 'storage']),
  criticality: z.enum(['low', 'medium', 'high', 'critical']),
  compromised: z.boolean().default(false),
  hasBackup: z.boolean().default(false),
  /** Other assets this one talks to; drawn as the network on the situation board. */
  links: z.array(id).default([]),
});

export const dataStoreSchema = z.strictObject({
  id,
  name: localizedSchema,
  asset: id,
  records: z.number().int().min(1),
  sensitivity: z.enum(['internal', 'confidential', 'personal', 'secret']),
});

export const exfiltrationSchema = z.strictObject({
  from: id,
  /** Records copied out per game minute while the path is open. */
  perMinute: z.number().int().min(1),
  startsAtMinute: minutes.default(0),
  /** Any one of these, once taken, cuts the exfiltration path. */
  stoppedBy: z.array(actionRefSchema).min(1),
});

export const tipOffSchema = z.strictObject({
  /** Chance (0–1) that each noisy action on a compromised asset alerts the attacker, drawn from the seeded RNG. */
  chance: z.number().min(0).max(1),
  /** Minutes between the attacker noticing and the destructive fallback. */
  fallbackAfterMinutes: minutes,
  fallback: z.strictObject({
    kind: z.enum(['wipe', 'ransomware', 'dump']),
    target: id,
    description: localizedSchema,
  }),
  /** Any one of these taken before the fallback fires prevents it. */
  preventedBy: z.array(actionRefSchema).min(1),
});

export const adversarySchema = z.strictObject({
  origin: z.enum(['external', 'insider']),
  /** Facilitator-only description of who the attacker really is. */
  profile: localizedSchema,
  foothold: z.array(id).min(1),
  exfiltration: exfiltrationSchema.optional(),
  tipOff: tipOffSchema.optional(),
});

export const truthEventSchema = z.strictObject({
  id,
  /** Game minute; negative for what happened before the drill began. */
  atMinute: z.number().finite().min(-60 * 24 * 90).max(24 * 60),
  text: localizedSchema,
  /** Words that show a timeline entry is about this event (matched case-insensitively). */
  keywords: z.array(z.string().min(2)).min(1),
  /** Key events are the ones the scribe's timeline is expected to cover. */
  key: z.boolean().default(false),
});

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
  organisation: z.strictObject({ name: z.string().min(1), domain: z.string().regex(/^[a-z0-9.-]+\.[a-z]{2,}$/) }),
  assets: z.array(assetSchema).min(1),
  dataStores: z.array(dataStoreSchema).default([]),
  adversary: adversarySchema,
  /** What analysis actions reveal to the team when taken, keyed by action id. */
  reveals: z.record(id, localizedSchema).default({}),
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
export type Audience = z.output<typeof audienceSchema>;
