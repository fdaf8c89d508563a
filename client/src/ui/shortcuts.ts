import { t } from '../i18n/index.ts';
import { h } from './dom.ts';

/*
 * Keyboard shortcuts for the war room. Everything is reachable with Tab as well; these are for
 * speed under pressure. A shortcut is a single key pressed outside a text field (so typing a
 * message never triggers one), and `?` lists them. Each one moves focus somewhere visible, so a
 * screen-reader user hears where they landed.
 */

export interface Shortcut {
  key: string;
  /** Catalog key (under `shortcuts.`) of what the key does, shown in the help dialog. */
  label: string;
  /** CSS selector of what to focus; the first match that exists on the page is used. */
  focus: string;
}

/** Shortcuts for players and for the facilitator; a binding whose target is not on the page does nothing. */
export const WAR_ROOM_SHORTCUTS: readonly Shortcut[] = [
  { key: 'f', label: 'feed', focus: '#feed-h' },
  { key: 'b', label: 'systems', focus: '#systems button[aria-pressed="true"], #systems button' },
  { key: 'a', label: 'actions', focus: '#on-system:not([hidden]) button[data-action], .actions button[data-action]' },
  { key: 'd', label: 'decisions', focus: '#decisions button[data-option], #decisions-h' },
  { key: 'k', label: 'team', focus: '#todo button, #team-h' },
  { key: 'm', label: 'message', focus: '#msg-body' },
  { key: 't', label: 'timeline', focus: '#tl-text' },
  { key: 'g', label: 'briefing', focus: '#briefing-open' },
  { key: 'i', label: 'palette', focus: '.palette button[data-inject]' },
  { key: 's', label: 'score', focus: '#score-panel-h' },
  { key: 'n', label: 'note', focus: '#fac-note' },
  { key: 'r', label: 'report', focus: '#view-report' },
];

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

function focusFirst(selector: string): boolean {
  for (const el of document.querySelectorAll<HTMLElement>(selector)) {
    // Not what cannot be seen (hidden, or folded in a closed <details>) or pressed.
    if (el.closest('[hidden]') || (el.closest('details:not([open])') && !el.closest('summary')) || el.getAttribute('aria-disabled') === 'true') continue;
    // Headings are not focusable by default; -1 lets a shortcut land on them without adding a tab stop.
    if (!el.matches('a, button, input, select, textarea, [tabindex]')) el.tabIndex = -1;
    el.focus();
    el.scrollIntoView({ block: 'nearest' });
    return true;
  }
  return false;
}

/** The `?` dialog listing the shortcuts that apply on this page. */
function helpDialog(shortcuts: readonly Shortcut[]): HTMLDialogElement {
  const close = h('button', { type: 'button', id: 'shortcuts-close' }, t('shortcuts.close'));
  const dialog = h('dialog', { id: 'shortcuts', 'aria-labelledby': 'shortcuts-h' },
    h('h2', { id: 'shortcuts-h' }, t('shortcuts.title')),
    h('p', { class: 'meta' }, t('shortcuts.intro')),
    h('dl', { class: 'shortcut-list' }, ...shortcuts.flatMap((s) => [h('dt', {}, h('kbd', {}, s.key)), h('dd', {}, t(`shortcuts.${s.label}`))]), h('dt', {}, h('kbd', {}, '?')), h('dd', {}, t('shortcuts.thisList')), h('dt', {}, h('kbd', {}, 'Esc')), h('dd', {}, t('shortcuts.closeList'))),
    close);
  close.addEventListener('click', () => dialog.close());
  return dialog;
}

/** Install the shortcuts on the document. `showHelp` opens the list (for a visible button). */
export function installShortcuts(shortcuts: readonly Shortcut[] = WAR_ROOM_SHORTCUTS): { showHelp: () => void; dispose: () => void } {
  const available = () => shortcuts.filter((s) => document.querySelector(s.focus) !== null);
  let dialog: HTMLDialogElement | null = null;
  const showHelp = () => {
    dialog?.remove();
    dialog = helpDialog(available());
    document.body.append(dialog);
    dialog.showModal();
  };
  const onKey = (e: KeyboardEvent) => {
    if (e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target) || dialog?.open) return;
    if (e.key === '?') {
      showHelp();
      e.preventDefault();
      return;
    }
    const shortcut = shortcuts.find((s) => s.key === e.key.toLowerCase());
    if (shortcut && focusFirst(shortcut.focus)) e.preventDefault();
  };
  document.addEventListener('keydown', onKey);
  return { showHelp, dispose: () => document.removeEventListener('keydown', onKey) };
}
