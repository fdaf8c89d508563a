import { normalize } from '../../comms/index.ts';
import type { RuleContext, TimelineRecord } from '../context.ts';
import { knewBefore, seatsOfRole } from '../context.ts';
import { assetName, instance, m, time } from '../rule-kit.ts';
import type { Instance, Rule } from '../types.ts';
import { resolveAsset } from '../../engine/truth.ts';
import { getAction } from '../../runbook/actions.ts';

/* Role discipline: the IC leads rather than types, each role does its own work, the scribe keeps a true timeline. */

/** How far off a claimed time may be: five minutes, or a tenth of how long ago it was, whichever is more. */
const tolerance = (minute: number) => Math.max(5, Math.abs(minute) * 0.1) * 60_000;

/** The seats that keep the timeline: the scribe, and anyone the IC handed the working document or the timeline to. */
export function timelineKeepers(ctx: RuleContext): Set<string> {
  const keepers = new Set(seatsOfRole(ctx, 'scribe'));
  for (const t of ctx.tasks) if (t.action === 'create-working-document' || t.action === 'build-attack-timeline') keepers.add(t.toSeat);
  return keepers;
}

/** The key events of this drill's world, with where and when they really happened. */
function keyEvents(ctx: RuleContext) {
  const truth = ctx.truth;
  if (!truth) return [];
  return ctx.compiled.scenario.truth
    .filter((e) => e.key && truth.times[e.id] !== undefined)
    .map((e) => ({ event: e, minute: truth.times[e.id]!, asset: e.asset === undefined ? undefined : resolveAsset(e.asset, truth) }));
}

/** Runs of this many words that an entry shares with an inject's text show it was pasted. */
const COPIED_RUN = 6;

