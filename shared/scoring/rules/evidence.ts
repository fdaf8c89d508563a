import type { RuleContext, EvidenceLoss } from '../context.ts';
import { isCompromisedAsset, seatsOfRole } from '../context.ts';
import { assetName, instance, m, time } from '../rule-kit.ts';
import { PENALTY } from '../severity.ts';
import type { Instance, Rule } from '../types.ts';

/* Evidence preservation: every breached system keeps its memory and a read-only, off-host image. */

/** Who answers for a loss: whoever did the work, the leads for what they let happen, those whose noise tipped the attacker off. */
function lossSeats(ctx: RuleContext, loss: EvidenceLoss): string[] {
  const cause = loss.cause;
  if ('work' in cause) return [cause.work.actor.seat];
  if ('inject' in cause) return seatsOfRole(ctx, 'ic', 'deputy');
  return alertSeats(ctx);
}

/** The seats whose noisy work or message alerted the attacker. */
export function alertSeats(ctx: RuleContext): string[] {
  const alerted = ctx.adversary.alerted;
  if (!alerted) return [];
  if (ctx.adversary.noticedBy !== null) return [ctx.adversary.noticedBy];
  const noisy = ctx.work.filter((w) => w.def.noisy && w.start.seq < alerted.seq).at(-1);
  return noisy ? [noisy.actor.seat] : seatsOfRole(ctx, 'ic');
}

function causeText(loss: EvidenceLoss) {
  const cause = loss.cause;
  if ('work' in cause) return m('evidence.cause.work', { action: cause.work.def.title });
  if ('inject' in cause) return m('evidence.cause.restart');
  return m('evidence.cause.attacker');
}

function lossRule(id: string, kind: 'disk' | 'memory', points: number, penalty: number, ref: Rule['ref']): Rule {
  return {
    id,
    category: 'evidence',
    title: m(`rule.${id}` as never),
    points,
    ref,
    severity: 1,
    evaluate(ctx) {
      const out: Instance[] = [];
      for (const loss of ctx.evidenceLoss) {
        if (loss.kind !== kind || !isCompromisedAsset(ctx, loss.asset)) continue;
        out.push(instance(0, lossSeats(ctx, loss), loss.at, [loss.seq], m(`${id}.missed` as never, { asset: assetName(ctx, loss.asset), cause: causeText(loss), time: time(loss.at) }), { penalty, severity: 1 }));
      }
      // Work that would have lost it, done only after it was secured: the runbook followed.
      for (const a of ctx.actions) {
        if (!a.target || !isCompromisedAsset(ctx, a.target)) continue;
        const loses = kind === 'disk' ? a.def.sets.destroyed : a.def.sets.rebooted || a.def.sets.shutDown || a.def.sets.destroyed;
        if (!loses || ctx.evidenceLoss.some((l) => l.kind === kind && l.asset === a.target && l.seq <= a.seq)) continue;
        out.push(instance(1, [a.actor.seat], a.at, [a.seq], m(`${id}.met` as never, { asset: assetName(ctx, a.target), action: a.def.title, time: time(a.at) })));
      }
      return out;
    },
  };
}

export const EVIDENCE_RULES: Rule[] = [
  lossRule('EVD-1', 'disk', 4, PENALTY.diskDestroyed, { source: 'sectemplates', section: 'step-11' }),
  lossRule('EVD-2', 'memory', 3, PENALTY.memoryLost, { source: 'pd-ooda', section: 'observe-active' }),
  {
    id: 'EVD-3',
    category: 'evidence',
    title: m('rule.EVD-3'),
    points: 4,
    ref: { source: 'pd', section: 'isolate-instances' },
    severity: 1,
    evaluate(ctx) {
      const compromised = Object.keys(ctx.truth?.compromised ?? {});
      const smes = seatsOfRole(ctx, 'sme');
      return compromised.map((id) => {
        const found = (ctx.assetKnowledge.get(id) ?? []).some((k) => k.level === 'confirmed' || k.level === 'suspected');
        const image = ctx.actions.find((a) => a.target === id && a.def.sets.imageSecured);
        const memory = ctx.actions.find((a) => a.target === id && a.def.evidence === 'captures-memory');
        const events = [image?.seq, memory?.seq].filter((s): s is number => s !== undefined);
        const seats = [...new Set([image?.actor.seat, memory?.actor.seat].filter((s): s is string => !!s))];
        if (!found && !image && !memory) return instance(0, smes, ctx.end.at, [], m('EVD-3.unfound', { asset: assetName(ctx, id) }), { severity: 5 });
        const fraction = (image ? 0.6 : 0) + (memory ? 0.4 : 0);
        const key = fraction === 1 ? 'EVD-3.met' : image ? 'EVD-3.noMemory' : memory ? 'EVD-3.noImage' : 'EVD-3.nothing';
        return instance(fraction, seats.length > 0 ? seats : smes, image?.at ?? memory?.at ?? ctx.end.at, events, m(key, { asset: assetName(ctx, id) }), { severity: 5 });
      });
    },
  },
  {
    id: 'EVD-4',
    category: 'evidence',
    title: m('rule.EVD-4'),
    points: 2,
    ref: { source: 'pd', section: 'isolate-instances' },
    severity: 5,
    evaluate(ctx) {
      return ctx.actions
        .filter((a) => a.def.evidence === 'captures-disk')
        .map((a) => (a.def.sets.imageSecured
          ? instance(1, [a.actor.seat], a.at, [a.seq], m('EVD-4.met', { asset: assetName(ctx, a.target), time: time(a.at) }))
          : instance(0, [a.actor.seat], a.at, [a.seq], m('EVD-4.missed', { asset: assetName(ctx, a.target), time: time(a.at) }))));
    },
  },
  {
    id: 'EVD-5',
    category: 'evidence',
    title: m('rule.EVD-5'),
    points: 2,
    ref: { source: 'sectemplates', section: 'step-11' },
    severity: 5,
    evaluate(ctx) {
      return ctx.actions
        .filter((a) => a.def.id === 'clean-host' && isCompromisedAsset(ctx, a.target))
        .map((a) => instance(0, [a.actor.seat], a.at, [a.seq], m('EVD-5.missed', { asset: assetName(ctx, a.target), time: time(a.at) })));
    },
  },
  {
    id: 'EVD-6',
    category: 'evidence',
    title: m('rule.EVD-6'),
    points: 1,
    ref: { source: 'pd-ooda', section: 'act' },
    severity: 5,
    evaluate(ctx) {
      return ctx.actions
        .filter((a) => a.def.id === 'restore-from-backup')
        .map((r) => {
          const validated = ctx.actions.some((a) => a.def.id === 'validate-backup' && a.target === r.target && a.seq < r.seq);
          return instance(validated ? 1 : 0, [r.actor.seat], r.at, [r.seq], m(validated ? 'EVD-6.met' : 'EVD-6.missed', { asset: assetName(ctx, r.target), time: time(r.at) }));
        });
    },
  },
];
