import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserAndServer, clickBoardNode, createDrillLinks, hasBrowser, layoutFaults, shot, untilGameMs, watchErrors } from './browser.ts';

/*
 * The pages people see, at a laptop's 1440 × 900 and a phone's 390 × 844, in English, Japanese and
 * Chinese: the landing page, the briefing, the war room in the middle of a drill and the facilitator
 * console. Each is saved to test-results/ to be looked at, and checked for what a person would
 * notice: a page wider than the screen, text running out of its box, controls drawn over each other.
 */

const SIZES = [
  { name: '1440', width: 1440, height: 900 },
  { name: '390', width: 390, height: 844 },
] as const;
const LOCALES = ['en', 'ja', 'zh-CN'] as const;

async function check(page: Page, name: string): Promise<void> {
  await shot(page, name);
  expect(await layoutFaults(page), name).toEqual([]);
}

/** The systems whose name has a hyphenated word, such as "app-1", drawn over more than one line. */
function hostIdsBrokenAcrossLines(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('#systems .name')].filter((name) => {
      const words = (name.textContent ?? '').match(/\S+-\S+/g) ?? [];
      const walker = document.createTreeWalker(name, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        for (const word of words) {
          const at = (node.textContent ?? '').indexOf(word);
          if (at < 0) continue;
          const range = document.createRange();
          range.setStart(node, at);
          range.setEnd(node, at + word.length);
          if (range.getClientRects().length > 1) return true;
        }
      }
      return false;
    }).map((name) => name.textContent ?? ''),
  );
}

describe.skipIf(!hasBrowser)('E2E layout', () => {
  const env = browserAndServer();

  for (const locale of LOCALES) {
    for (const size of SIZES) {
      it(`LAYOUT ${locale} ${size.name}: landing, briefing, war room mid-drill and facilitator console fit at ${size.width}×${size.height} in ${locale}`, async () => {
        const page = await env.browser.newPage({ viewport: { width: size.width, height: size.height }, locale });
        const errors = watchErrors(page);
        await page.goto(`${env.url}/?lang=${locale}`);
        await page.locator('#start-solo').waitFor();
        await check(page, `landing-${locale}-${size.name}`);

        await page.goto(`${env.url}/?solo=exfiltration-detected&role=ic&seed=3&lang=${locale}`);
        await page.locator('#briefing').waitFor();
        await check(page, `briefing-${locale}-${size.name}`);

        await page.click('#briefing-close');
        await page.click('#solo-start');
        await page.selectOption('#solo-speed', '10');
        await untilGameMs(page, 2 * 60_000);
        await clickBoardNode(page, 'db-prod');
        await page.locator('#system-card h3').waitFor();
        await page.evaluate(() => window.scrollTo(0, 0));
        await check(page, `war-room-${locale}-${size.name}`);
        await page.locator('#systems').scrollIntoViewIfNeeded();
        await check(page, `war-room-systems-${locale}-${size.name}`);
        expect(await hostIdsBrokenAcrossLines(page), 'systems whose host id wraps at its hyphen').toEqual([]);
        // The panels further down the war room (scrolled into view on a phone).
        await page.locator('#actions').scrollIntoViewIfNeeded();
        await check(page, `war-room-actions-${locale}-${size.name}`);
        await page.locator('#comms').scrollIntoViewIfNeeded();
        await check(page, `war-room-comms-${locale}-${size.name}`);

        const links = await createDrillLinks(env.url, { speed: 10 });
        const ic = await env.browser.newPage();
        const icErrors = watchErrors(ic);
        await ic.goto(links.ic!);
        await ic.locator('.role').waitFor();
        await page.goto(`${links.facilitator!}&lang=${locale}`);
        await page.locator('#facilitator').waitFor();
        await page.click('#fac-start');
        await ic.locator('button[data-action="declare-severity"]').click();
        await untilGameMs(page, 2 * 60_000);
        await page.click('#briefing-close');
        await page.check('#truth-overlay');
        await page.locator('#score .total').waitFor();
        await page.evaluate(() => window.scrollTo(0, 0));
        await check(page, `facilitator-${locale}-${size.name}`);
        await page.locator('#score-panel').scrollIntoViewIfNeeded();
        await check(page, `facilitator-score-${locale}-${size.name}`);
        expect([...errors, ...icErrors]).toEqual([]);
        await ic.close();
        await page.close();
      });
    }
  }
});
