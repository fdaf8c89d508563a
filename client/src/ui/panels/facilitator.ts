import { localize } from '../../../../shared/i18n/locales.ts';
import { PLAYER_ROLES } from '../../../../shared/runbook/types.ts';
import type { DrillStore } from '../../store/drill-store.ts';
import { clear, gameClock, h } from '../dom.ts';

/** Pacing, the inject palette, ad-hoc injects, private notes, presence and the live score. */
export function facilitatorPanel(store: DrillStore, onReport: () => void): HTMLElement {
  const status = h('p', { class: 'status', role: 'status' });
  const act = (label: string, command: Parameters<DrillStore['send']>[0], id: string) =>
    h('button', { type: 'button', id, onclick: () => void store.send(command).then((r) => (status.textContent = r.ok ? `${label}: done` : `${label}: ${r.error.message}`)) }, label);
  const speed = h('select', { id: 'speed', 'aria-label': 'Speed' }, ...[1, 2, 5, 10].map((n) => h('option', { value: String(n) }, `${n}×`)));
  speed.addEventListener('change', () => void store.send({ type: 'drill.setSpeed', speed: Number(speed.value) }));
  const palette = h('ol', { class: 'palette', 'aria-label': 'Upcoming injects' });
  const adhocTitle = h('input', { id: 'adhoc-title', type: 'text', required: true });
  const adhocBody = h('textarea', { id: 'adhoc-body', rows: 2, required: true });
  const adhocAudience = h('select', { id: 'adhoc-audience', 'aria-label': 'Audience' }, h('option', { value: 'all' }, 'everyone'), ...PLAYER_ROLES.map((r) => h('option', { value: r }, r)));
  const note = h('textarea', { id: 'fac-note', rows: 2 });
  const presence = h('ul', { class: 'presence', 'aria-label': 'Seats' });
  const score = h('div', { class: 'score', 'aria-live': 'off' });
  const findings = h('ol', { class: 'findings', 'aria-label': 'Findings' });
  const notes = h('ol', { class: 'notes' });

  store.subscribe((s) => {
    const f = s.view?.facilitator;
    if (f) {
      clear(palette);
      for (const u of f.upcoming) {
        const due = u.dueAt !== null ? Math.max(0, u.dueAt - (s.view?.clock ?? 0)) : null;
        palette.append(h('li', {},
          h('strong', {}, localize(u.title, 'en')),
          h('span', { class: 'meta' }, due === null ? ' · on condition / by hand' : ` · due in ${gameClock(due)}`),
          u.facilitatorNote ? h('p', { class: 'meta' }, localize(u.facilitatorNote, 'en')) : null,
          h('button', { type: 'button', 'data-inject': u.injectId, onclick: () => void store.send({ type: 'inject.push', injectId: u.injectId }).then((r) => (status.textContent = r.ok ? 'Inject sent' : r.error.message)) }, 'Send now')));
      }
      clear(notes);
      for (const n of f.notes) notes.append(h('li', {}, `T+${gameClock(n.at)} ${n.text}`));
    }
    clear(presence);
    for (const p of s.presence) presence.append(h('li', { class: p.connected ? 'online' : 'offline' }, `${p.connected ? '● online' : '○ offline'} · ${p.seat}`));
    if (s.score) {
      clear(score);
      score.append(h('div', { class: 'total' }, `Live score ${s.score.total}`), h('ul', {}, ...Object.entries(s.score.categories).map(([k, v]) => h('li', {}, h('span', {}, k), h('meter', { min: 0, max: 100, value: v, 'aria-label': k }), ` ${v}`))));
      clear(findings);
      for (const f2 of [...s.score.findings].reverse().slice(0, 40)) findings.append(h('li', { class: f2.points < 0 ? 'deduct' : 'credit' }, `${f2.points > 0 ? '+' : ''}${f2.points} ${f2.rule}: ${localize(f2.message, 'en')}`));
    }
  });

  return h('section', { class: 'panel facilitator', 'aria-labelledby': 'fac-h' },
    h('h2', { id: 'fac-h' }, 'Facilitator console'),
    h('div', { class: 'buttons' }, act('Start', { type: 'drill.start' }, 'fac-start'), act('Pause', { type: 'drill.pause' }, 'fac-pause'), act('Resume', { type: 'drill.resume' }, 'fac-resume'), h('label', { for: 'speed' }, 'Speed'), speed),
    status,
    h('h3', {}, 'Seats'), presence,
    h('h3', {}, 'Inject palette'), palette,
    h('form', {
      class: 'adhoc',
      onsubmit: (e: Event) => {
        e.preventDefault();
        const audience = adhocAudience.value === 'all' ? 'all' : [adhocAudience.value as (typeof PLAYER_ROLES)[number]];
        void store.send({ type: 'inject.adhoc', title: adhocTitle.value, body: adhocBody.value, audience }).then((r) => (status.textContent = r.ok ? 'Ad-hoc inject sent' : r.error.message));
      },
    }, h('h3', {}, 'Ad-hoc inject'), h('label', { for: 'adhoc-title' }, 'Title'), adhocTitle, h('label', { for: 'adhoc-body' }, 'Text'), adhocBody, h('label', { for: 'adhoc-audience' }, 'Audience'), adhocAudience, h('button', { type: 'submit', id: 'adhoc-send' }, 'Send ad-hoc inject')),
    h('form', { onsubmit: (e: Event) => { e.preventDefault(); void store.send({ type: 'facilitator.note', text: note.value }).then((r) => r.ok && (note.value = '')); } }, h('h3', {}, 'Private notes'), h('label', { for: 'fac-note' }, 'Note'), note, h('button', { type: 'submit' }, 'Save note'), notes),
    h('h3', { id: 'fac-score-h' }, 'Live score'), score, findings,
    h('div', { class: 'buttons' }, act('End drill', { type: 'drill.end', reason: 'ended by the facilitator' }, 'fac-end'), h('button', { type: 'button', id: 'open-report', onclick: onReport }, 'Open report')));
}
