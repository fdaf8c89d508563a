import { localize } from '../../../shared/i18n/locales.ts';
import { PLAYER_ROLES } from '../../../shared/runbook/types.ts';
import { BUNDLED } from '../scenarios.ts';
import { clear, h } from './dom.ts';
import { pastDrillsPanel, rememberDrill } from './past-drills.ts';

/** Three ways in: solo training, hosting a drill, joining one. */
export function mountLanding(app: HTMLElement): void {
  const scenarioCards = BUNDLED.map((c) => {
    const s = c.scenario;
    return h('li', { class: 'card' }, h('h3', {}, localize(s.title, 'en')), h('p', { class: 'meta' }, `${s.difficulty} · ${s.durationMinutes} game minutes · ${s.injects.length} injects`), h('p', {}, localize(s.brief, 'en')));
  });
  const pick = (id: string) => h('select', { id, 'aria-label': 'Scenario' }, ...BUNDLED.map((c) => h('option', { value: c.scenario.id }, localize(c.scenario.title, 'en'))));

  const soloScenario = pick('solo-scenario');
  const soloRole = h('select', { id: 'solo-role' }, ...PLAYER_ROLES.map((r) => h('option', { value: r }, r.toUpperCase())));
  const soloSeed = h('input', { id: 'solo-seed', type: 'text', value: '1', size: 6 });
  const solo = h('form', { class: 'way', onsubmit: (e: Event) => { e.preventDefault(); location.search = `?solo=${encodeURIComponent(soloScenario.value)}&role=${soloRole.value}&seed=${encodeURIComponent(soloSeed.value || '1')}`; } },
    h('h2', {}, 'Solo training'), h('p', {}, 'Play one role in your browser; bots play the rest by the book. No server needed.'),
    h('label', { for: 'solo-scenario' }, 'Scenario'), soloScenario, h('label', { for: 'solo-role' }, 'Your role'), soloRole, h('label', { for: 'solo-seed' }, 'Seed'), soloSeed,
    h('button', { type: 'submit', id: 'start-solo' }, 'Start solo training'));

  const hostScenario = pick('host-scenario');
  const hostSeed = h('input', { id: 'host-seed', type: 'text', value: '', placeholder: 'random', size: 8 });
  const hostSpeed = h('select', { id: 'host-speed' }, ...[1, 2, 5, 10].map((n) => h('option', { value: String(n) }, `${n}×`)));
  const hostSmes = h('input', { id: 'host-smes', type: 'number', min: 1, max: 6, value: 1 });
  const hostOut = h('div', { class: 'links', role: 'status' });
  const host = h('form', {
    class: 'way',
    onsubmit: async (e: Event) => {
      e.preventDefault();
      hostOut.textContent = 'Creating the drill…';
      const res = await fetch('/api/drills', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ scenarioId: hostScenario.value, ...(hostSeed.value ? { seed: hostSeed.value } : {}), speed: Number(hostSpeed.value), smeCount: Number(hostSmes.value), ...(localStorage.getItem('ttx-host-key') ? { hostKey: localStorage.getItem('ttx-host-key') } : {}) }) }).catch(() => null);
      const json = res ? ((await res.json()) as { ok: boolean; data?: { drillId: string; hostKey: string; seats: { seat: string; link: string }[] }; error?: { message: string } }) : null;
      if (!json?.ok || !json.data) {
        hostOut.textContent = `Could not create the drill: ${json?.error?.message ?? 'the server is not reachable (solo training still works)'}`;
        return;
      }
      localStorage.setItem('ttx-host-key', json.data.hostKey);
      const facilitatorToken = json.data.seats.find((seat) => seat.seat === 'facilitator')?.link.split('join=')[1];
      if (facilitatorToken) rememberDrill(json.data.drillId, decodeURIComponent(facilitatorToken));
      clear(hostOut);
      hostOut.append(h('p', {}, 'Send each player their link. Keep the facilitator link to yourself.'), h('ul', { id: 'join-links' }, ...json.data.seats.map((s) => h('li', {}, h('strong', {}, s.seat), ' ', h('input', { type: 'text', readonly: true, value: s.link, 'aria-label': `Join link for ${s.seat}`, 'data-seat': s.seat, size: 40 }), ' ', h('button', { type: 'button', onclick: () => void navigator.clipboard?.writeText(s.link) }, 'Copy')))),
        h('a', { class: 'button', id: 'open-console', href: json.data.seats.find((s) => s.seat === 'facilitator')?.link ?? '/' }, 'Open the facilitator console'));
    },
  }, h('h2', {}, 'Host a drill'), h('p', {}, 'Create a drill for your team and hand out a join link per role.'),
  h('label', { for: 'host-scenario' }, 'Scenario'), hostScenario, h('label', { for: 'host-seed' }, 'Seed'), hostSeed, h('label', { for: 'host-speed' }, 'Pace'), hostSpeed, h('label', { for: 'host-smes' }, 'SMEs'), hostSmes,
  h('button', { type: 'submit', id: 'create-drill' }, 'Create drill'), hostOut);

  const code = h('input', { id: 'join-code', type: 'text', placeholder: 'paste a join link or code', size: 40 });
  const joinForm = h('form', { class: 'way', onsubmit: (e: Event) => { e.preventDefault(); const v = code.value.trim(); const token = /join=([\w-]+)/.exec(v)?.[1] ?? v; if (token) location.search = `?join=${encodeURIComponent(token)}`; } },
    h('h2', {}, 'Join a drill'), h('p', {}, 'Paste the link or code your facilitator sent you.'), h('label', { for: 'join-code' }, 'Link or code'), code, h('button', { type: 'submit', id: 'join' }, 'Join'));

  app.replaceChildren(
    h('header', { class: 'hero' }, h('h1', {}, 'ttx · incident response drills'), h('p', {}, 'Rehearse a breach before it happens. Injects drive the story; the team is scored against a real security-incident runbook.')),
    h('main', { class: 'landing' }, h('div', { class: 'ways' }, solo, host, joinForm), pastDrillsPanel(), h('section', { 'aria-labelledby': 'sc-h' }, h('h2', { id: 'sc-h' }, 'Scenarios'), h('ul', { class: 'cards' }, ...scenarioCards))),
  );
}
