import { getAction } from '../runbook/actions.ts';
import type { Command, StatementClaims } from '../engine/types.ts';
import * as say from './messages.ts';
import type { BotContext, Policy } from './policy.ts';
import { assetsAt, done, doneOrRunning, fact, free, known, myTasks, seatsOf, sent, take } from './team-view.ts';

/*
 * A team that follows the runbook and acts only on what it has found out. The deputy assembles the
 * team and handles outreach; the IC names the incident, answers what is asked of it, decides, and
 * delegates every piece of hands-on work to the SMEs; the SMEs do what they are assigned and report
 * through their findings; the scribe keeps the working document and a timeline of what the team has
 * established. Observation comes before action, evidence before anything that would lose it,
 * isolation rather than shutdown, and nothing is said outside the team that is not established.
 */

const CODENAME = 'sapphire-unicorn';

/** Containment that keeps evidence, by what kind of asset it is. */
function containmentFor(ctx: BotContext, asset: string): string {
  const kind = ctx.view.scenario.assets.find((a) => a.id === asset)?.kind;
  return kind === 'storage' || kind === 'saas' || kind === 'service' ? 'disable-code-path' : 'network-isolate';
}
const isDatabase = (ctx: BotContext, asset: string) => ctx.view.scenario.assets.find((a) => a.id === asset)?.kind === 'database';
const contained = (ctx: BotContext, asset: string) => ctx.view.assets[asset]?.isolated === true || ctx.view.assets[asset]?.destroyed === true;
const exfilRunning = (ctx: BotContext) => ctx.view.exfil.stopped === false;
const memoryGone = (ctx: BotContext, asset: string) => {
  const a = ctx.view.assets[asset];
  return !a || a.rebooted || a.shutDown || a.destroyed;
};
const evidenceSecured = (ctx: BotContext, asset: string) => {
  const a = ctx.view.assets[asset];
  return !!a && (a.imageSecured || a.destroyed) && (a.memoryCaptured || memoryGone(ctx, asset));
};
const teamChannel = (ctx: BotContext) => ctx.view.scenario.directory.find((p) => p.org === 'team' && p.openedBy === 'open-private-channel')?.id;
const dir = (ctx: BotContext, id: string) => (ctx.view.scenario.directory.some((p) => p.id === id) ? id : undefined);

/**
 * The hands-on work the team should be doing, most urgent first, as the SMEs' lead sees it from
 * what is known: look at what is suspected, contain and preserve what is confirmed, then analyse.
 */
export function smeQueue(ctx: BotContext): Command[] {
  const queue: Command[] = [];
  const confirmed = assetsAt(ctx, 'confirmed');
  const suspected = assetsAt(ctx, 'suspected');
  const hosts = confirmed.filter((id) => !isDatabase(ctx, id));
  const databases = confirmed.filter((id) => isDatabase(ctx, id));
  const add = (action: string, target?: string) => {
    if (!doneOrRunning(ctx, action, target)) queue.push(take(action, target));
  };
  // Stop what is leaving through a confirmed machine, keeping its memory and disk.
  for (const id of hosts) if (exfilRunning(ctx) && !contained(ctx, id)) add(containmentFor(ctx, id), id);
  for (const id of hosts) if (!memoryGone(ctx, id) && !ctx.view.assets[id]?.memoryCaptured) add('capture-memory', id);
  // Look at what is only suspected, and find out how the attacker got in.
  for (const id of suspected) if (!isDatabase(ctx, id)) add('review-network-logs', id);
  for (const id of hosts) add('review-system-logs', id);
  for (const id of suspected) if (isDatabase(ctx, id)) add('review-system-logs', id);
  // A database is cut off only when isolating the hosts did not stop the theft.
  for (const id of databases) if (exfilRunning(ctx) && hosts.length > 0 && hosts.every((h) => contained(ctx, h)) && !contained(ctx, id)) add(containmentFor(ctx, id), id);
  if (knownKind(ctx, 'credential-access')) add('rotate-credentials');
  for (const id of hosts) if (!ctx.view.assets[id]?.imageSecured && !ctx.view.assets[id]?.destroyed) add('image-disk', id);
  if (knownKind(ctx, 'exfiltration')) add('identify-compromised-data');
  if (confirmed.some((id) => ctx.view.assets[id]?.memoryCaptured || ctx.view.assets[id]?.imageSecured) && known(ctx, 'entry')) add('forensic-analysis');
  for (const id of databases) if (!memoryGone(ctx, id) && !ctx.view.assets[id]?.memoryCaptured) add('capture-memory', id);
  for (const id of databases) if (!ctx.view.assets[id]?.imageSecured && !ctx.view.assets[id]?.destroyed) add('image-disk', id);
  if (hosts.length > 0 && hosts.every((id) => contained(ctx, id))) add('block-ips');
  if (done(ctx, 'rotate-credentials')) add('add-monitoring');
  if (done(ctx, 'add-monitoring')) add('verify-fix');
  for (const id of hosts) {
    const a = ctx.view.assets[id];
    if (a && (a.isolated || a.destroyed) && evidenceSecured(ctx, id) && a.downSince !== null && !a.restored) add('deploy-clean-instance', id);
  }
  return queue;
}

