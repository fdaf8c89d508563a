import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { createApp, type App, type AppOptions } from '../../server/app.ts';
import { silentLogger } from '../../server/log.ts';
import { MemoryStore } from '../../server/store/memory.ts';

/*
 * Debian's Chromium driven by playwright-core, and a real server serving the built client.
 * Without a browser the tests skip and say why; CI installs one (.ci/run).
 */

export const CHROMIUM = '/usr/bin/chromium';
export const hasBrowser = existsSync(CHROMIUM);
if (!hasBrowser) console.warn(`browser tests skipped: no Chromium at ${CHROMIUM} (install it with: apt-get install -y chromium)`);

export const RESULTS = fileURLToPath(new URL('../../test-results/', import.meta.url));
mkdirSync(RESULTS, { recursive: true });

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    // playwright gives every launch a fresh, empty profile of its own (it refuses --user-data-dir).
  });
}

/** A server on `port` (any free one by default); like the real server, it rebuilds the store's running drills before it listens. */
export async function serve(options: Partial<AppOptions> = {}, port = 0): Promise<{ app: App; url: string }> {
  const app = createApp({ store: new MemoryStore(), staticDir: fileURLToPath(new URL('../../dist/client', import.meta.url)), log: silentLogger, rate: { burst: 200, perSecond: 100 }, ...options });
  await app.registry.boot();
  const bound = await app.listen(port, '127.0.0.1');
  return { app, url: `http://127.0.0.1:${bound}` };
}

export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(RESULTS, `${name}.png`), fullPage: false });
}

/**
 * Collect what went wrong on a page so a test can assert nothing did: uncaught errors, console
 * errors (a script, style or connection the page's Content-Security-Policy blocked is one),
 * requests that failed and answers of 400 or more (a missing favicon counts).
 */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()} (${message.location().url})`);
  });
  page.on('requestfailed', (r) => {
    // A page that navigates away cancels what it was still loading; that is not a failure.
    if (r.failure()?.errorText !== 'net::ERR_ABORTED') errors.push(`request failed: ${r.url()} ${r.failure()?.errorText ?? ''}`);
  });
  // In Chromium's own words for a failed load, so a test that expects a refusal filters both alike.
  page.on('response', (r) => {
    if (r.status() >= 400) errors.push(`response: the server responded with a status of ${r.status()} (${r.url()})`);
  });
  return errors;
}

/** Game time the war room's clock shows now, in ms (the clock element carries it exactly). */
export async function gameMs(page: Page): Promise<number> {
  return Number((await page.locator('.clock').getAttribute('data-game-ms')) ?? 'NaN');
}

/** Wait until the war room's clock shows at least `ms` of game time. */
export async function untilGameMs(page: Page, ms: number, timeout = 90_000): Promise<void> {
  await page.waitForFunction((target) => Number(document.querySelector('.clock')?.getAttribute('data-game-ms') ?? 0) >= target, ms, { timeout, polling: 100 });
}

/**
 * Layout faults a person would see: the page wider than the window, text cut off or running out of
 * its box, and controls or headings drawn over one another. Returns one line per fault.
 */
export async function layoutFaults(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const faults: string[] = [];
    const name = (el: Element) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.className && typeof el.className === 'string' ? `.${el.className.split(' ').filter(Boolean).join('.')}` : ''} "${(el.textContent ?? '').trim().slice(0, 30)}"`;
    /** The part of an element a person can see: cut by every scrolling or clipping box around it; null when none is. */
    const shown = (el: Element): DOMRect | null => {
      const st = getComputedStyle(el);
      if (st.visibility === 'hidden' || st.display === 'none' || el.closest('.sr-only, [hidden], dialog:not([open])')) return null;
      // The content of a closed <details> is not drawn (its summary is).
      const closed = el.closest('details:not([open])');
      if (closed && !el.closest('summary')) return null;
      let r = el.getBoundingClientRect();
      if (r.width <= 1 || r.height <= 1) return null;
      for (let a = el.parentElement; a; a = a.parentElement) {
        const ast = getComputedStyle(a);
        if (ast.overflowX === 'visible' && ast.overflowY === 'visible') continue;
        const b = a.getBoundingClientRect();
        const left = Math.max(r.left, b.left);
        const top = Math.max(r.top, b.top);
        const right = Math.min(r.right, b.right);
        const bottom = Math.min(r.bottom, b.bottom);
        if (right - left <= 1 || bottom - top <= 1) return null;
        r = new DOMRect(left, top, right - left, bottom - top);
      }
      return r;
    };
    const visible = (el: Element) => shown(el) !== null;
    if (document.documentElement.scrollWidth > window.innerWidth + 1) faults.push(`page is ${document.documentElement.scrollWidth}px wide in a ${window.innerWidth}px window`);
    for (const el of document.querySelectorAll('body *')) {
      if (!visible(el) || ['CANVAS', 'SELECT', 'INPUT', 'TEXTAREA', 'OPTION', 'svg'].includes(el.tagName)) continue;
      const st = getComputedStyle(el);
      const scrolls = ['auto', 'scroll'].includes(st.overflowX) || ['auto', 'scroll'].includes(st.overflowY);
      if (scrolls) continue;
      const html = el as HTMLElement;
      if (html.scrollWidth > html.clientWidth + 1 && html.clientWidth > 0 && [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? '').trim())) faults.push(`text overflows ${name(el)} (${html.scrollWidth} > ${html.clientWidth})`);
      const r = el.getBoundingClientRect();
      if (r.right > window.innerWidth + 1 && st.position !== 'fixed') faults.push(`${name(el)} runs off the right edge (${Math.round(r.right)} > ${window.innerWidth})`);
    }
    const boxes = [...document.querySelectorAll('button, input, select, textarea, h1, h2, h3, h4, a.button, .clock, .role')].filter(visible);
    // A bar that stays in view (position: sticky or fixed) lies over the page scrolling under it, by design.
    const layer = (el: Element) => {
      for (let a: Element | null = el; a; a = a.parentElement) if (['sticky', 'fixed'].includes(getComputedStyle(a).position)) return a;
      return null;
    };
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i]!;
        const b = boxes[j]!;
        if (a.contains(b) || b.contains(a) || layer(a) !== layer(b)) continue;
        const p = shown(a)!;
        const q = shown(b)!;
        const w = Math.min(p.right, q.right) - Math.max(p.left, q.left);
        const h = Math.min(p.bottom, q.bottom) - Math.max(p.top, q.top);
        if (w > 2 && h > 2) faults.push(`${name(a)} overlaps ${name(b)}`);
      }
    }
    return faults;
  });
}

