import type { LogEntry, WorkRecord } from '../../../shared/engine/types.ts';
import type { DrillView, KnownFact } from '../../../shared/engine/view-types.ts';
import { getAction } from '../../../shared/runbook/actions.ts';
import { endReason, fmt, loc, seatName, t } from '../i18n/index.ts';
import { assetName } from './asset-name.ts';
import { gameClock } from './time.ts';

/*
 * Log entries in the reader's words, for the activity feed. Entries carry ids (actions, assets,
 * seats, work); the view names them. An entry about work names the work from the view's record of
 * it, so "finished" says what finished.
 */

export const actionTitle = (id: string): string => {
  const def = getAction(id);
  return def ? loc(def.title) : id;
};

/** "Capture live memory" or "Capture live memory on Customer database (db-prod)". */
export function workTitle(view: Pick<DrillView, 'scenario'> | null, action: string, target?: string): string {
  return target ? t('work.on', { action: actionTitle(action), target: assetName(view, target) }) : actionTitle(action);
}

/** A fact the team has established, as a phrase: "initial access on Checkout node app-1 at T-45:00". */
export function factText(view: DrillView | null, id: string, known?: KnownFact): string {
  if (known?.kind) {
    const kind = t(`truthKind.${known.kind}`);
    const when = known.minute !== undefined ? gameClock(known.minute * 60_000) : '';
    if (known.asset) return t(when ? 'fact.eventOnAt' : 'fact.eventOn', { kind, asset: assetName(view, known.asset), time: when });
    return t(when ? 'fact.eventAt' : 'fact.event', { kind, time: when });
  }
  switch (id) {
    case 'entry':
      return known?.asset ? t('fact.entryIs', { asset: assetName(view, known.asset) }) : t('fact.entry');
    case 'records':
      return typeof known?.value === 'number' ? t('fact.recordsAre', { records: fmt.number(known.value) }) : t('fact.records');
    case 'data': {
      const stores = Array.isArray(known?.value) ? known.value.map((d) => { const s = view?.scenario.dataStores.find((x) => x.id === d); return s ? loc(s.name) : d; }) : [];
      return stores.length > 0 ? t('fact.dataIs', { data: stores.join(', ') }) : t('fact.data');
    }
    case 'cause':
    case 'actor': {
      const options = id === 'cause' ? view?.scenario.claims.causes : view?.scenario.claims.actors;
      const option = options?.find((o) => o.id === known?.value);
      return option ? t(`fact.${id}Is`, { value: loc(option.label) }) : t(`fact.${id}`);
    }
    case 'insider':
      return known?.value === undefined ? t('fact.insider') : t(known.value ? 'fact.insiderReal' : 'fact.insiderRuledOut');
    case 'exfil':
      return t('fact.exfil');
    default:
      return t('fact.other', { id });
  }
}

const workOf = (view: DrillView | null, id: string): WorkRecord | undefined => view?.work.find((w) => w.id === id);

