// The Alt+V overlay in real headless Chromium, its live server answer from the real stub: a key press
// in the page opens and closes it (one shared state with every other Alt+V source), Esc closes it,
// it shows serial, certified ID, ZTE✓, reasons in words, the server's answer, refreshed on demand.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IdentityReport } from '../../agent/identity/report.ts';
import { eligibleIdentity, happyScript, NOT_IN_SET } from '../helpers/machine/index.ts';
import { acerDevice, preprovision, type StartedStub, startStub } from '../helpers/stub.ts';
import { type Browser, launchBrowser, screenshot, waitFor, waitForText } from './helpers/browser.ts';
import { AGENT_VERSION, openOobe } from './helpers/oobe.ts';

let browser: Browser;
let stub: StartedStub;
beforeAll(async () => {
  [browser, stub] = await Promise.all([launchBrowser(), startStub()]);
});
afterAll(async () => {
  await Promise.all([browser?.close(), stub?.close()]);
});

/** The demo seed's pre-provisioned ASUS (server-stub/fixtures/demo.json). */
const asusDemo = (): IdentityReport =>
  eligibleIdentity({
    manufacturer: 'ASUS',
    model: 'Chromebook ASUS CX1 (CX1500CNA)',
    serialNumber: 'N3NXCV01D0001',
    idKind: 'asus-certified-id',
    certifiedDeviceId: 'ASUSDEMO0001',
    manufactureDate: '2023-03-01',
  });

const diagnosticsRegion = (actor: { getSnapshot(): { value: unknown } }) =>
  (actor.getSnapshot().value as { diagnostics: string }).diagnostics;

