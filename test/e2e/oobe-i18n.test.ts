// The OOBE in French and English, in real headless Chromium: the key screens (checking, the manual
// screen of an ineligible device with its reason and the seed's Alt+V/support steps, the error screen
// with the seed's advice) and the Alt+V overlay in both locales, and the language switcher of the
// first screen, which re-words the page live and records a person's choice.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocaleSetting, type Locale } from '../../agent/i18n/index.ts';
import { reason } from '../../agent/identity/reasons.ts';
import { eligibleIdentity, happyScript } from '../helpers/machine/index.ts';
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

const SAMSUNG = 'Samsung Chromebook 4';
const samsung16 = () =>
  eligibleIdentity({
    manufacturer: 'Samsung',
    model: SAMSUNG,
    serialNumber: 'R8AN1234567890AB',
    certifiedDeviceId: null,
    manufactureDate: '2023-11-02',
    eligible: false,
    reasons: [reason('serial-incomplete', 'reason.samsungLength', { length: 16 })],
  });

interface Words {
  lang: Locale;
  brand: string;
  checkingTitle: string;
  determining: string;
  manualTitle: string;
  reason: string;
  altVStep: string;
  supportStep: string;
  emailLabel: string;
  errorTitle: string;
  errorMessage: string;
  firstAdvice: string;
  retry: string;
  errorCodeLabel: string;
  diagTitle: string;
  eligibleLabel: string;
  no: string;
  zteNotReady: string;
  manufactured: string;
  adviceOf402: string;
}

const WORDS: Record<Locale, Words> = {
  en: {
    lang: 'en',
    brand: 'Device setup',
    checkingTitle: 'Getting this device ready',
    determining: 'Asking the enrollment server whether this device is pre-provisioned…',
    manualTitle: 'Enroll this device manually',
    reason: "This Samsung Chromebook's serial number has 16 characters: zero-touch needs exactly 15",
    altVStep: 'Press Alt+V during the initial setup to check that this device is pre-provisioned',
    supportStep: 'Contact support for help.',
    emailLabel: 'Administrator e-mail',
    errorTitle: 'Enrollment failed',
    errorMessage:
      'The organisation does not have enough Chrome Enterprise Upgrade licences to enroll this device.',
    firstAdvice: 'Contact your reseller to buy more Chrome Enterprise Upgrade licences.',
    retry: 'Retry',
    errorCodeLabel: 'Error code:',
    diagTitle: 'Diagnostics',
    eligibleLabel: 'Eligible',
    no: 'no',
    zteNotReady: 'not ready: this device cannot be zero-touch enrolled',
    manufactured: '2 November 2023',
    adviceOf402: 'Contact your reseller to buy more Chrome Enterprise Upgrade licences.',
  },
  fr: {
    lang: 'fr',
    brand: 'Configuration de l’appareil',
    checkingTitle: 'Préparation de cet appareil',
    determining: 'Interrogation du serveur d’inscription\u00a0: cet appareil est-il pré-provisionné\u00a0?',
    manualTitle: 'Inscrire cet appareil manuellement',
    reason:
      'Le numéro de série de ce Chromebook Samsung compte 16 caractères\u00a0: l’inscription sans contact en exige exactement 15',
    altVStep:
      'Vérifiez que l’appareil a été pré-provisionné et qu’il est compatible avec l’inscription sans contact en appuyant sur Alt+V',
    supportStep: 'Contactez le service d’assistance pour obtenir de l’aide.',
    emailLabel: 'Adresse e-mail de l’administrateur',
    errorTitle: 'Échec de l’inscription',
    errorMessage:
      'L’organisation n’a pas assez de licences Chrome Enterprise Upgrade pour inscrire cet appareil.',
    firstAdvice: 'Contactez votre revendeur pour acheter d’autres licences Chrome Enterprise Upgrade.',
    retry: 'Réessayer',
    errorCodeLabel: 'Code d’erreur\u00a0:',
    diagTitle: 'Diagnostic',
    eligibleLabel: 'Éligible',
    no: 'non',
    zteNotReady: 'pas prêt\u00a0: cet appareil ne peut pas utiliser l’inscription sans contact',
    manufactured: '2 novembre 2023',
    adviceOf402: 'Contactez votre revendeur pour acheter d’autres licences Chrome Enterprise Upgrade.',
  },
};