/** One log entry for the activity feed, in the reader's language; null for what the feed leaves out. */
export function describeEntry(e: LogEntry, view: DrillView | null): string | null {
  const ev = e.event;
  const who = e.actor.role === 'system' ? t('feed.system') : seatName(e.actor.seat);
  switch (ev.type) {
    case 'drill.created':
      return t('feed.created');
    case 'drill.started': return t('feed.started');
    case 'drill.paused': return t('feed.paused');
    case 'drill.resumed': return t('feed.resumed');
    case 'drill.speedChanged': return t('feed.speed', { speed: ev.speed });
    case 'drill.ended': return t('feed.ended', { reason: endReason(ev.reason) });
    case 'inject.delivered': {
      const inj = view?.injects.find((i) => i.injectId === ev.injectId);
      return t('feed.inject', { title: inj ? loc(inj.title) : ev.injectId });
    }
    case 'inject.adhocDelivered': return t('feed.inject', { title: ev.title });
    case 'action.started':
      return t('feed.workStarted', { who: seatName(ev.seat), work: workTitle(view, ev.action, ev.target), until: gameClock(ev.endsAt) });
    case 'action.completed': {
      const w = workOf(view, ev.workId);
      const work = w ? workTitle(view, w.action, w.target) : ev.workId;
      return t(`feed.work_${ev.outcome}`, { who: w ? seatName(w.seat) : who, work });
    }
    case 'action.cancelled': {
      const w = workOf(view, ev.workId);
      return t('feed.workCancelled', { who: seatName(ev.by), work: w ? workTitle(view, w.action, w.target) : ev.workId });
    }
    case 'knowledge.learned': {
      const item = ev.item;
      if ('asset' in item) return t('feed.learnedAsset', { asset: assetName(view, item.asset), level: t(`knowledge.${item.level}`) });
      return t('feed.learnedFact', { fact: factText(view, item.fact, view?.known[item.fact]) });
    }
    case 'task.assigned':
      return t('feed.assigned', { who, work: workTitle(view, ev.action, ev.target), seat: seatName(ev.toSeat) });
    case 'message.sent': {
      const text = ev.message.subject ? t('feed.subjectBody', { subject: ev.message.subject, body: ev.message.body }) : ev.message.body;
      return t('feed.message', { who, channel: t(`channel.${ev.message.channel}`), audience: t(`audience.${ev.reach.audience}`), text });
    }
    case 'decision.answered': {
      const d = view?.decisions.find((x) => x.injectId === ev.injectId);
      const option = d?.options.find((o) => o.id === ev.option);
      return t(ev.late ? 'feed.answeredLate' : 'feed.answered', { who, prompt: d ? loc(d.prompt) : ev.injectId, option: option ? loc(option.label) : ev.option });
    }
    case 'decision.missed': {
      const d = view?.decisions.find((x) => x.injectId === ev.injectId);
      return t('feed.missed', { prompt: d ? loc(d.prompt) : ev.injectId });
    }
    case 'timeline.added': return t('feed.logged', { who, text: ev.text });
    case 'hint.given': return t('feed.hint', { text: loc(ev.text) });
    case 'asset.changed': {
      const words = Object.entries(ev.change).filter(([, v]) => v === true).map(([k]) => t(`flag.${k}`));
      return t('feed.assetChanged', { asset: assetName(view, ev.asset), change: words.join(', ') });
    }
    case 'exfil.stopped': return t('feed.exfilStopped');
    case 'facilitator.noted': return t('feed.note', { text: ev.text });
    case 'adversary.rolled': return t('feed.roll', { roll: fmt.decimal(ev.roll, 2), action: actionTitle(ev.action), result: ev.alerted ? t('feed.alerted') : t('feed.unaware') });
    case 'adversary.noticed': return t('feed.noticed');
    case 'adversary.fallbackFired': return t('feed.fallback', { kind: t(`fallbackKind.${ev.kind}`), target: assetName(view, ev.target) });
    case 'adversary.fallbackPrevented': {
      const [action = ev.by, target] = ev.by.split('@');
      return t('feed.prevented', { by: workTitle(view, action, target) });
    }
    case 'phase.changed': return t('feed.phase', { from: ev.from, to: ev.to });
    case 'exfil.progressed':
    case 'clock.advanced':
      return null;
  }
}

/** What a finished piece of work showed, if anything, in the reader's language. */
export function revealOf(e: LogEntry): string | null {
  return e.event.type === 'action.completed' && e.event.reveal ? loc(e.event.reveal) : null;
}

/** Whether an entry names something its view does not hold yet (the entry arrived before the patch that adds it). */
export function aheadOfView(e: LogEntry, view: DrillView | null): boolean {
  if (!view) return true;
  const ev = e.event;
  switch (ev.type) {
    case 'inject.delivered':
      return !view.injects.some((i) => i.injectId === ev.injectId);
    case 'action.completed':
    case 'action.cancelled':
      return !view.work.some((w) => w.id === ev.workId);
    case 'decision.answered':
    case 'decision.missed':
      return !view.decisions.some((d) => d.injectId === ev.injectId);
    case 'knowledge.learned':
      return 'fact' in ev.item && view.known[ev.item.fact] === undefined;
    default:
      return false;
  }
}