describe('Alt+V overlay', () => {
  it('opens on Alt+V in the page with the device, the ZTE✓ mark and the live server answer; Alt+V closes it', async () => {
    const oobe = await openOobe(
      browser,
      {
        ...happyScript(),
        readIdentity: [{ ok: asusDemo() }],
        registerDevice: [
          { error: { code: 'missing-licenses', httpStatus: 402, message: 'register: no licence left' } },
        ],
      },
      { serverUrl: stub.url },
    );
    const { page } = oobe;
    try {
      await waitFor(page, '#screen[data-screen="error"]');
      expect(await page.locator('#diagnostics').isVisible()).toBe(false);

      await page.keyboard.press('Alt+KeyV');
      await waitFor(page, '#diagnostics[data-loaded="true"]', 'the loaded overlay');
      expect(diagnosticsRegion(oobe.agent.view.actor)).toBe('open');
      await waitForText(page, '#diag-agent-version', AGENT_VERSION);
      await waitForText(page, '#diag-serial', 'N3NXCV01D0001');
      await waitForText(page, '#diag-certified-id', 'ASUSDEMO0001');
      await waitForText(page, '#diag-id-kind', 'asus-certified-id');
      await waitForText(page, '#diag-chromeos-line', 'ZTE✓ ADID:ASUSDEMO0001 SN:N3NXCV01D0001');
      await waitForText(page, '#diag-server-reachable', 'yes');
      await waitForText(page, '#diag-server-preprovisioned', 'yes');
      await waitForText(page, '#diag-server-domain', 'demo.example');
      await waitForText(page, '#diag-server-ou', '/');
      await waitForText(page, '#diag-server-license', 'no');
      await waitForText(page, '#diag-error-code', 'missing-licenses');
      await waitForText(
        page,
        '#diag-error-advice',
        'Contact your reseller to buy more Chrome Enterprise Upgrade licences.',
      );
      await waitForText(page, '#diag-network', 'eth0');
      await waitForText(page, '#diag-timeline', 'automatic.determining');
      await waitForText(page, '#diag-backends', 'attestation-file');
      // The page behind is inert: keyboard focus stays in the overlay.
      expect(await page.locator('#app').getAttribute('inert')).not.toBeNull();
      await screenshot(page, 'diagnostics-overlay');

      await page.keyboard.press('Alt+KeyV');
      await page.locator('#diagnostics').waitFor({ state: 'hidden' });
      expect(diagnosticsRegion(oobe.agent.view.actor)).toBe('closed');
    } finally {
      await oobe.close();
    }
  });

  it('closes on Esc, and follows Alt+V from any other source (the machine’s one diagnostics state)', async () => {
    const oobe = await openOobe(browser, { ...happyScript(), registerDevice: [{ hold: true }] });
    const { page } = oobe;
    try {
      await waitFor(page, '#screen[data-screen="enrolling"]');
      // As evdev, HID or the terminal would: straight into the machine.
      oobe.agent.view.actor.send({ type: 'ALT_V' });
      await waitFor(page, '#diagnostics', 'the overlay opened by another source');
      await page.keyboard.press('Escape');
      await page.locator('#diagnostics').waitFor({ state: 'hidden' });
      expect(diagnosticsRegion(oobe.agent.view.actor)).toBe('closed');
      // The Close button does the same, and keyboard focus returns to the page.
      await page.keyboard.press('Alt+KeyV');
      await waitFor(page, '#diagnostics');
      await page.locator('#diag-close').focus();
      await page.keyboard.press('Enter');
      await page.locator('#diagnostics').waitFor({ state: 'hidden' });
      expect(diagnosticsRegion(oobe.agent.view.actor)).toBe('closed');
    } finally {
      await oobe.close();
    }
  });

  it('words each eligibility reason and shows no ZTE✓ when the identifier is not valid', async () => {
    const samsung = eligibleIdentity({
      manufacturer: 'Samsung',
      model: 'Samsung Chromebook 4',
      serialNumber: 'R8AN12345678AB',
      certifiedDeviceId: null,
      eligible: false,
      reasons: [
        {
          code: 'serial-incomplete',
          message:
            'Samsung serial "R8AN12345678AB" has 14 characters: only 15-character serials are zero-touch capable.',
        },
      ],
    });
    const oobe = await openOobe(
      browser,
      { ...happyScript(), readIdentity: [{ ok: samsung }] },
      { serverUrl: stub.url },
    );
    const { page } = oobe;
    try {
      await waitFor(page, '#screen[data-screen="manual"]');
      await page.keyboard.press('Alt+KeyV');
      await waitFor(page, '#diagnostics[data-loaded="true"]');
      await waitForText(page, '#diag-reasons', 'only 15-character serials are zero-touch capable');
      await waitForText(page, '#diag-zte', 'not ready');
      await waitForText(page, '#diag-eligible', 'no');
      const line = (await page.locator('#diag-chromeos-line').textContent()) ?? '';
      expect(line).not.toContain('ZTE✓');
      expect(line).toContain('SN:R8AN12345678AB');
      await waitForText(page, '#diag-server-preprovisioned', 'no');
    } finally {
      await oobe.close();
    }
  });

  it('Refresh asks the server again: a device pre-provisioned meanwhile turns to yes', async () => {
    const device = acerDevice('diag-refresh');
    const identity = eligibleIdentity({
      serialNumber: device.serial_number,
      certifiedDeviceId: device.device_id,
    });
    const oobe = await openOobe(
      browser,
      { ...happyScript(), readIdentity: [{ ok: identity }], fetchEnrollmentState: [{ ok: NOT_IN_SET }] },
      { serverUrl: stub.url },
    );
    const { page } = oobe;
    try {
      await waitFor(page, '#screen[data-screen="manual"]');
      await page.keyboard.press('Alt+KeyV');
      await waitFor(page, '#diagnostics[data-loaded="true"]');
      await waitForText(page, '#diag-server-preprovisioned', 'no');
      await waitForText(page, '#diag-server-domain', '—');

      expect((await preprovision(stub.url, [device])).status).toBe(200);
      await page.locator('#diag-refresh').click();
      await waitForText(page, '#diag-server-preprovisioned', 'yes');
      await waitForText(page, '#diag-server-domain', 'demo.example');
    } finally {
      await oobe.close();
    }
  });
});
