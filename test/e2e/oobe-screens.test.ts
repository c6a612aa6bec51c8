// Each automatic-flow screen of the OOBE page, reached by driving the real machine with scripted
// actors, in real headless Chromium; live updates arrive over server-sent events.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eligibleIdentity, happyScript, registration } from '../helpers/machine/index.ts';
import { type Browser, launchBrowser, screenshot, waitForScreen, waitForText } from './helpers/browser.ts';
import { openOobe } from './helpers/oobe.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('OOBE automatic screens', () => {
  it('shows the checking screen while the identity is read', async () => {
    const oobe = await openOobe(browser, { ...happyScript(), readIdentity: [{ hold: true }] });
    try {
      await waitForScreen(oobe.page, 'checking');
      await waitForText(oobe.page, '#screen-message', 'Reading this device’s identity');
      await screenshot(oobe.page, 'checking');
    } finally {
      await oobe.close();
    }
  });

  it('shows the offline screen when no link is up', async () => {
    const oobe = await openOobe(browser, { ...happyScript(), checkLink: [{ ok: { up: false } }] });
    try {
      await waitForScreen(oobe.page, 'offline');
      await waitForText(oobe.page, 'h1', 'No network connection');
      await screenshot(oobe.page, 'offline');
    } finally {
      await oobe.close();
    }
  });

  it('shows enrolling while registering, then "managed by" once the server answers, without reloading', async () => {
    const oobe = await openOobe(browser, { ...happyScript(), registerDevice: [{ hold: true }] });
    try {
      await waitForScreen(oobe.page, 'enrolling');
      await waitForText(oobe.page, '#screen-message', 'Enrolling this device in demo.example');
      await screenshot(oobe.page, 'enrolling');
      oobe.agent.release('registerDevice', {
        ok: registration({ dmToken: 'dmt-live', orgUnitPath: '/Classrooms' }),
      });
      await waitForScreen(oobe.page, 'enrolled');
      await waitForText(oobe.page, '#managed-by', 'This device is managed by demo.example');
      await waitForText(oobe.page, '#screen', '/Classrooms');
      await screenshot(oobe.page, 'enrolled');
    } finally {
      await oobe.close();
    }
  });

  it('shows the retry notice with the last error while backing off', async () => {
    const oobe = await openOobe(browser, {
      ...happyScript(),
      fetchEnrollmentState: [{ error: { code: 'temporarily-unavailable', httpStatus: 503 } }],
    });
    try {
      await waitForScreen(oobe.page, 'checking');
      await waitForText(oobe.page, '#screen-message', 'Trying again in');
      await waitForText(oobe.page, '#retry-error', 'temporarily-unavailable');
    } finally {
      await oobe.close();
    }
  });
});

describe('OOBE error screen', () => {
  const licencesScript = () => ({
    ...happyScript(),
    registerDevice: [
      {
        error: {
          code: 'missing-licenses',
          httpStatus: 402,
          message: 'register: DM_STATUS_SERVICE_MISSING_LICENSES',
        },
      },
      ...(happyScript().registerDevice ?? []),
    ],
  });

  it('shows the code, the plain message and the seed’s advice; Retry (keyboard) starts over', async () => {
    const oobe = await openOobe(browser, licencesScript());
    try {
      await waitForScreen(oobe.page, 'error');
      await waitForText(oobe.page, '#error-code', 'missing-licenses');
      await waitForText(oobe.page, '#error-message', 'not have enough Chrome Enterprise Upgrade licences');
      await waitForText(
        oobe.page,
        '#error-advice',
        'Contact your reseller to buy more Chrome Enterprise Upgrade licences.',
      );
      await screenshot(oobe.page, 'error');
      await oobe.page.locator('#retry').focus();
      await oobe.page.keyboard.press('Enter');
      await waitForScreen(oobe.page, 'enrolled');
      expect(oobe.agent.calls.registerDevice).toHaveLength(2);
    } finally {
      await oobe.close();
    }
  });

  it('"Enroll manually" leads to the manual screen with the reason in words', async () => {
    const oobe = await openOobe(browser, licencesScript());
    try {
      await waitForScreen(oobe.page, 'error');
      await oobe.page.locator('#enroll-manually').click();
      await waitForScreen(oobe.page, 'manual');
      await waitForText(oobe.page, '#manual-reason', 'You chose to enroll this device manually.');
      expect(oobe.agent.flowState()).toBe('manual.waiting');
    } finally {
      await oobe.close();
    }
  });

  it('names the device in the header', async () => {
    const oobe = await openOobe(browser, { ...happyScript(), readIdentity: [{ ok: eligibleIdentity() }] });
    try {
      await waitForScreen(oobe.page, 'enrolled');
      await waitForText(oobe.page, '#device-line', 'S/N NXHPVEK0010123456789');
    } finally {
      await oobe.close();
    }
  });
});
