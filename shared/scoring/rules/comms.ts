import type { Msg } from '../../i18n/message.ts';
import { isCompromised } from '../../engine/truth.ts';
import type { MessageFacts, RuleContext } from '../context.ts';
import { exfilBefore, knewBefore, seatsOfRole } from '../context.ts';
import { instance, m, time } from '../rule-kit.ts';
import { MAX_STATEMENT_PENALTY, PENALTY } from '../severity.ts';
import type { Instance, Rule, Severity } from '../types.ts';

/*
 * Communication, judged on where each message went (worked out from its recipients), what it says,
 * and what the team knew when it said it. A statement's structured claims are checked against what
 * the team had established (speculation) and against the truth (misinformation). What the words say
 * was read when the message was folded (text-facts.ts), against the codename set by then.
 */

const isPublic = (x: MessageFacts) => x.reach.audience === 'public' || x.reach.audience === 'customers';
const outsideTeam = (x: MessageFacts) => x.reach.audience !== 'team';
const written = (x: MessageFacts) => x.channel === 'chat' || x.channel === 'email';
const reachesOrg = (x: MessageFacts, ...orgs: string[]) => x.reach.orgs.some((o) => orgs.includes(o));

/** A message as findings name it: its channel and time. */
const what = (x: MessageFacts) => ({ channel: m(`channel.${x.channel}` as never), time: time(x.at), subject: x.subject || '—' });

function rule(id: string, points: number, section: string, severity: Severity, evaluate: (ctx: RuleContext) => Instance[]): Rule {
  const source = section.startsWith('ooda:') ? 'pd-ooda' : section.startsWith('spearhead:') ? 'spearhead' : 'pd';
  return { id, category: 'comms', title: m(`rule.${id}` as never), points, ref: { source, section: section.replace(/^(ooda|spearhead):/, '') }, severity, evaluate };
}

/** One instance per message a rule is about: met when `ok`, missed (with its penalty) when not. */
function perMessage(
  id: string,
  points: number,
  section: string,
  severity: Severity,
  applies: (x: MessageFacts, ctx: RuleContext) => boolean,
  ok: (x: MessageFacts, ctx: RuleContext) => boolean,
  penalty = 0,
): Rule {
  return rule(id, points, section, severity, (ctx) =>
    ctx.messages.filter((x) => applies(x, ctx)).map((x) => {
      const good = ok(x, ctx);
      return instance(good ? 1 : 0, [x.actor.seat], x.at, [x.seq], m(`${id}.${good ? 'met' : 'missed'}` as never, what(x)), good ? {} : { penalty, severity });
    }),
  );
}

/** Whether the message discusses the incident (as opposed to pulling someone onto a call). */
const discusses = (x: MessageFacts) => x.says.incident || x.statement !== undefined;

/** Each claim of a statement: established when the team knew it, wrong when it contradicts the truth. */
export function judgeClaims(ctx: RuleContext, x: MessageFacts): { claim: string; problem: 'speculation' | 'misinformation' }[] {
  const claims = x.statement?.claims;
  const truth = ctx.truth;
  if (!claims || !truth) return [];
  const out: { claim: string; problem: 'speculation' | 'misinformation' }[] = [];
  const judge = (claim: string, known: boolean, wrong: boolean) => {
    if (wrong) out.push({ claim, problem: 'misinformation' });
    else if (!known) out.push({ claim, problem: 'speculation' });
  };
  const stolen = ctx.compiled.scenario.adversary.exfiltration ? [ctx.compiled.scenario.adversary.exfiltration.from] : [];
  if (claims.data !== undefined) {
    const same = claims.data.length === stolen.length && claims.data.every((d) => stolen.includes(d));
    judge('data', knewBefore(ctx, 'data', x.seq), !same);
  }
  if (claims.records !== undefined) {
    const real = exfilBefore(ctx, x.seq);
    const wrong = real === 0 ? claims.records > 0 : claims.records < real / 2 || claims.records > real * 2;
    judge('records', knewBefore(ctx, 'records', x.seq), wrong);
  }
  if (claims.since !== undefined) {
    const access = ctx.compiled.scenario.truth.find((t) => t.kind === 'initial-access' && truth.times[t.id] !== undefined);
    const real = access ? truth.times[access.id]! * 60_000 : null;
    const tolerance = real === null ? 0 : Math.max(60 * 60_000, Math.abs(real) * 0.1);
    judge('since', access !== undefined && knewBefore(ctx, access.id, x.seq), real === null || Math.abs(claims.since - real) > tolerance);
  }
  if (claims.cause !== undefined) judge('cause', knewBefore(ctx, 'cause', x.seq), claims.cause !== truth.cause);
  if (claims.actor !== undefined) judge('actor', knewBefore(ctx, 'actor', x.seq), claims.actor !== truth.actor);
  return out;
}

