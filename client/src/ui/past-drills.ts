import { h } from './dom.ts';

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

const WHEN = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** A bar scaled to the score, with the number beside it: the length is a picture, the number is the fact. */
function scoreCell(score: number | null): HTMLElement {
  if (score === null) return h('td', {}, '—');
  const bar = h('span', { class: 'score-bar', 'aria-hidden': 'true' });
  bar.style.width = `${Math.max(0, Math.min(100, score))}%`;
  return h('td', { class: 'score-cell' }, h('span', { class: 'score-track', 'aria-hidden': 'true' }, bar), ` ${score.toFixed(1)}`);
}

/** "Your drills": empty until this browser has hosted one. */
export function pastDrillsPanel(): HTMLElement {
  const section = h('section', { class: 'past-drills', 'aria-labelledby': 'past-drills-h', id: 'past-drills' });
  const hostKey = localStorage.getItem(HOST_KEY);
  if (!hostKey) return section;
  const status = h('p', { role: 'status' }, 'Loading your drills…');
  section.append(h('h2', { id: 'past-drills-h' }, 'Your drills'), status);
  void fetchPastDrills(hostKey).then(
    (drills) => {
      if (drills.length === 0) {
        status.textContent = 'No drills yet.';
        return;
      }
      status.textContent = `${drills.length} drill${drills.length === 1 ? '' : 's'} hosted from this browser.`;
      const tokens = storedTokens();
      section.append(h('table', {},
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Created'), h('th', { scope: 'col' }, 'Scenario'), h('th', { scope: 'col' }, 'Seed'), h('th', { scope: 'col' }, 'State'), h('th', { scope: 'col' }, 'Events'), h('th', { scope: 'col' }, 'Score'), h('th', { scope: 'col' }, 'Open'))),
        h('tbody', {}, ...drills.map((d) => {
          const token = tokens[d.drillId];
          const links = token
            ? h('td', {}, h('a', { href: `/?join=${encodeURIComponent(token)}` }, 'Console'), ' · ', h('a', { href: `/drills/${d.drillId}/report.html?token=${encodeURIComponent(token)}`, target: '_blank', rel: 'noopener' }, 'Report'))
            : h('td', {}, '—');
          return h('tr', { 'data-drill': d.drillId }, h('td', {}, WHEN.format(d.createdAt)), h('td', {}, d.scenarioId), h('td', {}, d.seed), h('td', {}, d.lifecycle), h('td', {}, String(d.events)), scoreCell(d.score), links);
        }))));
    },
    (error: Error) => {
      status.textContent = `Your past drills could not be loaded: ${error.message}`;
    },
  );
  return section;
}
