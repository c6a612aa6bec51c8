// The screen model in both locales: the same screens, the same codes, the words of each catalog.

import { describe, expect, it } from 'vitest';
import type { Locale } from '../../../agent/i18n/index.ts';
import { reason } from '../../../agent/identity/reasons.ts';
import { parseManualRequest, screenModelOf } from '../../../agent/ui/web/index.ts';
import {
  eligibleIdentity,
  happyScript,
  NOT_IN_SET,
  type Script,
  startMachine,
} from '../../helpers/machine/index.ts';

async function modelAt(script: Script, state: string, locale: Locale) {
  const agent = startMachine(script);
  await agent.reach(state);
  const model = screenModelOf(agent.view.actor.getSnapshot(), locale);
  agent.stop();
  return model;
}

const SAMSUNG = 'Samsung Chromebook 4';
const ineligible = eligibleIdentity({
  manufacturer: 'Samsung',
  model: SAMSUNG,
  serialNumber: 'R8AN1234567890ABC',
  certifiedDeviceId: null,
  eligible: false,
  reasons: [reason('serial-incomplete', 'reason.samsungLength', { length: 16 })],
});

describe('screenModelOf in English and French', () => {
  it.each<[Locale, string, string]>([
    [
      'en',
      'Getting this device ready',
      'Asking the enrollment server whether this device is pre-provisioned…',
    ],
    [
      'fr',
      'Préparation de cet appareil',
      'Interrogation du serveur d’inscription\u00a0: cet appareil est-il pré-provisionné\u00a0?',
    ],
  ])('%s: checking', async (locale, title, message) => {
    const model = await modelAt(
      { ...happyScript(), fetchEnrollmentState: [{ hold: true }] },
      'automatic.determining',
      locale,
    );
    expect(model).toMatchObject({ locale, screen: 'checking', title, message });
  });

  it.each<[Locale, RegExp, string]>([
    ['en', /Trying again in \d+ s \(attempt 1\)/, 'Last error: '],
    ['fr', /Nouvel essai dans \d+ s \(tentative 1\)/, 'Dernière erreur\u00a0: '],
  ])('%s: backoff says when it tries again, and the last error', async (locale, again, note) => {
    const model = await modelAt(
      { ...happyScript(), fetchEnrollmentState: [{ error: { code: 'network' } }] },
      'automatic.backoff',
      locale,
    );
    expect(model.message).toMatch(again);
    expect(model.retryNote).toContain(note);
    expect(model.retryNote).toContain('(network)');
  });

  it.each<[Locale, string, string, string]>([
    [
      'en',
      'Enrollment failed',
      'The organisation does not have enough Chrome Enterprise Upgrade licences to enroll this device.',
      'Contact your reseller to buy more Chrome Enterprise Upgrade licences.',
    ],
    [
      'fr',
      'Échec de l’inscription',
      'L’organisation n’a pas assez de licences Chrome Enterprise Upgrade pour inscrire cet appareil.',
      'Contactez votre revendeur pour acheter d’autres licences Chrome Enterprise Upgrade.',
    ],
  ])('%s: error screen with the code and the seed’s advice', async (locale, title, message, firstStep) => {
    const model = await modelAt(
      { ...happyScript(), registerDevice: [{ error: { code: 'missing-licenses' } }] },
      'error',
      locale,
    );
    expect(model).toMatchObject({ title, message, error: { code: 'missing-licenses', message } });
    expect(model.error?.steps[0]).toBe(firstStep);
  });

  it.each<[Locale, string, string, string]>([
    [
      'en',
      "This device cannot use zero-touch enrollment: This Samsung Chromebook's serial number has 16 characters",
      'Press Alt+V during the initial setup',
      'Contact support for help.',
    ],
    [
      'fr',
      'Cet appareil ne peut pas utiliser l’inscription sans contact\u00a0: Le numéro de série de ce Chromebook Samsung compte 16 caractères',
      'en appuyant sur Alt+V lors de sa configuration initiale',
      'Contactez le service d’assistance pour obtenir de l’aide.',
    ],
  ])(
    '%s: manual screen of an ineligible device: the reason, then Alt+V and support',
    async (locale, why, altV, support) => {
      const model = await modelAt(
        { ...happyScript(), readIdentity: [{ ok: ineligible }] },
        'manual.waiting',
        locale,
      );
      expect(model.manual?.reasonText.startsWith(why)).toBe(true);
      expect(model.manual?.advice?.code).toBe('check-eligibility-alt-v');
      expect(model.manual?.advice?.steps[0]).toContain(altV);
      expect(model.manual?.advice?.steps[1]).toBe(support);
      // The model name from the French table stays as it is, in the header of either language.
      expect(model.deviceLine.startsWith(`${SAMSUNG} · `)).toBe(true);
    },
  );

  it.each<[Locale, string, string]>([
    ['en', 'This device is managed by demo.example', 'Organisational unit: /'],
    ['fr', 'Cet appareil est géré par demo.example', 'Unité organisationnelle\u00a0: /'],
  ])('%s: enrolled', async (locale, message, orgUnit) => {
    const model = await modelAt(happyScript(), 'managed.idle', locale);
    expect(model.message).toBe(message);
    expect(model.orgUnitText).toBe(orgUnit);
    expect(model.documentTitle).toContain(model.title);
  });

  it('manual, not pre-provisioned: the partner step in the seed’s French', async () => {
    const model = await modelAt(
      { ...happyScript(), fetchEnrollmentState: [{ ok: NOT_IN_SET }] },
      'manual.waiting',
      'fr',
    );
    expect(model.manual?.advice?.steps[0]).toBe(
      'Contactez votre partenaire de pré-provisionnement pour vous assurer qu’il a correctement renseigné le jeton, le domaine et l’appareil.',
    );
  });
});

describe('parseManualRequest in the screens’ locale', () => {
  it('words a refusal in French with the same code', () => {
    const en = parseManualRequest({ method: 'credentials', email: 'boss@gmail.com', password: 'x' });
    const fr = parseManualRequest({ method: 'credentials', email: 'boss@gmail.com', password: 'x' }, 'fr');
    expect(en).toMatchObject({ ok: false, code: 'gmail-admin-account', field: 'email' });
    expect(fr).toMatchObject({ ok: false, code: 'gmail-admin-account', field: 'email' });
    expect(!en.ok && en.message).toContain('cannot enroll devices');
    expect(!fr.ok && fr.message).toContain('ne se terminant pas par "@gmail.com"');
  });
});
