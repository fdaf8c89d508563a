import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../server/app.ts';
import { hasBrowser, launch, serve, shot, watchErrors } from './browser.ts';

/* The pages' Content-Security-Policy as the browser applies it, and the organiser key on the landing page. */

describe.skipIf(!hasBrowser)('E2E security', () => {
  let browser: Browser;
  let server: { app: App; url: string };

  beforeAll(async () => {
    server = await serve({ organiserKey: 'the organiser key' });
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.app.close();
  });

  it('SEC1 the browser runs no inline script on a page, and reports the attempt as a violation of the policy', async () => {
    const page = await browser.newPage();
    await page.goto(server.url);
    await page.getByRole('heading', { name: 'Host a drill' }).waitFor();
    const outcome = await page.evaluate(() => new Promise<{ ran: boolean; violated: string }>((resolve) => {
      document.addEventListener('securitypolicyviolation', (e) => resolve({ ran: Boolean((window as { injected?: boolean }).injected), violated: e.effectiveDirective }), { once: true });
      const script = document.createElement('script');
      script.textContent = 'window.injected = true';
      document.head.append(script);
    }));
    expect(outcome).toEqual({ ran: false, violated: 'script-src-elem' });
    await page.close();
  });

  it('SEC3 on a server with an organiser key, the landing page asks for it, says when it is wrong, and creates the drill with it', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const errors = watchErrors(page);
    await page.goto(server.url);
    await page.getByRole('heading', { name: 'Host a drill' }).waitFor();
    expect(await page.locator('#host-organiser-key').isVisible()).toBe(false);
    await page.click('#create-drill');
    await page.locator('#host-organiser-key').waitFor({ state: 'visible' });
    await page.getByText('asks for its organiser key').waitFor();
    await shot(page, 'landing-organiser-key');
    await page.fill('#host-organiser-key', 'a guess');
    await page.click('#create-drill');
    await page.getByText('not the one this server was given').waitFor();
    await page.fill('#host-organiser-key', 'the organiser key');
    await page.click('#create-drill');
    await page.locator('#join-links input').first().waitFor();
    expect(server.app.registry.live()).toHaveLength(1);
    // The browser's own 401 and 403 responses are logged by Chromium as failed loads; nothing else may be.
    expect(errors.filter((e) => !/status of 40[13]/.test(e))).toEqual([]);
    await page.close();
  });
});
