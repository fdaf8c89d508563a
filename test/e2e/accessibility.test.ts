import type { Frame, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserAndServer, endDrill, hasBrowser, shot, watchErrors } from './browser.ts';

/*
 * Accessibility checks that a person would otherwise do by hand: a drill can be played from the
 * keyboard alone, text meets WCAG AA contrast on every page, and a facilitator finds their past
 * drills again.
 */

interface LowContrast {
  text: string;
  ratio: number;
  needed: number;
  color: string;
  background: string;
}

/**
 * Every visible text node's contrast against the background it is drawn on (the nearest opaque
 * background colour up the tree), per WCAG 2.x: 4.5:1, or 3:1 for large text (24px, or 18.66px
 * bold). Text on the Phaser canvas is not in the DOM; the board's labels are drawn with the same
 * palette and checked by eye in the screenshots.
 */
async function lowContrast(target: Page | Frame): Promise<LowContrast[]> {
  return target.evaluate(() => {
    const parse = (c: string): [number, number, number, number] | null => {
      const m = /rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)/.exec(c);
      return m ? [Number(m[1]), Number(m[2]), Number(m[3]), m[4] === undefined ? 1 : Number(m[4])] : null;
    };
    const lum = ([r, g, b]: number[]) => {
      const f = (v: number) => {
        const s = v / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * f(r ?? 0) + 0.7152 * f(g ?? 0) + 0.0722 * f(b ?? 0);
    };
    const background = (el: Element | null): [number, number, number] => {
      for (let e = el; e; e = e.parentElement) {
        const c = parse(getComputedStyle(e).backgroundColor);
        if (c && c[3] > 0.5) return [c[0], c[1], c[2]];
      }
      return [255, 255, 255];
    };
    const out: { text: string; ratio: number; needed: number; color: string; background: string }[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = (node.textContent ?? '').trim();
      const el = node.parentElement;
      if (!text || !el) continue;
      const style = getComputedStyle(el);
      const rect = el.getBoundingClientRect();
      if (style.visibility === 'hidden' || style.display === 'none' || rect.width < 2 || rect.height < 2 || el.closest('.sr-only, [hidden], option')) continue;
      const fg = parse(style.color);
      if (!fg) continue;
      const bg = background(el);
      // Semi-transparent text is blended over its background first.
      const blended = [0, 1, 2].map((i) => (fg[i] ?? 0) * fg[3] + (bg[i] ?? 0) * (1 - fg[3]));
      const [l1, l2] = [lum(blended), lum(bg)].sort((a, b) => b - a) as [number, number];
      const ratio = (l1 + 0.05) / (l2 + 0.05);
      const size = parseFloat(style.fontSize);
      const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
      const needed = large ? 3 : 4.5;
      if (ratio < needed) out.push({ text: text.slice(0, 40), ratio: Math.round(ratio * 100) / 100, needed, color: style.color, background: `rgb(${bg.join(', ')})` });
    }
    return out;
  });
}

