import { h } from './dom.ts';

type Child = Node | string | null | undefined | false;

/** A titled panel: a section labelled by its heading, so screen readers list it as a region. */
export function panel(id: string, title: string, className: string, ...children: Child[]): HTMLElement {
  return h('section', { class: `panel ${className}`, 'aria-labelledby': `${id}-h`, id }, h('h2', { id: `${id}-h` }, title), ...children);
}

/** The line a list shows while it is empty, so an empty panel still says what will appear there. */
export function emptyLine(text: string): HTMLElement {
  return h('p', { class: 'empty' }, text);
}

/** Show `empty` instead of `list` while the list has no items. */
export function toggleEmpty(list: HTMLElement, empty: HTMLElement): void {
  const none = list.childElementCount === 0;
  list.hidden = none;
  empty.hidden = !none;
}