/**
 * Decisions: hold back (an option whose id starts with "hold"), else the first option. A bot answers
 * only the decisions its role owns, the first role the scenario names for them: a decision either
 * the IC or the deputy may answer is the IC's call, and in solo mode a bot must not take it from a
 * trainee in that seat.
 */
function answerDecisions(ctx: BotContext): Command | null {
  for (const d of ctx.view.decisions) {
    if (d.answer || d.by[0] !== ctx.seat.role) continue;
    const option = d.options.find((o) => o.id.startsWith('hold')) ?? d.options[0];
    if (option) return { type: 'decision.answer', injectId: d.injectId, option: option.id };
  }
  return null;
}

/** What a statement may claim: only what the team has established. */
function establishedClaims(ctx: BotContext): StatementClaims {
  const claims: StatementClaims = {};
  const data = ctx.view.known.data?.value;
  if (Array.isArray(data)) claims.data = data;
  const records = ctx.view.known.records?.value;
  if (typeof records === 'number' && records > 0) claims.records = records;
  const first = Object.values(ctx.view.known).filter((k) => k.kind === 'initial-access' && k.minute !== undefined)[0];
  if (first?.minute !== undefined) claims.since = first.minute * 60_000;
  if (typeof ctx.view.known.cause?.value === 'string') claims.cause = ctx.view.known.cause.value;
  return claims;
}

/** Whether the team has established an event of this kind. */
const knownKind = (ctx: BotContext, kind: string) => Object.values(ctx.view.known).some((k) => k.kind === kind);

const analysed = (ctx: BotContext) => known(ctx, 'data') && (done(ctx, 'build-attack-timeline') || knownKind(ctx, 'initial-access'));

function ic(ctx: BotContext): Command | null {
  const v = ctx.view;
  if (!fact(ctx, 'icPaged')) return null;
  if (!doneOrRunning(ctx, 'set-codename')) return take('set-codename', undefined, CODENAME);
  const decision = answerDecisions(ctx);
  if (decision) return decision;
  const room = teamChannel(ctx);
  if (room && fact(ctx, 'privateChannel') && fact(ctx, 'codenameSet') && !sent(ctx, (m) => m.recipients.includes(room))) {
    return { type: 'message.send', message: say.teamUpdate(v.facts.codenameSet !== undefined ? CODENAME : CODENAME, room) };
  }
  const pressAsked = v.decisions.some((d) => d.answer?.option === 'holding-statement');
  const pressContact = dir(ctx, 'reporter');
  if (pressAsked && fact(ctx, 'legalInvited') && !doneOrRunning(ctx, 'approve-disclosure') && free(ctx)) return take('approve-disclosure');
  if (pressAsked && pressContact && fact(ctx, 'disclosureApproved') && !sent(ctx, (m) => m.statement?.kind === 'holding')) {
    return { type: 'message.send', message: say.holdingStatement(v.scenario, [pressContact]) };
  }
  if (!free(ctx)) return null;
  // Delegate: one free SME without an open task gets the most urgent piece of work nobody holds.
  const assigned = new Set(v.tasks.filter((t) => t.status === 'open' || t.status === 'working').map((t) => `${t.action}@${t.target ?? ''}`));
  const idle = seatsOf(ctx, 'sme').filter((s) => free(ctx, s) && !v.tasks.some((t) => t.toSeat === s && t.status === 'open'));
  const next = smeQueue(ctx).find((c) => c.type === 'action.take' && !assigned.has(`${c.action}@${c.target ?? ''}`));
  if (idle[0] && next && next.type === 'action.take') {
    return { type: 'task.assign', toSeat: idle[0], action: next.action, ...(next.target ? { target: next.target } : {}) };
  }
  if (!doneOrRunning(ctx, 'declare-severity')) return take('declare-severity', undefined, 'sev1');
  if (!doneOrRunning(ctx, 'approve-disclosure') && analysed(ctx) && fact(ctx, 'legalInvited')) return take('approve-disclosure');
  const closable =
    v.exfil.stopped !== false &&
    assetsAt(ctx, 'confirmed').every((id) => evidenceSecured(ctx, id)) &&
    fact(ctx, 'forensicsDone') &&
    fact(ctx, 'credentialsRotated') &&
    fact(ctx, 'ticketFiled') &&
    fact(ctx, 'insiderAssessed') &&
    sent(ctx, (m) => m.statement?.kind === 'final') &&
    // Work someone is doing on the IC's say-so finishes before the incident is closed over it.
    !v.tasks.some((t) => t.status === 'working');
  if (closable && !doneOrRunning(ctx, 'close-incident')) return take('close-incident');
  if (fact(ctx, 'closed') && !doneOrRunning(ctx, 'schedule-postmortem')) return take('schedule-postmortem');
  return null;
}

