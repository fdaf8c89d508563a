import type { DrillView } from '../../../../shared/engine/view-types.ts';
import type { TaskRecord } from '../../../../shared/engine/types.ts';
import { ACTIONS, getAction } from '../../../../shared/runbook/actions.ts';
import { OODA_PHASES, type PlayerRole } from '../../../../shared/runbook/types.ts';
import { ASSIGN_MINUTES } from '../../../../shared/engine/execute.ts';
import type { SeatPresence } from '../../../../shared/protocol/index.ts';
import { loc, seatName, t } from '../../i18n/index.ts';
import type { DrillStore } from '../../store/drill-store.ts';
import { bus } from '../../game/event-bus.ts';
import { availability, minutesFor, runningWorkOf, seatBlocked } from '../availability.ts';
import { workTitle } from '../describe.ts';
import { h } from '../dom.ts';
import { clearOnInput, notice } from '../notice.ts';
import { emptyLine, panel, toggleEmpty } from '../panel.ts';
import { reasonText } from '../reason.ts';
import { onTick, setText } from '../ticker.ts';
import { gameClock, minutesText, timeLeft } from '../time.ts';

/*
 * The team board: every seat, what it is doing and until when (with the work's progress), and the
 * tasks the IC and deputy have handed out with their status (open, working, done, failed). A task
 * is the assignee's to-do: they start it from here. The IC and deputy assign from here too; assigning
 * takes them a minute of game time, as the engine counts it.
 */

export interface TeamOptions {
  /** The seat looking, when it plays; null for the facilitator and observers. */
  me: { seat: string; role: PlayerRole } | null;
  solo: boolean;
}

