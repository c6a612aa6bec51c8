// Export from the Alt+V overlay in real headless Chromium: the bundle lands in the state directory
// with every secret redacted (the DM token of this boot and of state.json, a PEM key), and the page
// shows the QR code of the summary and where the file is.

import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { happyScript } from '../helpers/machine/index.ts';
import { type Browser, launchBrowser, screenshot, waitFor, waitForText } from './helpers/browser.ts';
import { openOobe } from './helpers/oobe.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const DM_TOKEN = 'dmt-5ecret-Zq81xWvKp0';
const PEM_BODY = 'MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg5ecretKeyMaterial';

describe('diagnostics export', () => {
  it('writes a redacted bundle into the state directory and shows its QR code', async () => {
    const script = happyScript();
    const registered = script.registerDevice?.[0];
    if (!registered || !('ok' in registered)) throw new Error('happy script changed');
    const oobe = await openOobe(browser, {
      ...script,
      registerDevice: [{ ok: { ...registered.ok, dmToken: DM_TOKEN } }],
      // The policy fetch fails with a message quoting a key: it becomes the last error.
      fetchPolicy: [
        {
          error: {
            code: 'invalid-response',
            message: `policy: garbled answer -----BEGIN PRIVATE KEY-----\n${PEM_BODY}\n-----END PRIVATE KEY-----`,
          },
        },
      ],
    });
    const { page } = oobe;
    try {
      // What the agent persisted (the state file holds the DM token).
      await writeFile(
        join(oobe.stateDir, 'state.json'),
        JSON.stringify({
          version: 1,
          phase: 'managed',
          managed: { dmToken: DM_TOKEN, managementDomain: 'demo.example' },
        }),
      );
      await waitFor(page, '#screen[data-screen="enrolled"]');
      await page.keyboard.press('Alt+KeyV');
      await waitFor(page, '#diagnostics[data-loaded="true"]');
      await page.locator('#diag-export').focus();
      await page.keyboard.press('Enter');
      await waitFor(page, '#diag-export-result', 'the export result');
      await waitFor(page, '#diag-qr[src^="data:image/svg+xml"]', 'the QR code image');
      const qrWidth = await page
        .locator('#diag-qr')
        .evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth);
      expect(qrWidth).toBeGreaterThan(0);
      await waitForText(page, '#diag-export-summary', 'SN:NXHPVEK0010123456789');
      await waitForText(page, '#diag-export-summary', 'STATE:managed.idle');
      await page.locator('#diag-export-result').scrollIntoViewIfNeeded();
      await screenshot(page, 'diagnostics-export');

      const shownPath = (await page.locator('#diag-export-path').textContent()) ?? '';
      const files = (await readdir(oobe.stateDir)).filter((f) => /^diagnostics-.*\.json$/.test(f));
      expect(files).toHaveLength(1);
      expect(shownPath).toBe(join(oobe.stateDir, files[0] ?? ''));
      await waitForText(page, '#diag-export-summary', `FILE:${files[0]}`);

      const text = await readFile(shownPath, 'utf8');
      expect(text).not.toContain(DM_TOKEN);
      expect(text).not.toContain(PEM_BODY);
      expect(text).not.toContain('BEGIN PRIVATE KEY');
      const bundle = JSON.parse(text) as {
        diagnostics: { state: string; lastError: { code: string; message: string } };
        stateFile: { managed: { dmToken: string; managementDomain: string } };
      };
      expect(bundle.diagnostics.state).toBe('managed.idle');
      expect(bundle.diagnostics.lastError.code).toBe('invalid-response');
      expect(bundle.diagnostics.lastError.message).toContain('[redacted PEM]');
      expect(bundle.stateFile.managed).toEqual({ dmToken: '[redacted]', managementDomain: 'demo.example' });
    } finally {
      await oobe.close();
    }
  });
});
