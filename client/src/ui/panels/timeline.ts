import type { DrillStore } from '../../store/drill-store.ts';
import { clear, gameClock, h } from '../dom.ts';

/** "-40:00" or "12:30" → game ms; empty → undefined. */
function parseClaimed(text: string): number | undefined | null {
  const t = text.trim();
  if (!t) return undefined;
  const m = /^(-?)(\d+):(\d{2})$/.exec(t);
  if (!m) return null;
  const ms = (Number(m[2]) * 60 + Number(m[3])) * 1000;
  return m[1] ? -ms : ms;
}

/** The team timeline and the scribe's entry form (any player may add; the scribe owns it). */
export function timelinePanel(store: DrillStore): HTMLElement {
  const text = h('input', { id: 'tl-text', type: 'text', required: true, placeholder: 'What happened' });
  const when = h('input', { id: 'tl-when', type: 'text', placeholder: 'mm:ss (or -mm:ss before the drill)', inputmode: 'text' });
  const status = h('p', { class: 'status', role: 'status' });
  const list = h('ol', { class: 'timeline', 'aria-label': 'Team timeline' });
  const form = h('form', {
    onsubmit: (e: Event) => {
      e.preventDefault();
      const claimedAt = parseClaimed(when.value);
      if (claimedAt === null) {
        status.textContent = 'Write the time as mm:ss, for example 12:30 or -40:00.';
        return;
      }
      void store.send({ type: 'timeline.add', text: text.value, ...(claimedAt !== undefined ? { claimedAt } : {}) }).then((r) => {
        status.textContent = r.ok ? 'Logged.' : `Not logged: ${r.error.message}`;
        if (r.ok) {
          text.value = '';
          when.value = '';
        }
      });
    },
  }, h('label', { for: 'tl-text' }, 'Entry'), text, h('label', { for: 'tl-when' }, 'Happened at'), when, h('button', { type: 'submit' }, 'Add to timeline'), status);
  store.subscribe((s) => {
    const entries = s.view?.timeline ?? [];
    if (list.childElementCount === entries.length) return;
    clear(list);
    for (const t of entries) list.append(h('li', {}, h('span', { class: 'meta' }, `${t.claimedAt !== undefined ? (t.claimedAt < 0 ? '-' : '') + gameClock(Math.abs(t.claimedAt)) : '—'} · ${t.by.seat} `), t.text));
  });
  return h('section', { class: 'panel timeline-panel', 'aria-labelledby': 'tl-h' }, h('h2', { id: 'tl-h' }, 'Timeline'), form, list);
}
