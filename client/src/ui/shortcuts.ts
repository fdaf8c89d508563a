import { h } from './dom.ts';

/*
 * Keyboard shortcuts for the war room. Everything is reachable with Tab as well; these are for
 * speed under pressure. A shortcut is a single key pressed outside a text field (so typing a
 * message never triggers one), and `?` lists them. Each one moves focus somewhere visible, so a
 * screen-reader user hears where they landed.
 */

export interface Shortcut {
  key: string;
  /** What the key does, shown in the help dialog. */
  label: string;
  /** CSS selector of what to focus; the first match that exists on the page is used. */
  focus: string;
}

/** Shortcuts for players and for the facilitator; a binding whose target is not on the page does nothing. */
export const WAR_ROOM_SHORTCUTS: readonly Shortcut[] = [
  { key: 'f', label: 'Inject feed', focus: '#feed-h' },
  { key: 'a', label: 'Actions', focus: '.actions button[data-action]' },
  { key: 'm', label: 'Write a message', focus: '#msg-body' },
  { key: 't', label: 'Add a timeline entry', focus: '#tl-text' },
  { key: 'l', label: 'Lead panel: tasks and hints', focus: '#lead-h' },
  { key: 'i', label: 'Inject palette (facilitator)', focus: '.palette button[data-inject]' },
  { key: 's', label: 'Live score (facilitator)', focus: '#fac-score-h' },
  { key: 'n', label: 'Private note (facilitator)', focus: '#fac-note' },
  { key: 'r', label: 'Open the report (once the drill has ended)', focus: '#view-report:not([hidden])' },
];

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

function focusFirst(selector: string): boolean {
  for (const el of document.querySelectorAll<HTMLElement>(selector)) {
    if (el.closest('[hidden]')) continue;
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
  const close = h('button', { type: 'button', id: 'shortcuts-close' }, 'Close');
  const dialog = h('dialog', { id: 'shortcuts', 'aria-labelledby': 'shortcuts-h' },
    h('h2', { id: 'shortcuts-h' }, 'Keyboard shortcuts'),
    h('p', { class: 'meta' }, 'Press a key when you are not typing in a field. Tab and Shift+Tab reach everything too.'),
    h('dl', { class: 'shortcut-list' }, ...shortcuts.flatMap((s) => [h('dt', {}, h('kbd', {}, s.key)), h('dd', {}, s.label)]), h('dt', {}, h('kbd', {}, '?')), h('dd', {}, 'This list'), h('dt', {}, h('kbd', {}, 'Esc')), h('dd', {}, 'Close this list')),
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
