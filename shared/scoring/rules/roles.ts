import { normalize } from '../../comms/index.ts';
import { minutes, type ScoringContext } from '../context.ts';
import type { Rule } from '../types.ts';

/* Role discipline: the IC leads rather than types, each role does its own work, the scribe keeps a true timeline. */

/** Truth events the scribe's timeline mentions, by keyword. */
function coverage(ctx: ScoringContext) {
  const key = ctx.compiled.scenario.truth.filter((t) => t.key);
  const entries = ctx.timeline.map((e) => ({ ...e, norm: normalize(e.text) }));
  return key.map((truth) => ({ truth, entry: entries.find((e) => truth.keywords.some((k) => e.norm.includes(normalize(k)))) }));
}

/** How far off a claimed time may be: five minutes, or a tenth of how long ago it was, whichever is more. */
const tolerance = (atMinute: number) => Math.max(5, Math.abs(atMinute) * 0.1) * 60_000;

export const ROLE_RULES: Rule[] = [
  {
    id: 'ROL-1',
    category: 'roles',
    title: 'The IC delegates hands-on work',
    points: 3,
    ref: { source: 'pd', section: 'ic-required' },
    evaluate(ctx) {
      const icActs = ctx.actions.filter((a) => a.actor.role === 'ic');
      if (icActs.length === 0 && ctx.tasks.length === 0) return null;
      const handsOn = icActs.filter((a) => a.def.handsOn);
      // With no hands-on work and no delegation there is nothing to judge either way.
      if (handsOn.length === 0 && ctx.tasks.length === 0) return null;
      return {
        violations: handsOn.map((a) => ({ at: a.at, events: [a.seq], message: `The IC did hands-on work ("${a.def.title.en}"${a.target ? ` on ${a.target}` : ''}) at ${minutes(a.at)} instead of delegating it.` })),
        pass: { at: ctx.tasks[0]?.at ?? 0, events: ctx.tasks.map((t) => t.seq), message: `The IC delegated technical work (${ctx.tasks.length} task${ctx.tasks.length === 1 ? '' : 's'} assigned) and did none of it personally.` },
      };
    },
  },
  {
    id: 'ROL-2',
    category: 'roles',
    title: 'Each action is taken by the role that owns it',
    points: 2,
    ref: { source: 'pd', section: 'assemble-team' },
    evaluate(ctx) {
      const players = ctx.actions.filter((a) => a.actor.role !== 'system');
      if (players.length === 0) return null;
      return {
        violations: players
          .filter((a) => !(a.def.owners as readonly string[]).includes(a.actor.role))
          .map((a) => ({ at: a.at, events: [a.seq], message: `"${a.def.title.en}" was done by the ${a.actor.role} at ${minutes(a.at)}; it belongs to ${a.def.owners.join(' or ')}.` })),
        pass: { at: players[0]?.at ?? 0, events: [], message: 'Every action was taken by the role that owns it.' },
      };
    },
  },
  {
    id: 'ROL-3',
    category: 'roles',
    title: "The scribe's timeline covers the key events",
    points: 3,
    ref: { source: 'sectemplates', section: 'step-15' },
    evaluate(ctx) {
      const rows = coverage(ctx);
      if (rows.length === 0) return null;
      const covered = rows.filter((r) => r.entry);
      const missing = rows.filter((r) => !r.entry).map((r) => r.truth.text.en);
      return {
        fraction: covered.length / rows.length,
        observation: {
          at: covered[0]?.entry?.at ?? ctx.end.at,
          events: covered.map((r) => r.entry?.seq ?? 0),
          message: missing.length === 0 ? `The timeline covers all ${rows.length} key events.` : `The timeline covers ${covered.length} of ${rows.length} key events; missing: ${missing.join('; ')}.`,
        },
      };
    },
  },
  {
    id: 'ROL-4',
    category: 'roles',
    title: "The timeline's times agree with what really happened",
    points: 2,
    ref: { source: 'pd', section: 'attack-timeline' },
    evaluate(ctx) {
      const rows = coverage(ctx).filter((r) => r.entry?.claimedAt !== undefined);
      if (rows.length === 0) return null;
      const wrong = rows.filter((r) => Math.abs((r.entry?.claimedAt ?? 0) - r.truth.atMinute * 60_000) > tolerance(r.truth.atMinute));
      return {
        fraction: (rows.length - wrong.length) / rows.length,
        observation: {
          at: rows[0]?.entry?.at ?? 0,
          events: rows.map((r) => r.entry?.seq ?? 0),
          message: wrong.length === 0 ? 'Every timed timeline entry agrees with the true time.' : `Timeline times are off for: ${wrong.map((r) => `${r.truth.text.en} (logged ${minutes(r.entry?.claimedAt ?? 0)}, really ${minutes(r.truth.atMinute * 60_000)})`).join('; ')}.`,
        },
      };
    },
  },
];
