import type { DrillStore } from '../store/drill-store.ts';
import { download, h } from './dom.ts';

/** The after-action report in a sandboxed frame, with Markdown, JSON and print exports. */
export async function showReport(container: HTMLElement, store: DrillStore, name: string): Promise<void> {
  const status = h('p', { role: 'status' }, 'Loading report…');
  container.replaceChildren(h('section', { class: 'report-page', 'aria-labelledby': 'rep-h' }, h('h1', { id: 'rep-h' }, 'After-action report'), status));
  let html: string;
  try {
    html = await store.report();
  } catch (error) {
    status.textContent = `The report is not available yet: ${(error as Error).message}`;
    return;
  }
  const frame = h('iframe', { title: 'After-action report', class: 'report-frame', sandbox: 'allow-same-origin allow-modals' });
  frame.srcdoc = html;
  const exports = h('div', { class: 'buttons' },
    h('button', { type: 'button', onclick: () => void store.reportText('md').then((t) => download(`${name}.md`, t, 'text/markdown')) }, 'Export Markdown'),
    h('button', { type: 'button', onclick: () => void store.reportText('json').then((t) => download(`${name}.json`, t, 'application/json')) }, 'Export JSON'),
    h('button', { type: 'button', onclick: () => frame.contentWindow?.print() }, 'Print / PDF'),
    h('a', { href: '/', class: 'button' }, 'Back to start'));
  status.textContent = '';
  saveToHistory(name, html);
  container.querySelector('.report-page')?.append(exports, frame, pastReports());
}

/** Past reports kept in this browser, for comparison. */
function saveToHistory(name: string, html: string): void {
  try {
    const list = JSON.parse(localStorage.getItem('ttx-reports') ?? '[]') as { name: string; score: string; when: string }[];
    const score = /class="total">([\d.]+)/.exec(html)?.[1] ?? '?';
    if (!list.some((r) => r.name === name)) list.unshift({ name, score, when: new Date().toISOString() });
    localStorage.setItem('ttx-reports', JSON.stringify(list.slice(0, 20)));
  } catch {
    /* storage unavailable: history is a convenience */
  }
}

function pastReports(): HTMLElement {
  let list: { name: string; score: string; when: string }[] = [];
  try {
    list = JSON.parse(localStorage.getItem('ttx-reports') ?? '[]');
  } catch {
    list = [];
  }
  return h('section', { 'aria-labelledby': 'past-h' }, h('h2', { id: 'past-h' }, 'Past reports in this browser'), h('table', {}, h('thead', {}, h('tr', {}, h('th', {}, 'Drill'), h('th', {}, 'Score'), h('th', {}, 'When'))), h('tbody', {}, ...list.map((r) => h('tr', {}, h('td', {}, r.name), h('td', {}, r.score), h('td', {}, r.when.slice(0, 16).replace('T', ' ')))))));
}
