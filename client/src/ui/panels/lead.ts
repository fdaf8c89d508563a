import { ACTIONS } from '../../../../shared/runbook/actions.ts';
import { PLAYER_ROLES, type PlayerRole } from '../../../../shared/runbook/types.ts';
import { localize } from '../../../../shared/i18n/locales.ts';
import type { DrillStore } from '../../store/drill-store.ts';
import { clear, h } from '../dom.ts';

/** IC and deputy: assign tasks to roles; everyone sees the task list and can ask for a hint. */
export function leadPanel(store: DrillStore, role: PlayerRole): HTMLElement {
  const toRole = h('select', { id: 'task-role', 'aria-label': 'Assign to' }, ...PLAYER_ROLES.map((r) => h('option', { value: r }, r)));
  const action = h('select', { id: 'task-action', 'aria-label': 'Task' }, ...ACTIONS.map((a) => h('option', { value: a.id }, a.title.en)));
  const target = h('select', { id: 'task-target', 'aria-label': 'On system' }, h('option', { value: '' }, '(no target)'));
  const status = h('p', { class: 'status', role: 'status' });
  const tasks = h('ol', { class: 'tasks', 'aria-label': 'Assigned tasks' });
  const hints = h('ol', { class: 'hints-list', 'aria-label': 'Hints' });
  const canAssign = role === 'ic' || role === 'deputy';
  const form = canAssign
    ? h('form', {
        onsubmit: (e: Event) => {
          e.preventDefault();
          void store.send({ type: 'task.assign', toRole: toRole.value as PlayerRole, action: action.value, ...(target.value ? { target: target.value } : {}) }).then((r) => (status.textContent = r.ok ? 'Assigned.' : `Not assigned: ${r.error.message}`));
        },
      }, h('label', { for: 'task-role' }, 'Assign to'), toRole, h('label', { for: 'task-action' }, 'Task'), action, h('label', { for: 'task-target' }, 'On'), target, h('button', { type: 'submit' }, 'Assign'), status)
    : null;
  store.subscribe((s) => {
    const view = s.view;
    if (!view) return;
    if (target.childElementCount !== view.scenario.assets.length + 1) {
      clear(target);
      target.append(h('option', { value: '' }, '(no target)'), ...view.scenario.assets.map((a) => h('option', { value: a.id }, localize(a.name, 'en'))));
    }
    clear(tasks);
    for (const t of view.tasks) tasks.append(h('li', { class: t.toRole === role ? 'mine' : '' }, `${t.toRole}: ${t.action}${t.target ? ` on ${t.target}` : ''}${t.toRole === role ? ' ← you' : ''}`));
    clear(hints);
    for (const hint of view.hints) hints.append(h('li', {}, localize(hint.text, 'en')));
  });
  return h('section', { class: 'panel lead', 'aria-labelledby': 'lead-h' },
    h('h2', { id: 'lead-h' }, canAssign ? 'Tasks and delegation' : 'Your tasks'), form, tasks,
    h('button', { type: 'button', class: 'hint-btn', onclick: () => void store.send({ type: 'hint.request' }) }, 'Ask for a hint (recorded in the report)'), hints);
}
