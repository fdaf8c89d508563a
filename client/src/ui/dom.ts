/*
 * A tiny DOM builder. Text always goes in through textContent, never innerHTML, so anything a
 * player types is shown as text and never run.
 */
type Child = Node | string | null | undefined | false;
type Attrs = Record<string, string | number | boolean | ((e: Event) => void) | undefined>;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    if (typeof value === 'function') el.addEventListener(key.replace(/^on/, '').toLowerCase(), value);
    else if (key === 'class') el.className = String(value);
    else if (value === true) el.setAttribute(key, '');
    else el.setAttribute(key, String(value));
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    el.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return el;
}

/**
 * Text whose hyphenated words never break at the hyphen: a host such as "app-1" split over two
 * lines on a phone reads as two names.
 */
export function unbroken(text: string): Child[] {
  return text.split(/(\S+-\S+)/).map((part, i) => (i % 2 === 1 ? h('span', { class: 'nobr' }, part) : part));
}

export function clear(el: Element): void {
  while (el.firstChild) el.firstChild.remove();
}

export function download(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = h('a', { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
