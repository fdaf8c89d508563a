import type { DrillView } from '../../../shared/engine/view-types.ts';
import { fmt, t } from '../i18n/index.ts';
import type { DrillStore } from '../store/drill-store.ts';
import { businessImpact } from '../game/board-model.ts';
import { assetName } from './asset-name.ts';
import { h } from './dom.ts';
import { onTick, setText } from './ticker.ts';

/*
 * What the incident is costing: data known to have left (players see a figure only once the team
 * knows data is leaving, and only what it knows), and business impact, the minutes each system has
 * been out of service weighted by how critical it is. The facilitator also sees the real figure.
 */

export function meters(store: DrillStore): HTMLElement {
  const lossValue = h('span', { class: 'value', id: 'meter-loss' });
  const lossBar = h('span', { class: 'fill' });
  const lossNote = h('span', { class: 'note' });
  const impactValue = h('span', { class: 'value', id: 'meter-impact' });
  const impactNote = h('span', { class: 'note' });
  const truthNote = h('span', { class: 'note truth', hidden: true });

  const draw = (view: DrillView) => {
    const total = view.scenario.dataStores.reduce((n, d) => n + d.records, 0);
    const known = view.exfil.records;
    if (known === null) {
      // Data known to be leaving, but not yet how much: the monitor still says whether it flows.
      setText(lossValue, t(view.exfil.stopped === null ? 'meters.lossUnknown' : 'meters.lossUncounted'));
      setText(lossNote, view.exfil.stopped === null ? '' : view.exfil.stopped ? t('meters.stopped') : t('meters.leaving'));
      lossBar.style.width = '0%';
    } else {
      setText(lossValue, t('meters.loss', { records: fmt.number(known) }));
      setText(lossNote, view.exfil.stopped ? t('meters.stopped') : t('meters.leaving'));
      lossBar.style.width = `${total > 0 ? Math.min(100, (100 * known) / total) : 0}%`;
    }
    const real = view.facilitator?.exfil;
    truthNote.hidden = !real;
    if (real) setText(truthNote, t('meters.lossReal', { records: fmt.number(real.records), state: real.stoppedAt !== null ? t('meters.stopped') : real.perMinute > 0 ? t('meters.leaving') : t('meters.none') }));
  };
  const tick = () => {
    const view = store.state.view;
    if (!view) return;
    const units = businessImpact(view, store.gameTime());
    setText(impactValue, t('meters.impact', { units: fmt.number(Math.round(units)) }));
    const down = view.scenario.assets.filter((a) => view.assets[a.id]?.downSince !== null && view.assets[a.id] !== undefined);
    setText(impactNote, down.length === 0 ? t('meters.allUp') : t('meters.down', { list: down.map((a) => assetName(view, a.id)).join(', ') }));
  };
  store.subscribe((s) => s.view && draw(s.view));
  onTick(tick);
  return h('div', { class: 'meters', role: 'group', 'aria-label': t('meters.label') },
    h('div', { class: 'meter loss' }, h('span', { class: 'label' }, t('meters.lossLabel')), lossValue, h('span', { class: 'track', 'aria-hidden': 'true' }, lossBar), lossNote, truthNote),
    h('div', { class: 'meter impact' }, h('span', { class: 'label', title: t('meters.impactHelp') }, t('meters.impactLabel')), impactValue, impactNote));
}
