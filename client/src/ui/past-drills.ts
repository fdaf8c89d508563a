import type { Localized } from '../../../shared/i18n/locales.ts';
import { fmt, loc, t } from '../i18n/index.ts';
import { h } from './dom.ts';
import { scenarioTitle } from './scenario-title.ts';
import { withLang } from './links.ts';

/*
 * The facilitator's past drills, for comparing runs. The server lists drills per host key (kept in
 * this browser when a drill is created); the facilitator token of each drill created here is kept
 * too, so a past drill's console and report are one click away. Nothing here is secret beyond what
 * the facilitator already holds in their own links.
 */

const HOST_KEY = 'ttx-host-key';
const LINKS = 'ttx-facilitator-tokens';

export interface PastDrill {
  drillId: string;
  scenarioId: string;
  /** The scenario's title in every language it has, from the server (null if the drill could not be loaded). */
  scenarioTitle?: Localized | null;
  seed: string;
  createdAt: number;
  lifecycle: string;
  events: number;
  score: number | null;
}

function storedTokens(): Record<string, string> {
  try {
    const parsed = JSON.parse(localStorage.getItem(LINKS) ?? '{}') as unknown;
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, string>) : {};
  } catch {
    return {};
  }
}

/** Remember the facilitator token of a drill created in this browser. */
export function rememberDrill(drillId: string, facilitatorToken: string): void {
  try {
    localStorage.setItem(LINKS, JSON.stringify({ ...storedTokens(), [drillId]: facilitatorToken }));
  } catch {
    /* storage unavailable: the list still shows, without links */
  }
}

async function fetchPastDrills(hostKey: string): Promise<PastDrill[]> {
  const res = await fetch('/api/drills', { headers: { authorization: `Bearer ${hostKey}` } });
  const json = (await res.json()) as { ok: boolean; data?: PastDrill[]; error?: { message: string } };
  if (!json.ok || !json.data) throw new Error(json.error?.message ?? `the server answered ${res.status}`);
  return json.data;
}

/** A bar scaled to the score, with the number beside it: the length is a picture, the number is the fact. */
function scoreCell(score: number | null): HTMLElement {
  if (score === null) return h('td', {}, '—');
  const bar = h('span', { class: 'score-bar', 'aria-hidden': 'true' });
  bar.style.width = `${Math.max(0, Math.min(100, score))}%`;
  return h('td', { class: 'score-cell' }, h('span', { class: 'score-track', 'aria-hidden': 'true' }, bar), ` ${fmt.number(score)}`);
}

/** "Your drills": empty until this browser has hosted one. */
export function pastDrillsPanel(): HTMLElement {
  const section = h('section', { class: 'past-drills', 'aria-labelledby': 'past-drills-h', id: 'past-drills' });
  const hostKey = localStorage.getItem(HOST_KEY);
  if (!hostKey) return section;
  const status = h('p', { role: 'status' }, t('pastDrills.loading'));
  section.append(h('h2', { id: 'past-drills-h' }, t('pastDrills.heading')), status);
  void fetchPastDrills(hostKey).then(
    (drills) => {
      if (drills.length === 0) {
        status.textContent = t('pastDrills.none');
        return;
      }
      status.textContent = t('pastDrills.count', { count: drills.length });
      const tokens = storedTokens();
      section.append(h('table', {},
        h('thead', {}, h('tr', {}, ...(['created', 'scenario', 'seed', 'state', 'events', 'score', 'open'] as const).map((k) => h('th', { scope: 'col' }, t(`pastDrills.${k}`))))),
        h('tbody', {}, ...drills.map((d) => {
          const token = tokens[d.drillId];
          const links = token
            ? h('td', {}, h('a', { href: withLang(`/?join=${encodeURIComponent(token)}`) }, t('pastDrills.console')), ' · ', h('a', { href: `/drills/${d.drillId}/report.html?token=${encodeURIComponent(token)}&locale=${encodeURIComponent(document.documentElement.lang)}`, target: '_blank', rel: 'noopener' }, t('pastDrills.report')))
            : h('td', {}, '—');
          return h('tr', { 'data-drill': d.drillId }, h('td', {}, fmt.dateTime(d.createdAt)), h('td', { 'data-scenario': d.scenarioId }, d.scenarioTitle ? loc(d.scenarioTitle) : scenarioTitle(d.scenarioId)), h('td', {}, d.seed), h('td', { 'data-lifecycle': d.lifecycle }, t(`lifecycle.${d.lifecycle}`)), h('td', {}, fmt.number(d.events)), scoreCell(d.score), links);
        }))));
    },
    (error: Error) => {
      status.textContent = t('pastDrills.failed', { reason: error.message });
    },
  );
  return section;
}
