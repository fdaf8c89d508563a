import { getAction } from '../runbook/actions.ts';
import { actionKey } from '../engine/conditions.ts';
import type { Command } from '../engine/types.ts';
import * as say from './messages.ts';
import { compromisedAssets, type BotContext, type PlanStep, type Policy } from './policy.ts';
import { planPolicy } from './plan.ts';

/*
 * A team that follows the runbook: assemble and name the response first, observe passively,
 * preserve evidence before containment, analyse before it communicates, delegate from the IC,
 * and keep every message inside the communication rules.
 */

const CODENAME = 'sapphire-unicorn';
const done = (ctx: BotContext, action: string, target?: string) => ctx.state.actionsTaken[actionKey(action, target)] !== undefined;
const fact = (ctx: BotContext, f: keyof BotContext['state']['facts']) => ctx.state.facts[f] !== undefined;
const alerted = (ctx: BotContext) => ctx.state.injects.length > 0;
const take = (action: string, target?: string, detail?: string): Command => ({ type: 'action.take', action, ...(target ? { target } : {}), ...(detail ? { detail } : {}) });
const teamReady = (ctx: BotContext) => fact(ctx, 'icPaged') && fact(ctx, 'privateChannel') && fact(ctx, 'codenameSet');
const evidenceSecured = (ctx: BotContext) =>
  compromisedAssets(ctx).every((id) => done(ctx, 'image-disk', id) && (done(ctx, 'capture-memory', id) || ctx.state.assets[id]?.shutDown));
const contained = (ctx: BotContext) => compromisedAssets(ctx).every((id) => done(ctx, 'network-isolate', id));
const analysed = (ctx: BotContext) => fact(ctx, 'timelineBuilt') && fact(ctx, 'dataIdentified');

function simple(role: PlanStep['role'], action: string, ready: (ctx: BotContext) => boolean, detail?: string): PlanStep {
  return { role, key: action, ready: (ctx) => ready(ctx) && !done(ctx, action), command: () => take(action, undefined, detail) };
}

/** One step per compromised asset, taken in asset order. */
function perAsset(role: PlanStep['role'], action: string, ready: (ctx: BotContext) => boolean): PlanStep {
  return {
    role,
    key: action,
    ready: (ctx) => ready(ctx) && compromisedAssets(ctx).some((id) => !done(ctx, action, id) && !ctx.state.assets[id]?.destroyed),
    command: (ctx) => take(action, compromisedAssets(ctx).find((id) => !done(ctx, action, id) && !ctx.state.assets[id]?.destroyed)),
  };
}

function assign(action: string, ready: (ctx: BotContext) => boolean): PlanStep {
  return {
    role: 'ic',
    key: `assign:${action}`,
    ready: (ctx) => ready(ctx) && !ctx.state.tasks.some((t) => t.action === action),
    command: (ctx) => {
      const def = getAction(action);
      const target = def?.target === 'asset' ? compromisedAssets(ctx)[0] : undefined;
      return { type: 'task.assign', toRole: def?.owners[0] ?? 'sme', action, ...(target ? { target } : {}) };
    },
  };
}

function message(role: PlanStep['role'], key: string, ready: (ctx: BotContext) => boolean, draft: (ctx: BotContext) => Command): PlanStep {
  return { role, key, ready, command: draft };
}

const sent = (ctx: BotContext, purpose: string) => ctx.state.messages.some((m) => m.purpose === purpose);

