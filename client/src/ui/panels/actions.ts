import { ACTIONS } from '../../../../shared/runbook/actions.ts';
import { CHECKLIST } from '../../../../shared/runbook/checklist.ts';
import { OODA_PHASES, type PlayerRole } from '../../../../shared/runbook/types.ts';
import { localize } from '../../../../shared/i18n/locales.ts';
import type { DrillStore } from '../../store/drill-store.ts';
import { bus } from '../../game/event-bus.ts';
import { clear, h } from '../dom.ts';

/** Every catalog action this role may take, grouped by OODA phase, with a target picker and detail field. */
export function actionsPanel(store: DrillStore, role: PlayerRole): HTMLElement {
  const target = h('select', { id: 'action-target', 'aria-label': 'Target system' });
  const detail = h('input', { id: 'action-detail', type: 'text', placeholder: 'codename / severity', 'aria-label': 'Detail (codename, severity)' });
  const groups = h('div', { class: 'action-groups' });
  const checklist = h('ol', { class: 'checklist', 'aria-label': 'Runbook checklist progress' });
  bus.on('asset:selected', ({ assetId }) => {
    target.value = assetId;
    target.focus();
  });
  const mine = ACTIONS.filter((a) => a.roles.includes(role));
  for (const phase of OODA_PHASES) {
    const list = mine.filter((a) => a.ooda === phase);
    if (list.length === 0) continue;
    groups.append(h('h3', {}, phase.toUpperCase()), h('div', { class: 'buttons' }, ...list.map((a) =>
      h('button', {
        type: 'button',
        'data-action': a.id,
        title: a.owners.includes(role) ? a.title.en : `${a.title.en} (usually ${a.owners.join('/')})`,
        onclick: () => void store.send({ type: 'action.take', action: a.id, ...(a.target === 'asset' ? { target: target.value } : {}), ...(detail.value.trim() && (a.id === 'set-codename' || a.id === 'declare-severity') ? { detail: detail.value.trim() } : {}) }),
      }, `${a.title.en}${a.target === 'asset' ? ' ▸' : ''}`))));
  }
  store.subscribe((s) => {
    const view = s.view;
    if (!view) return;
    if (target.childElementCount !== view.scenario.assets.length) {
      clear(target);
      for (const a of view.scenario.assets) target.append(h('option', { value: a.id }, localize(a.name, 'en')));
    }
    clear(checklist);
    for (const step of CHECKLIST) {
      const done = ACTIONS.some((a) => a.step === step.id && view.actionsTaken[a.id] !== undefined);
      checklist.append(h('li', { class: done ? 'done' : '' }, `${done ? '✓' : '○'} ${localize(step.title, 'en')}`));
    }
  });
  return h('section', { class: 'panel actions', 'aria-labelledby': 'actions-h' },
    h('h2', { id: 'actions-h' }, `Actions (${role.toUpperCase()})`),
    h('div', { class: 'row' }, h('label', { for: 'action-target' }, 'Target'), target, h('label', { for: 'action-detail' }, 'Detail'), detail),
    groups,
    h('h2', {}, 'Checklist'), checklist);
}
