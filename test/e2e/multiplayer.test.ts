import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../server/app.ts';
import { endDrill, hasBrowser, launch, serve, shot, watchErrors } from './browser.ts';

/*
 * A facilitator and four role browsers against a real server: injects reach every feed and the
 * aria-live region, the IC's message reaches the scribe, hostile text stays text, a reload puts a
 * player back in the seat, a dropped connection resumes on the view it kept, and everyone can open
 * the report after the end.
 */

describe.skipIf(!hasBrowser)('E2E multiplayer', () => {
  let browser: Browser;
  let server: { app: App; url: string };
  const pages: Record<string, Page> = {};
  // One live list per page: each keeps collecting until the end.
  const errors: string[][] = [];
  let links: Record<string, string> = {};

  beforeAll(async () => {
    server = await serve();
    browser = await launch();
    const host = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    errors.push(watchErrors(host));
    await host.goto(server.url);
    await host.getByRole('heading', { name: 'Host a drill' }).waitFor();
    await shot(host, 'multiplayer-landing');
    await host.selectOption('#host-scenario', 'exfiltration-detected');
    await host.fill('#host-seed', '7');
    await host.click('#create-drill');
    await host.locator('#join-links input').first().waitFor();
    const inputs = await host.locator('#join-links input').all();
    for (const input of inputs) links[(await input.getAttribute('data-seat')) ?? ''] = await input.inputValue();
    links = Object.fromEntries(Object.entries(links).map(([k, v]) => [k, v.replace(/^https?:\/\/[^/]+/, server.url)]));
    await host.close();
    for (const seat of ['facilitator', 'ic', 'deputy', 'scribe', 'sme-1']) {
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      errors.push(watchErrors(page));
      await page.goto(links[seat] ?? '');
      await page.locator('.role').waitFor();
      pages[seat] = page;
    }
  });

  afterAll(async () => {
    await browser?.close();
    await server?.app.close();
  });

  it('E2E-M1 the facilitator starts the drill and a pushed inject reaches every feed and the live region', async () => {
    const fac = pages.facilitator!;
    await fac.click('#fac-start');
    await fac.locator('[data-inject="exec-update"]').click();
    for (const seat of ['ic', 'deputy', 'scribe', 'sme-1']) {
      const page = pages[seat]!;
      await page.locator('.injects li', { hasText: 'The CEO wants an update' }).waitFor({ timeout: 15_000 });
      await page.waitForFunction(() => (document.getElementById('announcer')?.textContent ?? '').includes('The CEO wants an update'), undefined, { timeout: 15_000 });
    }
    await shot(fac, 'multiplayer-facilitator');
  });

  it('E2E-M2 a message composed by the IC reaches the scribe', async () => {
    const ic = pages.ic!;
    await ic.check('#to-soc');
    await ic.locator('#msg-reach', { hasText: 'response team' }).waitFor();
    await ic.fill('#msg-subject', 'Attorney Work Product');
    await ic.fill('#msg-body', 'sapphire-unicorn: capture memory on app-1 before anything else');
    await ic.click('#msg-send');
    await pages.scribe!.locator('.messages li', { hasText: 'capture memory on app-1' }).waitFor({ timeout: 15_000 });
  });

  it('E2E-M3 hostile chat text is shown as text and never executed', async () => {
    const ic = pages.ic!;
    const hostile = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script>';
    await ic.fill('#msg-body', hostile);
    await ic.click('#msg-send');
    const scribe = pages.scribe!;
    await scribe.locator('.messages li', { hasText: '<img src=x' }).waitFor({ timeout: 15_000 });
    expect(await scribe.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await scribe.locator('.messages img').count()).toBe(0);
  });

  it('E2E-M4 players act from their panels; each role has its war room', async () => {
    await pages.deputy!.locator('button[data-action="page-ic"]').click();
    await pages['sme-1']!.locator('#systems button[data-asset="app-1"]').click();
    await pages['sme-1']!.locator('#on-system button[data-action="capture-memory"]').click();
    // The feed names the system as the scenario does; the entry keeps its id.
    await pages.ic!.locator('.activity li[data-target="app-1"]', { hasText: 'SME 1 started: Capture live memory on Checkout node app-1' }).waitFor({ timeout: 15_000 });
    for (const seat of ['ic', 'deputy', 'scribe', 'sme-1']) await shot(pages[seat]!, `multiplayer-war-room-${seat}`);
  });

  it('E2E-M5 reloading puts a player back in the seat with the full feed', async () => {
    const scribe = pages.scribe!;
    const before = await scribe.locator('.injects li').count();
    await scribe.reload();
    await scribe.locator('.role', { hasText: 'Scribe' }).waitFor();
    await scribe.locator('.injects li').nth(before - 1).waitFor({ timeout: 15_000 });
    expect(await scribe.locator('.injects li').count()).toBe(before);
    await scribe.locator('.messages li', { hasText: 'capture memory on app-1' }).waitFor({ timeout: 15_000 });
  });

  it('E2E-M5 a player whose connection drops comes back on the view it kept, and the drill carries on', async () => {
    const deputy = pages.deputy!;
    const before = await deputy.locator('.injects li').count();
    const welcomes: string[] = [];
    deputy.on('websocket', (ws) => ws.on('framereceived', (frame) => {
      const text = String(frame.payload);
      if (text.includes('"drill:welcomed"')) welcomes.push(text);
    }));
    // A network blip, as the server sees it: the connection closes and the client reconnects itself.
    const dropped = [...server.app.io.of('/').sockets.values()].filter((s) => s.data.seat.seat === 'deputy');
    expect(dropped).toHaveLength(1);
    dropped[0]!.conn.close();
    await expect.poll(() => welcomes.length, { timeout: 15_000 }).toBe(1);
    // Nothing happened while it was away, so its view was current: the welcome leaves it out.
    expect(welcomes[0]).not.toContain('"view":');
    expect(await deputy.locator('.injects li').count()).toBe(before);
    await pages.ic!.fill('#msg-subject', 'Attorney Work Product');
    await pages.ic!.fill('#msg-body', 'deputy: keep the bridge line open');
    await pages.ic!.click('#msg-send');
    await deputy.locator('.messages li', { hasText: 'keep the bridge line open' }).waitFor({ timeout: 15_000 });
    await deputy.locator('.messages li', { hasText: 'capture memory on app-1' }).waitFor({ timeout: 15_000 });
  });

  it('E2E-M6 after the facilitator ends the drill, every participant can open the report', async () => {
    await endDrill(pages.facilitator!, 'fac');
    for (const seat of ['ic', 'deputy', 'scribe', 'sme-1', 'facilitator']) {
      const page = pages[seat]!;
      await page.locator('#view-report').waitFor({ state: 'visible', timeout: 15_000 });
      await page.click('#view-report');
      const frame = page.frameLocator('iframe.report-frame');
      await frame.locator('h1', { hasText: 'After-action report' }).waitFor({ timeout: 15_000 });
      if (seat === 'ic') await shot(page, 'multiplayer-report');
    }
    expect(errors.flat()).toEqual([]);
  });
});