function deputy(ctx: BotContext): Command | null {
  const v = ctx.view;
  if (v.injects.length === 0) return null;
  const decision = answerDecisions(ctx);
  if (decision) return decision;
  if (!free(ctx)) return null;
  for (const action of ['page-ic', 'open-private-channel', 'start-bridge', 'invite-security', 'invite-service-owners', 'invite-legal', 'invite-executives']) {
    if (!doneOrRunning(ctx, action)) return take(action);
  }
  if (v.known['insider']?.value === false && fact(ctx, 'disclosureApproved')) {
    const all = dir(ctx, 'all-staff');
    if (all && !sent(ctx, (m) => m.recipients.includes(all))) return { type: 'message.send', message: say.internalAnnouncement(CODENAME, all) };
  }
  if (!fact(ctx, 'disclosureApproved')) return deputyAnalysis(ctx);
  const regulator = dir(ctx, 'regulator');
  if (regulator && known(ctx, 'data') && !sent(ctx, (m) => m.recipients.includes(regulator))) return { type: 'message.send', message: say.regulatorNotice(v.scenario, regulator) };
  const claims = establishedClaims(ctx);
  const customers = dir(ctx, 'customers');
  const ready = known(ctx, 'data') && knownKind(ctx, 'initial-access');
  if (customers && ready && !sent(ctx, (m) => m.recipients.includes(customers))) {
    return { type: 'message.send', message: say.finalNotice(v.scenario, claims, 'email', [customers]) };
  }
  if (ready && !sent(ctx, (m) => m.channel === 'statement' && m.statement?.kind === 'final')) {
    return { type: 'message.send', message: say.finalNotice(v.scenario, claims, 'statement', []) };
  }
  const analysis = deputyAnalysis(ctx);
  if (analysis) return analysis;
  if (!doneOrRunning(ctx, 'contact-law-enforcement')) return take('contact-law-enforcement');
  const police = dir(ctx, 'police');
  if (police && fact(ctx, 'lawEnforcement') && !sent(ctx, (m) => m.recipients.includes(police))) return { type: 'message.send', message: say.lawEnforcementBrief(v.scenario, police) };
  for (const action of ['contact-cert', 'contact-insurer']) if (!doneOrRunning(ctx, action)) return take(action);
  return null;
}

/** Analysis the deputy owns alongside the SMEs, taken up once what it needs is known. */
function deputyAnalysis(ctx: BotContext): Command | null {
  if (!doneOrRunning(ctx, 'assess-insider-threat') && known(ctx, 'entry')) return take('assess-insider-threat');
  if (!doneOrRunning(ctx, 'assess-risk-other-systems') && knownKind(ctx, 'credential-access')) return take('assess-risk-other-systems');
  if (!doneOrRunning(ctx, 'assess-reattack-risk') && known(ctx, 'entry')) return take('assess-reattack-risk');
  return null;
}

function scribe(ctx: BotContext): Command | null {
  const v = ctx.view;
  if (v.injects.length === 0 || !free(ctx)) return null;
  if (!doneOrRunning(ctx, 'create-working-document') && fact(ctx, 'privateChannel')) return take('create-working-document');
  // Log each established event of the attack once, with its asset, kind and true time.
  const logged = new Set(v.timeline.map((t) => `${t.kind}@${t.asset ?? ''}@${t.claimedAt ?? ''}`));
  for (const [id, k] of Object.entries(v.known)) {
    if (!k.kind || k.minute === undefined) continue;
    const key = `${k.kind}@${k.asset ?? ''}@${k.minute * 60_000}`;
    if (logged.has(key)) continue;
    const assetName = v.scenario.assets.find((a) => a.id === k.asset)?.name.en;
    return { type: 'timeline.add', text: `${k.kind.replace(/-/g, ' ')}${assetName ? ` on ${assetName}` : ''} (${id})`, claimedAt: k.minute * 60_000, kind: k.kind, ...(k.asset ? { asset: k.asset } : {}) };
  }
  // A timeline is worth building once the way in is established and a few events are known.
  if (!doneOrRunning(ctx, 'build-attack-timeline') && knownKind(ctx, 'initial-access') && Object.values(v.known).filter((k) => k.kind).length >= 3) return take('build-attack-timeline');
  if (!doneOrRunning(ctx, 'file-incident-ticket') && fact(ctx, 'forensicsDone')) return take('file-incident-ticket');
  return null;
}

function sme(ctx: BotContext): Command | null {
  if (!free(ctx)) return null;
  const task = myTasks(ctx)[0];
  if (task) return take(task.action, task.target);
  // With nothing assigned, an SME waits for the IC.
  return null;
}

const BY_ROLE: Partial<Record<string, (ctx: BotContext) => Command | null>> = { ic, deputy, scribe, sme };

export const byTheBook: Policy = {
  id: 'by-the-book',
  next(ctx) {
    const command = BY_ROLE[ctx.seat.role]?.(ctx) ?? null;
    if (!command || ctx.refused.has(JSON.stringify(command))) return null;
    if (command.type === 'action.take' && !getAction(command.action)) return null;
    return command;
  },
};
