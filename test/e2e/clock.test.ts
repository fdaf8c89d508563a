import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserAndServer, createDrillLinks, gameMs, hasBrowser, untilGameMs, watchErrors } from './browser.ts';

/*
 * A clock that lives: game time moves on every screen while nobody acts, at 1×, 5× and 10×, in
 * solo mode and multiplayer, and stops, visibly, while paused. The tests wait for game time to
 * move (never for a wall-clock duration), and bound the wall time it took only loosely, so a busy
 * machine slows them down without failing them.
 */

/** The clock's text over a few polls: it must change more than once, not jump once and freeze. */
async function distinctReadings(page: Page, want: number, timeout = 20_000): Promise<string[]> {
  const seen: string[] = [];
  await page.waitForFunction(
    (n) => {
      const w = window as unknown as { __clockSeen?: Set<string> };
      w.__clockSeen ??= new Set();
      w.__clockSeen.add(document.querySelector('.clock')?.textContent ?? '');
      return w.__clockSeen.size >= n;
    },
    want,
    { timeout, polling: 150 },
  );
  seen.push(...(await page.evaluate(() => [...((window as unknown as { __clockSeen?: Set<string> }).__clockSeen ?? [])])));
  await page.evaluate(() => delete (window as unknown as { __clockSeen?: Set<string> }).__clockSeen);
  return seen;
}

/**
 * Game time advances by `gameSeconds` with nobody acting, and the wall time it took is no less than
 * the speed allows (a page that counted too fast would take less), with a generous margin.
 */
async function advancesAtSpeed(page: Page, speed: number, gameSeconds: number): Promise<void> {
  const start = await gameMs(page);
  const wallStart = Date.now();
  await untilGameMs(page, start + gameSeconds * 1000);
  const wall = Date.now() - wallStart;
  expect(wall, `${gameSeconds} game seconds at ${speed}×`).toBeGreaterThanOrEqual((gameSeconds * 1000 * 0.6) / speed);
  expect((await distinctReadings(page, 3)).length).toBeGreaterThanOrEqual(3);
}

/** The clock's reading once it has stopped moving (the next tick after a pause shows the pause's time). */
async function stoppedAt(page: Page): Promise<number> {
  await page.waitForFunction(
    () => {
      const w = window as unknown as { __lastMs?: string };
      const now = document.querySelector('.clock')?.getAttribute('data-game-ms') ?? '';
      const same = w.__lastMs === now;
      w.__lastMs = now;
      return same;
    },
    undefined,
    { timeout: 10_000, polling: 400 },
  );
  return gameMs(page);
}

describe.skipIf(!hasBrowser)('E2E clock', () => {
  const env = browserAndServer();

  it('E2E-C1 solo: game time moves while nobody acts at 1×, 5× and 10×, and stops, visibly, while paused', async () => {
    const page = await env.browser.newPage({ viewport: { width: 1440, height: 900 } });
    const errors = watchErrors(page);
    await page.goto(`${env.url}/?solo=exfiltration-detected&role=scribe&seed=2`);
    await page.locator('.role').waitFor();
    expect(await gameMs(page)).toBe(0);
    await page.click('#solo-start');
    await advancesAtSpeed(page, 1, 2);
    for (const speed of [5, 10]) {
      await page.selectOption('#solo-speed', String(speed));
      await page.locator('.pace-running', { hasText: `${speed}×` }).waitFor();
      await advancesAtSpeed(page, speed, speed * 2);
    }
    await page.click('#solo-pause');
    await page.locator('.banner-paused').waitFor({ state: 'visible' });
    const stopped = await stoppedAt(page);
    await page.waitForTimeout(1_500);
    expect(await gameMs(page)).toBe(stopped);
    // Only what applies can be pressed: paused, the drill can be resumed, not paused or started.
    expect(await page.locator('#solo-resume').isEnabled()).toBe(true);
    expect(await page.locator('#solo-pause').isEnabled()).toBe(false);
    expect(await page.locator('#solo-start').isEnabled()).toBe(false);
    await page.click('#solo-resume');
    await page.locator('.banner-paused').waitFor({ state: 'hidden' });
    await advancesAtSpeed(page, 10, 10);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('E2E-C2 multiplayer: every seat’s clock and the facilitator’s countdowns move between events, at each speed the facilitator sets', async () => {
    const links = await createDrillLinks(env.url);
    const fac = await env.browser.newPage({ viewport: { width: 1440, height: 900 } });
    const sme = await env.browser.newPage({ viewport: { width: 390, height: 844 } });
    const errors: string[] = [];
    const facErrors = watchErrors(fac);
    const smeErrors = watchErrors(sme);
    await fac.goto(links.facilitator!);
    await sme.goto(links['sme-1']!);
    await fac.locator('.role').waitFor();
    await sme.locator('.role').waitFor();
    await fac.click('#fac-start');
    for (const speed of [1, 5, 10]) {
      if (speed !== 1) await fac.selectOption('#fac-speed', String(speed));
      await sme.locator('.pace-running', { hasText: `${speed}×` }).waitFor();
      await advancesAtSpeed(sme, speed, speed * 2);
      await advancesAtSpeed(fac, speed, speed);
    }
    // The facilitator's countdown to the next scheduled inject moves with the clock.
    const due = fac.locator('[data-upcoming="owner-asks"] .due');
    const before = await due.textContent();
    await fac.waitForFunction((text) => document.querySelector('[data-upcoming="owner-asks"] .due')?.textContent !== text, before, { timeout: 20_000 });
    // A seat that joins now is told the game time at once, not the time of the last event.
    const late = await env.browser.newPage();
    const lateErrors = watchErrors(late);
    await late.goto(links.scribe!);
    await late.locator('.role').waitFor();
    await late.waitForFunction(() => Number(document.querySelector('.clock')?.getAttribute('data-game-ms')) > 0);
    const facNow = await gameMs(fac);
    expect(Math.abs((await gameMs(late)) - facNow)).toBeLessThan(30_000);
    await fac.click('#fac-pause');
    await sme.locator('.banner-paused').waitFor({ state: 'visible' });
    const stopped = await stoppedAt(sme);
    await sme.waitForTimeout(1_500);
    expect(await gameMs(sme)).toBe(stopped);
    expect([...errors, ...facErrors, ...smeErrors, ...lateErrors]).toEqual([]);
    for (const p of [fac, sme, late]) await p.close();
  });
});
