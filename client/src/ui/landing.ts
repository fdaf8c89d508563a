import { errorText, loc, seatName, t } from '../i18n/index.ts';
import { languageSwitcher } from './language-switcher.ts';
import { PLAYER_ROLES } from '../../../shared/runbook/types.ts';
import { ROLE_DEFS } from '../../../shared/runbook/roles.ts';
import { BUNDLED } from '../scenarios.ts';
import { h } from './dom.ts';
import { withLang } from './links.ts';
import { pastDrillsPanel, rememberDrill } from './past-drills.ts';

const ORGANISER_KEY = 'ttx-organiser-key';

/** Three ways in: solo training, hosting a drill, joining one. */
export function mountLanding(app: HTMLElement): void {
  const scenarioCards = BUNDLED.map((c) => {
    const s = c.scenario;
    return h('li', { class: 'card' }, h('h3', {}, loc(s.title)), h('p', { class: 'meta' }, t('landing.scenarioMeta', { difficulty: t(`difficulty.${s.difficulty}`), minutes: s.durationMinutes, injects: s.injects.length })), h('p', {}, loc(s.brief)));
  });
  const pick = (id: string) => h('select', { id }, ...BUNDLED.map((c) => h('option', { value: c.scenario.id }, loc(c.scenario.title))));
  const roleTitle = (r: string) => {
    const def = ROLE_DEFS.find((d) => d.id === r);
    return def ? loc(def.title) : t(`roles.${r}`);
  };

  const soloScenario = pick('solo-scenario');
  const soloRole = h('select', { id: 'solo-role' }, ...PLAYER_ROLES.map((r) => h('option', { value: r }, roleTitle(r))));
  const soloSeat = h('select', { id: 'solo-seat' });
  const soloSeatRow = h('div', { class: 'field', hidden: true }, h('label', { for: 'solo-seat' }, t('landing.smeSeat')), soloSeat);
  const soloSeed = h('input', { id: 'solo-seed', type: 'text', value: '1', size: 6 });
  const duties = h('ul', { class: 'duties meta', id: 'solo-duties' });
  const fillSeats = () => {
    const compiled = BUNDLED.find((c) => c.scenario.id === soloScenario.value);
    const smes = compiled?.scenario.team.smes ?? 1;
    soloSeat.replaceChildren(...Array.from({ length: smes }, (_, i) => h('option', { value: `sme-${i + 1}` }, seatName(`sme-${i + 1}`))));
    soloSeatRow.hidden = soloRole.value !== 'sme';
    const def = ROLE_DEFS.find((d) => d.id === soloRole.value);
    duties.replaceChildren(...(def?.duties ?? []).map((d) => h('li', {}, loc(d))));
  };
  soloRole.addEventListener('change', fillSeats);
  soloScenario.addEventListener('change', fillSeats);
  fillSeats();
  const solo = h('form', {
    class: 'way',
    id: 'solo-form',
    onsubmit: (e: Event) => {
      e.preventDefault();
      const seat = soloRole.value === 'sme' ? soloSeat.value : soloRole.value;
      location.assign(withLang(`/?solo=${encodeURIComponent(soloScenario.value)}&role=${soloRole.value}&seat=${encodeURIComponent(seat)}&seed=${encodeURIComponent(soloSeed.value || '1')}`));
    },
  },
  h('h2', {}, t('landing.soloTitle')), h('p', {}, t('landing.soloText')),
  h('div', { class: 'field' }, h('label', { for: 'solo-scenario' }, t('landing.scenario')), soloScenario),
  h('div', { class: 'field' }, h('label', { for: 'solo-role' }, t('landing.yourRole')), soloRole),
  duties,
  soloSeatRow,
  h('div', { class: 'field' }, h('label', { for: 'solo-seed' }, t('landing.seed')), soloSeed),
  h('button', { type: 'submit', id: 'start-solo' }, t('landing.startSolo')));

  const hostScenario = pick('host-scenario');
  const hostSeed = h('input', { id: 'host-seed', type: 'text', value: '', placeholder: t('landing.seedRandom'), size: 8 });
  const hostSpeed = h('select', { id: 'host-speed' }, ...[1, 2, 5, 10].map((n) => h('option', { value: String(n) }, t('pace.speedOption', { speed: n }))));
  const hostSmes = h('input', { id: 'host-smes', type: 'number', min: 1, max: 6, value: BUNDLED[0]?.scenario.team.smes ?? 1 });
  hostScenario.addEventListener('change', () => (hostSmes.value = String(BUNDLED.find((c) => c.scenario.id === hostScenario.value)?.scenario.team.smes ?? 1)));
  const hostOut = h('div', { class: 'links', role: 'status' });
  // A server started with TTX_ORGANISER_KEY asks for it: the field shows once it has been asked for, or was given before.
  const storedKey = localStorage.getItem(ORGANISER_KEY);
  const organiserKey = h('input', { id: 'host-organiser-key', type: 'password', autocomplete: 'off', value: storedKey ?? '', size: 20 });
  const organiserKeyRow = h('div', { class: 'organiser-key', hidden: !storedKey }, h('label', { for: 'host-organiser-key' }, t('landing.organiserKey')), organiserKey);
  const host = h('form', {
    class: 'way',
    id: 'host-form',
    onsubmit: async (e: Event) => {
      e.preventDefault();
      hostOut.textContent = t('landing.creating');
      const key = organiserKey.value.trim();
      const res = await fetch('/api/drills', { method: 'POST', headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) }, body: JSON.stringify({ scenarioId: hostScenario.value, ...(hostSeed.value ? { seed: hostSeed.value } : {}), speed: Number(hostSpeed.value), smeCount: Number(hostSmes.value), ...(localStorage.getItem('ttx-host-key') ? { hostKey: localStorage.getItem('ttx-host-key') } : {}) }) }).catch(() => null);
      if (res?.status === 401 || res?.status === 403) {
        organiserKeyRow.hidden = false;
        organiserKey.focus();
        hostOut.textContent = t(res.status === 401 ? 'landing.organiserKeyNeeded' : 'landing.organiserKeyWrong');
        return;
      }
      const json = res ? ((await res.json().catch(() => null)) as { ok: boolean; data?: { drillId: string; hostKey: string; seats: { seat: string; link: string }[] }; error?: { code?: string; message: string } } | null) : null;
      if (!json?.ok || !json.data) {
        hostOut.textContent = t('landing.createFailed', { reason: json?.error ? errorText({ code: json.error.code ?? '', message: json.error.message }) : t('landing.serverUnreachable') });
        return;
      }
      if (key) localStorage.setItem(ORGANISER_KEY, key);
      localStorage.setItem('ttx-host-key', json.data.hostKey);
      const facilitator = json.data.seats.find((seat) => seat.seat === 'facilitator');
      const facilitatorToken = facilitator?.link.split('join=')[1];
      if (facilitatorToken) rememberDrill(json.data.drillId, decodeURIComponent(facilitatorToken));
      hostOut.replaceChildren(h('p', {}, t('landing.sendLinks')), h('ul', { id: 'join-links' }, ...json.data.seats.map((s) => h('li', {}, h('strong', {}, seatName(s.seat)), h('input', { type: 'text', readonly: true, value: s.link, 'aria-label': t('landing.joinLinkFor', { seat: seatName(s.seat) }), 'data-seat': s.seat }), h('button', { type: 'button', class: 'quiet small', onclick: () => void navigator.clipboard?.writeText(s.link) }, t('landing.copy'))))),
        // The console opens in the language of this page, whatever the browser's is.
        h('a', { class: 'button', id: 'open-console', href: facilitator ? withLang(facilitator.link) : '/' }, t('landing.openConsole')));
    },
  }, h('h2', {}, t('landing.hostTitle')), h('p', {}, t('landing.hostText')),
  h('div', { class: 'field' }, h('label', { for: 'host-scenario' }, t('landing.scenario')), hostScenario),
  h('div', { class: 'field' }, h('label', { for: 'host-seed' }, t('landing.seed')), hostSeed),
  h('div', { class: 'field' }, h('label', { for: 'host-speed' }, t('landing.pace')), hostSpeed),
  h('div', { class: 'field' }, h('label', { for: 'host-smes' }, t('landing.smes')), hostSmes),
  organiserKeyRow,
  h('button', { type: 'submit', id: 'create-drill' }, t('landing.createDrill')), hostOut);

  const code = h('input', { id: 'join-code', type: 'text', placeholder: t('landing.linkPlaceholder') });
  const joinForm = h('form', { class: 'way', id: 'join-form', onsubmit: (e: Event) => { e.preventDefault(); const v = code.value.trim(); const token = /join=([\w.-]+)/.exec(v)?.[1] ?? v; if (token) location.assign(withLang(`/?join=${encodeURIComponent(token)}`)); } },
    h('h2', {}, t('landing.joinTitle')), h('p', {}, t('landing.joinText')), h('div', { class: 'field' }, h('label', { for: 'join-code' }, t('landing.linkOrCode')), code), h('button', { type: 'submit', id: 'join' }, t('landing.join')));

  app.replaceChildren(
    h('header', { class: 'hero' }, h('div', { class: 'hero-top' }, h('h1', {}, t('landing.heading')), languageSwitcher()), h('p', {}, t('landing.tagline'))),
    h('main', { class: 'landing', id: 'main' }, h('div', { class: 'ways' }, solo, host, joinForm), pastDrillsPanel(), h('section', { 'aria-labelledby': 'sc-h' }, h('h2', { id: 'sc-h' }, t('landing.scenarios')), scenarioCards.length > 0 ? h('ul', { class: 'cards' }, ...scenarioCards) : h('p', { class: 'empty' }, t('app.noScenarios')))),
  );
}
