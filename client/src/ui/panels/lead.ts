import { ACTIONS } from '../../../../shared/runbook/actions.ts';
import { PLAYER_ROLES, type PlayerRole } from '../../../../shared/runbook/types.ts';
import { errorText, loc, t } from '../../i18n/index.ts';
import type { DrillStore } from '../../store/drill-store.ts';
import { clear, h } from '../dom.ts';
import { taskLine } from './task-line.ts';

/** IC and deputy: assign tasks to roles; everyone sees the task list and can ask for a hint. */
export function leadPanel(store: DrillStore, role: PlayerRole): HTMLElement {
  const toRole = h('select', { id: 'task-role', 'aria-label': t('lead.assignTo') }, ...PLAYER_ROLES.map((r) => h('option', { value: r }, t(`roles.${r}`))));
  const action = h('select', { id: 'task-action', 'aria-label': t('lead.task') }, ...ACTIONS.map((a) => h('option', { value: a.id }, loc(a.title))));
  const target = h('select', { id: 'task-target', 'aria-label': t('lead.onSystem') }, h('option', { value: '' }, t('lead.noTarget')));
  const status = h('p', { class: 'status', role: 'status' });
  const tasks = h('ol', { class: 'tasks', 'aria-label': t('lead.tasks') });
  const hints = h('ol', { class: 'hints-list', 'aria-label': t('lead.hints') });
  const canAssign = role === 'ic' || role === 'deputy';
  const form = canAssign
    ? h('form', {
        onsubmit: (e: Event) => {
          e.preventDefault();
          void store.send({ type: 'task.assign', toRole: toRole.value as PlayerRole, action: action.value, ...(target.value ? { target: target.value } : {}) }).then((r) => (status.textContent = r.ok ? t('lead.assigned') : t('lead.notAssigned', { reason: errorText(r.error) })));
        },
      }, h('label', { for: 'task-role' }, t('lead.assignTo')), toRole, h('label', { for: 'task-action' }, t('lead.task')), action, h('label', { for: 'task-target' }, t('lead.on')), target, h('button', { type: 'submit' }, t('lead.assign')), status)
    : null;
  store.subscribe((s) => {
    const view = s.view;
    if (!view) return;
    if (target.childElementCount !== view.scenario.assets.length + 1) {
      clear(target);
      target.append(h('option', { value: '' }, t('lead.noTarget')), ...view.scenario.assets.map((a) => h('option', { value: a.id }, loc(a.name))));
    }
    clear(tasks);
    for (const task of view.tasks) tasks.append(h('li', { class: task.toRole === role ? 'mine' : '', 'data-target': task.target }, taskLine(task, view, role)));
    clear(hints);
    for (const hint of view.hints) hints.append(h('li', {}, loc(hint.text)));
  });
  return h('section', { class: 'panel lead', 'aria-labelledby': 'lead-h' },
    h('h2', { id: 'lead-h' }, canAssign ? t('lead.delegation') : t('lead.yourTasks')), form, tasks,
    h('button', { type: 'button', class: 'hint-btn', onclick: () => void store.send({ type: 'hint.request' }) }, t('lead.hint')), hints);
}
