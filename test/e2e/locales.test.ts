import type { Frame, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { CATALOGS } from '../../client/src/i18n/index.ts';
import { browserAndServer, endDrill, hasBrowser, shot, watchErrors } from './browser.ts';

/*
 * Part of a drill played in Japanese and in Chinese: the landing page, a solo war room with an
 * action and a message, and the report. Each page is checked for English UI labels left behind,
 * raw catalog keys, and characters drawn as missing-glyph boxes (in HTML and on the Phaser canvas).
 */

type Flat = Record<string, string>;
const flatten = (catalog: object): Flat =>
  Object.fromEntries(Object.entries(catalog).flatMap(([group, entries]) => Object.entries(entries as Flat).map(([k, v]) => [`${group}.${k}`, v])));
const EN = flatten(CATALOGS.en);

/** English labels that must not show on a page in `locale` (those that differ there, long enough to be words). */
function englishLabels(locale: 'ja' | 'zh-CN'): string[] {
  const target = flatten(CATALOGS[locale]);
  return Object.entries(EN)
    // Single ordinary words ("customers") also occur in scenario text a scenario has only in English.
    .filter(([key, text]) => target[key] !== text && !text.includes('{{') && /[A-Za-z]{4}/.test(text) && /\s/.test(text.trim()))
    .map(([, text]) => text);
}

/**
 * Characters the page's fonts cannot draw. Each distinct CJK character of each visible text node is
 * drawn on a canvas in the computed font-family of the element holding it (so monospace and other
 * stacks are checked too) and compared with the drawing of a code point no font has (U+10FFFD,
 * which the browser draws as the missing-glyph box): identical pixels mean a box. `extra` text (the
 * board's words) is drawn in `family`, the font stack its Phaser text objects use.
 */
async function tofu(page: Page | Frame, extra = '', family?: string): Promise<string[]> {
  return page.evaluate(([more, extraFamily]) => {
    const cjk = /[\u3040-\u30ff\u3400-\u9fff\uff00-\uffef]/;
    const byFamily = new Map<string, Set<string>>();
    const note = (fontFamily: string, text: string) => {
      const set = byFamily.get(fontFamily) ?? new Set<string>();
      for (const c of text) if (cjk.test(c)) set.add(c);
      byFamily.set(fontFamily, set);
    };
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement;
      if (!el || el.getClientRects().length === 0 || ['SCRIPT', 'STYLE', 'NOSCRIPT'].includes(el.tagName)) continue;
      note(getComputedStyle(el).fontFamily, node.textContent ?? '');
    }
    for (const input of document.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('input, textarea')) note(getComputedStyle(input).fontFamily, `${input.value}${input.placeholder}`);
    if (more) note(extraFamily || getComputedStyle(document.body).fontFamily, more);
    const draw = (c: string, fontFamily: string) => {
      const canvas = document.createElement('canvas');
      canvas.width = 40;
      canvas.height = 40;
      const ctx = canvas.getContext('2d');
      if (!ctx) return '';
      ctx.font = `32px ${fontFamily}`;
      ctx.fillText(c, 2, 32);
      return canvas.toDataURL();
    };
    const missing: string[] = [];
    for (const [fontFamily, chars] of byFamily) {
      const box = draw(String.fromCodePoint(0x10fffd), fontFamily);
      // The detector itself: an unassigned code point must draw as the box, and the box must not be blank.
      if (draw('\u0378', fontFamily) !== box || draw(' ', fontFamily) === box) return [`(tofu detector not working for ${fontFamily})`];
      for (const c of chars) if (draw(c, fontFamily) === box) missing.push(`${c} in ${fontFamily}`);
    }
    return missing;
  }, [extra, family ?? ''] as const);
}

/**
 * Visible text of the page plus the text of placeholders, labels and tooltips, for looking for English labels and raw keys.
 * Text the UI does not write itself is left out: the scenario's own words (a brief, an inject, a
 * facilitator note, what a piece of work showed) and the scoring's findings, which come in whatever
 * languages their authors provided.
 */
const visibleText = (page: Page) =>
  page.evaluate(() => {
    const authored = '.brief, .injects p, .note, .reveal, .findings';
    const parts: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement;
      if (!el || el.closest(authored) || el.getClientRects().length === 0 || ['SCRIPT', 'STYLE', 'NOSCRIPT'].includes(el.tagName)) continue;
      if (getComputedStyle(el).visibility === 'hidden') continue;
      parts.push(node.textContent ?? '');
    }
    const text = parts.join('\n');
    return [text, ...[...document.querySelectorAll('[placeholder], [aria-label], [title]')].flatMap((el) => ['placeholder', 'aria-label', 'title'].map((a) => el.getAttribute(a) ?? ''))].join('\n');
  });

