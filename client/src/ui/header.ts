import type { DrillView } from '../../../shared/engine/view-types.ts';
import { loc, seatName, t } from '../i18n/index.ts';
import type { DrillStore } from '../store/drill-store.ts';
import { h } from './dom.ts';
import { languageSwitcher } from './language-switcher.ts';
import { onTick, setText } from './ticker.ts';
import { gameClock } from './time.ts';

export interface Settings {
  sound: boolean;
  motion: boolean;
}

const prefersReducedMotion = () => window.matchMedia('(prefers-reduced-motion: reduce)').matches;

/** Sound and motion, remembered in this browser; motion is off by default when the system asks for reduced motion. */
export function loadSettings(): Settings {
  const stored = (key: string) => {
    try {
      return localStorage.getItem(key);
    } catch {
      return null;
    }
  };
  return { sound: stored('ttx-sound') === 'on', motion: prefersReducedMotion() ? stored('ttx-motion') === 'on' : stored('ttx-motion') !== 'off' };
}

function remember(key: string, on: boolean): void {
  try {
    localStorage.setItem(key, on ? 'on' : 'off');
  } catch {
    /* storage unavailable: the setting lasts for this page */
  }
}

/**
 * The war room's header: the scenario, who you are, the game clock (live between entries), the
 * drill's state, the connection, who is online and the page's settings. Below it, a banner while the
 * drill is paused or has not started, so nobody mistakes a stopped clock for a quiet one.
 */
export function warRoomHeader(store: DrillStore, view: DrillView, settings: Settings, extra: { onBriefing: () => void; onShortcuts: () => void; solo: boolean; controls?: HTMLElement }): HTMLElement {
  const role = view.viewer.role;
  const clock = h('span', { class: 'clock', role: 'timer', 'aria-label': t('warRoom.gameClock') });
  const pace = h('span', { class: 'pace' });
  const conn = h('span', { class: 'conn', role: 'status' });
  const badges = h('ul', { class: 'badges', 'aria-label': t('warRoom.whoIsOnline') });
  const banner = h('div', { class: 'banner', role: 'status', hidden: true });
  const toggle = (id: string, label: string, key: 'sound' | 'motion') =>
    h('label', { class: 'toggle' }, h('input', { type: 'checkbox', id, checked: settings[key], onchange: (e: Event) => { settings[key] = (e.target as HTMLInputElement).checked; remember(`ttx-${key}`, settings[key]); } }), ` ${label}`);
  const tools = h('div', { class: 'tools' },
    h('button', { type: 'button', id: 'briefing-open', class: 'quiet', onclick: extra.onBriefing }, t('briefing.open')),
    h('button', { type: 'button', id: 'shortcuts-open', class: 'quiet', 'aria-keyshortcuts': '?', onclick: extra.onShortcuts }, t('warRoom.shortcutsButton')),
    toggle('toggle-sound', t('warRoom.sound'), 'sound'),
    toggle('toggle-motion', t('warRoom.motion'), 'motion'),
    languageSwitcher());
  const you = view.viewer.seat !== role ? t('warRoom.youAreSeat', { role: t(`roles.${role}`), seat: seatName(view.viewer.seat) }) : t('warRoom.youAre', { role: t(`roles.${role}`) });
  const header = h('header', { class: 'top' },
    h('div', { class: 'top-main' }, h('h1', {}, loc(view.scenario.title)), h('span', { class: `role role-${role}` }, you)),
    h('div', { class: 'top-side' }, badges, tools));
  // The clock and the drill's state stay in view while the page scrolls (a phone scrolls the whole war room).
  const liveBar = h('div', { class: 'live-bar' }, h('div', { class: 'clock-bar' }, h('span', { class: 'clock-group' }, clock, pace), conn, extra.controls ?? null), banner);

  onTick(() => {
    const v = store.state.view;
    if (!v) return;
    const now = store.gameTime();
    setText(clock, gameClock(now));
    clock.dataset.gameMs = String(now);
  });
  store.subscribe((s) => {
    const v = s.view;
    setText(conn, s.status === 'online' ? (extra.solo ? t('warRoom.solo') : t('warRoom.connected')) : s.status === 'connecting' ? t('warRoom.connecting') : t('warRoom.offline', { reason: s.statusMessage || t('warRoom.offlineDefault') }));
    conn.className = `conn conn-${s.status}`;
    if (!v) return;
    setText(pace, v.lifecycle === 'running' ? t('warRoom.runningAt', { speed: v.speed }) : t(`lifecycle.${v.lifecycle}`));
    pace.className = `pace pace-${v.lifecycle}`;
    liveBar.dataset.lifecycle = v.lifecycle;
    const bannerText = v.lifecycle === 'paused' ? t('warRoom.pausedBanner') : v.lifecycle === 'briefing' ? t(extra.solo ? 'warRoom.briefingBannerSolo' : role === 'facilitator' ? 'warRoom.briefingBannerFacilitator' : 'warRoom.briefingBanner') : '';
    banner.hidden = bannerText === '';
    banner.className = `banner banner-${v.lifecycle}`;
    setText(banner, bannerText);
    const shown = s.presence.filter((p) => p.role !== 'observer');
    const key = shown.map((p) => `${p.seat}:${p.connected}`).join(',');
    if (badges.dataset.key !== key) {
      badges.dataset.key = key;
      badges.replaceChildren(...shown.map((p) => h('li', { class: p.connected ? 'online' : 'offline', title: p.connected ? t('warRoom.online') : t('warRoom.away') }, `${p.connected ? '●' : '○'} ${seatName(p.seat)}`)));
    }
  });
  return h('div', { class: 'header-wrap' }, header, liveBar);
}