/** Why a message reached the attacker through its channel, if it did. */
function readChannel(ctx: RuleContext, x: MessageFacts): boolean {
  const truth = ctx.truth;
  return !!truth && x.channel !== 'statement' && ctx.compiled.scenario.adversary.reads.some((c) => c.channel === x.channel && (c.ifCompromised === undefined || isCompromised(truth, c.ifCompromised, x.at)));
}

const companyGroups = (ctx: RuleContext) => new Set(ctx.compiled.scenario.directory.filter((p) => p.org === 'company' && p.group).map((p) => p.id));

/** The communication duties this drill called for; without them a team that never wrote a word would keep a perfect score. */
function duties(ctx: RuleContext): { key: Msg; done: MessageFacts | null }[] {
  const groups = companyGroups(ctx);
  const list: { key: Msg; done: MessageFacts | null }[] = [{ key: m('duty.team'), done: ctx.messages.find((x) => x.reach.audience === 'team') ?? null }];
  const ruledOut = ctx.known.get('insider');
  if (ruledOut && ctx.truth && !ctx.truth.insider) list.push({ key: m('duty.company'), done: ctx.messages.find((x) => x.seq > ruledOut.seq && x.reach.people.some((p) => groups.has(p))) ?? null });
  const dataLeft = ctx.exfil.total > 0 || ctx.adversary.fallback?.kind === 'dump';
  if (dataLeft) {
    list.push({ key: m('duty.customers'), done: ctx.messages.find((x) => isPublic(x) && (x.statement?.kind === 'final' || x.statement?.kind === 'update')) ?? null });
    const personal = ctx.compiled.scenario.dataStores.some((d) => d.sensitivity === 'personal');
    if (personal && ctx.compiled.scenario.directory.some((p) => p.org === 'regulator')) list.push({ key: m('duty.regulator'), done: ctx.messages.find((x) => reachesOrg(x, 'regulator')) ?? null });
  }
  return list;
}