const RAW_KEY = new RegExp(`\\b(${Object.keys(CATALOGS.en).join('|')})\\.[a-zA-Z]+\\b`, 'g');

/** Check what a page shows in `locale`: no English UI label, no raw catalog key, no missing glyph. */
function checker(page: Page, locale: 'ja' | 'zh-CN') {
  const leftovers = englishLabels(locale);
  return async (where: string) => {
    const text = await visibleText(page);
    expect(leftovers.filter((label) => text.includes(label)), `${where}: English labels`).toEqual([]);
    expect(text.match(RAW_KEY) ?? [], `${where}: raw keys`).toEqual([]);
    expect(await tofu(page), `${where}: missing glyphs`).toEqual([]);
  };
}

describe.skipIf(!hasBrowser)('E2E localisation', () => {
  const env = browserAndServer();

  for (const locale of ['ja', 'zh-CN'] as const) {
    it(`L10N-B1 ${locale}: landing, a solo drill and its report are fully in ${locale}, with every glyph drawn`, async () => {
      const page = await env.browser.newPage({ viewport: { width: 1400, height: 900 }, locale });
      const errors = watchErrors(page);
      const catalog = CATALOGS[locale];
      const leftovers = englishLabels(locale);
      const check = checker(page, locale);

      await page.goto(`${env.url}/?lang=${locale}`);
      await page.getByRole('heading', { name: catalog.landing.soloTitle }).waitFor();
      expect(await page.evaluate(() => document.documentElement.lang)).toBe(locale);
      await shot(page, `l10n-${locale}-landing`);
      await check('landing');

      // The language switcher is there, labelled, and names each language in itself.
      expect(await page.locator('#language option').allTextContents()).toEqual(['English', '日本語', '简体中文']);

      await page.selectOption('#solo-role', 'deputy');
      await page.click('#start-solo');
      await page.locator('.role').waitFor();
      await page.click('#solo-start');
      await page.locator('button[data-action="page-ic"]').click();
      await page.check('#to-soc');
      await page.fill('#msg-subject', locale === 'ja' ? '【弁護士業務成果物】青鷺' : '【律师工作成果】青鹭');
      await page.fill('#msg-body', locale === 'ja' ? '青鷺：ブリッジに集まってください。' : '青鹭：请到电话会议集合。');
      await page.click('#msg-send');
      await page.locator('#msg-status', { hasText: catalog.comms.sent }).waitFor();
      await page.locator('.injects li').first().waitFor();
      await shot(page, `l10n-${locale}-war-room`);
      await check('war room');

      // Switching language reloads the page, which would restart a solo drill: it asks first, in this
      // language; declining keeps the drill and the language.
      const asked = new Promise<string>((resolve) => page.once('dialog', (d) => { resolve(d.message()); void d.dismiss(); }));
      await page.selectOption('#language', 'en');
      expect(await asked).toBe(catalog.solo.switchRestarts);
      expect(await page.locator('#language').inputValue()).toBe(locale);
      expect(await page.evaluate(() => document.documentElement.lang)).toBe(locale);
      await page.locator('.messages li').first().waitFor();

      // The Phaser board draws on a canvas; its text alternative carries the same words, so check
      // that for raw keys and English, and draw its characters to look for boxes.
      await page.waitForFunction(() => (document.getElementById('board-summary')?.textContent ?? '').length > 0);
      const boardText = (await page.locator('#board-summary').textContent()) ?? '';
      expect(boardText).toContain(catalog.knowledge.suspected);
      expect(boardText.match(/\b[a-z]+\.[a-zA-Z]+\b/g)?.filter((k) => !/\.(example|com|prod)$/.test(k) && !/^\d/.test(k)) ?? [], 'board: raw keys').toEqual([]);
      expect(leftovers.filter((label) => boardText.includes(label)), 'board: English labels').toEqual([]);
      // The board's words drawn in the very font stack its Phaser text objects use.
      const boardFont = await page.locator('#board').getAttribute('data-font');
      expect(boardFont, 'board font stack').toContain(locale === 'ja' ? 'Noto Sans CJK JP' : 'Noto Sans CJK SC');
      expect(await tofu(page, boardText, boardFont ?? ''), 'board: missing glyphs').toEqual([]);
      // Seats are named as roles in this language, not by their protocol ids ("scribe", "deputy").
      const activity = await page.locator('.activity').innerText();
      expect(activity).toContain(`${catalog.roles.deputy} [`);
      expect(activity).not.toMatch(/\b(scribe|deputy|sme-\d)\b/);
      // Activity names the inject by its title in this language, not by its id.
      await page.locator('.activity li', { hasText: catalog.feed.inject.replace('{{title}}', '') }).first().waitFor();
      expect(await page.locator('.activity li[data-pending-inject]').count()).toBe(0);

      await endDrill(page, 'solo');
      // The end reason is the client's own English protocol text; the feed shows it translated.
      await page.locator('.activity li', { hasText: catalog.solo.endReason }).first().waitFor();
      await check('ended war room');
      await page.click('#view-report');
      const frame = page.frames().find((f) => f !== page.mainFrame());
      await page.frameLocator('iframe.report-frame').locator('.total').first().waitFor();
      expect(frame).toBeDefined();
      if (frame) {
        expect(await frame.evaluate(() => document.documentElement.lang)).toBe(locale);
        const reportText = await frame.evaluate(() => document.body.innerText);
        expect(reportText).not.toContain('After-action report');
        expect(reportText).not.toContain('What to practise next');
        expect(await tofu(frame), 'report frame: missing glyphs').toEqual([]);
      }
      await shot(page, `l10n-${locale}-report`);
      await check('report page');
      expect(errors).toEqual([]);
      await page.close();
    });
  }

  it('L10N-B2 the browser language picks the default; the switcher changes it and is remembered', async () => {
    const page = await env.browser.newPage({ locale: 'zh-CN' });
    await page.goto(env.url);
    await page.getByRole('heading', { name: CATALOGS['zh-CN'].landing.soloTitle }).waitFor();
    await page.selectOption('#language', 'ja');
    await page.getByRole('heading', { name: CATALOGS.ja.landing.soloTitle }).waitFor();
    await page.goto(env.url);
    await page.getByRole('heading', { name: CATALOGS.ja.landing.soloTitle }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('ja');
    await page.close();
  });

  it('L10N-B3 ja: hosting a drill and running it from the facilitator console, all in Japanese', async () => {
    // No ?lang= here: the browser's language alone picks Japanese, on the landing page and in the console.
    const page = await env.browser.newPage({ viewport: { width: 1400, height: 900 }, locale: 'ja-JP' });
    const errors = watchErrors(page);
    const catalog = CATALOGS.ja;
    const check = checker(page, 'ja');
    await page.goto(env.url);
    await page.getByRole('heading', { name: catalog.landing.hostTitle }).waitFor();
    await page.selectOption('#host-scenario', 'exfiltration-detected');
    await page.fill('#host-seed', '5');
    await page.click('#create-drill');
    await page.locator('#open-console').waitFor();
    // Seats are named as roles in Japanese; the links keep their protocol ids.
    expect(await page.locator('#join-links strong').allTextContents()).toEqual(expect.arrayContaining([catalog.roles.facilitator, catalog.roles.scribe, `${catalog.roles.sme} 1`]));
    await check('landing with join links');
    const consoleLink = new URL((await page.locator('#open-console').getAttribute('href')) ?? '', env.url).toString();

    await page.goto(consoleLink);
    await page.getByRole('heading', { name: catalog.facilitator.heading }).waitFor();
    await page.click('#fac-start');
    await page.locator('#score .total').waitFor();
    await page.locator('.palette button[data-inject]').first().click();
    await page.locator('#fac-inject-status', { hasText: catalog.facilitator.injectSent }).waitFor();
    await page.fill('#adhoc-title', '記者からの追加質問');
    await page.fill('#adhoc-body', '記者が 17 時までの回答を求めています。');
    await page.click('#adhoc-send');
    await page.locator('#adhoc-status', { hasText: catalog.facilitator.adhocSent }).waitFor();
    await page.fill('#fac-note', 'IC の初動は良好。');
    await page.getByRole('button', { name: catalog.facilitator.saveNote }).click();
    await page.locator('.notes li', { hasText: 'IC の初動は良好。' }).waitFor();
    // Due times of upcoming injects are durations in words ("あと 4 分 30 秒"), not mm:ss.
    const palette = await page.locator('.palette').innerText();
    expect(palette).not.toMatch(/あと \d+:\d\d/);
    await shot(page, 'l10n-ja-facilitator');
    await check('facilitator console');

    await endDrill(page, 'fac');
    await page.locator('.activity li', { hasText: catalog.facilitator.endReason }).first().waitFor();
    await check('facilitator console after the end');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('L10N-B4 the page is in the reader’s language before the bundle runs', async () => {
    // Hold back the bundle: what remains is index.html as first painted.
    const page = await env.browser.newPage({ locale: 'zh-TW' });
    await page.route('**/assets/*.js', (route) => route.abort());
    await page.goto(env.url);
    expect(await page.locator('#app').textContent()).toBe('Loading…');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    await page.goto(`${env.url}/?lang=ja`);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('ja');
    await page.close();
  });
});
