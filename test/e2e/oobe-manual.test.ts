// The manual enrollment screen in real headless Chromium: Chrome devices (admin account or
// enrollment token), SMART displays (domain name); what is typed reaches the machine's actor; a
// failed attempt and a refused field are shown next to the form.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IdentityReport } from '../../agent/identity/report.ts';
import { eligibleIdentity, happyScript, NOT_IN_SET } from '../helpers/machine/index.ts';
import {
  type Browser,
  launchBrowser,
  screenshot,
  waitFor,
  waitForScreen,
  waitForText,
} from './helpers/browser.ts';
import { openOobe } from './helpers/oobe.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const enrolled = { managementDomain: 'demo.example', orgUnitPath: '/', dmToken: 'dmt-manual' };
const notPreProvisioned = () => ({
  ...happyScript(),
  fetchEnrollmentState: [{ ok: NOT_IN_SET }],
});

const smartIdentity = (): IdentityReport => ({
  manufacturer: 'SMART Technologies',
  model: 'SMART Board MX (V2)',
  deviceClass: 'smart-display',
  serialNumber: 'SBID1DEMO0009',
  idKind: 'smart-serial',
  certifiedDeviceId: 'SBID1DEMO0009',
  manufactureDate: null,
  brandCode: null,
  eligible: true,
  reasons: [],
  sources: {},
});

describe('manual enrollment, Chrome device', () => {
  it('offers the admin account and the enrollment token, with the reason in words; the account reaches the actor', async () => {
    const oobe = await openOobe(browser, { ...notPreProvisioned(), manualEnroll: [{ hold: true }] });
    const { page } = oobe;
    try {
      await waitForScreen(page, 'manual');
      await waitForText(page, '#manual-reason', 'not listed as pre-provisioned');
      await waitFor(page, '#form-credentials');
      await waitFor(page, '#form-enrollment-token');
      expect(await page.locator('#form-smart-domain').count()).toBe(0);
      await screenshot(page, 'manual-chrome');

      // Keyboard only: type, Tab to the password, Enter submits.
      await page.locator('#manual-email').focus();
      await page.keyboard.type('admin@demo.example');
      await page.keyboard.press('Tab');
      await page.keyboard.type('demo-password');
      await page.keyboard.press('Enter');
      await waitForScreen(page, 'enrolling');
      await waitForText(page, '#screen-message', 'Enrolling with the details you entered');
      expect(oobe.agent.calls.manualEnroll?.[0]?.request).toEqual({
        method: 'credentials',
        email: 'admin@demo.example',
        password: 'demo-password',
      });
      oobe.agent.release('manualEnroll', { ok: enrolled });
      await waitForScreen(page, 'enrolled');
      await waitForText(page, '#managed-by', 'This device is managed by demo.example');
    } finally {
      await oobe.close();
    }
  });

  it('sends an enrollment token', async () => {
    const oobe = await openOobe(browser, { ...notPreProvisioned(), manualEnroll: [{ ok: enrolled }] });
    try {
      await waitForScreen(oobe.page, 'manual');
      await oobe.page.locator('#manual-token').fill('ent-demo-0001');
      await oobe.page.locator('#form-enrollment-token button').click();
      await waitForScreen(oobe.page, 'enrolled');
      expect(oobe.agent.calls.manualEnroll?.[0]?.request).toEqual({
        method: 'enrollment-token',
        token: 'ent-demo-0001',
      });
    } finally {
      await oobe.close();
    }
  });

  it('shows a failed attempt with its code and advice, and keeps the e-mail (not the password)', async () => {
    const oobe = await openOobe(browser, {
      ...notPreProvisioned(),
      manualEnroll: [{ error: { code: 'invalid-credentials', httpStatus: 401 } }],
    });
    const { page } = oobe;
    try {
      await waitForScreen(page, 'manual');
      await page.locator('#manual-email').fill('admin@demo.example');
      await page.locator('#manual-password').fill('wrong-password');
      await page.locator('#form-credentials button').click();
      await waitFor(page, '#manual-error');
      await waitForText(page, '#manual-error', 'The administrator e-mail or password was not accepted.');
      await waitForText(page, '#manual-error', 'invalid-credentials');
      expect(await page.locator('#manual-email').inputValue()).toBe('admin@demo.example');
      expect(await page.locator('#manual-password').inputValue()).toBe('');
      await screenshot(page, 'manual-chrome-failed');
    } finally {
      await oobe.close();
    }
  });

  it('refuses a malformed e-mail next to the form without reaching the actor', async () => {
    const oobe = await openOobe(browser, { ...notPreProvisioned(), manualEnroll: [{ ok: enrolled }] });
    const { page } = oobe;
    try {
      await waitForScreen(page, 'manual');
      await page.locator('#manual-email').fill('not-an-address');
      await page.locator('#manual-password').fill('x');
      await page.locator('#form-credentials button').click();
      await waitForText(page, '#form-credentials-error', 'e-mail address');
      expect(oobe.agent.calls.manualEnroll).toBeUndefined();
      expect(oobe.agent.flowState()).toBe('manual.waiting');
    } finally {
      await oobe.close();
    }
  });

  it('refuses a personal @gmail.com administrator account next to the form (seed 000), with its code', async () => {
    const oobe = await openOobe(browser, { ...notPreProvisioned(), manualEnroll: [{ ok: enrolled }] });
    const { page } = oobe;
    try {
      await waitForScreen(page, 'manual');
      const refused = await page.evaluate(async () => {
        const r = await fetch('/api/manual-enroll', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ method: 'credentials', email: 'boss@gmail.com', password: 'secret' }),
        });
        return { status: r.status, body: (await r.json()) as { code?: string; field?: string } };
      });
      expect(refused).toMatchObject({ status: 400, body: { code: 'gmail-admin-account', field: 'email' } });
      await page.locator('#manual-email').fill('boss@gmail.com');
      await page.locator('#manual-password').fill('secret');
      await page.locator('#form-credentials button').click();
      await waitForText(page, '#form-credentials-error', '@gmail.com');
      expect(oobe.agent.calls.manualEnroll).toBeUndefined();
      expect(oobe.agent.flowState()).toBe('manual.waiting');
    } finally {
      await oobe.close();
    }
  });

  it('words an eligibility reason (model not listed) on the manual screen', async () => {
    const identity = eligibleIdentity({
      model: null,
      eligible: false,
      reasons: [
        {
          code: 'model-not-listed',
          message: 'The model "Pixelbook Go" is not in the zero-touch compatibility list.',
        },
      ],
    });
    const oobe = await openOobe(browser, { ...happyScript(), readIdentity: [{ ok: identity }] });
    try {
      await waitForScreen(oobe.page, 'manual');
      await waitForText(oobe.page, '#manual-reason', 'cannot use zero-touch enrollment');
      await waitForText(
        oobe.page,
        '#manual-reason',
        '"Pixelbook Go" is not in the zero-touch compatibility list',
      );
      // Seed 000's troubleshooting steps, under their stable advice code: Alt+V, then support.
      await waitFor(oobe.page, '#manual-advice[data-advice="check-eligibility-alt-v"]');
      await waitForText(oobe.page, '#manual-advice li:first-child', 'Alt+V');
      await waitForText(oobe.page, '#manual-advice li:last-child', 'support');
    } finally {
      await oobe.close();
    }
  });
});