export const COMMS_RULES: Rule[] = [
  rule('COM-0', 5, 'communicating', 5, (ctx) => {
    const list = duties(ctx);
    const done = list.filter((d) => d.done);
    const missing = list.filter((d) => !d.done).map((d) => d.key);
    const message = missing.length === 0 ? m('COM-0.met') : m('COM-0.partly', { done: done.length, of: list.length, missing: { list: missing } });
    return [instance(done.length / list.length, seatsOfRole(ctx, 'ic', 'deputy'), ctx.end.at, done.map((d) => d.done!.seq).sort((a, b) => a - b), message)];
  }),
  rule('COM-1', 2, 'assemble-team', 7, (ctx) => {
    if (ctx.messages.length === 0) return [];
    const set = ctx.facts.codenameSet;
    const first = ctx.messages[0]!;
    const ok = set !== undefined && set.seq < first.seq;
    return [instance(ok ? 1 : 0, seatsOfRole(ctx, 'ic', 'deputy'), set?.at ?? first.at, set ? [set.seq] : [first.seq], m(ok ? 'COM-1.met' : set ? 'COM-1.late' : 'COM-1.missed', { codename: ctx.codename ?? '—', time: time(set?.at ?? first.at) }))];
  }),
  perMessage('COM-2', 1, 'assemble-team', 7,
    // The codename is set together with the fact (set-codename needs one), so it was known when x was sent.
    (x, ctx) => ctx.codename !== null && x.reach.audience === 'team' && written(x) && (ctx.facts.codenameSet?.seq ?? Infinity) < x.seq && !x.says.redirect,
    (x) => x.says.codename),
  perMessage('COM-3', 1, 'communicating', 7,
    (x) => written(x) && !isPublic(x) && !reachesOrg(x, 'press', 'customer') && discusses(x),
    (x) => x.says.awp),
  perMessage('COM-4', 1, 'communicating', 7,
    (x) => x.channel === 'email' && !isPublic(x) && discusses(x),
    (x) => x.says.awpOnlySubject),
  perMessage('COM-5', 1, 'communicating', 7,
    (x) => x.reach.audience === 'team' && x.channel !== 'sms',
    (x) => x.channel !== 'email'),
  perMessage('COM-6', 3, 'communicating', 4,
    (x) => x.channel === 'sms',
    (x) => x.says.redirect,
    PENALTY.smsDetails),
  perMessage('COM-7', 3, 'communicating', 4,
    (x) => x.channel === 'email' && reachesOrg(x, 'law-enforcement', 'regulator', 'vendor', 'outside', 'attacker') && discusses(x),
    (x) => x.encrypted,
    PENALTY.unencryptedDetails),
  perMessage('COM-8', 4, 'communicating', 6,
    (x) => x.reach.audience === 'external' || isPublic(x),
    (x, ctx) => ctx.facts.disclosureApproved !== undefined && ctx.facts.disclosureApproved.seq < x.seq),
  perMessage('COM-9', 1, 'external-comms', 7, (x) => isPublic(x) && x.statement !== undefined, (x) => x.says.dateInTitle),
  perMessage('COM-10', 1, 'external-comms', 7, (x) => isPublic(x), (x) => !x.says.cliche),
  perMessage('COM-11', 1, 'external-comms', 7, (x) => isPublic(x) && x.statement?.kind === 'final', (x) => x.says.timeline),
  perMessage('COM-12', 1, 'external-comms', 7,
    (x) => isPublic(x) && x.statement?.kind === 'final',
    (x) => (x.statement?.claims.data?.length ?? 0) > 0 || x.says.affectedData),
  perMessage('COM-13', 1, 'external-comms', 7, (x) => isPublic(x) && x.statement?.kind === 'final', (x) => x.says.customerActions),
  rule('COM-15', 5, 'spearhead:external-comms', 2, (ctx) =>
    ctx.messages.filter((x) => isPublic(x) || x.statement !== undefined).map((x) => {
      const claims = judgeClaims(ctx, x);
      const promises = x.says.promises;
      const penalty = Math.min(MAX_STATEMENT_PENALTY, claims.reduce((s, c) => s + (c.problem === 'misinformation' ? PENALTY.misinformation : PENALTY.speculation), 0) + (promises ? PENALTY.speculation : 0));
      const problems = [...claims.map((c) => m(`claim.${c.problem}` as never, { claim: m(`claim.${c.claim}` as never) })), ...(promises ? [m('claim.promise')] : [])];
      if (problems.length === 0) return instance(1, [x.actor.seat], x.at, [x.seq], m('COM-15.met', what(x)));
      return instance(0, [x.actor.seat], x.at, [x.seq], m('COM-15.missed', { ...what(x), problems: { list: problems } }), { penalty, severity: 2 });
    }),
  ),
  rule('COM-16', 3, 'external-comms', 2, (ctx) =>
    ctx.messages.filter(isPublic).map((x) => {
      const claims = x.statement?.claims;
      const { causes, actors } = ctx.compiled.scenario.claims;
      const names = actors.find((a) => a.id === claims?.actor)?.names === true || causes.find((c) => c.id === claims?.cause)?.names === true;
      const bad = names || x.says.blames || x.says.namesParty;
      return instance(bad ? 0 : 1, [x.actor.seat], x.at, [x.seq], m(bad ? 'COM-16.missed' : 'COM-16.met', what(x)), bad ? { penalty: PENALTY.namedInPublic, severity: 2 } : {});
    }),
  ),
  rule('COM-17', 3, 'communicating', 4, (ctx) =>
    ctx.messages.filter(outsideTeam).map((x) => {
      // Inside the company the codename is no secret; it counts only if it had been set when x was sent.
      const secret = x.says.secret;
      if (!secret) return instance(1, [x.actor.seat], x.at, [x.seq], m('COM-17.met', what(x)));
      const published = isPublic(x);
      return instance(0, [x.actor.seat], x.at, [x.seq], m('COM-17.missed', { ...what(x), secret: m(`secret.${secret}` as never) }), { penalty: published ? PENALTY.secretPublished : PENALTY.secretLeaked, severity: published ? 2 : 4 });
    }),
  ),
  perMessage('COM-18', 2, 'communicating', 3, (x, ctx) => ctx.compiled.scenario.adversary.reads.some((c) => c.channel === x.channel) && discusses(x), (x, ctx) => !readChannel(ctx, x), PENALTY.compromisedChannel),
  rule('COM-19', 3, 'internal-comms', 3, (ctx) => {
    const groups = companyGroups(ctx);
    return ctx.messages.filter((x) => x.reach.people.some((p) => groups.has(p))).map((x) => {
      const ruledOut = knewBefore(ctx, 'insider', x.seq);
      return instance(ruledOut ? 1 : 0, [x.actor.seat], x.at, [x.seq], m(ruledOut ? 'COM-19.met' : 'COM-19.missed', what(x)), ruledOut ? {} : { penalty: PENALTY.internalTooEarly, severity: 3 });
    });
  }),
  rule('COM-20', 2, 'internal-comms', 3, (ctx) => {
    const { directory } = ctx.compiled.scenario;
    const suspects = new Set(directory.filter((p) => p.suspect).map((p) => p.id));
    if (suspects.size === 0) return [];
    const insiderReads = new Set(directory.filter((p) => p.readByInsider).map((p) => p.id));
    return ctx.messages
      .filter((x) => x.reach.people.some((p) => suspects.has(p) || (ctx.compiled.scenario.adversary.origin === 'insider' && insiderReads.has(p))))
      .map((x) => {
        const ruledOut = knewBefore(ctx, 'insider', x.seq) && ctx.truth?.insider === false;
        return instance(ruledOut ? 1 : 0, [x.actor.seat], x.at, [x.seq], m(ruledOut ? 'COM-20.met' : 'COM-20.missed', what(x)), ruledOut ? {} : { penalty: PENALTY.toldSuspect, severity: 3 });
      });
  }),
  rule('DEC-1', 4, 'communicating', 6, (ctx) =>
    // A question not yet due is not judged yet.
    ctx.decisions.filter((d) => d.answer || d.missed || ctx.ended).map((d) => {
      const inject = ctx.compiled.injectsById.get(d.injectId);
      const option = inject?.decision?.options.find((o) => o.id === d.answer?.option);
      const owners = seatsOfRole(ctx, ...(inject?.decision?.by ?? ['ic']));
      if (!d.answer) return instance(0, owners, d.dueAt, [d.asked.seq], m('DEC-1.missed', { inject: inject?.title ?? d.injectId, due: time(d.dueAt) }));
      const worth = option?.verdict === 'good' ? 1 : option?.verdict === 'neutral' ? 0.5 : 0;
      const fraction = d.answer.late ? Math.min(worth, 0.5) : worth;
      const key = d.answer.late ? 'DEC-1.late' : option?.verdict === 'good' ? 'DEC-1.met' : option?.verdict === 'poor' ? 'DEC-1.poor' : 'DEC-1.neutral';
      return instance(fraction, [d.answer.by.seat], d.answer.at, [d.answer.seq], m(key, { inject: inject?.title ?? d.injectId, option: option?.label ?? d.answer.option, why: option?.why ?? '' }));
    }),
  ),
];
