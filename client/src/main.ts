import type { PlayerRole } from '../../shared/runbook/types.ts';
import { PLAYER_ROLES } from '../../shared/runbook/types.ts';
import { BUNDLED } from './scenarios.ts';
import { DrillStore } from './store/drill-store.ts';
import { LocalTransport } from './transport/local-transport.ts';
import { SocketTransport } from './transport/socket-transport.ts';
import { download, h } from './ui/dom.ts';
import { mountLanding } from './ui/landing.ts';
import { mountWarRoom } from './ui/war-room.ts';
import './styles.css';

/* Routing by query string: ?join=<token> (multiplayer), ?solo=<scenario>&role=&seed= (solo), else the landing page. */
const app = document.getElementById('app') as HTMLElement;
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
    app.textContent = 'No scenarios are bundled with this build.';
  } else {
    const transport = new LocalTransport(compiled, params.get('seed') ?? '1', { role, seat: role === 'sme' ? 'sme-1' : role });
    const store = new DrillStore(transport);
    const speed = h('select', { id: 'solo-speed', 'aria-label': 'Pace' }, ...[1, 2, 5, 10].map((n) => h('option', { value: String(n) }, `${n}×`)));
    speed.addEventListener('change', () => void store.send({ type: 'drill.setSpeed', speed: Number(speed.value) }));
    const pace = h('section', { class: 'panel pace', 'aria-labelledby': 'pace-h' },
      h('h2', { id: 'pace-h' }, 'Pace (solo)'),
      h('div', { class: 'buttons' },
        h('button', { type: 'button', id: 'solo-start', onclick: () => void store.send({ type: 'drill.start' }) }, 'Start'),
        h('button', { type: 'button', id: 'solo-pause', onclick: () => void store.send({ type: 'drill.pause' }) }, 'Pause'),
        h('button', { type: 'button', id: 'solo-resume', onclick: () => void store.send({ type: 'drill.resume' }) }, 'Resume'),
        h('label', { for: 'solo-speed' }, 'Speed'), speed,
        h('button', { type: 'button', id: 'solo-end', onclick: () => void store.send({ type: 'drill.end', reason: 'trainee finished' }) }, 'End drill'),
        h('button', { type: 'button', id: 'solo-script', onclick: () => download(`${compiled.scenario.id}-script.json`, transport.script(), 'application/json') }, 'Download play script')));
    mountWarRoom(app, store, { training: true, extra: pace });
    (window as unknown as { ttxSolo: LocalTransport }).ttxSolo = transport;
  }
} else {
  mountLanding(app);
}
