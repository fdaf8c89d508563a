import type { LogEntry } from '../../../../shared/engine/types.ts';
import type { DrillView } from '../../../../shared/engine/view-types.ts';
import { localize } from '../../../../shared/i18n/locales.ts';
import type { DrillStore } from '../../store/drill-store.ts';
import { clear, gameClock, h } from '../dom.ts';

/** Describe one log entry for the live feed, in words. */
export function describeEntry(e: LogEntry, view: DrillView | null): string | null {
  const ev = e.event;
  const who = e.actor.role === 'system' ? 'system' : e.actor.seat;
  switch (ev.type) {
    case 'drill.started': return 'Drill started';
    case 'drill.paused': return 'Drill paused';
    case 'drill.resumed': return 'Drill resumed';
    case 'drill.speedChanged': return `Speed set to ${ev.speed}×`;
    case 'drill.ended': return `Drill ended (${ev.reason})`;
    case 'inject.delivered': {
      const inj = view?.injects.find((i) => i.injectId === ev.injectId);
      return `INJECT: ${inj ? localize(inj.title, 'en') : ev.injectId}`;
    }
    case 'inject.adhocDelivered': return `INJECT: ${ev.title}`;
    case 'action.taken': return `${who}: ${ev.action}${ev.target ? ` → ${ev.target}` : ''}${ev.detail ? ` (${ev.detail})` : ''}`;
    case 'task.assigned': return `${who} assigned ${ev.action}${ev.target ? ` on ${ev.target}` : ''} to ${ev.toRole}`;
    case 'message.sent': return `${who} [${ev.message.channel} → ${ev.message.audience}] ${ev.message.subject ? `${ev.message.subject}: ` : ''}${ev.message.body}`;
    case 'timeline.added': return `${who} logged: ${ev.text}`;
    case 'hint.given': return `Hint: ${localize(ev.text, 'en')}`;
    case 'exfil.stopped': return 'Exfiltration stopped';
    case 'facilitator.noted': return `Note: ${ev.text}`;
    case 'adversary.rolled': return `Adversary roll ${ev.roll.toFixed(2)} on ${ev.action}: ${ev.alerted ? 'ALERTED' : 'unaware'}`;
    case 'adversary.fallbackFired': return `Adversary fallback: ${ev.kind} on ${ev.target}`;
    case 'adversary.fallbackPrevented': return `Adversary fallback prevented by ${ev.by}`;
    case 'phase.changed': return `Phase: ${ev.from} → ${ev.to}`;
    default: return null;
  }
}

/** The inject feed (with bodies) and the live activity feed; new injects are announced to screen readers. */
export function feedPanel(store: DrillStore, live: HTMLElement, options: { sound: () => boolean; motion: () => boolean }): HTMLElement {
  const injects = h('ol', { class: 'injects', 'aria-label': 'Injects' });
  const activity = h('ol', { class: 'activity', 'aria-label': 'Activity' });
  const root = h('section', { class: 'panel feed', 'aria-labelledby': 'feed-h' }, h('h2', { id: 'feed-h' }, 'Inject feed'), injects, h('h2', {}, 'Activity'), activity);
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
          h('div', { class: 'meta' }, `T+${gameClock(inj.at)} · ${inj.severity.toUpperCase()}${inj.from ? ` · ${localize(inj.from, 'en')}` : ''}`),
          h('strong', {}, localize(inj.title, 'en')),
          h('p', {}, localize(inj.body, 'en'))));
      }
      if (shown.size > 0) for (const inj of fresh) {
        live.textContent = `New inject: ${localize(inj.title, 'en')}`;
        if (options.sound()) beep();
      }
      shown = new Set(view.injects.map((i) => i.injectId));
    }
    if (entry) {
      const text = describeEntry(entry, view);
      if (text) activity.prepend(h('li', {}, h('span', { class: 'meta' }, `T+${gameClock(entry.at)} `), text));
    } else if (activity.childElementCount === 0) {
      for (const e of s.feed) {
        const text = describeEntry(e, view);
        if (text) activity.prepend(h('li', {}, h('span', { class: 'meta' }, `T+${gameClock(e.at)} `), text));
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
