import { ACTIONS } from '../../shared/runbook/actions.ts';
import type { Actor, Command, MessageDraft } from '../../shared/engine/types.ts';
import type { DrillView } from '../../shared/engine/view-types.ts';
import type { Strategy } from './runner.ts';

/*
 * Strategies a cynical player would try to get the points without doing the work. None of them
 * may pay: each must finish well below the by-the-book team (test/strategies/strategies.test.ts).
 * They read only what a player sees.
 */

const seatOf = (role: string): Actor => ({ role: role as Actor['role'], seat: role === 'sme' ? 'sme-1' : role });
const take = (action: string, target?: string, detail?: string): Command => ({ type: 'action.take', action, ...(target ? { target } : {}), ...(detail ? { detail } : {}) });
const say = (message: MessageDraft): Command => ({ type: 'message.send', message });
const free = (view: DrillView, seat: string) => !view.work.some((w) => w.status === 'running' && w.seat === seat);
const AWP = 'Attorney Work Product';

/** Every catalog action and target, by the role that owns it, in catalog order. */
function catalog(view: DrillView): { as: Actor; command: Command }[] {
  return ACTIONS.flatMap((a) => (a.target === 'asset' ? view.scenario.assets.map((x) => x.id) : [undefined]).map((target) => ({ as: seatOf(a.owners[0]!), command: take(a.id, target, a.id === 'set-codename' ? 'blue-heron' : a.id === 'declare-severity' ? 'sev1' : undefined) })));
}

/** Statements with every claim filled in with the first option, whatever is known. */
function templates(view: DrillView): Command[] {
  const s = view.scenario;
  const claims = { data: s.dataStores.map((d) => d.id), records: 1000, since: -60 * 60_000, cause: s.claims.causes[0]?.id, actor: s.claims.actors[0]?.id };
  const body = 'Timeline: on 2026-11-22 we detected unauthorised access. Data affected: customer records. What you should do: reset your password and enable multi-factor authentication.';
  const staff = s.directory.find((p) => p.id === 'all-staff')?.id;
  return [
    ...(staff ? [say({ channel: 'email', recipients: [staff], subject: AWP, body: `${AWP}. Update for staff on the incident.`, encrypted: true })] : []),
    say({ channel: 'statement', recipients: [], subject: `Security incident update, 2026-11-22`, body, encrypted: false, statement: { kind: 'final', claims } }),
    ...(s.directory.some((p) => p.id === 'customers') ? [say({ channel: 'email', recipients: ['customers'], subject: `Security incident update, 2026-11-22`, body, encrypted: true, statement: { kind: 'final', claims } })] : []),
  ];
}

