import { ACTIONS } from '../../../../shared/runbook/actions.ts';
import { CHECKLIST } from '../../../../shared/runbook/checklist.ts';
import { OODA_PHASES, type PlayerRole } from '../../../../shared/runbook/types.ts';
import { loc, t } from '../../i18n/index.ts';
import type { DrillStore } from '../../store/drill-store.ts';
import { bus } from '../../game/event-bus.ts';
import { clear, h } from '../dom.ts';

/** Every catalog action this role may take, grouped by OODA phase, with a target picker and detail field. */
export function actionsPanel(store: DrillStore, role: PlayerRole): HTMLElement {
  const target = h('select', { id: 'action-target', 'aria-label': t('actions.targetSystem') });
  const detail = h('input', { id: 'action-detail', type: 'text', placeholder: t('actions.detailPlaceholder'), 'aria-label': t('actions.detailLabel') });
  const groups = h('div', { class: 'action-groups' });
  const checklist = h('ol', { class: 'checklist', 'aria-label': t('actions.checklistProgress') });
  bus.on('asset:selected', ({ assetId }) => {
    target.value = assetId;
    target.focus();
  });
  const mine = ACTIONS.filter((a) => a.roles.includes(role));
  for (const phase of OODA_PHASES) {
    const list = mine.filter((a) => a.ooda === phase);
    if (list.length === 0) continue;
    groups.append(h('h3', {}, t(`ooda.${phase}`)), h('div', { class: 'buttons' }, ...list.map((a) =>
      h('button', {
        type: 'button',
        'data-action': a.id,
        title: a.owners.includes(role) ? loc(a.title) : t('actions.usually', { title: loc(a.title), owners: a.owners.map((o) => t(`roles.${o}`)).join('/') }),
        onclick: () => void store.send({ type: 'action.take', action: a.id, ...(a.target === 'asset' ? { target: target.value } : {}), ...(detail.value.trim() && (a.id === 'set-codename' || a.id === 'declare-severity') ? { detail: detail.value.trim() } : {}) }),
      }, `${loc(a.title)}${a.target === 'asset' ? ' ▸' : ''}`))));
  }
  store.subscribe((s) => {
    const view = s.view;
    if (!view) return;
    if (target.childElementCount !== view.scenario.assets.length) {
      clear(target);
      for (const a of view.scenario.assets) target.append(h('option', { value: a.id }, loc(a.name)));
    }
    clear(checklist);
    for (const step of CHECKLIST) {
      const done = ACTIONS.some((a) => a.step === step.id && view.actionsTaken[a.id] !== undefined);
      checklist.append(h('li', { class: done ? 'done' : '' }, `${done ? '✓' : '○'} ${loc(step.title)}`));
    }
  });
  return h('section', { class: 'panel actions', 'aria-labelledby': 'actions-h' },
    h('h2', { id: 'actions-h' }, t('actions.heading', { role: t(`roles.${role}`) })),
    h('div', { class: 'row' }, h('label', { for: 'action-target' }, t('actions.target')), target, h('label', { for: 'action-detail' }, t('actions.detail')), detail),
    groups,
    h('h2', {}, t('actions.checklist')), checklist);
}
