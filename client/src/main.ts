import type { Viewer } from '../../shared/engine/view-types.ts';
import { PLAYER_ROLES, type PlayerRole } from '../../shared/runbook/types.ts';
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

/* Routing by query string: ?join=<token> (multiplayer), ?solo=<scenario>&role=&seat=&seed= (solo), else the landing page. */
initI18n();
const app = document.getElementById('app') as HTMLElement;
const skip = document.querySelector('a.skip');
// index.html marks its English placeholder text lang="en"; once translated it is in the page's language.
skip?.replaceChildren(t('app.skip'));
skip?.removeAttribute('lang');
skip?.setAttribute('href', '#main');
const params = new URLSearchParams(location.search);
const join = params.get('join');
const soloId = params.get('solo');

/** The trainee's seat from the URL: a player role, and for an SME which of the scenario's SME seats. */
function traineeSeat(roleParam: string | null, seatParam: string | null, smes: number): Viewer {
  const role: PlayerRole = (PLAYER_ROLES as readonly string[]).includes(roleParam ?? '') ? (roleParam as PlayerRole) : 'ic';
  if (role !== 'sme') return { role, seat: role };
  const n = Number(/^sme-(\d+)$/.exec(seatParam ?? '')?.[1] ?? 1);
  return { role, seat: `sme-${Number.isInteger(n) && n >= 1 && n <= smes ? n : 1}` };
}

if (join) {
  mountWarRoom(app, new DrillStore(new SocketTransport(join)));
} else if (soloId) {
  const compiled = BUNDLED.find((c) => c.scenario.id === soloId) ?? BUNDLED[0];
  if (!compiled) {
    app.textContent = t('app.noScenarios');
  } else {
    const trainee = traineeSeat(params.get('role'), params.get('seat'), compiled.scenario.team.smes);
    const transport = new LocalTransport(compiled, params.get('seed') ?? '1', trainee);
    const store = new DrillStore(transport);
    // A solo drill lives in this page only: changing language reloads it, so ask once it has begun.
    setSwitchGuard(() => store.state.view?.lifecycle === 'briefing' || window.confirm(t('solo.switchRestarts')));
    const script = h('button', { type: 'button', id: 'solo-script', class: 'quiet', onclick: () => download(`${compiled.scenario.id}-script.json`, transport.script(), 'application/json') }, t('solo.script'));
    mountWarRoom(app, store, { solo: { seat: trainee.seat, extra: h('div', { class: 'solo-extra' }, h('p', { class: 'meta' }, t('solo.bots')), script) } });
    (window as unknown as { ttxSolo: LocalTransport }).ttxSolo = transport;
  }
} else {
  mountLanding(app);
}
