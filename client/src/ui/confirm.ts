import { t } from '../i18n/index.ts';
import { h } from './dom.ts';

/**
 * Ask before something that cannot be undone for everyone (ending the drill). A modal dialog with
 * the question, Cancel first and focused, so Enter or Escape on arrival does nothing harmful.
 */
export function confirmDialog(question: string, confirmLabel: string): Promise<boolean> {
  return new Promise((resolve) => {
    const cancel = h('button', { type: 'button', id: 'confirm-no', class: 'quiet' }, t('confirm.cancel'));
    const yes = h('button', { type: 'button', id: 'confirm-yes', class: 'danger' }, confirmLabel);
    const dialog = h('dialog', { id: 'confirm', class: 'confirm', 'aria-labelledby': 'confirm-q' }, h('p', { id: 'confirm-q' }, question), h('div', { class: 'buttons' }, cancel, yes));
    const done = (answer: boolean) => {
      dialog.close();
      dialog.remove();
      resolve(answer);
    };
    cancel.addEventListener('click', () => done(false));
    yes.addEventListener('click', () => done(true));
    dialog.addEventListener('cancel', (e) => {
      e.preventDefault();
      done(false);
    });
    document.body.append(dialog);
    dialog.showModal();
    cancel.focus();
  });
}
