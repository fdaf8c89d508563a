import type { LogEntry } from '../../../../shared/engine/types.ts';
import type { DrillView } from '../../../../shared/engine/view-types.ts';
import { loc, t } from '../../i18n/index.ts';
import type { DrillStore } from '../../store/drill-store.ts';
import { aheadOfView, describeEntry, revealOf } from '../describe.ts';
import { h } from '../dom.ts';
import { emptyLine, panel, toggleEmpty } from '../panel.ts';
import { gameClock } from '../time.ts';

/*
 * The inject feed (with bodies) and the activity feed: the seat's whole story, from the drill's
 * creation on. After a reload or a late join the earlier part arrives page by page from the history
 * while new entries keep coming; the list is kept in log order either way. New injects are
 * announced to screen readers and, with sound on, by a short tone.
 */

export interface FeedOptions {
  sound: () => boolean;
  motion: () => boolean;
  announce: (text: string, urgent?: boolean) => void;
}

export function feedPanel(store: DrillStore, options: FeedOptions): HTMLElement {
  const injects = h('ol', { class: 'injects', 'aria-label': t('feed.injects') });
  const injectsEmpty = emptyLine(t('feed.noInjects'));
  const activity = h('ol', { class: 'activity', 'aria-label': t('feed.activity') });
  const activityEmpty = emptyLine(t('feed.noActivity'));
  const loading = h('p', { class: 'meta history', role: 'status' });
  let shown: Set<string> | null = null;
  let renderedFeed: readonly LogEntry[] = [];
  /** Items written before their view named what they are about; they are written again when it does. */
  const pending = new Map<HTMLElement, LogEntry>();
  let renderedView: DrillView | null = null;

  const item = (e: LogEntry, view: DrillView | null): HTMLElement | null => {
    const text = describeEntry(e, view);
    if (!text) return null;
    const reveal = revealOf(e);
    // The text names systems in the reader's language; ids stay on the entry for tools and tests.
    const li = h('li', { 'data-seq': String(e.seq), 'data-type': e.event.type, 'data-target': 'target' in e.event ? e.event.target : undefined },
      h('span', { class: 'meta' }, `${gameClock(e.at)} `),
      h('span', { class: 'what' }, text),
      reveal ? h('span', { class: 'reveal' }, reveal) : null);
    if (aheadOfView(e, view)) pending.set(li, e);
    return li;
  };

  store.subscribe((s, change) => {
    const view = s.view;
    setTextIf(loading, s.history === 'loading' ? t('feed.historyLoading') : s.history === 'failed' ? t('feed.historyFailed') : '');
    loading.hidden = s.history === 'complete';
    if (view) {
      const fresh = view.injects.filter((i) => !shown?.has(i.injectId));
      if (fresh.length > 0 || shown === null) {
        injects.replaceChildren(...[...view.injects].reverse().map((inj) =>
          h('li', { class: `inject sev-${inj.severity}${shown !== null && fresh.includes(inj) && options.motion() ? ' arrive' : ''}`, 'data-inject': inj.injectId },
            h('div', { class: 'meta' }, `${gameClock(inj.at)} · ${t(`severity.${inj.severity}`)}${inj.from ? ` · ${loc(inj.from)}` : ''}`),
            h('strong', {}, loc(inj.title)),
            h('p', {}, loc(inj.body)))));
        // Only injects that arrive while the page is open are announced, not the ones found on arrival.
        if (shown !== null) {
          for (const inj of fresh) options.announce(t('feed.newInject', { title: loc(inj.title) }), inj.severity === 'critical');
          if (fresh.length > 0 && options.sound()) beep();
        }
        shown = new Set(view.injects.map((i) => i.injectId));
        toggleEmpty(injects, injectsEmpty);
      }
    }
    if (view && view !== renderedView && pending.size > 0) {
      for (const [li, e] of pending) {
        if (aheadOfView(e, view)) continue;
        pending.delete(li);
        const fresh = item(e, view);
        if (fresh) li.replaceWith(fresh);
      }
    }
    renderedView = view;
    if (s.feed === renderedFeed) return;
    const appendOnly = !change.fromHistory && change.added.length > 0 && renderedFeed.length + change.added.length === s.feed.length;
    if (appendOnly) {
      for (const e of change.added) {
        const li = item(e, view);
        if (li) activity.prepend(li);
      }
    } else {
      pending.clear();
      activity.replaceChildren(...[...s.feed].reverse().flatMap((e) => item(e, view) ?? []));
    }
    renderedFeed = s.feed;
    toggleEmpty(activity, activityEmpty);
  });

  return panel('feed', t('feed.injectFeed'), 'feed',
    injects, injectsEmpty,
    h('h2', { id: 'activity-h' }, t('feed.activity')),
    loading,
    activity, activityEmpty);
}

function setTextIf(el: HTMLElement, text: string): void {
  if (el.textContent !== text) el.textContent = text;
}

let audio: AudioContext | null = null;
/** A short tone for a new inject; only ever played after the person turned sound on. */
export function beep(): void {
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
