import type { DrillView } from '../../../shared/engine/view-types.ts';
import { seatName, t } from '../i18n/index.ts';
import type { Reason } from './availability.ts';
import { workTitle } from './describe.ts';
import { gameClock } from './time.ts';

/** Why something cannot be done now, in the reader's words. */
export function reasonText(r: Reason, view: DrillView | null): string {
  const w = r.work;
  switch (r.key) {
    case 'busy':
      return w ? t('why.busy', { work: workTitle(view, w.action, w.target), until: gameClock(w.endsAt) }) : t('why.busyAssigning', { until: '' });
    case 'running':
      return w ? t('why.running', { seat: seatName(w.seat), until: gameClock(w.endsAt) }) : t('why.unknown');
    case 'assigning':
      return t('why.assigning', { until: gameClock(Number(r.values?.until ?? 0)) });
    case 'done':
      return t('why.done', { at: gameClock(Number(r.values?.at ?? 0)) });
    case 'notYourRole':
      return t('why.notYourRole', { roles: String(r.values?.roles ?? '').split(',').map((role) => t(`roles.${role}`)).join(', ') });
    default:
      return t(`why.${r.key}`);
  }
}
