import { errorText, loc, seatName, t } from '../i18n/index.ts';
import { languageSwitcher } from './language-switcher.ts';
import { PLAYER_ROLES } from '../../../shared/runbook/types.ts';
import { BUNDLED } from '../scenarios.ts';
import { clear, h } from './dom.ts';
import { pastDrillsPanel, rememberDrill } from './past-drills.ts';

const ORGANISER_KEY = 'ttx-organiser-key';

/** Three ways in: solo training, hosting a drill, joining one. */
export function mountLanding(app: HTMLElement): void {
  const scenarioCards = BUNDLED.map((c) => {
    const s = c.scenario;
    return h('li', { class: 'card' }, h('h3', {}, loc(s.title)), h('p', { class: 'meta' }, t('landing.scenarioMeta', { difficulty: t(`difficulty.${s.difficulty}`), minutes: s.durationMinutes, injects: s.injects.length })), h('p', {}, loc(s.brief)));
  });
  const pick = (id: string) => h('select', { id, 'aria-label': t('landing.scenario') }, ...BUNDLED.map((c) => h('option', { value: c.scenario.id }, loc(c.scenario.title))));

  const soloScenario = pick('solo-scenario');
  const soloRole = h('select', { id: 'solo-role' }, ...PLAYER_ROLES.map((r) => h('option', { value: r }, t(`roles.${r}`))));
  const soloSeed = h('input', { id: 'solo-seed', type: 'text', value: '1', size: 6 });
  const solo = h('form', { class: 'way', onsubmit: (e: Event) => { e.preventDefault(); location.search = `?solo=${encodeURIComponent(soloScenario.value)}&role=${soloRole.value}&seed=${encodeURIComponent(soloSeed.value || '1')}`; } },
    h('h2', {}, t('landing.soloTitle')), h('p', {}, t('landing.soloText')),
    h('label', { for: 'solo-scenario' }, t('landing.scenario')), soloScenario, h('label', { for: 'solo-role' }, t('landing.yourRole')), soloRole, h('label', { for: 'solo-seed' }, t('landing.seed')), soloSeed,
    h('button', { type: 'submit', id: 'start-solo' }, t('landing.startSolo')));

  const hostScenario = pick('host-scenario');
  const hostSeed = h('input', { id: 'host-seed', type: 'text', value: '', placeholder: t('landing.seedRandom'), size: 8 });
  const hostSpeed = h('select', { id: 'host-speed' }, ...[1, 2, 5, 10].map((n) => h('option', { value: String(n) }, `${n}×`)));
  const hostSmes = h('input', { id: 'host-smes', type: 'number', min: 1, max: 6, value: 1 });
  const hostOut = h('div', { class: 'links', role: 'status' });
  // A server started with TTX_ORGANISER_KEY asks for it: the field shows once it has been asked for, or was given before.
  const storedKey = localStorage.getItem(ORGANISER_KEY);
  const organiserKey = h('input', { id: 'host-organiser-key', type: 'password', autocomplete: 'off', value: storedKey ?? '', size: 20 });
  const organiserKeyRow = h('div', { class: 'organiser-key', hidden: !storedKey }, h('label', { for: 'host-organiser-key' }, t('landing.organiserKey')), organiserKey);
  const host = h('form', {
    class: 'way',
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
      const facilitatorToken = json.data.seats.find((seat) => seat.seat === 'facilitator')?.link.split('join=')[1];
      if (facilitatorToken) rememberDrill(json.data.drillId, decodeURIComponent(facilitatorToken));
      clear(hostOut);
      hostOut.append(h('p', {}, t('landing.sendLinks')), h('ul', { id: 'join-links' }, ...json.data.seats.map((s) => h('li', {}, h('strong', {}, seatName(s.seat)), ' ', h('input', { type: 'text', readonly: true, value: s.link, 'aria-label': t('landing.joinLinkFor', { seat: seatName(s.seat) }), 'data-seat': s.seat, size: 40 }), ' ', h('button', { type: 'button', onclick: () => void navigator.clipboard?.writeText(s.link) }, t('landing.copy'))))),
        h('a', { class: 'button', id: 'open-console', href: json.data.seats.find((s) => s.seat === 'facilitator')?.link ?? '/' }, t('landing.openConsole')));
    },
  }, h('h2', {}, t('landing.hostTitle')), h('p', {}, t('landing.hostText')),
  h('label', { for: 'host-scenario' }, t('landing.scenario')), hostScenario, h('label', { for: 'host-seed' }, t('landing.seed')), hostSeed, h('label', { for: 'host-speed' }, t('landing.pace')), hostSpeed, h('label', { for: 'host-smes' }, t('landing.smes')), hostSmes,
  organiserKeyRow,
  h('button', { type: 'submit', id: 'create-drill' }, t('landing.createDrill')), hostOut);

  const code = h('input', { id: 'join-code', type: 'text', placeholder: t('landing.linkPlaceholder'), size: 40 });
  const joinForm = h('form', { class: 'way', onsubmit: (e: Event) => { e.preventDefault(); const v = code.value.trim(); const token = /join=([\w.-]+)/.exec(v)?.[1] ?? v; if (token) location.search = `?join=${encodeURIComponent(token)}`; } },
    h('h2', {}, t('landing.joinTitle')), h('p', {}, t('landing.joinText')), h('label', { for: 'join-code' }, t('landing.linkOrCode')), code, h('button', { type: 'submit', id: 'join' }, t('landing.join')));

  app.replaceChildren(
    h('header', { class: 'hero' }, h('div', { class: 'hero-top' }, h('h1', {}, t('landing.heading')), languageSwitcher()), h('p', {}, t('landing.tagline'))),
    h('main', { class: 'landing' }, h('div', { class: 'ways' }, solo, host, joinForm), pastDrillsPanel(), h('section', { 'aria-labelledby': 'sc-h' }, h('h2', { id: 'sc-h' }, t('landing.scenarios')), h('ul', { class: 'cards' }, ...scenarioCards))),
  );
}