export const CYNICS: Record<string, () => Strategy> = {
  /** Every catalog action on every target at minute 0, by its owner; nothing after. */
  'every-action-at-once': () => ({
    name: 'every-action-at-once',
    *turn(view, at) {
      if (at === 0) yield* catalog(view);
    },
  }),

  /** Work through the whole catalog as fast as each seat is free, plus template messages with every claim filled. */
  'catalog-and-templates': () => {
    const next = new Map<string, number>();
    return {
      name: 'catalog-and-templates',
      *turn(view, at) {
        if (at === 60_000) for (const command of templates(view)) yield { as: seatOf('deputy'), command };
        const all = catalog(view);
        for (const seat of ['ic', 'deputy', 'scribe', 'sme']) {
          const mine = all.filter((x) => x.as.role === seat);
          const i = next.get(seat) ?? 0;
          if (i >= mine.length || !free(view, seatOf(seat).seat)) continue;
          next.set(seat, i + 1);
          yield mine[i]!;
        }
      },
    };
  },

  /** Assemble, then have the scribe paste every inject's text into the timeline as it arrives. */
  'pasted-injects': () => {
    const pasted = new Set<string>();
    return {
      name: 'pasted-injects',
      *turn(view, at) {
        if (at === 0) {
          yield { as: seatOf('deputy'), command: take('page-ic') };
          yield { as: seatOf('scribe'), command: take('create-working-document') };
        }
        for (const inject of view.injects) {
          if (pasted.has(inject.injectId)) continue;
          pasted.add(inject.injectId);
          yield { as: seatOf('scribe'), command: { type: 'timeline.add', text: `${inject.title.en}: ${inject.body.en}`, claimedAt: inject.at, kind: 'detection' } };
        }
      },
    };
  },

  /** Privilege labels and dates wrapped around credentials and internal hosts, sent to outsiders. */
  'magic-words': () => ({
    name: 'magic-words',
    *turn(view, at) {
      if (at !== 60_000) return;
      const hosts = view.scenario.assets.map((a) => a.id).join(', ');
      const body = `${AWP}. 2026-11-22. Privileged and confidential. Affected hosts: ${hosts}. The service account password is Winter2026! and the API key is sk-live-4f9a8b7c6d.`;
      const outside = view.scenario.directory.filter((p) => p.org === 'vendor' || p.org === 'law-enforcement' || p.org === 'press').map((p) => p.id);
      for (const to of outside) yield { as: seatOf('deputy'), command: say({ channel: 'email', recipients: [to], subject: AWP, body, encrypted: true }) };
      yield { as: seatOf('ic'), command: say({ channel: 'statement', recipients: [], subject: `${AWP} — Security incident update, 2026-11-22`, body, encrypted: false, statement: { kind: 'holding', claims: {} } }) };
    },
  }),

  /** Talk, never act: status updates, an announcement, a statement and a customer notice. */
  'messages-only': () => ({
    name: 'messages-only',
    *turn(view, at) {
      if (at === 30_000) for (const command of templates(view)) yield { as: seatOf('ic'), command };
      if (at % (10 * 60_000) === 0) {
        const team = view.scenario.directory.find((p) => p.org === 'team' && !p.openedBy)?.id;
        if (team) yield { as: seatOf('ic'), command: say({ channel: 'chat', recipients: [team], subject: AWP, body: `${AWP}. Status: we are on it.`, encrypted: false }) };
      }
    },
  }),

  /** Assemble, then act on every asset at once without looking: isolate, capture and image everything. */
  'shotgun': () => {
    const tried = new Set<string>();
    return {
    name: 'shotgun',
    *turn(view, at) {
      if (at === 0) yield { as: seatOf('deputy'), command: take('page-ic') };
      const order = ['network-isolate', 'kill-sessions', 'capture-memory', 'image-disk'];
      const seats = [...view.seats.filter((s) => s.role === 'sme').map((s) => s.seat), 'ic'];
      for (const seat of seats) {
        if (!free(view, seat)) continue;
        const role = seat === 'ic' ? 'ic' : 'sme';
        for (const action of order) {
          const target = view.scenario.assets.find((a) => !tried.has(`${action}@${a.id}`))?.id;
          if (target) {
            tried.add(`${action}@${target}`);
            yield { as: { role, seat } as Actor, command: take(action, target) };
            break;
          }
        }
      }
    },
    };
  },

  /** Wait it out: nobody does anything, in the hope that points are only ever taken away. */
  'wait-it-out': () => ({
    name: 'wait-it-out',
    *turn() {},
  }),

  /** Analysis without end: every SME reviews every asset's logs over and over, and nothing is ever contained or said. */
  'observe-only': () => ({
    name: 'observe-only',
    *turn(view) {
      const smes = view.seats.filter((s) => s.role === 'sme').map((s) => s.seat);
      let i = 0;
      for (const asset of view.scenario.assets) {
        for (const action of ['review-system-logs', 'review-network-logs']) {
          const seat = smes[i++ % smes.length];
          if (seat && free(view, seat)) yield { as: { role: 'sme', seat }, command: take(action, asset.id) };
        }
      }
    },
  }),
};