export const BY_THE_BOOK_PLAN: readonly PlanStep[] = [
  // Assemble the response team and set up secure channels before anything else.
  simple('deputy', 'page-ic', alerted),
  simple('ic', 'set-codename', (c) => fact(c, 'icPaged'), CODENAME),
  simple('deputy', 'open-private-channel', (c) => fact(c, 'icPaged')),
  simple('deputy', 'start-bridge', (c) => fact(c, 'privateChannel')),
  simple('deputy', 'invite-security', (c) => fact(c, 'bridge')),
  simple('deputy', 'invite-service-owners', (c) => fact(c, 'securityInvited')),
  simple('scribe', 'create-working-document', (c) => fact(c, 'privateChannel')),
  simple('ic', 'declare-severity', (c) => fact(c, 'codenameSet'), 'sev1'),
  message('ic', 'discussion', (c) => teamReady(c) && !sent(c, 'discussion'), (c) => ({ type: 'message.send', message: say.teamUpdate(c.state.codename ?? CODENAME) })),
  // Observe passively, then preserve evidence, then contain.
  assign('capture-memory', teamReady),
  assign('image-disk', teamReady),
  assign('network-isolate', teamReady),
  simple('sme', 'review-network-logs', teamReady),
  perAsset('sme', 'capture-memory', teamReady),
  perAsset('sme', 'image-disk', teamReady),
  perAsset('sme', 'network-isolate', evidenceSecured),
  simple('sme', 'block-ips', contained),
  // Orient.
  simple('sme', 'build-attack-timeline', contained),
  simple('sme', 'identify-compromised-data', (c) => fact(c, 'timelineBuilt')),
  simple('sme', 'assess-insider-threat', (c) => fact(c, 'dataIdentified')),
  simple('sme', 'forensic-analysis', (c) => fact(c, 'insiderAssessed')),
  simple('deputy', 'assess-risk-other-systems', (c) => fact(c, 'timelineBuilt')),
  simple('deputy', 'assess-reattack-risk', (c) => fact(c, 'riskAssessed')),
  simple('sme', 'rotate-credentials', (c) => fact(c, 'riskAssessed')),
  simple('sme', 'lock-accounts', (c) => fact(c, 'credentialsRotated')),
  simple('sme', 'add-monitoring', (c) => fact(c, 'accountsLocked')),
  simple('sme', 'verify-fix', (c) => fact(c, 'monitoringAdded')),
  simple('deputy', 'invite-legal', (c) => fact(c, 'dataIdentified')),
  simple('deputy', 'invite-executives', (c) => fact(c, 'legalInvited')),
  // Decide on disclosure, then communicate outward in order.
  simple('ic', 'approve-disclosure', (c) => analysed(c) && fact(c, 'legalInvited')),
  simple('deputy', 'contact-law-enforcement', (c) => fact(c, 'disclosureApproved')),
  message('deputy', 'external-contact', (c) => fact(c, 'lawEnforcement') && !sent(c, 'external-contact'), (c) => ({ type: 'message.send', message: say.lawEnforcementBrief(c.compiled.scenario) })),
  simple('deputy', 'contact-cert', (c) => fact(c, 'lawEnforcement')),
  simple('deputy', 'contact-insurer', (c) => fact(c, 'certContacted')),
  simple('deputy', 'contact-third-parties', (c) => fact(c, 'insurerContacted')),
  message('ic', 'internal-announcement', (c) => c.state.insider === 'ruled-out' && fact(c, 'disclosureApproved') && !sent(c, 'internal-announcement'), (c) => ({ type: 'message.send', message: say.internalAnnouncement(c.state.codename ?? CODENAME) })),
  message('deputy', 'public-statement', (c) => fact(c, 'disclosureApproved') && fact(c, 'forensicsDone') && !sent(c, 'public-statement'), (c) => ({ type: 'message.send', message: say.publicStatement(c.compiled.scenario) })),
  message('deputy', 'customer-notice', (c) => sent(c, 'public-statement') && !sent(c, 'customer-notice'), (c) => ({ type: 'message.send', message: say.customerNotice(c.compiled.scenario) })),
  // Close out.
  simple('scribe', 'file-incident-ticket', (c) => fact(c, 'forensicsDone')),
  simple('ic', 'close-incident', (c) => fact(c, 'fixVerified') && fact(c, 'ticketFiled') && sent(c, 'customer-notice') && fact(c, 'thirdPartiesContacted')),
  simple('ic', 'schedule-postmortem', (c) => fact(c, 'closed')),
];

export const byTheBook: Policy = planPolicy('by-the-book', BY_THE_BOOK_PLAN, {
  // The scribe records the attack's key events as the analysis reveals them.
  scribe: (ctx) => {
    if (!ctx.state.facts.timelineBuilt) return null;
    const logged = new Set(ctx.state.timeline.map((t) => t.text));
    const next = ctx.compiled.scenario.truth.find((t) => !logged.has(t.text.en));
    return next ? { type: 'timeline.add', text: next.text.en, claimedAt: Math.round(next.atMinute * 60_000) } : null;
  },
});
