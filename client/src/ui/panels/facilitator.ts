import { PLAYER_ROLES } from '../../../../shared/runbook/types.ts';
import type { DrillView } from '../../../../shared/engine/view-types.ts';
import { loc, t } from '../../i18n/index.ts';
import type { DrillStore } from '../../store/drill-store.ts';
import { bus } from '../../game/event-bus.ts';
import { confirmDialog } from '../confirm.ts';
import { h } from '../dom.ts';
import { clearOnInput, notice } from '../notice.ts';
import { emptyLine, panel, toggleEmpty } from '../panel.ts';
import { onTick, setText } from '../ticker.ts';
import { gameClock, timeLeft } from '../time.ts';

/*
 * The facilitator's console: the truth overlay on the board, the upcoming injects with their
 * countdowns and a button to send each now, an ad-hoc inject and private notes. The pace controls
 * (start, pause and resume, each enabled only when it applies; the speed; ending the drill, asked
 * first because it ends it for everyone) sit beside the clock, for the facilitator and a solo
 * trainee alike.
 */

export const SPEEDS = [1, 2, 5, 10] as const;

/** Start / pause / resume / speed / end, shared by the facilitator console and solo mode. */
export function paceControls(store: DrillStore, options: { idPrefix: string; endReason: string; onEnded?: () => void }): { el: HTMLElement; status: ReturnType<typeof notice> } {
  const status = notice(`${options.idPrefix}-status`);
  const send = (command: Parameters<DrillStore['send']>[0], ok: string) => void store.send(command).then((r) => status.ack(r, ok));
  const start = h('button', { type: 'button', id: `${options.idPrefix}-start`, onclick: () => send({ type: 'drill.start' }, t('pace.started')) }, t('pace.start'));
  const pause = h('button', { type: 'button', id: `${options.idPrefix}-pause`, onclick: () => send({ type: 'drill.pause' }, t('pace.pausedDone')) }, t('pace.pause'));
  const resume = h('button', { type: 'button', id: `${options.idPrefix}-resume`, onclick: () => send({ type: 'drill.resume' }, t('pace.resumed')) }, t('pace.resume'));
  const speed = h('select', { id: `${options.idPrefix}-speed` }, ...SPEEDS.map((n) => h('option', { value: String(n) }, t('pace.speedOption', { speed: n }))));
  speed.addEventListener('change', () => send({ type: 'drill.setSpeed', speed: Number(speed.value) }, t('pace.speedSet', { speed: speed.value })));
  const end = h('button', {
    type: 'button',
    id: `${options.idPrefix}-end`,
    class: 'danger',
    onclick: async () => {
      if (!(await confirmDialog(t('pace.endConfirm'), t('pace.endYes')))) return;
      send({ type: 'drill.end', reason: options.endReason }, t('pace.endedDone'));
    },
  }, t('pace.end'));
  store.subscribe((s) => {
    const v = s.view;
    if (!v) return;
    start.disabled = v.lifecycle !== 'briefing';
    pause.disabled = v.lifecycle !== 'running';
    resume.disabled = v.lifecycle !== 'paused';
    speed.disabled = v.lifecycle === 'ended';
    end.disabled = v.lifecycle === 'ended';
    if (document.activeElement !== speed && speed.value !== String(v.speed)) speed.value = String(v.speed);
  });
  const el = h('div', { class: 'pace-controls' },
    h('div', { class: 'buttons' }, start, pause, resume, h('label', { for: `${options.idPrefix}-speed` }, t('pace.speed')), speed, end),
    status.el);
  return { el, status };
}

