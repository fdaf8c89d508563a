import type { DrillStore } from '../../store/drill-store.ts';
import { errorText, seatName, t } from '../../i18n/index.ts';
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
  const text = h('input', { id: 'tl-text', type: 'text', required: true, placeholder: t('timeline.entryPlaceholder') });
  const when = h('input', { id: 'tl-when', type: 'text', placeholder: t('timeline.whenPlaceholder'), inputmode: 'text' });
  const status = h('p', { class: 'status', role: 'status' });
  const list = h('ol', { class: 'timeline', 'aria-label': t('timeline.list') });
  const form = h('form', {
    onsubmit: (e: Event) => {
      e.preventDefault();
      const claimedAt = parseClaimed(when.value);
      if (claimedAt === null) {
        status.textContent = t('timeline.badTime');
        return;
      }
      void store.send({ type: 'timeline.add', text: text.value, ...(claimedAt !== undefined ? { claimedAt } : {}) }).then((r) => {
        status.textContent = r.ok ? t('timeline.logged') : t('timeline.notLogged', { reason: errorText(r.error) });
        if (r.ok) {
          text.value = '';
          when.value = '';
        }
      });
    },
  }, h('label', { for: 'tl-text' }, t('timeline.entry')), text, h('label', { for: 'tl-when' }, t('timeline.happenedAt')), when, h('button', { type: 'submit' }, t('timeline.add')), status);
  store.subscribe((s) => {
    const entries = s.view?.timeline ?? [];
    if (list.childElementCount === entries.length) return;
    clear(list);
    for (const t of entries) list.append(h('li', {}, h('span', { class: 'meta' }, `${t.claimedAt !== undefined ? (t.claimedAt < 0 ? '-' : '') + gameClock(Math.abs(t.claimedAt)) : '—'} · ${seatName(t.by.seat)} `), t.text));
  });
  return h('section', { class: 'panel timeline-panel', 'aria-labelledby': 'tl-h' }, h('h2', { id: 'tl-h' }, t('timeline.heading')), form, list);
}