describe.skipIf(!hasBrowser)('E2E accessibility', () => {
  const env = browserAndServer();

  it('A11Y1 a solo drill can be started and played from the keyboard alone', async () => {
    const page = await env.browser.newPage({ viewport: { width: 1400, height: 900 } });
    const errors = watchErrors(page);
    await page.goto(env.url);
    // Tab from the top of the page to the solo form's submit button, then press Enter.
    let reached = false;
    for (let i = 0; i < 40 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate(() => document.activeElement?.id === 'start-solo');
    }
    expect(reached).toBe(true);
    await page.keyboard.press('Enter');
    await page.locator('.role').waitFor();

    // `?` opens the shortcut list; Escape closes it.
    await page.keyboard.press('?');
    await page.locator('dialog#shortcuts[open]').waitFor();
    await shot(page, 'keyboard-shortcuts');
    await page.keyboard.press('Escape');
    await page.locator('dialog#shortcuts[open]').waitFor({ state: 'detached', timeout: 5_000 }).catch(() => undefined);
    expect(await page.locator('dialog#shortcuts[open]').count()).toBe(0);

    // Start the drill with the keyboard: focus the Start button and press Enter.
    await page.focus('#solo-start');
    await page.keyboard.press('Enter');
    await page.locator('.pace-running').waitFor();

    // `b` lands on the systems; Enter picks one, and `a` then lands on the first action on it.
    await page.keyboard.press('b');
    expect(await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.asset ?? null)).not.toBeNull();
    await page.keyboard.press('Enter');
    await page.locator('#system-card h3').waitFor();
    await page.keyboard.press('a');
    const action = await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.action ?? null);
    expect(action).not.toBeNull();
    await page.keyboard.press('Enter');
    await page.locator('.activity li[data-type="action.started"]', { hasText: 'IC started' }).first().waitFor();

    // `m` lands in the message body; the recipients are reached with the keyboard too, and Tab reaches Send.
    await page.keyboard.press('m');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('msg-body');
    await page.keyboard.type('Attorney Work Product: all hands on the bridge');
    await page.focus('#to-soc');
    await page.keyboard.press('Space');
    expect(await page.locator('#to-soc').isChecked()).toBe(true);
    await page.focus('#msg-body');
    let onSend = false;
    for (let i = 0; i < 6 && !onSend; i++) {
      await page.keyboard.press('Tab');
      onSend = await page.evaluate(() => document.activeElement?.id === 'msg-send');
    }
    expect(onSend).toBe(true);
    await page.keyboard.press('Enter');
    await page.locator('.messages li', { hasText: 'all hands on the bridge' }).waitFor();

    // Typing in a field never fires a shortcut.
    await page.keyboard.press('m');
    await page.keyboard.type('a');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('msg-body');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('A11Y2 text meets WCAG AA contrast on the landing page, the war room and the report', async () => {
    const page = await env.browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(env.url);
    await page.locator('#start-solo').waitFor();
    const landing = await lowContrast(page);
    await page.goto(`${env.url}/?solo=exfiltration-detected&role=deputy&seed=2`);
    await page.locator('.role').waitFor();
    await page.click('#solo-start');
    await page.locator('button[data-action="page-ic"]').click();
    await page.locator('.activity li[data-type="action.started"]').first().waitFor();
    const warRoom = await lowContrast(page);
    await endDrill(page, 'solo');
    await page.click('#view-report');
    const frame = page.frameLocator('iframe.report-frame');
    await frame.locator('.total').first().waitFor();
    const reportPage = await lowContrast(page);
    const reportFrame = page.frames().find((f) => f !== page.mainFrame());
    const report = reportFrame ? await lowContrast(reportFrame) : [];
    expect({ landing, warRoom, reportPage, report }).toEqual({ landing: [], warRoom: [], reportPage: [], report: [] });
    await page.close();
  });

  it('A11Y3 the facilitator console meets contrast, and a facilitator finds their past drills with the score of ended ones', async () => {
    const page = await env.browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(env.url);
    await page.selectOption('#host-scenario', 'exfiltration-detected');
    await page.fill('#host-seed', '3');
    await page.click('#create-drill');
    await page.locator('#open-console').waitFor();
    const consoleLink = (await page.locator('#open-console').getAttribute('href')) ?? '';
    // Run and end the drill from its console.
    await page.goto(new URL(consoleLink, env.url).toString());
    await page.click('#fac-start');
    await page.locator('#score .total').waitFor();
    expect(await lowContrast(page)).toEqual([]); // the facilitator console, with the live score showing
    await endDrill(page, 'fac');
    await page.goto(env.url);
    const row = page.locator('#past-drills tbody tr').first();
    await row.waitFor();
    // The scenario by its title; its id stays on the cell.
    expect(await row.locator('td[data-scenario="exfiltration-detected"]').textContent()).toBe('Exfiltration detected');
    expect(await row.textContent()).toContain('ended');
    expect(await row.locator('.score-cell').textContent()).toMatch(/\d+\.\d/);
    expect(await row.locator('a', { hasText: 'Console' }).count()).toBe(1);
    await shot(page, 'landing-past-drills');
    await page.close();
  });
});
