import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import type { App } from '../../server/app.ts';
import { SqliteStore } from '../../server/store/sqlite.ts';
import { createDrillLinks, hasBrowser, launch, serve, shot, watchErrors } from './browser.ts';

/*
 * A server restart under a player's browser: the drill moves on before the player is back, and the
 * player's welcome brings the change to the view it kept (WELCOME-V5), not the whole view again.
 */

describe.skipIf(!hasBrowser)('E2E restart', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ttx-restart-'));
  const db = join(dir, 'drills.db');
  let browser: Browser | null = null;
  let server: { app: App; url: string } | null = null;

  afterAll(async () => {
    await browser?.close();
    await server?.app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('E2E-R1 a player whose view was current when the server stopped is sent the change since, and sees what happened while away', async () => {
    server = await serve({ store: new SqliteStore(db) });
    const port = Number(new URL(server.url).port);
    const links = await createDrillLinks(server.url);
    browser = await launch();
    const open = async (seat: string): Promise<{ page: Page; errors: string[] }> => {
      const page = await browser!.newPage({ viewport: { width: 1400, height: 900 } });
      const errors = watchErrors(page);
      await page.goto(links[seat] ?? '');
      await page.locator('.role').waitFor();
      return { page, errors };
    };
    const fac = await open('facilitator');
    const ic = await open('ic');
    await fac.page.click('#fac-start');
    await ic.page.locator('.injects li', { hasText: 'Unusual egress' }).waitFor({ timeout: 15_000 });
    const welcomes: string[] = [];
    ic.page.on('websocket', (ws) => ws.on('framereceived', (frame) => {
      const text = String(frame.payload);
      if (text.includes('"drill:welcomed"')) welcomes.push(text);
    }));

    // The IC's network goes while the server restarts, so the drill moves on before it is back.
    await ic.page.context().setOffline(true);
    await server.app.close();
    server = await serve({ store: new SqliteStore(db) }, port);
    await fac.page.locator('[data-inject="exec-update"]').click();
    await fac.page.locator('.injects li', { hasText: 'The CEO wants an update' }).waitFor({ timeout: 15_000 });
    await ic.page.context().setOffline(false);

    await expect.poll(() => welcomes.length, { timeout: 20_000 }).toBe(1);
    expect(welcomes[0]).toContain('"viewPatch":');
    expect(welcomes[0]).not.toContain('"view":');
    // The view it kept, moved on: what it saw before and what arrived while it was away.
    await ic.page.locator('.injects li', { hasText: 'The CEO wants an update' }).waitFor({ timeout: 15_000 });
    await ic.page.locator('.injects li', { hasText: 'Unusual egress' }).waitFor();
    await shot(ic.page, 'restart-war-room-ic');
    // Connections refused while the server was down are expected; nothing else may go wrong.
    const unexpected = [...fac.errors, ...ic.errors].filter((e) => !/ERR_CONNECTION_REFUSED|ERR_INTERNET_DISCONNECTED|WebSocket connection/.test(e));
    expect(unexpected).toEqual([]);
  });
});
