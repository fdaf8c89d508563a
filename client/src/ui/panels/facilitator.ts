import { REPORT_LABELS } from '../../../../shared/report/labels.ts';
import { errorText, fmt, loc, locale, seatName, t } from '../../i18n/index.ts';
import { PLAYER_ROLES } from '../../../../shared/runbook/types.ts';
import type { DrillStore } from '../../store/drill-store.ts';
import { clear, gameClock, h } from '../dom.ts';

/** Pacing, the inject palette, ad-hoc injects, private notes, presence and the live score. */
export function facilitatorPanel(store: DrillStore, onReport: () => void): HTMLElement {
  const status = h('p', { class: 'status', role: 'status' });
  const act = (label: string, command: Parameters<DrillStore['send']>[0], id: string) =>
    h('button', { type: 'button', id, onclick: () => void store.send(command).then((r) => (status.textContent = r.ok ? t('facilitator.done', { what: label }) : t('facilitator.failed', { what: label, reason: errorText(r.error) }))) }, label);
  const speed = h('select', { id: 'speed', 'aria-label': t('facilitator.speed') }, ...[1, 2, 5, 10].map((n) => h('option', { value: String(n) }, `${n}×`)));
  speed.addEventListener('change', () => void store.send({ type: 'drill.setSpeed', speed: Number(speed.value) }));
  const palette = h('ol', { class: 'palette', 'aria-label': t('facilitator.upcoming') });
  const adhocTitle = h('input', { id: 'adhoc-title', type: 'text', required: true });
  const adhocBody = h('textarea', { id: 'adhoc-body', rows: 2, required: true });
  const adhocAudience = h('select', { id: 'adhoc-audience', 'aria-label': t('comms.audience') }, h('option', { value: 'all' }, t('facilitator.everyone')), ...PLAYER_ROLES.map((r) => h('option', { value: r }, t(`roles.${r}`))));
  const note = h('textarea', { id: 'fac-note', rows: 2 });
  const presence = h('ul', { class: 'presence', 'aria-label': t('facilitator.seats') });
  const score = h('div', { class: 'score', 'aria-live': 'off' });
  const findings = h('ol', { class: 'findings', 'aria-label': t('facilitator.findings') });
  const findingsNote = h('p', { class: 'meta' });
  const notes = h('ol', { class: 'notes' });

  store.subscribe((s) => {
    const f = s.view?.facilitator;
    if (f) {
      clear(palette);
      for (const u of f.upcoming) {
        const due = u.dueAt !== null ? Math.max(0, u.dueAt - (s.view?.clock ?? 0)) : null;
        palette.append(h('li', {},
          h('strong', {}, loc(u.title)),
          h('span', { class: 'meta' }, due === null ? t('facilitator.byHand') : t('facilitator.dueIn', { time: fmt.duration(due) })),
          u.facilitatorNote ? h('p', { class: 'meta' }, loc(u.facilitatorNote)) : null,
          h('button', { type: 'button', 'data-inject': u.injectId, onclick: () => void store.send({ type: 'inject.push', injectId: u.injectId }).then((r) => (status.textContent = r.ok ? t('facilitator.injectSent') : errorText(r.error))) }, t('facilitator.sendNow'))));
      }
      clear(notes);
      for (const n of f.notes) notes.append(h('li', {}, `T+${gameClock(n.at)} ${n.text}`));
    }
    clear(presence);
    for (const p of s.presence) presence.append(h('li', { class: p.connected ? 'online' : 'offline' }, `${p.connected ? t('facilitator.online') : t('facilitator.offline')} · ${seatName(p.seat)}`));
    if (s.score) {
      clear(score);
      score.append(h('div', { class: 'total' }, t('facilitator.liveTotal', { total: fmt.number(s.score.total) })), h('ul', {}, ...Object.entries(s.score.categories).map(([k, v]) => h('li', {}, h('span', {}, REPORT_LABELS[locale()].categories[k as keyof typeof s.score.categories]), h('meter', { min: 0, max: 100, value: v, 'aria-label': REPORT_LABELS[locale()].categories[k as keyof typeof s.score.categories] }), ` ${fmt.number(v)}`))));
      clear(findings);
      // Newest first. A live score already carries only the latest findings (liveScore); the report has them all.
      const shown = [...s.score.findings].reverse();
      findingsNote.textContent = s.score.findingsTotal > shown.length ? t('facilitator.findingsLatest', { shown: fmt.number(shown.length), total: fmt.number(s.score.findingsTotal) }) : '';
      for (const f2 of shown) findings.append(h('li', { class: f2.points < 0 ? 'deduct' : 'credit' }, `${f2.points > 0 ? '+' : ''}${f2.points} ${f2.rule}: ${f2.message}`));
    }
  });

  return h('section', { class: 'panel facilitator', 'aria-labelledby': 'fac-h' },
    h('h2', { id: 'fac-h' }, t('facilitator.heading')),
    h('div', { class: 'buttons' }, act(t('facilitator.start'), { type: 'drill.start' }, 'fac-start'), act(t('facilitator.pause'), { type: 'drill.pause' }, 'fac-pause'), act(t('facilitator.resume'), { type: 'drill.resume' }, 'fac-resume'), h('label', { for: 'speed' }, t('facilitator.speed')), speed),
    status,
    h('h3', {}, t('facilitator.seats')), presence,
    h('h3', {}, t('facilitator.palette')), palette,
    h('form', {
      class: 'adhoc',
      onsubmit: (e: Event) => {
        e.preventDefault();
        const audience = adhocAudience.value === 'all' ? 'all' : [adhocAudience.value as (typeof PLAYER_ROLES)[number]];
        void store.send({ type: 'inject.adhoc', title: adhocTitle.value, body: adhocBody.value, audience }).then((r) => (status.textContent = r.ok ? t('facilitator.adhocSent') : errorText(r.error)));
      },
    }, h('h3', {}, t('facilitator.adhoc')), h('label', { for: 'adhoc-title' }, t('facilitator.adhocTitle')), adhocTitle, h('label', { for: 'adhoc-body' }, t('facilitator.adhocText')), adhocBody, h('label', { for: 'adhoc-audience' }, t('comms.audience')), adhocAudience, h('button', { type: 'submit', id: 'adhoc-send' }, t('facilitator.sendAdhoc'))),
    h('form', { onsubmit: (e: Event) => { e.preventDefault(); void store.send({ type: 'facilitator.note', text: note.value }).then((r) => r.ok && (note.value = '')); } }, h('h3', {}, t('facilitator.notes')), h('label', { for: 'fac-note' }, t('facilitator.note')), note, h('button', { type: 'submit' }, t('facilitator.saveNote')), notes),
    h('h3', { id: 'fac-score-h' }, t('facilitator.liveScore')), score, findings, findingsNote,
    h('div', { class: 'buttons' }, act(t('facilitator.end'), { type: 'drill.end', reason: 'ended by the facilitator' }, 'fac-end'), h('button', { type: 'button', id: 'open-report', onclick: onReport }, t('facilitator.openReport'))));
}
