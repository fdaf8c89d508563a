import type { ActionRecord, Moment, ScoringContext } from '../context.ts';
import { before, minutes } from '../context.ts';
import type { Observation, Rule, RuleVerdict } from '../types.ts';

/*
 * Ordering: the runbook lets work run in parallel, but some things must come before others.
 * ORD-1..4 are the orderings the runbook states outright; ORD-5.. come from the precedence table.
 */

const obs = (at: number, events: number[], message: string): Observation => ({ at, events, message });
const verdict = (violations: Observation[], pass: Observation): RuleVerdict => ({ violations, pass });
const isMessage = (ctx: ScoringContext) => ctx.messages.length > 0;

/** The team counts as assembled once an IC is paged and a private channel or bridge exists. */
function teamAssembled(ctx: ScoringContext): Moment | null {
  const ic = ctx.facts.icPaged;
  const room = [ctx.facts.privateChannel, ctx.facts.bridge].filter((m): m is Moment => !!m).sort((a, b) => a.seq - b.seq)[0];
  if (!ic || !room) return null;
  return ic.seq > room.seq ? ic : room;
}

const DESTRUCTIVE = new Set(['loses-memory', 'destroys-disk']);
const isContainment = (a: ActionRecord) => a.def.ooda === 'act' && a.def.target === 'asset' && (a.def.step === 'stop-attack' || a.def.step === 'isolate-instances');

/** A milestone: the first moment something happened in a drill, for the precedence table. */
interface Milestone {
  label: string;
  first(ctx: ScoringContext): Moment | null;
}
const factMilestone = (fact: keyof ScoringContext['facts'], label: string): Milestone => ({ label, first: (ctx) => ctx.facts[fact] ?? null });
const actionMilestone = (label: string, pred: (a: ActionRecord, ctx: ScoringContext) => boolean): Milestone => ({
  label,
  first: (ctx) => ctx.actions.find((a) => pred(a, ctx)) ?? null,
});

const OBSERVE = actionMilestone('an observation (logs, sensors, evidence capture)', (a) => a.def.ooda === 'observe');
const CONTAIN = actionMilestone('the first containment action on a compromised system', (a, ctx) => isContainment(a) && ctx.compromised.includes(a.target ?? ''));
const CONTAINED: Milestone = {
  label: 'containment',
  first: (ctx) => ctx.exfil.stopped ?? ctx.actions.find((a) => isContainment(a) && ctx.compromised.includes(a.target ?? '')) ?? null,
};

/** Precedence of checklist work, as data: `after` should not happen before `before`. */
const PRECEDENCE: { id: string; title: string; before: Milestone; after: Milestone; ref: Rule['ref'] }[] = [
  { id: 'ORD-5', title: 'Observe before acting on suspect systems', before: OBSERVE, after: CONTAIN, ref: { source: 'pd-ooda', section: 'ooda-caution' } },
  { id: 'ORD-6', title: 'Page an incident commander before containment work', before: factMilestone('icPaged', 'paging the IC'), after: CONTAIN, ref: { source: 'pd', section: 'ic-required' } },
  { id: 'ORD-7', title: 'Secure evidence (memory, or a read-only off-host image) before forensic analysis', before: actionMilestone('securing evidence', (a) => a.def.evidence === 'captures-memory' || a.def.sets.imageSecured === true), after: factMilestone('forensicsDone', 'forensic analysis'), ref: { source: 'pd', section: 'forensics' } },
  { id: 'ORD-8', title: 'Contain and analyse before closing', before: CONTAINED, after: factMilestone('closed', 'closing the incident'), ref: { source: 'sectemplates', section: 'step-18' } },
  { id: 'ORD-9', title: 'Close the incident before scheduling the postmortem', before: factMilestone('closed', 'closing the incident'), after: factMilestone('postmortemScheduled', 'scheduling the postmortem'), ref: { source: 'sectemplates', section: 'step-20' } },
  { id: 'ORD-10', title: 'Assess the risk to other systems before rotating credentials', before: factMilestone('riskAssessed', 'assessing risk'), after: factMilestone('credentialsRotated', 'rotating credentials'), ref: { source: 'pd', section: 'assess-risk' } },
];

/**
 * The milestones every response must reach. Ordering rules judge only what happened, so without
 * this a team that did nothing would keep a perfect ordering score.
 */
const RESPONSE_MILESTONES: { label: string; reached: (ctx: ScoringContext) => Moment | null }[] = [
  { label: 'assemble the team', reached: teamAssembled },
  { label: 'contain the attack', reached: (ctx) => CONTAINED.first(ctx) },
  { label: 'establish the attack timeline', reached: (ctx) => ctx.facts.timelineBuilt ?? null },
  { label: 'identify the compromised data', reached: (ctx) => ctx.facts.dataIdentified ?? null },
  { label: 'assess the risk to other systems or of re-attack', reached: (ctx) => ctx.facts.riskAssessed ?? ctx.facts.reattackAssessed ?? null },
  { label: 'close the incident', reached: (ctx) => ctx.facts.closed ?? null },
];

