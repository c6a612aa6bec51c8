// Advice for every code, faithful to seed 000's troubleshooting section where it applies.

import { describe, expect, it } from 'vitest';
import { adviceFor, DM_ERROR_CODES } from '../../../agent/dm-client/index.ts';

const ALL = [...DM_ERROR_CODES, 'attestation-unavailable' as const];
const text = (code: (typeof ALL)[number]) => adviceFor(code).steps.join(' ');

describe('adviceFor', () => {
  it.each(ALL)('%s has a message and at least one step', (code) => {
    const advice = adviceFor(code);
    expect(advice.code).toBe(code);
    expect(advice.message.length).toBeGreaterThan(10);
    expect(advice.steps.length).toBeGreaterThan(0);
  });

  it.each(ALL.filter((c) => c !== 'aborted'))('%s leaves the manual enrollment path open', (code) => {
    expect(text(code)).toMatch(/enroll the device manually/);
  });

  it('not pre-provisioned: check token, domain and device with the partner; Alt+V', () => {
    expect(adviceFor('device-not-found').message).toMatch(/not listed as pre-provisioned/);
    expect(text('device-not-found')).toMatch(/pre-provisioning partner.*token, the domain and the device/);
    expect(text('device-not-found')).toMatch(/Alt\+V/);
    expect(adviceFor('device-not-found').fromSeed).toBe(true);
  });

  it('licences: buy Chrome Enterprise Upgrade from the reseller; bundled device → the maker', () => {
    expect(text('missing-licenses')).toMatch(/reseller to buy more Chrome Enterprise Upgrade licences/);
    expect(text('missing-licenses')).toMatch(/bundled.*contact the device manufacturer/);
    expect(text('consumer-account-with-packaged-license')).toMatch(/contact the device manufacturer/);
  });

  it('not recognised as compatible: press Alt+V during setup', () => {
    expect(text('management-not-supported')).toMatch(/Alt\+V during the initial setup/);
    expect(text('invalid-serial-number')).toMatch(/Alt\+V/);
  });

  it('retryable failures say the device retries by itself', () => {
    for (const code of ['network', 'timeout', 'temporarily-unavailable', 'too-many-requests'] as const) {
      expect(text(code)).toMatch(/retries by itself/);
    }
  });
});