describe.each<Locale>(['en', 'fr'])('OOBE in %s', (locale) => {
  const w = WORDS[locale];
  const setting = () => createLocaleSetting({ override: locale });

  it('checking screen: title, step, page language and labels', async () => {
    const oobe = await openOobe(
      browser,
      { ...happyScript(), fetchEnrollmentState: [{ hold: true }] },
      { locale: setting() },
    );
    const { page } = oobe;
    try {
      await waitForScreen(page, 'checking');
      await waitForText(page, '#screen-message', w.determining);
      await waitForText(page, '#screen h1', w.checkingTitle);
      await waitForText(page, '.brand', w.brand);
      expect(await page.locator('html').getAttribute('lang')).toBe(w.lang);
      expect(await page.locator('#locale-switch').inputValue()).toBe(locale);
    } finally {
      await oobe.close();
    }
  });

  it('manual screen of an ineligible device: the reason, then the seed’s Alt+V and support steps', async () => {
    const oobe = await openOobe(
      browser,
      { ...happyScript(), readIdentity: [{ ok: samsung16() }] },
      { locale: setting() },
    );
    const { page } = oobe;
    try {
      await waitForScreen(page, 'manual');
      await waitForText(page, '#screen h1', w.manualTitle);
      await waitForText(page, '#manual-reason', w.reason);
      await waitFor(page, '#manual-advice[data-advice="check-eligibility-alt-v"]');
      await waitForText(page, '#manual-advice li:nth-child(1)', w.altVStep);
      await waitForText(page, '#manual-advice li:nth-child(2)', w.supportStep);
      await waitForText(page, 'label[for="manual-email"]', w.emailLabel);
      // The model name from the seed's table stays as it is, in either language.
      await waitForText(page, '#device-line', SAMSUNG);
      await screenshot(page, `i18n-manual-${locale}`);
    } finally {
      await oobe.close();
    }
  });

  it('error screen: code, message and the seed’s advice; the buttons in the same language', async () => {
    const oobe = await openOobe(
      browser,
      { ...happyScript(), registerDevice: [{ error: { code: 'missing-licenses', httpStatus: 402 } }] },
      { locale: setting() },
    );
    const { page } = oobe;
    try {
      await waitForScreen(page, 'error');
      await waitForText(page, '#screen h1', w.errorTitle);
      await waitForText(page, '#error-message', w.errorMessage);
      await waitForText(page, '#error-code', 'missing-licenses');
      await waitForText(page, '#screen', w.errorCodeLabel);
      await waitForText(page, '#error-advice li:nth-child(1)', w.firstAdvice);
      await waitForText(page, '#retry', w.retry);
    } finally {
      await oobe.close();
    }
  });

  it('Alt+V overlay: labels, yes/no, the reason, the date and the last error’s advice in the locale', async () => {
    const oobe = await openOobe(
      browser,
      {
        ...happyScript(),
        readIdentity: [{ ok: samsung16() }],
      },
      { locale: setting() },
    );
    const { page } = oobe;
    try {
      await waitForScreen(page, 'manual');
      await page.keyboard.press('Alt+KeyV');
      await waitFor(page, '#diagnostics[data-loaded="true"]', 'the loaded overlay');
      await waitForText(page, '#diag-title', w.diagTitle);
      await waitForText(page, '#diagnostics dt[data-i18n="page.diag.eligible"]', w.eligibleLabel);
      await waitForText(page, '#diag-eligible', w.no);
      await waitForText(page, '#diag-zte', w.zteNotReady);
      await waitForText(page, '#diag-reasons li[data-code="serial-incomplete"]', w.reason);
      await waitForText(page, '#diag-mfg-date', w.manufactured);
      await waitForText(page, '#diag-model', SAMSUNG);
      // ChromeOS's own line, the same in both languages: no ZTE✓ here, and nothing else before the IDs.
      expect(await page.locator('#diag-chromeos-line').textContent()).toBe('ADID:— SN:R8AN1234567890AB');
      await screenshot(page, `i18n-overlay-${locale}`);
    } finally {
      await oobe.close();
    }
  });
});