export function facilitatorPanel(store: DrillStore, onReport: () => void): { console: HTMLElement; extras: HTMLElement } {
  const truth = h('input', { type: 'checkbox', id: 'truth-overlay', onchange: (e: Event) => bus.emit('board:truth', { on: (e.target as HTMLInputElement).checked }) });
  const upcoming = h('ol', { class: 'palette', id: 'upcoming', 'aria-label': t('facilitator.upcoming') });
  const upcomingEmpty = emptyLine(t('facilitator.noUpcoming'));
  const countdowns: { el: HTMLElement; dueAt: number }[] = [];
  const status = notice('fac-inject-status');
  let upcomingKey = '';

  const renderUpcoming = (view: DrillView) => {
    const f = view.facilitator;
    if (!f) return;
    const key = JSON.stringify([f.upcoming.map((u) => u.injectId), view.lifecycle]);
    if (key === upcomingKey) return;
    upcomingKey = key;
    countdowns.length = 0;
    const sorted = [...f.upcoming].sort((a, b) => (a.dueAt ?? Infinity) - (b.dueAt ?? Infinity));
    upcoming.replaceChildren(...sorted.map((u) => {
      const due = h('span', { class: 'due' });
      if (u.dueAt !== null) countdowns.push({ el: due, dueAt: u.dueAt });
      else due.textContent = t('facilitator.byHand');
      return h('li', { 'data-upcoming': u.injectId },
        h('div', { class: 'line' }, h('strong', {}, loc(u.title)), h('button', { type: 'button', class: 'small', 'data-inject': u.injectId, disabled: view.lifecycle === 'briefing' || view.lifecycle === 'ended', onclick: () => void store.send({ type: 'inject.push', injectId: u.injectId }).then((r) => status.ack(r, t('facilitator.injectSent'))) }, t('facilitator.sendNow'))),
        h('p', { class: 'meta' }, due),
        u.facilitatorNote ? h('p', { class: 'meta note' }, loc(u.facilitatorNote)) : null);
    }));
    toggleEmpty(upcoming, upcomingEmpty);
    tick();
  };
  const tick = () => {
    const now = store.gameTime();
    for (const c of countdowns) setText(c.el, t('facilitator.dueIn', { left: timeLeft(c.dueAt, now), at: gameClock(c.dueAt) }));
  };
  onTick(tick);

  const adhocTitle = h('input', { id: 'adhoc-title', type: 'text', required: true, maxlength: 200 });
  const adhocBody = h('textarea', { id: 'adhoc-body', rows: 2, required: true });
  const adhocAudience = h('select', { id: 'adhoc-audience' }, h('option', { value: 'all' }, t('facilitator.everyone')), ...PLAYER_ROLES.map((r) => h('option', { value: r }, t(`roles.${r}`))));
  const adhocStatus = notice('adhoc-status');
  const adhoc = h('form', {
    class: 'adhoc',
    onsubmit: (e: Event) => {
      e.preventDefault();
      const audience = adhocAudience.value === 'all' ? 'all' : [adhocAudience.value as (typeof PLAYER_ROLES)[number]];
      void store.send({ type: 'inject.adhoc', title: adhocTitle.value, body: adhocBody.value, audience }).then((r) => {
        adhocStatus.ack(r, t('facilitator.adhocSent'));
        if (r.ok) {
          adhocTitle.value = '';
          adhocBody.value = '';
        }
      });
    },
  }, h('h3', {}, t('facilitator.adhoc')),
  h('div', { class: 'grid' },
    h('label', { for: 'adhoc-title' }, t('facilitator.adhocTitle')), adhocTitle,
    h('label', { for: 'adhoc-body' }, t('facilitator.adhocText')), adhocBody,
    h('label', { for: 'adhoc-audience' }, t('facilitator.audience')), adhocAudience),
  h('button', { type: 'submit', id: 'adhoc-send' }, t('facilitator.sendAdhoc')), adhocStatus.el);
  clearOnInput(adhoc, adhocStatus);

  const note = h('textarea', { id: 'fac-note', rows: 2 });
  const notes = h('ol', { class: 'notes' });
  const notesEmpty = emptyLine(t('facilitator.noNotes'));
  const noteStatus = notice();
  const notesForm = h('form', { onsubmit: (e: Event) => { e.preventDefault(); if (!note.value.trim()) return; void store.send({ type: 'facilitator.note', text: note.value.trim() }).then((r) => { noteStatus.ack(r, t('facilitator.noteSaved')); if (r.ok) note.value = ''; }); } },
    h('h3', {}, t('facilitator.notes')), h('label', { for: 'fac-note' }, t('facilitator.note')), note, h('button', { type: 'submit', id: 'fac-note-save' }, t('facilitator.saveNote')), noteStatus.el, notes, notesEmpty);
  clearOnInput(notesForm, noteStatus);

  let notesCount = -1;
  store.subscribe((s) => {
    const view = s.view;
    if (!view?.facilitator) return;
    renderUpcoming(view);
    if (view.facilitator.notes.length !== notesCount) {
      notesCount = view.facilitator.notes.length;
      notes.replaceChildren(...view.facilitator.notes.map((n) => h('li', {}, h('span', { class: 'meta' }, `${gameClock(n.at)} `), n.text)));
      toggleEmpty(notes, notesEmpty);
    }
  });

  return {
    console: panel('facilitator', t('facilitator.heading'), 'facilitator',
      h('div', { class: 'buttons' },
        h('label', { class: 'toggle', for: 'truth-overlay' }, truth, ` ${t('facilitator.truthOverlay')}`),
        h('button', { type: 'button', id: 'open-report', class: 'quiet', onclick: onReport }, t('facilitator.openReport'))),
      h('h3', {}, t('facilitator.palette')),
      h('div', { class: 'upcoming-box' }, upcoming, upcomingEmpty),
      status.el),
    extras: panel('facilitator-extra', t('facilitator.extraHeading'), 'facilitator-extra', adhoc, notesForm),
  };
}
