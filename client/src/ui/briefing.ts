import type { DrillView } from '../../../shared/engine/view-types.ts';
import { ROLE_DEFS } from '../../../shared/runbook/roles.ts';
import { loc, seatName, t } from '../i18n/index.ts';
import type { DrillStore } from '../store/drill-store.ts';
import { h } from './dom.ts';

/*
 * The briefing card: what happened (the scenario's alert), what your seat is for (its duties from
 * the runbook's roles), who else is on the team, and how the drill works. It opens at the start and
 * can be opened again from the header; it tells the reader nothing the scenario does not.
 */

const key = (view: DrillView) => `ttx-briefed:${view.scenario.id}:${view.viewer.seat}`;

function seen(view: DrillView): boolean {
  try {
    return sessionStorage.getItem(key(view)) === '1';
  } catch {
    return false;
  }
}

export function briefingCard(store: DrillStore, view: DrillView, options: { solo: boolean }): { el: HTMLElement; open: () => void } {
  const role = ROLE_DEFS.find((r) => r.id === view.viewer.role);
  const team = h('ul', { class: 'team-list' });
  const close = h('button', { type: 'button', id: 'briefing-close' }, t('briefing.close'));
  const el = h('section', { class: 'panel briefing', id: 'briefing', 'aria-labelledby': 'briefing-h' },
    h('h2', { id: 'briefing-h' }, t('briefing.heading')),
    h('h3', {}, t('briefing.alert')),
    h('p', { class: 'brief' }, loc(view.scenario.brief)),
    h('h3', {}, t('briefing.yourRole', { role: role ? loc(role.title) : t(`roles.${view.viewer.role}`) })),
    h('ul', { class: 'duties' }, ...(role?.duties ?? []).map((d) => h('li', {}, loc(d)))),
    h('h3', {}, t('briefing.team')),
    team,
    h('h3', {}, t('briefing.how')),
    h('ul', { class: 'how' }, ...(view.viewer.role === 'facilitator' ? ['howFac1', 'howFac2', 'howFac3'] : ['how1', 'how2', 'how3', 'how4']).map((k) => h('li', {}, t(`briefing.${k}`)))),
    close);
  const hide = () => {
    el.hidden = true;
    try {
      sessionStorage.setItem(key(view), '1');
    } catch {
      /* storage unavailable: the card shows again on reload */
    }
  };
  close.addEventListener('click', hide);
  el.hidden = seen(view) && view.lifecycle !== 'briefing';
  store.subscribe((s) => {
    const v = s.view;
    if (!v) return;
    const online = new Map(s.presence.map((p) => [p.seat, p.connected]));
    const rows = v.seats.map((seat) => {
      const def = ROLE_DEFS.find((r) => r.id === seat.role);
      const who = seat.seat === v.viewer.seat ? t('briefing.you') : options.solo ? t('briefing.bot') : online.get(seat.seat) ? t('briefing.online') : t('briefing.notYet');
      const name = seatName(seat.seat);
      const title = def ? loc(def.title) : seat.role;
      // A seat named after its role ("Deputy") is not followed by the same word again.
      return [name, ...(title === name ? [] : [title]), who].join(' · ');
    });
    const text = rows.join('\n');
    if (team.dataset.text === text) return;
    team.dataset.text = text;
    team.replaceChildren(...rows.map((r) => h('li', {}, r)));
  });
  return {
    el,
    open: () => {
      el.hidden = false;
      el.scrollIntoView({ block: 'nearest' });
      close.focus();
    },
  };
}
