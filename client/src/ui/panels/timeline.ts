import { TRUTH_KINDS } from '../../../../shared/scenario/schema.ts';
import type { DrillStore } from '../../store/drill-store.ts';
import { loc, seatName, t } from '../../i18n/index.ts';
import { assetName } from '../asset-name.ts';
import { h } from '../dom.ts';
import { clearOnInput, notice } from '../notice.ts';
import { emptyLine, panel, toggleEmpty } from '../panel.ts';
import { gameClock, parseGameClock } from '../time.ts';

/**
 * The team's timeline of the attack: what happened, when it happened (which may be before the drill
 * began), what kind of event it was and on which system. The scribe keeps it; any player may add.
 */
export function timelinePanel(store: DrillStore, canWrite: boolean): HTMLElement {
  const text = h('input', { id: 'tl-text', type: 'text', required: true, maxlength: 500, placeholder: t('timeline.entryPlaceholder') });
  const when = h('input', { id: 'tl-when', type: 'text', placeholder: t('timeline.whenPlaceholder') });
  const kind = h('select', { id: 'tl-kind' }, h('option', { value: '' }, t('timeline.noKind')), ...TRUTH_KINDS.map((k) => h('option', { value: k }, t(`truthKind.${k}`))));
  const asset = h('select', { id: 'tl-asset' }, h('option', { value: '' }, t('timeline.noSystem')));
  const status = notice('tl-status');
  const list = h('ol', { class: 'timeline', 'aria-label': t('timeline.list') });
  const empty = emptyLine(t('timeline.none'));
  const form = h('form', {
    id: 'timeline-form',
    onsubmit: (e: Event) => {
      e.preventDefault();
      const claimedAt = when.value.trim() ? parseGameClock(when.value) : undefined;
      if (claimedAt === null) return status.fail(t('timeline.badTime'));
      if (!text.value.trim()) return status.fail(t('timeline.needText'));
      void store.send({ type: 'timeline.add', text: text.value.trim(), ...(claimedAt !== undefined ? { claimedAt } : {}), ...(kind.value ? { kind: kind.value } : {}), ...(asset.value ? { asset: asset.value } : {}) }).then((r) => {
        status.ack(r, t('timeline.logged'), 'timeline.notLogged');
        if (r.ok) {
          text.value = '';
          when.value = '';
        }
      });
    },
  },
  h('div', { class: 'grid' },
    h('label', { for: 'tl-text' }, t('timeline.entry')), text,
    h('label', { for: 'tl-when' }, t('timeline.happenedAt')), when,
    h('label', { for: 'tl-kind' }, t('timeline.kind')), kind,
    h('label', { for: 'tl-asset' }, t('timeline.system')), asset),
  h('button', { type: 'submit', id: 'tl-add' }, t('timeline.add')),
  status.el);
  clearOnInput(form, status);
  let count = -1;
  store.subscribe((s) => {
    const view = s.view;
    if (!view) return;
    if (asset.childElementCount === 1) asset.append(...view.scenario.assets.map((a) => h('option', { value: a.id }, loc(a.name))));
    if (view.timeline.length === count) return;
    count = view.timeline.length;
    // In the order things happened, where the entry says; entries without a time by when they were written.
    const sorted = [...view.timeline].sort((a, b) => (a.claimedAt ?? a.at) - (b.claimedAt ?? b.at));
    list.replaceChildren(...sorted.map((e) => h('li', {},
      h('span', { class: 'when' }, e.claimedAt !== undefined ? gameClock(e.claimedAt) : '—'),
      h('span', { class: 'what' }, e.text),
      h('span', { class: 'meta' }, [e.kind ? t(`truthKind.${e.kind}`) : '', e.asset ? assetName(view, e.asset) : '', t('timeline.by', { who: seatName(e.by.seat), at: gameClock(e.at) })].filter(Boolean).join(' · ')))));
    toggleEmpty(list, empty);
  });
  return panel('timeline-panel', t('timeline.heading'), 'timeline-panel', canWrite ? form : null, list, empty);
}
