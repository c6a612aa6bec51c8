// Real headless Chromium for the OOBE tests (DESIGN §7): the Debian `chromium` binary found on PATH,
// driven by playwright-core, a fresh profile per test file. Never downloads a browser; when chromium
// is missing the tests fail and say which package to install.

import { accessSync, constants } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';

const CANDIDATES = ['chromium', 'chromium-browser'];
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const SCREENSHOT_DIR = join(process.cwd(), 'test-output', 'screenshots');

/** The chromium binary on PATH; throws naming the Debian package when there is none. */
export function findChromium(): string {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    for (const name of CANDIDATES) {
      const path = join(dir, name);
      try {
        accessSync(path, constants.X_OK);
        return path;
      } catch {
        // not here
      }
    }
  }
  throw new Error(
    'chromium was not found on PATH: the OOBE browser tests need the Debian package `chromium` (sudo apt-get install chromium).',
  );
}

export interface Browser {
  context: BrowserContext;
  /** A page with the given viewport (default 1366×768). */
  page(viewport?: { width: number; height: number }): Promise<Page>;
  close(): Promise<void>;
}

export async function launchBrowser(): Promise<Browser> {
  const executablePath = findChromium();
  const profile = await mkdtemp(join(tmpdir(), 'zte-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    args: FLAGS,
    viewport: { width: 1366, height: 768 },
    locale: 'en-GB',
  });
  return {
    context,
    async page(viewport = { width: 1366, height: 768 }) {
      const page = await context.newPage();
      await page.setViewportSize(viewport);
      return page;
    },
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/** Saves a full-page screenshot as `test-output/screenshots/<name>.png`. */
export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** Waits (Playwright's polling, no sleeps) until the main card shows `screen`. */
export async function waitForScreen(page: Page, screen: string): Promise<void> {
  await waitFor(page, `#screen[data-screen="${screen}"]`, `the "${screen}" screen`);
}

/** Waits until `selector` is visible; on time-out says what was on screen instead. */
export async function waitFor(
  page: Page,
  selector: string,
  what = selector,
  timeout = 10_000,
): Promise<void> {
  try {
    await page.waitForSelector(selector, { state: 'visible', timeout });
  } catch (error) {
    const main = page.locator('#screen');
    const text = ((await main.textContent()) ?? '').replace(/\s+/g, ' ').slice(0, 300);
    const shown = `screen=${await main.getAttribute('data-screen')} state=${await main.getAttribute('data-state')}: ${text}`;
    throw new Error(`waited for ${what}; the page shows ${shown}`, { cause: error });
  }
}

/**
 * Waits until the text of `selector` contains `expected`. Locator-based polling: the page's CSP
 * forbids eval, so `waitForFunction` cannot run there (and must not be loosened for the tests).
 */
export async function waitForText(
  page: Page,
  selector: string,
  expected: string,
  timeout = 10_000,
): Promise<void> {
  try {
    await page.locator(selector, { hasText: expected }).first().waitFor({ state: 'attached', timeout });
  } catch (error) {
    const actual = await page
      .locator(selector)
      .first()
      .textContent({ timeout: 1_000 })
      .catch(() => null);
    throw new Error(
      `expected ${selector} to contain ${JSON.stringify(expected)}, it shows ${JSON.stringify(actual)}`,
      {
        cause: error,
      },
    );
  }
  const text = (await page.locator(selector, { hasText: expected }).first().textContent()) ?? '';
  if (!text.includes(expected)) {
    throw new Error(
      `expected ${selector} to contain ${JSON.stringify(expected)} exactly, it shows ${JSON.stringify(text)}`,
    );
  }
}

/** Records every request the page makes, to prove nothing leaves the device. */
export function recordRequests(page: Page): string[] {
  const urls: string[] = [];
  page.on('request', (request) => {
    urls.push(request.url());
  });
  return urls;
}
