import type { DrillView } from '../../../shared/engine/view-types.ts';
import { PLAYER_ROLES, type PlayerRole } from '../../../shared/runbook/types.ts';
import { fmt, seatName, t } from '../i18n/index.ts';
import { bus } from '../game/event-bus.ts';
import { startGame } from '../game/main.ts';
import type { DrillStore } from '../store/drill-store.ts';
import { briefingCard } from './briefing.ts';
import { h } from './dom.ts';
import { loadSettings, warRoomHeader } from './header.ts';
import { meters } from './meters.ts';
import { actionsPanel } from './panels/actions.ts';
import { commsPanel } from './panels/comms.ts';
import { decisionsPanel } from './panels/decisions.ts';
import { facilitatorPanel, paceControls } from './panels/facilitator.ts';
import { feedPanel } from './panels/feed.ts';
import { scorePanel, seatTotal } from './panels/score.ts';
import { teamPanel } from './panels/team.ts';
import { timelinePanel } from './panels/timeline.ts';
import { showReport } from './report.ts';
import { installShortcuts } from './shortcuts.ts';
import { systemsList } from './systems.ts';
import { boardHeight } from '../game/board-model.ts';

export interface WarRoomOptions {
  /** Solo training: the trainee's seat, and what else the trainee's score panel offers (the play script). */
  solo?: { seat: string; extra: HTMLElement };
}

const isPlayer = (role: string): role is PlayerRole => (PLAYER_ROLES as readonly string[]).includes(role);

/**
 * The war room: the situation board (Phaser) with the meters and the list of systems under it, the
 * feed, and the seat's panels. Built once the first view arrives, because the panels depend on the
 * seat's role.
 */
export function mountWarRoom(app: HTMLElement, store: DrillStore, options: WarRoomOptions = {}): void {
  const status = h('span', { class: 'conn', role: 'status' });
  let mounted = false;
  // The placeholder goes up first: a transport that already has a view (solo) mounts the war room
  // inside subscribe(), and must not be covered by it afterwards.
  app.replaceChildren(h('p', { class: 'loading' }, `${t('warRoom.joining')} `, status));
  store.subscribe((s) => {
    status.textContent = s.status === 'offline' ? t('warRoom.offline', { reason: s.statusMessage || t('warRoom.offlineDefault') }) : '';
    if (!s.view || mounted) return;
    mounted = true;
    build(app, store, s.view, options);
  });
}

function build(app: HTMLElement, store: DrillStore, view: DrillView, options: WarRoomOptions): void {
  const role = view.viewer.role;
  const seat = view.viewer.seat;
  const settings = loadSettings();
  const solo = options.solo !== undefined;
  const polite = h('div', { id: 'announcer', class: 'sr-only', 'aria-live': 'polite', role: 'status' });
  const urgent = h('div', { id: 'alerts', class: 'sr-only', 'aria-live': 'assertive', role: 'alert' });
  const announce = (text: string, isUrgent = false) => {
    const region = isUrgent ? urgent : polite;
    region.textContent = text;
  };
  let truthOn = false;
  bus.on('board:truth', ({ on }) => (truthOn = on));

  const board = h('div', { class: 'board', id: 'board', role: 'img', 'aria-label': t('warRoom.board'), 'aria-describedby': 'board-summary' });
  const boardSummary = h('p', { id: 'board-summary', class: 'sr-only' });
  bus.on('board:described', ({ text, font }) => {
    boardSummary.textContent = text;
    board.dataset.font = font; // the board's font stack, for the glyph check in the locale tests
  });
  bus.on('board:layout', ({ nodes }) => (board.dataset.nodes = JSON.stringify(nodes)));

  const shortcuts = installShortcuts();
  const briefing = briefingCard(store, view, { solo });
  // Whoever holds the pace (the facilitator, or a solo trainee) has its controls beside the clock.
  const controls = options.solo ? paceControls(store, { idPrefix: 'solo', endReason: 'trainee finished' }).el : role === 'facilitator' ? paceControls(store, { idPrefix: 'fac', endReason: 'ended by the facilitator' }).el : undefined;
  const header = warRoomHeader(store, view, settings, { onBriefing: briefing.open, onShortcuts: () => shortcuts.showHelp(), solo, ...(controls ? { controls } : {}) });
  let game: { destroy(removeCanvas: boolean): void } | null = null;
  // The report replaces the war room: the board stops drawing first.
  const openReport = () => {
    game?.destroy(true);
    game = null;
    app.classList.remove('app-war-room');
    void showReport(app, store, `${view.scenario.id}-${seat}`);
  };

  const side = h('div', { class: 'side' }, briefing.el);
  if (options.solo) side.append(scorePanel(store, { trainee: options.solo.seat, extra: options.solo.extra }));
  if (role === 'facilitator') {
    const fac = facilitatorPanel(store, openReport);
    side.append(fac.console, decisionsPanel(store, announce), scorePanel(store, {}), teamPanel(store, { me: null, solo }), fac.extras, commsPanel(store, { training: false, canSend: false }), timelinePanel(store, false));
  } else if (isPlayer(role)) {
    side.append(decisionsPanel(store, announce), actionsPanel(store, role, seat), teamPanel(store, { me: { seat, role }, solo }), commsPanel(store, { training: solo, canSend: true }), timelinePanel(store, true));
  } else {
    side.append(h('section', { class: 'panel', 'aria-labelledby': 'obs-h' }, h('h2', { id: 'obs-h' }, t('warRoom.observerTitle')), h('p', {}, t('warRoom.observerText'))), decisionsPanel(store, announce), teamPanel(store, { me: null, solo }), commsPanel(store, { training: false, canSend: false }), timelinePanel(store, false));
  }

  const headline = h('p', { class: 'headline', id: 'end-headline' });
  const endBanner = h('div', { class: 'ended', id: 'ended', hidden: true, role: 'status' },
    h('strong', {}, t('warRoom.ended')), headline,
    h('button', { type: 'button', id: 'view-report', onclick: openReport }, t('warRoom.viewReport')));
  store.subscribe((st) => {
    endBanner.hidden = st.view?.lifecycle !== 'ended';
    if (!options.solo || !st.score) return;
    const mine = st.score.seats.find((x) => x.seat === options.solo?.seat);
    headline.textContent = t('solo.headline', { seat: seatName(options.solo.seat), score: seatTotal(mine), team: fmt.decimal(st.score.total, 1) });
  });

  const left = h('div', { class: 'left' },
    h('section', { class: 'board-wrap', 'aria-label': t('warRoom.boardRegion') }, board, boardSummary, meters(store), systemsList(store, () => truthOn)),
    feedPanel(store, { sound: () => settings.sound, motion: () => settings.motion, announce }));
  app.classList.add('app-war-room');
  app.replaceChildren(header, endBanner, h('main', { class: `war-room war-room-${role}`, id: 'main' }, left, side), polite, urgent);

  // The board is as tall as its systems need on a narrow screen (a phone stacks its layers).
  const sizeBoard = () => {
    const wide = window.innerWidth >= 900;
    board.style.height = `${boardHeight(view.scenario.assets, board.clientWidth || window.innerWidth, wide ? 400 : 360)}px`;
  };
  sizeBoard();
  window.addEventListener('resize', sizeBoard);
  game = startGame(board, store, { reducedMotion: () => !settings.motion, ...(role === 'facilitator' ? { truthOverlay: () => truthOn } : {}) });
}
