import type { PlayerRole } from '../../../shared/runbook/types.ts';
import { PLAYER_ROLES } from '../../../shared/runbook/types.ts';
import { loc, seatName, t } from '../i18n/index.ts';
import { languageSwitcher } from './language-switcher.ts';
import { bus } from '../game/event-bus.ts';
import { startGame } from '../game/main.ts';
import type { DrillStore } from '../store/drill-store.ts';
import type { DrillView } from '../../../shared/engine/view-types.ts';
import { h } from './dom.ts';
import { actionsPanel } from './panels/actions.ts';
import { commsPanel } from './panels/comms.ts';
import { facilitatorPanel } from './panels/facilitator.ts';
import { feedPanel } from './panels/feed.ts';
import { leadPanel } from './panels/lead.ts';
import { timelinePanel } from './panels/timeline.ts';
import { showReport } from './report.ts';
import { installShortcuts } from './shortcuts.ts';

/** How often a header clock that moves between events is redrawn: a game second at 10× speed. */
const CLOCK_REFRESH_MS = 100;

const prefersReducedMotion = () => window.matchMedia('(prefers-reduced-motion: reduce)').matches;

/**
 * The war room: the Phaser situation board plus HTML panels for this seat. Built once the first
 * view arrives, because the panels depend on the seat's role.
 */
export function mountWarRoom(app: HTMLElement, store: DrillStore, options: { training: boolean; extra?: HTMLElement }): void {
  const settings = { sound: localStorage.getItem('ttx-sound') !== 'off', motion: !prefersReducedMotion() && localStorage.getItem('ttx-motion') !== 'off' };
  const live = h('div', { id: 'announcer', class: 'sr-only', 'aria-live': 'polite', role: 'status' });
  const status = h('span', { class: 'conn', role: 'status' });
  const clock = h('span', { class: 'clock', 'aria-label': t('warRoom.gameClock') });
  const error = h('p', { class: 'error', role: 'alert' });
  const showClock = (view: DrillView) => {
    const ms = Math.max(view.clock, store.gameTime() ?? 0);
    const text = `T+${String(Math.floor(ms / 60_000)).padStart(2, '0')}:${String(Math.floor((ms % 60_000) / 1000)).padStart(2, '0')} · ${t(`lifecycle.${view.lifecycle}`)}`;
    if (clock.textContent !== text) clock.textContent = text;
  };
  let mounted = false;
  // The placeholder goes up first: a transport that already has a view (solo) mounts the war room
  // inside subscribe(), and must not be covered by it afterwards.
  app.replaceChildren(h('p', { class: 'loading' }, `${t('warRoom.joining')} `, status), error);

  store.subscribe((s) => {
    status.textContent = s.status === 'online' ? t('warRoom.connected') : s.status === 'connecting' ? t('warRoom.connecting') : t('warRoom.offline', { reason: s.statusMessage || t('warRoom.offlineDefault') });
    error.textContent = s.lastError;
    if (!s.view || mounted) return;
    mounted = true;
    const view = s.view;
    const role = view.viewer.role;
    const board = h('div', { class: 'board', id: 'board', role: 'img', 'aria-label': t('warRoom.board'), 'aria-describedby': 'board-summary' });
    const boardSummary = h('p', { id: 'board-summary', class: 'sr-only' });
    bus.on('board:described', ({ text, font }) => {
      boardSummary.textContent = text;
      board.dataset.font = font; // the board's font stack, for the glyph check in the locale tests
    });
    const shortcuts = installShortcuts();
    const toggles = h('div', { class: 'toggles' },
      h('button', { type: 'button', id: 'shortcuts-open', class: 'quiet', 'aria-keyshortcuts': '?', onclick: () => shortcuts.showHelp() }, t('warRoom.shortcutsButton')),
      h('label', {}, h('input', { type: 'checkbox', id: 'toggle-sound', checked: settings.sound, onchange: (e: Event) => { settings.sound = (e.target as HTMLInputElement).checked; localStorage.setItem('ttx-sound', settings.sound ? 'on' : 'off'); } }), ` ${t('warRoom.sound')}`),
      h('label', {}, h('input', { type: 'checkbox', id: 'toggle-motion', checked: settings.motion, onchange: (e: Event) => { settings.motion = (e.target as HTMLInputElement).checked; localStorage.setItem('ttx-motion', settings.motion ? 'on' : 'off'); } }), ` ${t('warRoom.motion')}`),
      languageSwitcher());
    const badges = h('ul', { class: 'badges', 'aria-label': t('warRoom.whoIsOnline') });
    store.subscribe((st) => {
      badges.replaceChildren(...st.presence.filter((p) => p.role !== 'observer').map((p) => h('li', { class: p.connected ? 'online' : 'offline' }, `${p.connected ? '●' : '○'} ${seatName(p.seat)}`)));
      if (st.view) showClock(st.view);
    });
    // A transport that keeps the drill's clock (solo) moves the header between events too.
    if (store.gameTime() !== null) setInterval(() => store.state.view && showClock(store.state.view), CLOCK_REFRESH_MS);
    const openReport = () => void showReport(app, store, `${view.scenario.id}-${role}`);
    const side = h('div', { class: 'side' });
    if (role === 'facilitator') side.append(facilitatorPanel(store, openReport));
    else if ((PLAYER_ROLES as readonly string[]).includes(role)) {
      const player = role as PlayerRole;
      side.append(leadPanel(store, player), actionsPanel(store, player), commsPanel(store, options.training), timelinePanel(store));
    } else {
      side.append(h('section', { class: 'panel' }, h('h2', {}, t('warRoom.observerTitle')), h('p', {}, t('warRoom.observerText'))));
    }
    if (options.extra) side.prepend(options.extra);
    const endBanner = h('div', { class: 'ended', hidden: true }, h('strong', {}, `${t('warRoom.ended')} `), h('button', { type: 'button', id: 'view-report', onclick: openReport }, t('warRoom.viewReport')));
    store.subscribe((st) => (endBanner.hidden = st.view?.lifecycle !== 'ended'));
    app.replaceChildren(
      h('header', { class: 'top' }, h('h1', {}, loc(view.scenario.title)), h('span', { class: `role role-${role}` }, view.viewer.seat !== role ? t('warRoom.youAreSeat', { role: t(`roles.${role}`), seat: view.viewer.seat }) : t('warRoom.youAre', { role: t(`roles.${role}`) })), clock, status, badges, toggles),
      endBanner,
      error,
      h('main', { class: 'war-room' }, h('div', { class: 'left' }, board, boardSummary, feedPanel(store, live, { sound: () => settings.sound, motion: () => settings.motion })), side),
      live,
    );
    startGame(board, store, () => !settings.motion);
  });
}
