import type { PlayerRole } from '../../shared/runbook/types.ts';
import { PLAYER_ROLES } from '../../shared/runbook/types.ts';
import { initI18n, t } from './i18n/index.ts';
import { BUNDLED } from './scenarios.ts';
import { DrillStore } from './store/drill-store.ts';
import { LocalTransport } from './transport/local-transport.ts';
import { SocketTransport } from './transport/socket-transport.ts';
import { download, h } from './ui/dom.ts';
import { mountLanding } from './ui/landing.ts';
import { setSwitchGuard } from './ui/language-switcher.ts';
import { mountWarRoom } from './ui/war-room.ts';
import './styles.css';

/* Routing by query string: ?join=<token> (multiplayer), ?solo=<scenario>&role=&seed= (solo), else the landing page. */
initI18n();
const app = document.getElementById('app') as HTMLElement;
const skip = document.querySelector('a.skip');
// index.html marks its English placeholder text lang="en"; once translated it is in the page's language.
skip?.replaceChildren(t('app.skip'));
skip?.removeAttribute('lang');
const params = new URLSearchParams(location.search);
const join = params.get('join');
const soloId = params.get('solo');

if (join) {
  mountWarRoom(app, new DrillStore(new SocketTransport(join)), { training: false });
} else if (soloId) {
  const compiled = BUNDLED.find((c) => c.scenario.id === soloId) ?? BUNDLED[0];
  const roleParam = params.get('role') ?? 'ic';
  const role: PlayerRole = (PLAYER_ROLES as readonly string[]).includes(roleParam) ? (roleParam as PlayerRole) : 'ic';
  if (!compiled) {
    app.textContent = t('app.noScenarios');
  } else {
    const transport = new LocalTransport(compiled, params.get('seed') ?? '1', { role, seat: role === 'sme' ? 'sme-1' : role });
    const store = new DrillStore(transport);
    // A solo drill lives in this page only: changing language reloads it, so ask once it has begun.
    setSwitchGuard(() => store.state.view?.lifecycle === 'briefing' || window.confirm(t('solo.switchRestarts')));
    const speed = h('select', { id: 'solo-speed', 'aria-label': t('solo.speed') }, ...[1, 2, 5, 10].map((n) => h('option', { value: String(n) }, `${n}×`)));
    speed.addEventListener('change', () => void store.send({ type: 'drill.setSpeed', speed: Number(speed.value) }));
    const pace = h('section', { class: 'panel pace', 'aria-labelledby': 'pace-h' },
      h('h2', { id: 'pace-h' }, t('solo.pace')),
      h('div', { class: 'buttons' },
        h('button', { type: 'button', id: 'solo-start', onclick: () => void store.send({ type: 'drill.start' }) }, t('solo.start')),
        h('button', { type: 'button', id: 'solo-pause', onclick: () => void store.send({ type: 'drill.pause' }) }, t('solo.pause')),
        h('button', { type: 'button', id: 'solo-resume', onclick: () => void store.send({ type: 'drill.resume' }) }, t('solo.resume')),
        h('label', { for: 'solo-speed' }, t('solo.speed')), speed,
        h('button', { type: 'button', id: 'solo-end', onclick: () => void store.send({ type: 'drill.end', reason: 'trainee finished' }) }, t('solo.end')),
        h('button', { type: 'button', id: 'solo-script', onclick: () => download(`${compiled.scenario.id}-script.json`, transport.script(), 'application/json') }, t('solo.script'))));
    mountWarRoom(app, store, { training: true, extra: pace });
    (window as unknown as { ttxSolo: LocalTransport }).ttxSolo = transport;
  }
} else {
  mountLanding(app);
}
