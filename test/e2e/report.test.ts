import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasBrowser, launch, RESULTS } from './browser.ts';
import { FACILITATOR_NOTE, HOSTILE_MESSAGE, playDrill, type PlayedDrill } from './report-drill.ts';

/*
 * The after-action report of a drill played through the real server, opened in Chromium: every
 * section is there, a player's report has no facilitator data, the charts' rendered labels meet no
 * marker and no other label (measured with the real fonts), the PDF printed through the print
 * stylesheet has nothing wider than the page, and screenshots at desktop and phone sizes in every
 * language go to test-results/ to be looked at.
 */

const LOCALES = ['en', 'ja', 'zh-CN'] as const;
const SECTIONS = ['score', 'seats', 'well', 'actions', 'hotwash', 'notes', 'narrative', 'steps', 'findings', 'ooda'];
/** A4 less the stylesheet's 12 mm side margins, in CSS pixels (96 per inch). */
const A4_CONTENT_PX = Math.floor(((210 - 24) / 25.4) * 96);

interface Watched {
  page: Page;
  problems: string[];
}

describe.skipIf(!hasBrowser)('E2E-R the after-action report in Chromium', () => {
  let browser: Browser;
  let drill: PlayedDrill;

  beforeAll(async () => {
    drill = await playDrill({ policy: 'by-the-book', seed: '7', minutes: 100 });
    browser = await launch();
  });

  afterAll(async () => {
    await browser?.close();
    await drill?.server.close();
  });

  /** A page that records console errors, page errors, failed requests and error responses. */
  async function open(url: string, viewport = { width: 1440, height: 900 }): Promise<Watched> {
    const page = await browser.newPage({ viewport });
    const problems: string[] = [];
    page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()}`));
    page.on('response', (r) => { if (r.status() >= 400) problems.push(`${r.status()} ${r.url()}`); });
    const res = await page.goto(url);
    expect(res?.status()).toBe(200);
    return { page, problems };
  }

  /** Elements whose box leaves the page's width, outside boxes that scroll or clip sideways. */
  const overflowing = (page: Page) =>
    page.evaluate(() => {
      const width = document.documentElement.clientWidth;
      const out: string[] = [];
      for (const el of document.querySelectorAll('body *')) {
        let clipped = false;
        for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) if (getComputedStyle(a).overflowX !== 'visible') clipped = true;
        if (clipped) continue;
        const r = el.getBoundingClientRect();
        if (r.width > 0 && (r.right > width + 0.5 || r.left < -0.5)) out.push(`${el.tagName.toLowerCase()}.${el.getAttribute('class') ?? ''} ${Math.round(r.left)}–${Math.round(r.right)} of ${width}: ${(el.textContent ?? '').slice(0, 50)}`);
      }
      return { width, scrollWidth: document.documentElement.scrollWidth, out: out.slice(0, 10) };
    });

  it('E2E-R1 REP3 every section of the facilitator\'s report is there, with the note; a player\'s has no note and player text stays text', async () => {
    const fac = await open(drill.reportUrl('facilitator', 'html'));
    const ids = await fac.page.locator('section[id]').evaluateAll((els) => els.map((e) => e.id));
    expect(ids).toEqual(SECTIONS);
    await expect(fac.page.locator('#notes').textContent()).resolves.toContain(FACILITATOR_NOTE);
    expect(await fac.page.locator('#narrative tbody tr').count()).toBeGreaterThan(60);
    expect(await fac.page.locator('#actions li, #actions p').count()).toBeGreaterThan(0);
    expect(await fac.page.locator('#hotwash li').count()).toBeGreaterThan(3);
    expect(await fac.page.locator('#seats tbody tr').count()).toBe(6);
    expect(fac.problems).toEqual([]);

    const sme = await open(drill.reportUrl('sme-1', 'html'));
    expect(await sme.page.locator('section[id]').evaluateAll((els) => els.map((e) => e.id))).toEqual(SECTIONS.filter((s) => s !== 'notes'));
    expect(await sme.page.content()).not.toContain(FACILITATOR_NOTE);
    await expect(sme.page.locator('#narrative').textContent()).resolves.toContain(HOSTILE_MESSAGE);
    expect(await sme.page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await sme.page.locator('img, script, a').count()).toBe(0);
    expect(sme.problems).toEqual([]);
    await fac.page.close();
    await sme.page.close();
  });

  it('E2E-R2 REP5 rendered chart labels meet no other label and no marker and stay inside, in every language (real fonts)', async () => {
    for (const locale of LOCALES) {
      const { page, problems } = await open(drill.reportUrl('facilitator', 'html', locale));
      const result = await page.evaluate(() => {
        const bad: string[] = [];
        const meet = (a: DOMRect, b: DOMRect) => a.x < b.x + b.width - 0.5 && b.x < a.x + a.width - 0.5 && a.y < b.y + b.height - 0.5 && b.y < a.y + a.height - 0.5;
        let texts = 0;
        for (const svg of document.querySelectorAll<SVGSVGElement>('svg.narrative-chart, svg.steps-chart')) {
          const view = svg.viewBox.baseVal;
          const labels = [...svg.querySelectorAll<SVGTextElement>('text')].map((t) => ({ text: t.textContent ?? '', box: t.getBBox() }));
          const marks = [...svg.querySelectorAll<SVGGraphicsElement>('g.marks > *, rect.work, circle.ok, path.late')].map((m) => m.getBBox());
          texts += labels.length;
          labels.forEach((a, i) => {
            if (a.box.x < -0.5 || a.box.x + a.box.width > view.width + 0.5) bad.push(`${svg.getAttribute('class')}: "${a.text}" leaves the chart (${Math.round(a.box.x)}–${Math.round(a.box.x + a.box.width)} of ${view.width})`);
            for (const b of labels.slice(i + 1)) if (meet(a.box, b.box)) bad.push(`${svg.getAttribute('class')}: "${a.text}" meets "${b.text}"`);
            for (const m of marks) if (meet(a.box, m)) bad.push(`${svg.getAttribute('class')}: "${a.text}" meets a marker at ${Math.round(m.x)},${Math.round(m.y)}`);
          });
        }
        return { bad: bad.slice(0, 10), texts };
      });
      expect(result.bad, locale).toEqual([]);
      expect(result.texts, locale).toBeGreaterThan(60);
      expect(problems, locale).toEqual([]);
      await page.close();
    }
  });

  it('E2E-R3 REP7 printed to PDF through the print stylesheet, nothing is wider than an A4 page', async () => {
    for (const locale of LOCALES) {
      const { page, problems } = await open(drill.reportUrl('facilitator', 'html', locale), { width: A4_CONTENT_PX, height: 1000 });
      await page.emulateMedia({ media: 'print' });
      const layout = await overflowing(page);
      expect(layout.out, locale).toEqual([]);
      expect(layout.scrollWidth, locale).toBeLessThanOrEqual(layout.width);
      const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
      writeFileSync(join(RESULTS, `report-${locale}.pdf`), pdf);
      const text = pdf.toString('latin1');
      expect(text.startsWith('%PDF-')).toBe(true);
      expect((text.match(/\/Type\s*\/Page[^s]/g) ?? []).length, locale).toBeGreaterThan(3);
      expect(problems, locale).toEqual([]);
      await page.close();
    }
  });

  it('E2E-R4 REP7 at 1440×900 and 390×844, in every language, nothing leaves the screen; screenshots to test-results/', async () => {
    for (const locale of LOCALES) {
      for (const viewport of [{ width: 1440, height: 900 }, { width: 390, height: 844 }]) {
        const { page, problems } = await open(drill.reportUrl('facilitator', 'html', locale), viewport);
        const layout = await overflowing(page);
        expect(layout.out, `${locale} ${viewport.width}`).toEqual([]);
        expect(layout.scrollWidth, `${locale} ${viewport.width}`).toBeLessThanOrEqual(viewport.width);
        for (const part of ['top', 'actions', 'hotwash', 'narrative', 'steps', 'findings']) {
          if (part === 'top') await page.evaluate(() => window.scrollTo(0, 0));
          else await page.locator(`#${part}`).evaluate((el) => el.scrollIntoView());
          await page.screenshot({ path: join(RESULTS, `report-${locale}-${viewport.width}-${part}.png`) });
        }
        expect(problems).toEqual([]);
        await page.close();
      }
    }
  });
});
