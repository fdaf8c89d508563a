import type { LogEntry } from '../../../../shared/engine/types.ts';
import type { DrillView } from '../../../../shared/engine/view-types.ts';
import { getAction } from '../../../../shared/runbook/actions.ts';
import { endReason, fmt, loc, seatName, t } from '../../i18n/index.ts';
import { BUNDLED } from '../../scenarios.ts';
import type { DrillStore } from '../../store/drill-store.ts';
import { assetName } from '../asset-name.ts';
import { clear, gameClock, h } from '../dom.ts';

const actionTitle = (id: string) => {
  const def = getAction(id);
  return def ? loc(def.title) : id;
};

/** "isolate@app-1" (how the engine keys an action on a target) → "Isolate … → Checkout app server (app-1)". */
const actionKeyTitle = (key: string, view: DrillView | null) => {
  const [action = key, target] = key.split('@');
  return target ? `${actionTitle(action)} → ${assetName(view, target)}` : actionTitle(action);
};

/** A scenario phase by its title in the reader's language (the view carries only its id). */
const phaseTitle = (view: DrillView | null, id: string) => {
  const phase = BUNDLED.find((c) => c.scenario.id === view?.scenario.id)?.scenario.phases.states.find((p) => p.id === id);
  return phase ? loc(phase.title) : id;
};

/** Describe one log entry for the live feed, in the reader's language. */
export function describeEntry(e: LogEntry, view: DrillView | null): string | null {
  const ev = e.event;
  const who = e.actor.role === 'system' ? t('feed.system') : seatName(e.actor.seat);
  switch (ev.type) {
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
    case 'action.taken': {
      const action = `${actionTitle(ev.action)}${ev.detail ? ` (${ev.detail})` : ''}`;
      return ev.target ? t('feed.actionOn', { who, action, target: assetName(view, ev.target) }) : t('feed.action', { who, action });
    }
    case 'task.assigned': {
      const values = { who, action: actionTitle(ev.action), target: ev.target ? assetName(view, ev.target) : '', role: t(`roles.${ev.toRole}`) };
      return t(ev.target ? 'feed.assignedOn' : 'feed.assigned', values);
    }
    case 'message.sent': return t('feed.message', { who, channel: t(`channel.${ev.message.channel}`), audience: t(`audience.${ev.message.audience}`), text: ev.message.subject ? t('feed.subjectBody', { subject: ev.message.subject, body: ev.message.body }) : ev.message.body });
    case 'timeline.added': return t('feed.logged', { who, text: ev.text });
    case 'hint.given': return t('feed.hint', { text: loc(ev.text) });
    case 'exfil.stopped': return t('feed.exfilStopped');
    case 'facilitator.noted': return t('feed.note', { text: ev.text });
    case 'adversary.rolled': return t('feed.roll', { roll: fmt.decimal(ev.roll, 2), action: actionTitle(ev.action), result: ev.alerted ? t('feed.alerted') : t('feed.unaware') });
    case 'adversary.fallbackFired': return t('feed.fallback', { kind: t(`fallbackKind.${ev.kind}`), target: assetName(view, ev.target) });
    case 'adversary.fallbackPrevented': return t('feed.prevented', { by: actionKeyTitle(ev.by, view) });
    case 'phase.changed': return t('feed.phase', { from: phaseTitle(view, ev.from), to: phaseTitle(view, ev.to) });
    default: return null;
  }
}

/** The inject feed (with bodies) and the live activity feed; new injects are announced to screen readers. */
export function feedPanel(store: DrillStore, live: HTMLElement, options: { sound: () => boolean; motion: () => boolean }): HTMLElement {
  const injects = h('ol', { class: 'injects', 'aria-label': t('feed.injects') });
  const activity = h('ol', { class: 'activity', 'aria-label': t('feed.activity') });
  const root = h('section', { class: 'panel feed', 'aria-labelledby': 'feed-h' }, h('h2', { id: 'feed-h' }, t('feed.injectFeed')), injects, h('h2', {}, t('feed.activity')), activity);
  let shown = new Set<string>();
  store.subscribe((s, entry) => {
    const view = s.view;
    if (!view) return;
    const fresh = view.injects.filter((i) => !shown.has(i.injectId));
    if (fresh.length > 0 || shown.size !== view.injects.length) {
      clear(injects);
      for (const inj of [...view.injects].reverse()) {
        const isNew = !shown.has(inj.injectId);
        injects.append(h('li', { class: `inject sev-${inj.severity}${isNew && options.motion() ? ' arrive' : ''}` },
          h('div', { class: 'meta' }, `T+${gameClock(inj.at)} · ${t(`severity.${inj.severity}`)}${inj.from ? ` · ${loc(inj.from)}` : ''}`),
          h('strong', {}, loc(inj.title)),
          h('p', {}, loc(inj.body))));
      }
      if (shown.size > 0) for (const inj of fresh) {
        live.textContent = t('feed.newInject', { title: loc(inj.title) });
        if (options.sound()) beep();
      }
      shown = new Set(view.injects.map((i) => i.injectId));
    }
    const add = (e: LogEntry) => {
      const text = describeEntry(e, view);
      if (!text) return;
      // The text names the system in the reader's language; the id stays on the entry for tools and tests.
      const li = h('li', { 'data-target': 'target' in e.event ? e.event.target : undefined }, h('span', { class: 'meta' }, `T+${gameClock(e.at)} `), h('span', { class: 'what' }, text));
      // An entry can arrive before the view that names its inject: name it when the view catches up.
      if (e.event.type === 'inject.delivered' && !view.injects.some((i) => i.injectId === (e.event as { injectId: string }).injectId)) li.dataset.pendingInject = e.event.injectId;
      activity.prepend(li);
    };
    if (entry) add(entry);
    else if (activity.childElementCount === 0) for (const e of s.feed) add(e);
    for (const li of activity.querySelectorAll<HTMLElement>('li[data-pending-inject]')) {
      const inj = view.injects.find((i) => i.injectId === li.dataset.pendingInject);
      const what = li.querySelector('.what');
      if (inj && what) {
        what.textContent = t('feed.inject', { title: loc(inj.title) });
        delete li.dataset.pendingInject;
      }
    }
  });
  return root;
}

let audio: AudioContext | null = null;
function beep(): void {
  try {
    audio ??= new AudioContext();
    const osc = audio.createOscillator();
    const gain = audio.createGain();
    osc.frequency.value = 880;
    gain.gain.setValueAtTime(0.08, audio.currentTime);
    gain.gain.exponentialRampToValueAtTime(0.0001, audio.currentTime + 0.25);
    osc.connect(gain).connect(audio.destination);
    osc.start();
    osc.stop(audio.currentTime + 0.25);
  } catch {
    /* no audio available: the visual and aria-live signals remain */
  }
}