const words = (text: string) => normalize(text).split(/[\s,.;:!?。、，()（）"“”]+/).filter(Boolean);

/** Entries that copy what an inject said earn nothing: a timeline records what the team established. */
function copiesInject(ctx: RuleContext, entry: TimelineRecord): boolean {
  const mine = words(entry.text);
  if (mine.length < COPIED_RUN) return false;
  const runs = new Set<string>();
  for (let i = 0; i + COPIED_RUN <= mine.length; i++) runs.add(mine.slice(i, i + COPIED_RUN).join(' '));
  return ctx.injects.some(({ injectId }) => {
    const body = ctx.compiled.injectsById.get(injectId)?.body;
    if (!body) return false;
    return Object.values(body).some((text) => {
      const theirs = words(text);
      for (let i = 0; i + COPIED_RUN <= theirs.length; i++) if (runs.has(theirs.slice(i, i + COPIED_RUN).join(' '))) return true;
      return false;
    });
  });
}

const matches = (entry: TimelineRecord, e: { event: { kind: string }; asset?: string }) => entry.kind === e.event.kind && (e.asset === undefined || entry.asset === e.asset);

export const ROLE_RULES: Rule[] = [
  {
    id: 'ROL-1',
    category: 'roles',
    title: m('rule.ROL-1'),
    points: 3,
    ref: { source: 'pd', section: 'ic-required' },
    severity: 6,
    evaluate(ctx) {
      const handsOn = ctx.work.filter((w) => w.actor.role === 'ic' && w.def.handsOn);
      const assigned = ctx.tasks.filter((t) => seatsOfRole(ctx, 'ic').includes(t.by.seat));
      if (handsOn.length === 0 && assigned.length === 0) return [];
      if (handsOn.length === 0) return [instance(1, [assigned[0]!.by.seat], assigned[0]!.at, assigned.map((t) => t.seq), m('ROL-1.met', { count: { count: assigned.length } }))];
      return handsOn.map((w) => instance(0, [w.actor.seat], w.start.at, [w.start.seq], w.target ? m('ROL-1.missed', { action: w.def.title, asset: assetName(ctx, w.target), time: time(w.start.at) }) : m('ROL-1.missedNoTarget', { action: w.def.title, time: time(w.start.at) })));
    },
  },
  {
    id: 'ROL-2',
    category: 'roles',
    title: m('rule.ROL-2'),
    points: 2,
    ref: { source: 'pd', section: 'assemble-team' },
    severity: 6,
    evaluate(ctx) {
      const out: Instance[] = [];
      const wrong = ctx.actions.filter((a) => !(a.def.owners as readonly string[]).includes(a.actor.role));
      for (const a of wrong) out.push(instance(0, [a.actor.seat], a.at, [a.seq], m('ROL-2.missed', { action: a.def.title, role: m(`role.${a.actor.role}` as never), owners: { list: a.def.owners.map((o) => m(`role.${o}` as never)), conj: 'or' }, time: time(a.at) })));
      const right = ctx.actions.length - wrong.length;
      if (right > 0) out.push(instance(1, [...new Set(ctx.actions.filter((a) => !wrong.includes(a)).map((a) => a.actor.seat))], ctx.actions[0]!.at, [], m('ROL-2.met', { count: { count: right } })));
      return out;
    },
  },
  {
    id: 'ROL-3',
    category: 'roles',
    title: m('rule.ROL-3'),
    points: 4,
    ref: { source: 'sectemplates', section: 'step-15' },
    severity: 6,
    evaluate(ctx) {
      const keys = keyEvents(ctx);
      if (keys.length === 0) return [];
      const keepers = timelineKeepers(ctx);
      const counted = new Set<TimelineRecord>();
      const covered = keys.filter((e) => {
        const entry = ctx.timeline.find(
          (t) =>
            !counted.has(t) &&
            keepers.has(t.actor.seat) &&
            matches(t, e) &&
            t.claimedAt !== undefined &&
            Math.abs(t.claimedAt - e.minute * 60_000) <= tolerance(e.minute) &&
            knewBefore(ctx, e.event.id, t.seq) &&
            !copiesInject(ctx, t),
        );
        if (entry) counted.add(entry);
        return entry !== undefined;
      });
      const missing = keys.filter((e) => !covered.includes(e)).map((e) => e.event.text);
      const message = missing.length === 0 ? m('ROL-3.met', { count: { count: keys.length } }) : m('ROL-3.partly', { done: covered.length, of: keys.length, missing: { list: missing } });
      return [instance(covered.length / keys.length, [...keepers], [...counted][0]?.at ?? ctx.end.at, [...counted].map((t) => t.seq), message)];
    },
  },
  {
    id: 'ROL-4',
    category: 'roles',
    title: m('rule.ROL-4'),
    points: 2,
    ref: { source: 'pd', section: 'attack-timeline' },
    severity: 6,
    evaluate(ctx) {
      const keys = keyEvents(ctx);
      const out: Instance[] = [];
      for (const t of ctx.timeline) {
        if (t.claimedAt === undefined || !t.kind) continue;
        const candidates = keys.filter((e) => matches(t, e));
        if (candidates.length === 0) continue;
        const right = candidates.find((e) => Math.abs(t.claimedAt! - e.minute * 60_000) <= tolerance(e.minute));
        const nearest = candidates.reduce((a, b) => (Math.abs(t.claimedAt! - a.minute * 60_000) <= Math.abs(t.claimedAt! - b.minute * 60_000) ? a : b));
        out.push(instance(right ? 1 : 0, [t.actor.seat], t.at, [t.seq], m(right ? 'ROL-4.met' : 'ROL-4.missed', { event: nearest.event.text, logged: time(t.claimedAt), real: time(nearest.minute * 60_000) })));
      }
      return out;
    },
  },
  {
    id: 'ROL-5',
    category: 'roles',
    title: m('rule.ROL-5'),
    points: 1,
    ref: { source: 'pd', section: 'ic-required' },
    severity: 6,
    evaluate(ctx) {
      return ctx.tasks.map((t) => instance(t.done ? 1 : 0, [t.toSeat], t.done?.at ?? t.at, t.done ? [t.seq, t.done.seq] : [t.seq], m(t.done ? 'ROL-5.met' : 'ROL-5.missed', { seat: t.toSeat, action: getAction(t.action)?.title ?? t.action, time: time(t.at) })));
    },
  },
];