export const ORDERING_RULES: Rule[] = [
  {
    id: 'ORD-0',
    category: 'ordering',
    title: 'Carry the response from assembly to closure',
    points: 6,
    ref: { source: 'sectemplates', section: 'step-18' },
    evaluate(ctx) {
      const reached = RESPONSE_MILESTONES.map((m) => ({ label: m.label, at: m.reached(ctx) }));
      const done = reached.filter((m) => m.at !== null);
      const missing = reached.filter((m) => m.at === null).map((m) => m.label);
      const events = done.map((m) => m.at?.seq ?? 0).sort((a, b) => a - b);
      return {
        fraction: done.length / reached.length,
        observation: obs(ctx.end.at, events, missing.length === 0
          ? 'The team went all the way: assembled, contained, analysed, assessed the risk and closed the incident.'
          : `The team reached ${done.length} of ${reached.length} milestones of a response; it did not ${missing.join(', ')}.`),
      };
    },
  },
  {
    id: 'ORD-1',
    category: 'ordering',
    title: 'Assemble the response team before any communication',
    points: 3,
    ref: { source: 'pd', section: 'assemble-team' },
    evaluate(ctx) {
      if (!isMessage(ctx)) return null;
      const ready = teamAssembled(ctx);
      const early = ctx.messages.filter((m) => m.message.purpose !== 'redirect' && (!ready || m.seq < ready.seq));
      return verdict(
        early.map((m) => obs(m.at, [m.seq], `A ${m.message.channel} message went out at ${minutes(m.at)} before the team was assembled (IC paged and a private channel or bridge open).`)),
        obs(ready?.at ?? 0, ready ? [ready.seq] : [], 'The team was assembled before anyone communicated about the incident.'),
      );
    },
  },
  {
    id: 'ORD-2',
    category: 'ordering',
    title: 'Capture evidence before shutting systems down',
    points: 3,
    ref: { source: 'pd', section: 'stop-attack' },
    evaluate(ctx) {
      const shutdowns = ctx.actions.filter((a) => DESTRUCTIVE.has(a.def.evidence) && ctx.compromised.includes(a.target ?? ''));
      if (shutdowns.length === 0) return null;
      const captured = (target: string, b: Moment) =>
        ctx.actions.some((a) => a.target === target && (a.def.evidence === 'captures-disk' || a.def.evidence === 'captures-memory') && a.seq < b.seq);
      const first = new Map<string, ActionRecord>();
      for (const s of shutdowns) if (!first.has(s.target ?? '')) first.set(s.target ?? '', s);
      const bad = [...first.values()].filter((s) => !captured(s.target ?? '', s));
      return verdict(
        bad.map((s) => obs(s.at, [s.seq], `${s.target} was taken down ("${s.def.title.en}") at ${minutes(s.at)} before any evidence was captured from it.`)),
        obs(shutdowns[0]?.at ?? 0, shutdowns.map((s) => s.seq), 'Evidence was captured from every compromised system before it was shut down.'),
      );
    },
  },
  {
    id: 'ORD-3',
    category: 'ordering',
    title: 'Communicate internally only once an insider is ruled out',
    points: 2,
    ref: { source: 'pd', section: 'internal-comms' },
    evaluate(ctx) {
      const internal = ctx.messages.filter((m) => m.message.audience === 'internal' || m.message.purpose === 'internal-announcement');
      if (internal.length === 0) return null;
      const early = internal.filter((m) => !before(ctx.insiderRuledOut, m));
      return verdict(
        early.map((m) => obs(m.at, [m.seq], `An internal message went out at ${minutes(m.at)} while an insider had not been ruled out${ctx.compiled.scenario.adversary.origin === 'insider' ? ' (and the attacker was an insider)' : ''}.`)),
        obs(internal[0]?.at ?? 0, internal.map((m) => m.seq), 'Internal communication waited until an insider had been ruled out.'),
      );
    },
  },
  {
    id: 'ORD-4',
    category: 'ordering',
    title: 'Go public only once the timeline and compromised data are known',
    points: 3,
    ref: { source: 'spearhead', section: 'external-comms' },
    evaluate(ctx) {
      const publics = ctx.messages.filter((m) => m.message.audience === 'public' || m.message.audience === 'customers');
      if (publics.length === 0) return null;
      const early = publics.filter((m) => !(before(ctx.facts.timelineBuilt, m) && before(ctx.facts.dataIdentified, m)));
      return verdict(
        early.map((m) => obs(m.at, [m.seq], `A ${m.message.purpose} went to ${m.message.audience} at ${minutes(m.at)} before the attack timeline and the compromised data were established.`)),
        obs(publics[0]?.at ?? 0, publics.map((m) => m.seq), 'Public communication waited for the timeline and the compromised data.'),
      );
    },
  },
  ...PRECEDENCE.map(
    (edge): Rule => ({
      id: edge.id,
      category: 'ordering',
      title: edge.title,
      points: 1,
      ref: edge.ref,
      evaluate(ctx) {
        const after = edge.after.first(ctx);
        if (!after) return null;
        const first = edge.before.first(ctx);
        const ok = first !== null && first.seq <= after.seq;
        return verdict(
          ok ? [] : [obs(after.at, [after.seq], `${edge.after.label[0]?.toUpperCase()}${edge.after.label.slice(1)} at ${minutes(after.at)} came before ${edge.before.label}${first ? ` (${minutes(first.at)})` : ' (never done)'}.`)],
          obs(after.at, [after.seq], `${edge.title}: done in order.`),
        );
      },
    }),
  ),
];
