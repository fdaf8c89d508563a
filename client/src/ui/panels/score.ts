import { REPORT_LABELS } from '../../../../shared/report/labels.ts';
import type { LiveScore } from '../../../../shared/scoring/live.ts';
import type { SeatScore } from '../../../../shared/scoring/types.ts';
import { fmt, locale, seatName, t } from '../../i18n/index.ts';
import type { DrillStore } from '../../store/drill-store.ts';
import { h } from '../dom.ts';
import { emptyLine, panel } from '../panel.ts';
import { gameClock } from '../time.ts';

/*
 * The live score. The facilitator sees the team's total, its categories and penalties, every seat's
 * own score and the latest findings. A solo trainee sees their own seat's score first, with the
 * team's beside it: the bots' good work is the team's, not the trainee's.
 */

export const seatTotal = (s: SeatScore | undefined): string => (s?.total === null || s?.total === undefined ? '—' : fmt.decimal(s.total, 1));

export function scorePanel(store: DrillStore, options: { trainee?: string; extra?: HTMLElement }): HTMLElement {
  const body = h('div', { class: 'score', id: 'score', 'aria-live': 'off' });
  const placeholder = emptyLine(t('score.waiting'));
  let seq = -2;
  store.subscribe((s) => {
    const score = s.score;
    if (!score || score.seq === seq) return;
    seq = score.seq;
    placeholder.hidden = true;
    body.replaceChildren(...(options.trainee ? traineeScore(score, options.trainee) : facilitatorScore(score)).filter((x): x is HTMLElement => x !== null));
  });
  return panel('score-panel', options.trainee ? t('score.yourHeading') : t('facilitator.liveScore'), 'score-panel', placeholder, body, options.extra ?? null);
}

function traineeScore(score: LiveScore, trainee: string): (HTMLElement | null)[] {
  const mine = score.seats.find((x) => x.seat === trainee);
  const findings = score.findings.filter((f) => f.seats.includes(trainee)).slice(-8).reverse();
  return [
    h('div', { class: 'totals' },
      h('div', { class: 'total mine', id: 'seat-score', 'data-seat': trainee }, h('span', { class: 'label' }, t('score.you', { seat: seatName(trainee) })), h('span', { class: 'num' }, seatTotal(mine))),
      h('div', { class: 'total team', id: 'team-score' }, h('span', { class: 'label' }, t('score.team')), h('span', { class: 'num' }, fmt.decimal(score.total, 1)))),
    mine && mine.penalty > 0 ? h('p', { class: 'meta penalty' }, t('score.penalty', { points: fmt.decimal(mine.penalty, 1) })) : h('p', { class: 'meta' }, mine?.total === null || !mine ? t('score.nothingYet') : t('score.seatHelp')),
    h('h3', {}, t('score.forYou')),
    findings.length > 0 ? h('ol', { class: 'findings' }, ...findings.map(findingItem)) : emptyLine(t('score.noFindings')),
  ];
}

function facilitatorScore(score: LiveScore): (HTMLElement | null)[] {
  const labels = REPORT_LABELS[locale()].categories;
  const shown = [...score.findings].reverse();
  return [
    h('div', { class: 'total' }, t('facilitator.liveTotal', { total: fmt.decimal(score.total, 1) })),
    score.penalties > 0 ? h('p', { class: 'meta penalty' }, t('score.penalties', { points: fmt.decimal(score.penalties, 1) })) : null,
    h('ul', { class: 'categories' }, ...Object.entries(score.categories).map(([k, v]) => {
      const label = labels[k as keyof typeof labels];
      return h('li', {}, h('span', {}, label), h('meter', { min: 0, max: 100, value: v, 'aria-label': label }), h('span', { class: 'num' }, fmt.number(v)));
    })),
    h('h3', {}, t('score.bySeat')),
    h('table', { class: 'seat-scores', id: 'seat-scores' },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('score.seat')), h('th', { scope: 'col' }, t('score.points')), h('th', { scope: 'col' }, t('score.penaltyCol')))),
      h('tbody', {}, ...score.seats.map((x) => h('tr', { 'data-seat': x.seat }, h('th', { scope: 'row' }, seatName(x.seat)), h('td', {}, seatTotal(x)), h('td', {}, x.penalty > 0 ? `−${fmt.decimal(x.penalty, 1)}` : '—'))))),
    h('h3', { id: 'fac-score-h' }, t('facilitator.findings')),
    shown.length > 0 ? h('ol', { class: 'findings' }, ...shown.map(findingItem)) : emptyLine(t('score.noFindings')),
    score.findingsTotal > shown.length ? h('p', { class: 'meta' }, t('facilitator.findingsLatest', { shown: fmt.number(shown.length), total: fmt.number(score.findingsTotal) })) : null,
  ];
}

function findingItem(f: LiveScore['findings'][number]): HTMLElement {
  const sign = f.points > 0 ? '+' : '';
  return h('li', { class: f.verdict === 'met' ? 'credit' : 'deduct' },
    h('span', { class: 'pts' }, `${sign}${fmt.decimal(f.points, 1)}`),
    f.penalty > 0 ? h('span', { class: 'pen' }, ` −${fmt.decimal(f.penalty, 1)}`) : null,
    ` ${f.message}`,
    h('span', { class: 'meta' }, ` · ${gameClock(f.at)}`));
}