describe('SMART display in French', () => {
  it('manual screen: the seed 002 words (Admin Portal, Numéro du code PIN), the domain form, a refusal', async () => {
    const smart = eligibleIdentity({
      manufacturer: 'SMART Technologies',
      model: 'SMART Board MX (V2)',
      deviceClass: 'smart-display',
      serialNumber: 'SBID1DEMO0009',
      idKind: 'smart-serial',
      certifiedDeviceId: 'SBID1DEMO0009',
      manufactureDate: null,
      brandCode: null,
    });
    const oobe = await openOobe(
      browser,
      { ...happyScript(), readIdentity: [{ ok: smart }], smartCheckin: [{ ok: { assignedDomain: null } }] },
      { locale: createLocaleSetting({ override: 'fr' }) },
    );
    const { page } = oobe;
    try {
      await waitForScreen(page, 'manual');
      await waitForText(page, '#screen h1', 'Inscrire cet écran');
      await waitForText(
        page,
        '#manual-reason',
        'n’est encore attribué à aucun domaine SMART Remote Management',
      );
      await waitForText(page, '#manual-reason', 'revendiquez la clé dans SMART Admin Portal');
      await waitForText(page, '#manual-reason', '«\u00a0Numéro du code PIN\u00a0»');
      await waitForText(page, 'label[for="manual-domain"]', 'Nom de domaine');
      await page.locator('#manual-domain').fill('Demo.School');
      await page.locator('#manual-domain').press('Enter');
      await waitForText(page, '#form-smart-domain-error', 'lettres minuscules et chiffres uniquement');
      expect(oobe.agent.calls.manualEnroll).toBeUndefined();
    } finally {
      await oobe.close();
    }
  });
});

describe('the language switcher of the first screen', () => {
  it('re-words the screen and the open overlay at once, and records a person’s choice', async () => {
    const chosen: Locale[] = [];
    const locale = createLocaleSetting({ onChoose: (l) => chosen.push(l) });
    const oobe = await openOobe(
      browser,
      { ...happyScript(), registerDevice: [{ error: { code: 'missing-licenses', httpStatus: 402 } }] },
      { locale },
    );
    const { page } = oobe;
    try {
      await waitForScreen(page, 'error');
      await waitForText(page, '#error-message', WORDS.en.errorMessage);
      await page.locator('#locale-switch').selectOption('fr');
      await waitForText(page, '#error-message', WORDS.fr.errorMessage);
      await waitForText(page, '#retry', WORDS.fr.retry);
      await waitForText(page, '#locale-label', 'Langue');
      expect(await page.locator('html').getAttribute('lang')).toBe('fr');
      expect(chosen).toEqual(['fr']);

      await page.keyboard.press('Alt+KeyV');
      await waitFor(page, '#diagnostics[data-loaded="true"]', 'the loaded overlay');
      await waitForText(page, '#diag-title', WORDS.fr.diagTitle);
      // Another UI (the terminal's `l`) switches back: the open overlay follows.
      locale.choose('en');
      await waitForText(page, '#diag-title', WORDS.en.diagTitle);
      await waitForText(page, '#diag-eligible', 'yes');
      await waitForText(page, '#diag-error-advice', WORDS.en.adviceOf402);
    } finally {
      await oobe.close();
    }
  });

  it('refuses a language it has no catalog for', async () => {
    const oobe = await openOobe(browser, happyScript());
    try {
      const status = await oobe.page.evaluate(async () => {
        const r = await fetch('/api/locale', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ locale: 'de' }),
        });
        return r.status;
      });
      expect(status).toBe(400);
    } finally {
      await oobe.close();
    }
  });
});
