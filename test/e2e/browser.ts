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

export async function serve(options: Partial<AppOptions> = {}): Promise<{ app: App; url: string }> {
  const app = createApp({ store: new MemoryStore(), staticDir: fileURLToPath(new URL('../../dist/client', import.meta.url)), log: silentLogger, rate: { burst: 200, perSecond: 100 }, ...options });
  const port = await app.listen(0, '127.0.0.1');
  return { app, url: `http://127.0.0.1:${port}` };
}

export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(RESULTS, `${name}.png`), fullPage: false });
}

/**
 * Collect page errors and console errors (a script, style or connection the page's
 * Content-Security-Policy blocked is one) so a test can assert none happened.
 */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()} (${message.location().url})`);
  });
  return errors;
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
