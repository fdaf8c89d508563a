import type { DrillView } from '../../../../shared/engine/view-types.ts';
import { ACTIONS } from '../../../../shared/runbook/actions.ts';
import type { PlayerRole } from '../../../../shared/runbook/types.ts';
import { loc, t } from '../../i18n/index.ts';
import { assetName } from '../asset-name.ts';

/** One line of the task list, "Scribe: Capture live memory on Checkout app server (app-1) (you)", in the reader's language. */
export function taskLine(task: DrillView['tasks'][number], view: Pick<DrillView, 'scenario'>, role: PlayerRole): string {
  const title = ACTIONS.find((a) => a.id === task.action)?.title;
  const values = { role: t(`roles.${task.toRole}`), action: title ? loc(title) : task.action, target: task.target ? assetName(view, task.target) : '' };
  return `${t(task.target ? 'lead.taskLineOn' : 'lead.taskLine', values)}${task.toRole === role ? ` ${t('lead.you')}` : ''}`;
}