export function teamPanel(store: DrillStore, options: TeamOptions): HTMLElement {
  const seats = h('ul', { class: 'seats', id: 'team-seats', 'aria-label': t('team.seats') });
  const todo = h('ol', { class: 'todo', id: 'todo', 'aria-label': t('team.todo') });
  const todoEmpty = emptyLine(t('team.todoNone'));
  const tasks = h('ol', { class: 'tasks', id: 'tasks', 'aria-label': t('team.tasks') });
  const tasksEmpty = emptyLine(t('team.tasksNone'));
  const status = notice('team-status');
  const live: { bar: HTMLElement; label: HTMLElement; startedAt: number; endsAt: number; busyUntil?: number }[] = [];
  let seatsKey = '';
  let tasksKey = '';
  const canAssign = options.me?.role === 'ic' || options.me?.role === 'deputy';

  const renderSeats = (view: DrillView, presence: SeatPresence[]) => {
    const online = new Map(presence.map((p) => [p.seat, p.connected]));
    const key = JSON.stringify([view.seats, view.work.filter((w) => w.status === 'running').map((w) => w.id), view.busyUntil, [...online]]);
    if (key === seatsKey) return;
    seatsKey = key;
    live.length = 0;
    seats.replaceChildren(...view.seats.map((s) => {
      const work = runningWorkOf(view, s.seat);
      const busyUntil = view.busyUntil[s.seat];
      const label = h('span', { class: 'doing' });
      const bar = h('span', { class: 'bar' });
      const mark = options.solo ? (s.seat === options.me?.seat ? t('team.you') : t('team.bot')) : online.get(s.seat) ? '●' : '○';
      const lead = options.me && (options.me.role === 'ic' || options.me.role === 'deputy') && work && work.seat !== options.me.seat;
      const li = h('li', { class: `seat${work ? ' working' : ''}`, 'data-seat': s.seat },
        h('span', { class: 'who' }, h('strong', {}, seatName(s.seat)), h('span', { class: 'mark' }, ` ${mark}`)),
        label,
        work ? h('span', { class: 'progress', role: 'progressbar', 'aria-label': workTitle(view, work.action, work.target) }, bar) : null,
        lead && work ? h('button', { type: 'button', class: 'quiet small', 'data-cancel': work.id, onclick: () => void store.send({ type: 'action.cancel', workId: work.id }).then((r) => status.ack(r, t('actions.cancelled'))) }, t('actions.cancel')) : null);
      if (work) live.push({ bar, label, startedAt: work.startedAt, endsAt: work.endsAt });
      else live.push({ bar, label, startedAt: 0, endsAt: 0, ...(busyUntil !== undefined ? { busyUntil } : {}) });
      label.dataset.work = work ? workTitle(view, work.action, work.target) : '';
      return li;
    }));
    tick();
  };

  const tick = () => {
    const now = store.gameTime();
    for (const l of live) {
      if (l.endsAt > 0) {
        setText(l.label, t('team.doing', { work: l.label.dataset.work ?? '', until: gameClock(l.endsAt), left: timeLeft(l.endsAt, now) }));
        const done = Math.max(0, Math.min(1, (now - l.startedAt) / Math.max(1, l.endsAt - l.startedAt)));
        l.bar.style.width = `${Math.round(done * 100)}%`;
        l.bar.parentElement?.setAttribute('aria-valuenow', String(Math.round(done * 100)));
      } else if (l.busyUntil !== undefined && l.busyUntil > now) {
        setText(l.label, t('team.assigning', { until: gameClock(l.busyUntil) }));
      } else {
        setText(l.label, t('team.free'));
      }
    }
  };

  const taskLine = (view: DrillView, task: TaskRecord) => t('team.taskLine', { by: seatName(task.by), to: seatName(task.toSeat), work: workTitle(view, task.action, task.target) });

  const renderTasks = (view: DrillView) => {
    const me = options.me;
    const key = JSON.stringify([view.tasks.map((k) => [k.id, k.status]), view.lifecycle, me ? runningWorkOf(view, me.seat)?.id : null]);
    if (key === tasksKey) return;
    tasksKey = key;
    tasks.replaceChildren(...[...view.tasks].reverse().map((task) =>
      h('li', { class: `task task-${task.status}`, 'data-task': task.id, 'data-status': task.status },
        h('span', { class: `chip chip-${task.status}` }, t(`taskStatus.${task.status}`)),
        ` ${taskLine(view, task)}`,
        task.note ? h('span', { class: 'note' }, ` — ${task.note}`) : null,
        h('span', { class: 'meta' }, ` · ${gameClock(task.at)}`))));
    toggleEmpty(tasks, tasksEmpty);
    if (!me) return;
    const mine = view.tasks.filter((k) => k.toSeat === me.seat && k.status === 'open');
    todo.replaceChildren(...mine.map((task) => {
      const why = h('span', { class: 'why' });
      const start = h('button', {
        type: 'button',
        'data-start-task': task.id,
        onclick: () => {
          const v = store.state.view;
          if (!v) return;
          const a = availability(v, me.seat, me.role, task.action, task.target, store.gameTime());
          if (!a.ok) return status.fail(reasonText(a.reason, v));
          void store.send({ type: 'action.take', action: task.action, ...(task.target ? { target: task.target } : {}) }).then((r) => status.ack(r, t('actions.started', { work: workTitle(v, task.action, task.target), minutes: minutesText(a.minutes) })));
        },
      }, t('team.start'));
      return h('li', { 'data-task': task.id }, h('span', {}, workTitle(view, task.action, task.target), task.note ? ` — ${task.note}` : '', h('span', { class: 'meta' }, ` (${t('team.from', { seat: seatName(task.by) })})`)), start, why);
    }));
    toggleEmpty(todo, todoEmpty);
  };

  const form = canAssign && options.me ? assignForm(store, options.me, status) : null;

  onTick(tick);
  store.subscribe((s) => {
    const view = s.view;
    if (!view) return;
    renderSeats(view, s.presence);
    renderTasks(view);
  });

  return panel('team', t('team.heading'), 'team',
    seats,
    options.me ? h('h3', { id: 'todo-h' }, t('team.todo')) : null,
    options.me ? todo : null,
    options.me ? todoEmpty : null,
    status.el,
    form,
    h('h3', {}, t('team.tasks')),
    tasks,
    tasksEmpty);
}

