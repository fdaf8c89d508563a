import type { DecisionView, DrillView } from '../../../../shared/engine/view-types.ts';
import { loc, seatName, t } from '../../i18n/index.ts';
import type { DrillStore } from '../../store/drill-store.ts';
import { h } from '../dom.ts';
import { notice } from '../notice.ts';
import { emptyLine, panel, toggleEmpty } from '../panel.ts';
import { onTick, setText } from '../ticker.ts';
import { gameClock, timeLeft } from '../time.ts';

/*
 * Decisions the scenario asks of the team, each with its due time counting down. A seat whose role
 * may answer gets the options as buttons; everyone sees who answered what, and when an answer was
 * late or never came. The options carry no verdict: the report explains them afterwards.
 */

export function decisionsPanel(store: DrillStore, announce: (text: string, urgent?: boolean) => void): HTMLElement {
  const list = h('ol', { class: 'decisions', 'aria-label': t('decisions.heading') });
  const empty = emptyLine(t('decisions.none'));
  const status = notice();
  const countdowns = new Map<string, { el: HTMLElement; dueAt: number }>();
  let known: Set<string> | null = null;
  let renderedKey = '';

  const render = (view: DrillView) => {
    const key = JSON.stringify(view.decisions.map((d) => [d.injectId, d.answer?.seq ?? null, d.missedAt])) + view.lifecycle;
    if (key === renderedKey) return;
    renderedKey = key;
    countdowns.clear();
    list.replaceChildren(...[...view.decisions].reverse().map((d) => item(view, d)));
    toggleEmpty(list, empty);
  };

  const item = (view: DrillView, d: DecisionView): HTMLElement => {
    const role = view.viewer.role;
    const mine = d.by.includes(role) && d.answer === null;
    const who = d.by.map((r) => t(`roles.${r}`)).join(', ');
    const when = h('span', { class: 'due' });
    if (d.answer) {
      const option = d.options.find((o) => o.id === d.answer?.option);
      when.textContent = t(d.answer.late ? 'decisions.answeredLate' : 'decisions.answered', { who: seatName(d.answer.by.seat), option: option ? loc(option.label) : d.answer.option, at: gameClock(d.answer.at) });
    } else if (d.missedAt !== null) {
      when.textContent = t('decisions.missed', { at: gameClock(d.missedAt) });
    } else {
      countdowns.set(d.injectId, { el: when, dueAt: d.dueAt });
    }
    const note = h('input', { type: 'text', class: 'note', 'aria-label': t('decisions.note'), placeholder: t('decisions.notePlaceholder') });
    const options = mine
      ? h('div', { class: 'options' }, ...d.options.map((o) =>
          h('button', {
            type: 'button',
            'data-decision': d.injectId,
            'data-option': o.id,
            disabled: view.lifecycle !== 'running',
            onclick: () => void store.send({ type: 'decision.answer', injectId: d.injectId, option: o.id, ...(note.value.trim() ? { note: note.value.trim() } : {}) }).then((r) => status.ack(r, t('decisions.sent'))),
          }, loc(o.label))), note)
      : null;
    return h('li', { class: `decision${d.answer ? ' answered' : d.missedAt !== null ? ' missed' : mine ? ' mine' : ''}`, 'data-decision': d.injectId },
      h('p', { class: 'prompt' }, loc(d.prompt)),
      h('p', { class: 'meta' }, `${t('decisions.for', { roles: who })} · `, when),
      options);
  };

  onTick(() => {
    const now = store.gameTime();
    for (const { el, dueAt } of countdowns.values()) {
      setText(el, t('decisions.dueIn', { left: timeLeft(dueAt, now), at: gameClock(dueAt) }));
      el.classList.toggle('soon', dueAt - now < 2 * 60_000);
    }
  });
  store.subscribe((s) => {
    const view = s.view;
    if (!view) return;
    render(view);
    // Only decisions asked while this page is open are announced, not those it found on arrival.
    if (known !== null) for (const d of view.decisions) if (!known.has(d.injectId) && d.answer === null && d.by.includes(view.viewer.role)) announce(t('decisions.asked', { prompt: loc(d.prompt) }), true);
    known = new Set(view.decisions.map((d) => d.injectId));
  });
  return panel('decisions', t('decisions.heading'), 'decisions-panel', list, empty, status.el);
}
