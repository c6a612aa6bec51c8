// How the OOBE page can be used, in real headless Chromium: keyboard only (focus order, visible
// focus, the overlay keeps focus), readable at 1366×768 and at 3840×2160 (text scales, nothing
// overflows sideways), English, and nothing requested from anywhere but the agent itself.

import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { happyScript } from '../helpers/machine/index.ts';
import {
  type Browser,
  launchBrowser,
  recordRequests,
  screenshot,
  waitFor,
  waitForScreen,
} from './helpers/browser.ts';
import { openOobe } from './helpers/oobe.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const errorScript = () => ({
  ...happyScript(),
  registerDevice: [{ error: { code: 'domain-mismatch', httpStatus: 406 } }],
});

/** The page's layout facts (a function evaluated in the page; the tests compile without DOM types). */
function layout(page: Page) {
  return page.evaluate(() => {
    const g = globalThis as unknown as {
      document: { documentElement: { scrollWidth: number; lang: string }; body: unknown };
      innerWidth: number;
      getComputedStyle(e: unknown): { fontSize: string };
    };
    return {
      lang: g.document.documentElement.lang,
      scrollWidth: g.document.documentElement.scrollWidth,
      innerWidth: g.innerWidth,
      rootFontPx: Number.parseFloat(g.getComputedStyle(g.document.documentElement).fontSize),
    };
  });
}

const focusedId = (page: Page) => page.locator(':focus').getAttribute('id');

describe('OOBE page usability', () => {
  it('is operable by keyboard alone, with a visible focus ring', async () => {
    const oobe = await openOobe(browser, errorScript());
    const { page } = oobe;
    try {
      await waitForScreen(page, 'error');
      await page.keyboard.press('Tab');
      expect(await focusedId(page)).toBe('retry');
      const ring = await page.locator('#retry').evaluate((el) => {
        const style = (
          globalThis as unknown as {
            getComputedStyle(e: unknown): { outlineStyle: string; outlineWidth: string };
          }
        ).getComputedStyle(el);
        return { style: style.outlineStyle, width: Number.parseFloat(style.outlineWidth) };
      });
      expect(ring.style).not.toBe('none');
      expect(ring.width).toBeGreaterThan(0);
      await page.keyboard.press('Tab');
      expect(await focusedId(page)).toBe('enroll-manually');
      await page.keyboard.press('Enter');
      await waitForScreen(page, 'manual');
      // The manual screen's fields and buttons come in reading order.
      const order: Array<string | null> = [];
      for (let i = 0; i < 5; i++) {
        await page.keyboard.press('Tab');
        order.push((await focusedId(page)) ?? (await page.locator(':focus').textContent()));
      }
      expect(order).toEqual([
        'manual-email',
        'manual-password',
        'Enroll with account',
        'manual-token',
        'Enroll with token',
      ]);
    } finally {
      await oobe.close();
    }
  });

  it('keeps keyboard focus inside the open overlay and gives it back when it closes', async () => {
    const oobe = await openOobe(browser, errorScript());
    const { page } = oobe;
    try {
      await waitForScreen(page, 'error');
      await page.locator('#retry').focus();
      await page.keyboard.press('Alt+KeyV');
      await waitFor(page, '#diagnostics[data-loaded="true"]');
      const seen: Array<string | null> = [];
      for (let i = 0; i < 7; i++) {
        await page.keyboard.press('Tab');
        expect(await page.locator('#diagnostics :focus').count()).toBe(1);
        seen.push(await focusedId(page));
      }
      // Close, Refresh, Export, then round again.
      expect(seen).toEqual([
        'diag-close',
        'diag-refresh',
        'diag-export',
        'diag-close',
        'diag-refresh',
        'diag-export',
        'diag-close',
      ]);
      await page.keyboard.press('Shift+Tab');
      expect(await focusedId(page)).toBe('diag-export');
      await page.keyboard.press('Escape');
      await page.locator('#diagnostics').waitFor({ state: 'hidden' });
      expect(await focusedId(page)).toBe('retry');
    } finally {
      await oobe.close();
    }
  });

  it('reads at 1366×768 and on a 4K display: English, text scales up, nothing overflows sideways', async () => {
    const small = await openOobe(browser, errorScript(), { viewport: { width: 1366, height: 768 } });
    const large = await openOobe(browser, errorScript(), { viewport: { width: 3840, height: 2160 } });
    try {
      await waitForScreen(small.page, 'error');
      await waitForScreen(large.page, 'error');
      const s = await layout(small.page);
      const l = await layout(large.page);
      expect(s.lang).toBe('en');
      expect(s.rootFontPx).toBeGreaterThanOrEqual(16);
      expect(l.rootFontPx).toBeGreaterThanOrEqual(1.5 * s.rootFontPx);
      expect(s.scrollWidth).toBeLessThanOrEqual(s.innerWidth);
      expect(l.scrollWidth).toBeLessThanOrEqual(l.innerWidth);
      await screenshot(small.page, 'error-1366x768');
      await screenshot(large.page, 'error-3840x2160');

      await large.page.keyboard.press('Alt+KeyV');
      await waitFor(large.page, '#diagnostics[data-loaded="true"]');
      expect((await layout(large.page)).scrollWidth).toBeLessThanOrEqual(l.innerWidth);
      await screenshot(large.page, 'diagnostics-3840x2160');
    } finally {
      await Promise.all([small.close(), large.close()]);
    }
  });

  it('requests nothing but its own origin, and forbids anything else by CSP', async () => {
    const oobe = await openOobe(browser, errorScript());
    const { page } = oobe;
    const urls = recordRequests(page);
    try {
      const response = await page.reload();
      expect(response?.headers()['content-security-policy']).toContain("default-src 'none'");
      await waitForScreen(page, 'error');
      await page.keyboard.press('Alt+KeyV');
      await waitFor(page, '#diagnostics[data-loaded="true"]');
      await page.locator('#diag-export').click();
      await waitFor(page, '#diag-export-result');
      const origin = new URL(oobe.ui.url).origin;
      const foreign = urls.filter((u) => !u.startsWith(`${origin}/`) && !u.startsWith('data:'));
      expect(urls.length).toBeGreaterThan(3);
      expect(foreign).toEqual([]);
    } finally {
      await oobe.close();
    }
  });
});