/** Click a system's box on the situation board's canvas, where the board says it drew it. */
export async function clickBoardNode(page: Page, assetId: string): Promise<void> {
  await page.waitForFunction((id) => (JSON.parse(document.getElementById('board')?.dataset.nodes ?? '[]') as { id: string }[]).some((n) => n.id === id), assetId);
  const nodes = JSON.parse((await page.locator('#board').getAttribute('data-nodes')) ?? '[]') as { id: string; x: number; y: number; w: number; h: number }[];
  const node = nodes.find((n) => n.id === assetId);
  if (!node) throw new Error(`no ${assetId} on the board`);
  const canvas = page.locator('#board canvas');
  await canvas.scrollIntoViewIfNeeded();
  await canvas.click({ position: { x: node.x + node.w / 2, y: node.y + node.h / 2 } });
}

/** End a drill through the pace controls, confirming in the dialog that asks first. */
export async function endDrill(page: Page, prefix: 'solo' | 'fac'): Promise<void> {
  await page.click(`#${prefix}-end`);
  await page.locator('dialog#confirm[open]').waitFor();
  await page.click('#confirm-yes');
  await page.locator('#ended').waitFor({ state: 'visible' });
}

/** A drill created over HTTP, with each seat's link on this server. */
export async function createDrillLinks(url: string, body: Record<string, unknown> = {}): Promise<Record<string, string>> {
  const res = await fetch(`${url}/api/drills`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ scenarioId: 'exfiltration-detected', seed: '7', ...body }) });
  const json = (await res.json()) as { ok: boolean; data: { seats: { seat: string; link: string }[] } };
  if (!json.ok) throw new Error(`could not create a drill: ${JSON.stringify(json)}`);
  return Object.fromEntries(json.data.seats.map((s) => [s.seat, s.link.replace(/^https?:\/\/[^/]+/, url)]));
}

export interface BrowserEnv {
  browser: Browser;
  url: string;
}

/**
 * A real server and a browser for one describe block: started before its tests, closed after.
 * The fields are filled in by beforeAll, so read them inside tests.
 */
export function browserAndServer(): BrowserEnv {
  const env = {} as BrowserEnv;
  let app: App | null = null;
  beforeAll(async () => {
    const served = await serve();
    app = served.app;
    env.url = served.url;
    env.browser = await launch();
  });
  afterAll(async () => {
    await env.browser?.close();
    await app?.close();
  });
  return env;
}