/** The IC's and deputy's form to hand a piece of work to a seat: the seat, the work (what that seat's role may do), the system, a note. */
function assignForm(store: DrillStore, me: { seat: string; role: PlayerRole }, status: ReturnType<typeof notice>): HTMLElement {
  const toSeat = h('select', { id: 'task-seat' });
  const action = h('select', { id: 'task-action' });
  const target = h('select', { id: 'task-target' });
  const note = h('input', { id: 'task-note', type: 'text', maxlength: 200, placeholder: t('team.notePlaceholder') });
  const takes = h('p', { class: 'meta', id: 'task-takes' });
  const fillActions = (view: DrillView) => {
    const seat = view.seats.find((s) => s.seat === toSeat.value);
    const previous = action.value;
    action.replaceChildren(...OODA_PHASES.map((phase) => h('optgroup', { label: t(`ooda.${phase}`) }, ...ACTIONS.filter((a) => a.ooda === phase && seat && a.roles.includes(seat.role)).map((a) => h('option', { value: a.id }, loc(a.title))))));
    if ([...action.options].some((o) => o.value === previous)) action.value = previous;
    fillTarget(view);
  };
  const fillTarget = (view: DrillView) => {
    const def = getAction(action.value);
    const needs = def?.target === 'asset';
    const previous = target.value;
    target.replaceChildren(...(needs ? view.scenario.assets.map((a) => h('option', { value: a.id }, loc(a.name))) : [h('option', { value: '' }, t('team.noSystem'))]));
    if (needs && [...target.options].some((o) => o.value === previous)) target.value = previous;
    target.disabled = !needs;
    const minutes = def ? minutesFor(view, def, needs ? target.value : undefined) : 0;
    takes.textContent = def ? t('team.takes', { minutes: minutesText(minutes), assign: minutesText(1) }) : '';
  };
  toSeat.addEventListener('change', () => store.state.view && fillActions(store.state.view));
  // From an action's Assign button: the work and system filled in, the first free seat that owns such work picked.
  bus.on('task:prefill', ({ action: id, target: tgt }) => {
    const view = store.state.view;
    const def = getAction(id);
    if (!view || !def) return;
    const candidates = view.seats.filter((x) => x.seat !== me.seat && def.roles.includes(x.role));
    const owner = candidates.filter((x) => def.owners.includes(x.role));
    const free = (x: { seat: string }) => seatBlocked(view, x.seat, store.gameTime()) === null && !view.tasks.some((k) => k.toSeat === x.seat && k.status === 'open');
    const pick = owner.find(free) ?? owner[0] ?? candidates[0];
    if (!pick) return;
    toSeat.value = pick.seat;
    fillActions(view);
    action.value = id;
    fillTarget(view);
    if (tgt && def.target === 'asset') {
      target.value = tgt;
      fillTarget(view);
    }
    form.scrollIntoView({ block: 'nearest' });
    toSeat.focus();
  });
  action.addEventListener('change', () => store.state.view && fillTarget(store.state.view));
  target.addEventListener('change', () => store.state.view && fillTarget(store.state.view));
  let seatsKey = '';
  store.subscribe((s) => {
    const view = s.view;
    if (!view) return;
    const key = view.seats.map((x) => x.seat).join(',');
    if (key === seatsKey) return;
    seatsKey = key;
    toSeat.replaceChildren(...view.seats.filter((x) => x.seat !== me.seat).map((x) => h('option', { value: x.seat }, seatName(x.seat))));
    fillActions(view);
  });
  const form = h('form', {
    class: 'assign',
    id: 'assign-form',
    onsubmit: (e: Event) => {
      e.preventDefault();
      const view = store.state.view;
      if (!view) return;
      const def = getAction(action.value);
      if (!def) return;
      // Assigning needs the lead to be free, like any work (the engine counts ASSIGN_MINUTES for it).
      const blocked = seatBlocked(view, me.seat, store.gameTime());
      if (blocked) return status.fail(reasonText(blocked, view));
      void store.send({ type: 'task.assign', toSeat: toSeat.value, action: def.id, ...(def.target === 'asset' && target.value ? { target: target.value } : {}), ...(note.value.trim() ? { note: note.value.trim() } : {}) }).then((r) => {
        status.ack(r, t('team.assigned', { seat: seatName(toSeat.value), work: workTitle(view, def.id, def.target === 'asset' ? target.value : undefined) }));
        if (r.ok) note.value = '';
      });
    },
  },
  h('h3', {}, t('team.assign')),
  h('div', { class: 'grid' },
    h('label', { for: 'task-seat' }, t('team.to')), toSeat,
    h('label', { for: 'task-action' }, t('team.work')), action,
    h('label', { for: 'task-target' }, t('team.system')), target,
    h('label', { for: 'task-note' }, t('team.note')), note),
  takes,
  h('button', { type: 'submit', id: 'task-assign' }, t('team.assignButton', { minutes: minutesText(ASSIGN_MINUTES) })));
  clearOnInput(form, status);
  return form;
}

