import { LOCALES, type Locale } from '../../../shared/i18n/locales.ts';
import { fmt, locale, t } from '../i18n/index.ts';
import type { DrillStore } from '../store/drill-store.ts';
import { download, h } from './dom.ts';

/*
 * The after-action report page: the report (its own self-contained HTML: narrative, scores by seat,
 * action items, hotwash questions, charts) in a sandboxed frame as tall as the report, so the page
 * scrolls once; downloads of the Markdown for the postmortem document in every language, a PDF
 * through the report's print stylesheet, and the past reports kept in this browser.
 */

const NATIVE_NAMES: Record<Locale, string> = { en: 'English', ja: '日本語', 'zh-CN': '简体中文' };
const HISTORY_KEY = 'ttx-reports';

interface PastReport {
  name: string;
  score: string;
  when: string;
}

export async function showReport(container: HTMLElement, store: DrillStore, name: string): Promise<void> {
  const status = h('p', { role: 'status' }, t('report.loading'));
  const page = h('section', { class: 'report-page', 'aria-labelledby': 'rep-h' }, h('h1', { id: 'rep-h' }, t('report.heading')), status);
  container.replaceChildren(page);
  let html: string;
  try {
    html = await store.report(locale());
  } catch (error) {
    status.textContent = t('report.unavailable', { reason: (error as Error).message });
    return;
  }
  // No scripts run in the frame; same origin lets this page size it to the report and print it.
  const frame = h('iframe', { title: t('report.frameTitle'), class: 'report-frame', sandbox: 'allow-same-origin allow-modals' });
  frame.srcdoc = html;
  const fit = () => {
    const root = frame.contentDocument?.documentElement;
    if (root) frame.style.height = `${root.scrollHeight + 2}px`;
  };
  frame.addEventListener('load', () => {
    fit();
    const body = frame.contentDocument?.body;
    if (body) new ResizeObserver(fit).observe(body);
  });
  window.addEventListener('resize', fit);
  const exportIn = (format: 'md' | 'json' | 'html', label: string) =>
    h('span', { class: 'export-group' }, `${label}: `, ...LOCALES.map((l) =>
      h('button', { type: 'button', class: 'quiet', lang: l, 'data-export': `${format}-${l}`, onclick: () => void store.reportText(format, l).then((text) => download(`${name}.${l}.${format}`, text, format === 'md' ? 'text/markdown' : format === 'json' ? 'application/json' : 'text/html')) }, NATIVE_NAMES[l])));
  const exports = h('div', { class: 'buttons exports' },
    // The PDF is the report printed through its own print stylesheet (A4, charts fitted to the page).
    h('button', { type: 'button', 'data-export': 'pdf', onclick: () => frame.contentWindow?.print() }, t('report.print')),
    exportIn('md', t('report.exportMd')),
    exportIn('json', t('report.exportJson')),
    h('a', { href: '/', class: 'button' }, t('report.back')));
  status.textContent = '';
  const history = saveToHistory(name, html);
  page.append(exports, frame, pastReports(history));
}

/** Past reports kept in this browser, for comparison; the newest first. */
function saveToHistory(name: string, html: string): PastReport[] {
  let list: PastReport[] = [];
  try {
    list = JSON.parse(localStorage.getItem(HISTORY_KEY) ?? '[]') as PastReport[];
  } catch {
    list = [];
  }
  // The team's total: beside a solo trainee's own score it is the second one shown.
  const score = (/class="total team-total">([\d.]+)/.exec(html) ?? /class="total">([\d.]+)/.exec(html))?.[1] ?? '?';
  if (!list.some((r) => r.name === name)) list.unshift({ name, score, when: new Date().toISOString() });
  list = list.slice(0, 20);
  try {
    localStorage.setItem(HISTORY_KEY, JSON.stringify(list));
  } catch {
    /* storage unavailable: history is a convenience */
  }
  return list;
}

/** Bars of past totals, oldest on the left, each labelled with its number (colour is not the signal). */
function trendChart(list: readonly PastReport[]): SVGSVGElement | null {
  const points = [...list].reverse().filter((r) => Number.isFinite(Number(r.score)));
  if (points.length < 2) return null;
  const ns = 'http://www.w3.org/2000/svg';
  const barW = 36;
  const gap = 10;
  const height = 140;
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', `0 0 ${points.length * (barW + gap)} ${height + 20}`);
  svg.setAttribute('class', 'trend');
  svg.setAttribute('role', 'img');
  const title = document.createElementNS(ns, 'title');
  title.textContent = `${t('report.trend')}: ${points.map((p) => p.score).join(', ')}`;
  svg.append(title);
  points.forEach((p, i) => {
    const v = Math.max(0, Math.min(100, Number(p.score)));
    const x = i * (barW + gap);
    const barH = Math.round((height - 20) * (v / 100));
    const rect = document.createElementNS(ns, 'rect');
    Object.entries({ x: String(x), y: String(height - barH), width: String(barW), height: String(barH), rx: '3', class: 'trend-bar' }).forEach(([k, val]) => rect.setAttribute(k, val));
    const label = document.createElementNS(ns, 'text');
    Object.entries({ x: String(x + barW / 2), y: String(height - barH - 4), 'text-anchor': 'middle', class: 'trend-num' }).forEach(([k, val]) => label.setAttribute(k, val));
    label.textContent = fmt.number(v);
    svg.append(rect, label);
  });
  return svg;
}

function pastReports(list: readonly PastReport[]): HTMLElement {
  const chart = trendChart(list);
  return h('section', { 'aria-labelledby': 'past-h', class: 'past-reports' },
    h('h2', { id: 'past-h' }, t('report.past')),
    chart ? h('figure', {}, chart, h('figcaption', { class: 'meta' }, t('report.trend'))) : null,
    h('table', {},
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('report.drill')), h('th', { scope: 'col' }, t('report.score')), h('th', { scope: 'col' }, t('report.when')))),
      h('tbody', {}, ...list.map((r) => h('tr', {}, h('td', {}, r.name), h('td', {}, r.score), h('td', {}, fmt.dateTime(Date.parse(r.when))))))));
}
