import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../server/app.ts';
import { runCli } from '../../server/cli/main.ts';
import { endDrill, gameMs, hasBrowser, launch, RESULTS, serve, shot, untilGameMs, watchErrors } from './browser.ts';

/*
 * Solo training, played through the UI only: the trainee (IC) starts the drill, acts from the
 * panels, writes to the team, the by-the-book bots play the other seats, and the trainee ends the
 * drill. The run's commands, exported as a play script, must give the same score through
 * `ttx play` — solo and the CLI run one engine.
 */

const SCENARIO = 'exfiltration-detected';
const SEED = '5';

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
    // The briefing's team list names a seat called after its role once: "Deputy · bot".
    const team = await page.locator('#briefing .team-list').innerText();
    expect(team).toContain('IC · Incident Commander · you');
    expect(team).toContain('Deputy · bot');
    expect(team).not.toContain('Deputy · Deputy');
    await page.click('#briefing-close');
    await page.click('#solo-start');
    await page.selectOption('#solo-speed', '10');

    // The trainee's own moves, each from the panel a player would use.
    await page.fill('li[data-action="set-codename"] input.detail', 'granite-heron');
    await page.locator('button[data-action="set-codename"]').click();
    await page.locator('#actions-status.ok').waitFor();
    await page.locator('#seat-state:not(.busy)').waitFor({ timeout: 60_000 });
    await page.selectOption('li[data-action="declare-severity"] select.detail', 'sev1');
    await page.locator('button[data-action="declare-severity"]').click();
    await page.locator('#actions-status.ok').waitFor();
    await page.check('#to-soc');
    await page.fill('#msg-subject', 'Attorney Work Product');
    await page.fill('#msg-body', 'granite-heron: SME, image app-1 and capture its memory before any shutdown.');
    await page.click('#msg-send');
    await page.locator('#msg-status.ok').waitFor();

    // Let the bots take a few turns (one every 30 game seconds) before the trainee ends the drill.
    await untilGameMs(page, 150_000);
    expect(await gameMs(page)).toBeGreaterThanOrEqual(150_000);
    await shot(page, 'solo-war-room-ic');

    await endDrill(page, 'solo');
    const script = await page.evaluate(() => (window as unknown as { ttxSolo: { script(): string } }).ttxSolo.script());
    const uiJson = await page.evaluate(() => (window as unknown as { ttxSolo: { reportText(f: 'json'): Promise<string> } }).ttxSolo.reportText('json'));
    // The team's total as the solo page shows it beside the trainee's own.
    const uiTotal = Number.parseFloat((await page.locator('#team-score .num').textContent()) ?? '');
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
    const report = JSON.parse(cli.stdout.join('\n')) as { score: { total: number }; headline: unknown };
    expect(report.score.total).toBe(uiTotal);
    // Not just the total: the whole report is the same, but for the trainee's own score heading the solo one.
    const solo = JSON.parse(uiJson) as { headline: { seat: string } | null };
    expect(solo.headline?.seat).toBe('ic');
    expect({ ...solo, headline: null }).toEqual({ ...report, headline: null });
    expect(errors).toEqual([]);
  });
});
