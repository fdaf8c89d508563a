import type { DrillView } from '../../../shared/engine/view-types.ts';
import { loc, t } from '../i18n/index.ts';
import type { DrillStore } from '../store/drill-store.ts';
import { bus, selectedAsset } from '../game/event-bus.ts';
import { nodeModels } from '../game/board-model.ts';
import { h, unbroken } from './dom.ts';

/*
 * The systems under the board, as buttons: the keyboard's way to pick a system (the canvas takes
 * clicks only) and a readable list of what the board shows. Picking one here is picking it on the
 * board.
 */

export function systemsList(store: DrillStore, truthOverlay: () => boolean): HTMLElement {
  const list = h('ul', { class: 'systems', id: 'systems', 'aria-label': t('systems.label') });
  let key = '';
  const render = (view: DrillView) => {
    const truth = truthOverlay() ? (view.facilitator?.truth ?? null) : null;
    const models = nodeModels(view, truth, store.gameTime());
    const selected = selectedAsset();
    const next = JSON.stringify([models.map((m) => [m.id, m.knowledge, m.flags, m.truth !== null]), selected]);
    if (next === key) return;
    key = next;
    list.replaceChildren(...models.map((m) => {
      const asset = view.scenario.assets.find((a) => a.id === m.id);
      const words = [t(`knowledge.${m.knowledge}`), ...m.flags.map((f) => t(`flag.${f}`))];
      if (m.truth) words.push(t('systems.compromised'));
      return h('li', {}, h('button', {
        type: 'button',
        class: `system k-${m.knowledge}${m.truth ? ' truth' : ''}`,
        'data-asset': m.id,
        'aria-pressed': String(m.id === selected),
        onclick: () => bus.emit('asset:selected', { assetId: m.id, from: 'list' }),
      }, h('span', { class: 'name' }, ...unbroken(asset ? loc(asset.name) : m.id)), h('span', { class: 'state' }, words.join(' · '))));
    }));
  };
  store.subscribe((s) => s.view && render(s.view));
  bus.on('asset:selected', () => store.state.view && render(store.state.view));
  bus.on('board:truth', () => store.state.view && render(store.state.view));
  const legend = h('ul', { class: 'legend', 'aria-label': t('systems.legend') }, ...(['unknown', 'suspected', 'confirmed', 'cleared'] as const).map((k) => h('li', { class: `k-${k}` }, h('span', { class: 'swatch', 'aria-hidden': 'true' }), t(`knowledge.${k}`))));
  return h('div', { class: 'systems-wrap' }, legend, list);
}
