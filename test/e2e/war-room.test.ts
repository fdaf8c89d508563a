import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { BUNDLED } from '../../client/src/scenarios.ts';
import type { LogEntry } from '../../shared/engine/types.ts';
import { scoreDrill } from '../../shared/scoring/index.ts';
import { browserAndServer, clickBoardNode, createDrillLinks, endDrill, hasBrowser, watchErrors } from './browser.ts';

/*
 * The war room as people use it: acting on a system picked on the board, an IC handing work to an
 * SME who starts it from their to-do and the IC seeing it done, a reload and a late join getting the
 * whole story, and a solo trainee scored on their own seat.
 */

const compiled = BUNDLED.find((c) => c.scenario.id === 'exfiltration-detected')!;

/** Seqs of the activity feed's entries, as shown. */
const feedSeqs = (page: Page) => page.locator('.activity li[data-seq]').evaluateAll((lis) => lis.map((li) => Number((li as HTMLElement).dataset.seq)).sort((a, b) => a - b));

describe.skipIf(!hasBrowser)('E2E war room', () => {
  const env = browserAndServer();

  it('E2E-W1 a system picked on the board offers the seat’s actions on it; the one taken runs on that system and finishes', async () => {
    const page = await env.browser.newPage({ viewport: { width: 1440, height: 900 } });
    const errors = watchErrors(page);
    await page.goto(`${env.url}/?solo=exfiltration-detected&role=sme&seat=sme-1&seed=4`);
    await page.locator('.role').waitFor();
    await page.click('#briefing-close');
    await page.click('#solo-start');
    await page.selectOption('#solo-speed', '10');
    await clickBoardNode(page, 'app-2');
    await page.locator('#system-card h3', { hasText: 'Checkout node app-2' }).waitFor();
    expect(await page.locator('#action-target').inputValue()).toBe('app-2');
    // The systems list says the same, for keyboard users.
    expect(await page.locator('#systems button[data-asset="app-2"]').getAttribute('aria-pressed')).toBe('true');
    const isolate = page.locator('#on-system li[data-action="network-isolate"]');
    expect(await isolate.locator('.mins').textContent()).toBe('4 min');
    await isolate.locator('button[data-action="network-isolate"]').click();
    await page.locator('.activity li[data-type="action.started"][data-target="app-2"]', { hasText: 'SME 1 started: Network-isolate the instance on Checkout node app-2' }).waitFor();
    // The seat is busy, the board shows the work on the system, and the team board shows the seat at it.
    await page.locator('#seat-state.busy', { hasText: 'Network-isolate the instance' }).waitFor();
    await page.waitForFunction(() => (document.getElementById('board-summary')?.textContent ?? '').includes('SME 1 working on it'));
    await page.locator('#team-seats li[data-seat="sme-1"].working').waitFor();
    // While it runs, anything else the seat might start says why not.
    expect(await page.locator('#on-system button[data-action="capture-memory"]').getAttribute('aria-disabled')).toBe('true');
    await page.locator('.activity li[data-type="action.completed"]', { hasText: 'SME 1 finished: Network-isolate the instance on Checkout node app-2' }).waitFor({ timeout: 90_000 });
    await page.waitForFunction(() => (document.getElementById('board-summary')?.textContent ?? '').includes('Checkout node app-2 (high): SUSPECTED, ISOLATED') || (document.getElementById('board-summary')?.textContent ?? '').includes('Checkout node app-2 (high): CONFIRMED, ISOLATED'));
    expect(errors).toEqual([]);
    await page.close();
  });

  it('E2E-W2 a task the IC assigns becomes the SME’s to-do, is started from there, and shows as done on the IC’s board', async () => {
    const links = await createDrillLinks(env.url, { speed: 10 });
    const [fac, ic, sme] = await Promise.all([0, 1, 2].map(() => env.browser.newPage({ viewport: { width: 1440, height: 900 } })));
    const errors = [fac, ic, sme].map((p) => watchErrors(p!));
    await fac!.goto(links.facilitator!);
    await ic!.goto(links.ic!);
    await sme!.goto(links['sme-1']!);
    for (const p of [fac, ic, sme]) await p!.locator('.role').waitFor();
    await fac!.click('#fac-start');
    await ic!.locator('.pace-running').waitFor();
    // The IC picks the system on the board, then hands the work on it to an SME.
    await clickBoardNode(ic!, 'app-2');
    await ic!.locator('#on-system button[data-assign="network-isolate"]').click();
    expect(await ic!.locator('#task-seat').inputValue()).toMatch(/^sme-/);
    await ic!.selectOption('#task-seat', 'sme-1');
    expect(await ic!.locator('#task-action').inputValue()).toBe('network-isolate');
    expect(await ic!.locator('#task-target').inputValue()).toBe('app-2');
    await ic!.click('#task-assign');
    await ic!.locator('#tasks li[data-status="open"]', { hasText: 'SME 1' }).waitFor();
    // The SME's to-do has it; they start it from there.
    const todo = sme!.locator('#todo li', { hasText: 'Network-isolate the instance on Checkout node app-2' });
    await todo.waitFor();
    await todo.locator('button[data-start-task]').click();
    await ic!.locator('#tasks li[data-status="working"]', { hasText: 'SME 1' }).waitFor();
    await ic!.locator('#tasks li[data-status="done"]', { hasText: 'Network-isolate the instance on Checkout node app-2' }).waitFor({ timeout: 90_000 });
    expect(await sme!.locator('#todo li').count()).toBe(0);
    expect(errors.flat()).toEqual([]);
    for (const p of [fac, ic, sme]) await p!.close();
  });

  it('E2E-W3 a reload and a late join see the whole story from the drill’s creation, as a seat connected all along does', async () => {
    const links = await createDrillLinks(env.url, { speed: 10 });
    const [fac, deputy, scribe] = await Promise.all([0, 1, 2].map(() => env.browser.newPage({ viewport: { width: 1440, height: 900 } })));
    const errors = [fac, deputy, scribe].map((p) => watchErrors(p!));
    await fac!.goto(links.facilitator!);
    await deputy!.goto(links.deputy!);
    await scribe!.goto(links.scribe!);
    for (const p of [fac, deputy, scribe]) await p!.locator('.role').waitFor();
    await fac!.click('#fac-start');
    await fac!.locator('[data-inject="exec-update"]').click();
    await deputy!.locator('button[data-action="page-ic"]').click();
    await scribe!.fill('#tl-text', 'egress alert fired');
    await scribe!.fill('#tl-when', '0:00');
    await scribe!.click('#tl-add');
    await deputy!.locator('.activity li[data-type="timeline.added"]').waitFor();
    await deputy!.locator('.activity li[data-type="inject.delivered"]', { hasText: 'The CEO wants an update' }).waitFor();

    await scribe!.reload();
    await scribe!.locator('.role').waitFor();
    const late = await env.browser.newPage({ viewport: { width: 390, height: 844 } });
    errors.push(watchErrors(late));
    await late.goto(links['sme-2']!);
    await late.locator('.role').waitFor();
    for (const p of [scribe!, late]) {
      await p.locator('.activity li[data-type="drill.created"]').waitFor();
      await p.locator('.activity li', { hasText: 'Drill started' }).waitFor();
      await p.locator('.activity li[data-type="inject.delivered"]', { hasText: 'Unusual egress from the checkout network' }).waitFor();
      await p.locator('.activity li[data-type="timeline.added"]', { hasText: 'egress alert fired' }).waitFor();
      await p.locator('.injects li', { hasText: 'The CEO wants an update' }).waitFor();
    }
    // Everything the deputy saw up to now, the reloaded and the late seats see too (players see the same log).
    const seen = await feedSeqs(deputy!);
    await scribe!.waitForFunction((n) => document.querySelectorAll('.activity li[data-seq]').length >= n, seen.length);
    await late.waitForFunction((n) => document.querySelectorAll('.activity li[data-seq]').length >= n, seen.length);
    for (const p of [scribe!, late]) expect((await feedSeqs(p)).slice(0, seen.length)).toEqual(seen);
    expect(await scribe!.locator('.activity li[data-pending-inject]').count()).toBe(0);
    expect(errors.flat()).toEqual([]);
    for (const p of [fac, deputy, scribe, late]) await p!.close();
  });

  it('E2E-W4 a solo trainee is scored on their own seat, live and at the end, with the team’s score beside it', async () => {
    const page = await env.browser.newPage({ viewport: { width: 1440, height: 900 } });
    const errors = watchErrors(page);
    await page.goto(`${env.url}/?solo=exfiltration-detected&role=scribe&seed=6`);
    await page.locator('.role').waitFor();
    await page.click('#solo-start');
    await page.selectOption('#solo-speed', '10');
    await page.fill('#tl-text', 'Egress alert fired');
    await page.fill('#tl-when', 'T+00:00');
    await page.selectOption('#tl-kind', 'detection');
    await page.click('#tl-add');
    await page.locator('#tl-status.ok').waitFor();
    await page.locator('#seat-score[data-seat="scribe"]').waitFor();
    // Ending asks first; declining keeps the drill going.
    await page.click('#solo-end');
    await page.click('#confirm-no');
    expect(await page.locator('#ended').isHidden()).toBe(true);
    await endDrill(page, 'solo');
    // The score the report is built from: the scoring of the drill's log (SCO-3).
    const log = JSON.parse(await page.evaluate(() => JSON.stringify((window as unknown as { ttxSolo: { log(): unknown } }).ttxSolo.log()))) as LogEntry[];
    const report = { score: scoreDrill(compiled, log) };
    const mine = report.score.seats.find((s) => s.seat === 'scribe');
    expect(mine).toBeDefined();
    const shown = (n: number | null | undefined) => (n === null || n === undefined ? '—' : n.toFixed(1));
    await page.locator('#end-headline', { hasText: `Your score as Scribe: ${shown(mine?.total)} / 100 · team: ${shown(report.score.total)}` }).waitFor();
    expect(await page.locator('#seat-score .num').textContent()).toBe(shown(mine?.total));
    expect(await page.locator('#team-score .num').textContent()).toBe(shown(report.score.total));
    // The solo report is headed by the trainee's own seat, with the same score.
    const solo = JSON.parse(await page.evaluate(() => (window as unknown as { ttxSolo: { reportText(f: 'json'): Promise<string> } }).ttxSolo.reportText('json'))) as { headline: { seat: string; total: number | null } | null };
    expect(solo.headline).toMatchObject({ seat: 'scribe', total: mine?.total ?? null });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('E2E-W5 the language chosen on the landing page carries into the console; every page has its icon', async () => {
    const page = await env.browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'en-US' });
    const errors = watchErrors(page);
    await page.goto(`${env.url}/?lang=ja`);
    await page.click('#create-drill');
    await page.locator('#open-console').waitFor();
    expect(await page.locator('#open-console').getAttribute('href')).toContain('lang=ja');
    await page.click('#open-console');
    await page.locator('.role').waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('ja');
    expect((await fetch(`${env.url}/favicon.ico`)).status).toBe(200);
    // Start, pause and resume can be pressed only when they apply.
    expect(await page.locator('#fac-start').isEnabled()).toBe(true);
    expect(await page.locator('#fac-pause').isEnabled()).toBe(false);
    expect(await page.locator('#fac-resume').isEnabled()).toBe(false);
    await page.click('#fac-start');
    await page.locator('#fac-pause:enabled').waitFor();
    expect(await page.locator('#fac-start').isEnabled()).toBe(false);
    expect(errors).toEqual([]);
    await page.close();
  });
});
