import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../server/app.ts';
import { runCli } from '../../server/cli/main.ts';
import { hasBrowser, launch, RESULTS, serve, shot, watchErrors } from './browser.ts';

/*
 * Solo training, played through the UI only: the trainee (IC) starts the drill, acts from the
 * panels, writes to the team, the by-the-book bots play the other seats, the trainee ends the drill
 * and opens the report. The run's commands, exported as a play script, must give the same score
 * through `ttx play` — solo and the CLI run one engine.
 */

const SCENARIO = 'exfiltration-detected';
const SEED = '5';

/** The number of the drill's game clock shown in the header, in game seconds. */
async function gameSeconds(page: Page): Promise<number> {
  const text = (await page.locator('.clock').textContent()) ?? '';
  const m = /T\+(\d+):(\d+)/.exec(text);
  return m ? Number(m[1]) * 60 + Number(m[2]) : 0;
}

describe.skipIf(!hasBrowser)('E2E solo training', () => {
  let browser: Browser;
  let server: { app: App; url: string };
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    server = await serve();
    browser = await launch();
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    errors = watchErrors(page);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.app.close();
  });

  it('E2E-S1 a trainee plays a solo drill to the end through the UI and its score matches `ttx play` of the same commands', async () => {
    await page.goto(`${server.url}/?solo=${SCENARIO}&role=ic&seed=${SEED}`);
    await page.locator('.role').waitFor();
    await page.click('#solo-start');
    await page.selectOption('#solo-speed', '10');

    // The trainee's own moves, each from the panel a player would use.
    await page.locator('[data-action="page-ic"]').click();
    await page.fill('#action-detail', 'granite-heron');
    await page.locator('[data-action="set-codename"]').click();
    await page.fill('#action-detail', 'sev1');
    await page.locator('[data-action="declare-severity"]').click();
    await page.fill('#msg-subject', 'Attorney Work Product');
    await page.fill('#msg-body', 'granite-heron: SME, image app-1 and capture its memory before any shutdown.');
    await page.click('.composer button[type=submit]');
    await page.locator('.composer .status', { hasText: 'Sent.' }).waitFor();

    // Let the bots take a few turns (one every 30 game seconds) before the trainee ends the drill.
    await page.waitForFunction(() => {
      const m = /T\+(\d+):(\d+)/.exec(document.querySelector('.clock')?.textContent ?? '');
      return m !== null && Number(m[1]) * 60 + Number(m[2]) >= 150;
    }, undefined, { timeout: 90_000, polling: 200 });
    expect(await gameSeconds(page)).toBeGreaterThanOrEqual(150);
    await shot(page, 'solo-war-room-ic');

    await page.click('#solo-end');
    await page.locator('#view-report').waitFor({ state: 'visible' });
    const script = await page.evaluate(() => (window as unknown as { ttxSolo: { script(): string } }).ttxSolo.script());
    const uiJson = await page.evaluate(() => (window as unknown as { ttxSolo: { reportText(f: 'json'): Promise<string> } }).ttxSolo.reportText('json'));
    await page.click('#view-report');
    const frame = page.frameLocator('iframe.report-frame');
    const totalText = await frame.locator('.total').first().textContent();
    await shot(page, 'solo-report');
    const uiTotal = Number.parseFloat(totalText ?? ''); // "87.5 / 100"
    expect(Number.isFinite(uiTotal)).toBe(true);

    // The exported script holds the trainee's and the bots' commands and the facilitator-side pace.
    const steps = (JSON.parse(script) as { steps: { as: string }[] }).steps;
    expect(steps.some((s) => s.as === 'ic')).toBe(true);
    expect(steps.some((s) => s.as !== 'ic' && s.as !== 'facilitator')).toBe(true);

    const dir = mkdtempSync(join(tmpdir(), 'ttx-solo-'));
    writeFileSync(join(RESULTS, 'solo-script.json'), script); // kept for review next to the screenshots
    const file = join(dir, 'script.json');
    writeFileSync(file, script);
    const cli = runCli(['play', SCENARIO, '--script', file, '--seed', SEED, '--format', 'json']);
    expect(cli.code, cli.stderr.join('\n')).toBe(0);
    const report = JSON.parse(cli.stdout.join('\n')) as { score: { total: number } };
    expect(report.score.total).toBe(uiTotal);
    // Not just the total: the whole JSON report is the same, byte for byte.
    expect(cli.stdout.join('\n').trim()).toBe(uiJson.trim());
    expect(errors).toEqual([]);
  });
});
