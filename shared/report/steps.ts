import type { StepId } from '../runbook/types.ts';
import { ACTIONS } from '../runbook/actions.ts';
import { CHECKLIST } from '../runbook/checklist.ts';
import type { ActionRecord, Moment, RuleContext, WorkItem } from '../scoring/context.ts';
import { containedAt, teamAssembled } from '../scoring/rules/ordering.ts';

/*
 * The checklist as a precedence graph rather than a numbered list: work runs in parallel, a step is
 * done when its effect happened (the theft stopped, the data identified), and a step is flagged only
 * when it was done before a step it depends on.
 */

/** Steps that must be done before each step (the runbook's orderings; every other pair may overlap). */
export const STEP_PRECEDENCE: Partial<Record<StepId, StepId[]>> = {
  'stop-attack': ['assemble-team'],
  'isolate-instances': ['assemble-team'],
  forensics: ['isolate-instances'],
  'risk-reattack': ['attack-timeline'],
  'external-comms': ['attack-timeline', 'compromised-data'],
  'law-enforcement': ['compromised-data'],
};

const fact = (ctx: RuleContext, f: keyof RuleContext['facts']): Moment | null => ctx.facts[f] ?? null;
const firstOf = (...moments: (Moment | null | undefined)[]): Moment | null => moments.filter((x): x is Moment => !!x).sort((a, b) => a.seq - b.seq)[0] ?? null;

/** When each step's effect happened, or null when it never did. */
export function stepDone(ctx: RuleContext, step: StepId): Moment | null {
  switch (step) {
    case 'stop-attack':
      return containedAt(ctx);
    case 'cut-vector':
      return firstOf(fact(ctx, 'accountsLocked'), fact(ctx, 'ipsBlocked'), fact(ctx, 'credentialsRotated'), ctx.actions.find((a) => a.def.id === 'disable-code-path'));
    case 'assemble-team':
      return teamAssembled(ctx);
    case 'isolate-instances': {
      // Every machine known to be compromised cut off with its image secured; a database whose
      // stolen credentials were rotated need not be taken off the network (that would close the shop).
      const compromised = [...ctx.assetKnowledge.entries()].filter(([, h]) => h.at(-1)?.level === 'confirmed').map(([id]) => id);
      if (compromised.length === 0) return null;
      let last: Moment | null = null;
      for (const id of compromised) {
        const database = ctx.compiled.assetsById.get(id)?.kind === 'database';
        const hit = ctx.actions.find((a) => a.target === id && (a.def.sets.isolated || a.def.sets.shutDown)) ?? (database ? fact(ctx, 'credentialsRotated') : null);
        if (!hit) return null;
        if (!last || hit.seq > last.seq) last = hit;
      }
      return last;
    }
    case 'attack-timeline':
      return ctx.known.get('entry') && fact(ctx, 'timelineBuilt') ? firstOf(fact(ctx, 'timelineBuilt')) : null;
    case 'compromised-data':
      return ctx.known.get('data') ?? null;
    case 'risk-other-systems':
      return fact(ctx, 'riskAssessed');
    case 'risk-reattack':
      return fact(ctx, 'reattackAssessed');
    case 'additional-mitigations':
      return firstOf(fact(ctx, 'monitoringAdded'), fact(ctx, 'fixVerified'));
    case 'forensics':
      return fact(ctx, 'forensicsDone');
    case 'internal-comms': {
      const ruledOut = ctx.known.get('insider');
      const groups = new Set(ctx.compiled.scenario.directory.filter((p) => p.org === 'company' && p.group).map((p) => p.id));
      return ruledOut ? (ctx.messages.find((x) => x.seq > ruledOut.seq && x.reach.people.some((p) => groups.has(p))) ?? null) : null;
    }
    case 'law-enforcement':
      return firstOf(fact(ctx, 'lawEnforcement'), fact(ctx, 'certContacted'));
    case 'external-parties':
      return fact(ctx, 'thirdPartiesContacted');
    case 'external-comms':
      return ctx.messages.find((x) => x.statement?.kind === 'final') ?? null;
  }
}

export interface StepStatus {
  step: StepId;
  number: number;
  /** When work towards it first began: its own work, or the work whose completion did it. */
  startedAt: number | null;
  /** When its effect happened. */
  doneAt: number | null;
  /** Steps it depends on that were not done first. */
  early: StepId[];
}

/**
 * The work whose completion brought `moment` about: a completed action is its own cause; a fact or an
 * effect (the theft stopping, data identified) follows, in the same instant, the work that caused it,
 * unless an inject arrived in between. Null when it came from elsewhere (a message, an inject).
 */
function causingWork(ctx: RuleContext, moment: Moment): WorkItem | null {
  if ('work' in moment) return (moment as ActionRecord).work;
  // A message is the team's own act, whatever work happened to end in the same instant.
  if ('reach' in moment) return null;
  let best: WorkItem | null = null;
  for (const w of ctx.work) {
    if (!w.end || w.end.outcome === 'cancelled' || w.end.at !== moment.at || w.end.seq > moment.seq) continue;
    if (!best || w.end.seq > (best.end?.seq ?? -1)) best = w;
  }
  if (!best?.end) return null;
  const endSeq = best.end.seq;
  return ctx.injects.some((i) => i.seq > endSeq && i.seq < moment.seq) ? null : best;
}

export function stepStatuses(ctx: RuleContext): StepStatus[] {
  const done = new Map(CHECKLIST.map((s) => [s.id, stepDone(ctx, s.id)]));
  return CHECKLIST.map((s) => {
    const doneMoment = done.get(s.id) ?? null;
    const starts = ctx.work.filter((w) => w.def.step === s.id).map((w) => w.start.at);
    const cause = doneMoment ? causingWork(ctx, doneMoment) : null;
    if (cause) starts.push(cause.start.at);
    // Work of the step begun after the step was already done is follow-up, not its start.
    const before = doneMoment ? starts.filter((at) => at <= doneMoment.at) : starts;
    const startedAt = before.length > 0 ? Math.min(...before) : null;
    const early = doneMoment ? (STEP_PRECEDENCE[s.id] ?? []).filter((p) => { const d = done.get(p); return !d || d.seq > doneMoment.seq; }) : [];
    return { step: s.id, number: s.number, startedAt, doneAt: doneMoment?.at ?? null, early };
  });
}

/** Every action of the catalog belongs to at most one step; steps with none are done by messages or knowledge. */
export const ACTIONS_BY_STEP = new Map<StepId, string[]>(CHECKLIST.map((s) => [s.id, ACTIONS.filter((a) => a.step === s.id).map((a) => a.id)]));