describe('manual enrollment, SMART display', () => {
  it('asks for the domain name only, says why, and sends it', async () => {
    const oobe = await openOobe(browser, {
      ...happyScript(),
      readIdentity: [{ ok: smartIdentity() }],
      smartCheckin: [{ ok: { assignedDomain: null } }],
      manualEnroll: [{ ok: { managementDomain: 'demoschool', orgUnitPath: '/', dmToken: '' } }],
    });
    const { page } = oobe;
    try {
      await waitForScreen(page, 'manual');
      await waitForText(page, 'h1', 'Enroll this display');
      await waitForText(page, '#manual-reason', 'not assigned to a SMART Remote Management domain');
      expect(await page.locator('#form-credentials').count()).toBe(0);
      expect(await page.locator('#form-enrollment-token').count()).toBe(0);
      await screenshot(page, 'manual-smart');
      await page.locator('#manual-domain').fill('demoschool');
      await page.locator('#manual-domain').press('Enter');
      await waitForScreen(page, 'enrolled');
      await waitForText(page, '#managed-by', 'This device is managed by demoschool');
      expect(oobe.agent.calls.manualEnroll?.[0]?.request).toEqual({
        method: 'smart-domain',
        domain: 'demoschool',
      });
    } finally {
      await oobe.close();
    }
  });

  it('refuses a domain name with capitals or dots', async () => {
    const oobe = await openOobe(browser, {
      ...happyScript(),
      readIdentity: [{ ok: smartIdentity() }],
      smartCheckin: [{ ok: { assignedDomain: null } }],
    });
    try {
      await waitForScreen(oobe.page, 'manual');
      await oobe.page.locator('#manual-domain').fill('Demo.School');
      await oobe.page.locator('#manual-domain').press('Enter');
      await waitForText(oobe.page, '#form-smart-domain-error', 'lower-case letters and digits only');
      expect(oobe.agent.calls.manualEnroll).toBeUndefined();
    } finally {
      await oobe.close();
    }
  });
});
