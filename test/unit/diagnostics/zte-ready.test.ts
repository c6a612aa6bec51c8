// ChromeOS's `ZTE✓`: shown when the certified device ID is present and valid — and only then. It is
// about the identifier, not the model or the date (those are eligibility reasons of their own).

import { describe, expect, it } from 'vitest';
import { isZteReady } from '../../../agent/diagnostics/index.ts';
import type { ReasonCode } from '../../../agent/identity/reasons.ts';
import { identifyDescribed } from '../../helpers/identity.ts';
import { eligibleIdentity } from '../../helpers/machine-harness.ts';

const withReason = (code: ReasonCode) =>
  eligibleIdentity({ eligible: false, reasons: [{ code, message: `because ${code}` }] });

describe('isZteReady', () => {
  it('is true for a present, valid certified device ID', () => {
    expect(isZteReady(eligibleIdentity())).toBe(true);
  });

  it('is false before the identity is read, or without a certified device ID', () => {
    expect(isZteReady(null)).toBe(false);
    expect(isZteReady(eligibleIdentity({ certifiedDeviceId: null }))).toBe(false);
  });

  it.each<ReasonCode>(['serial-incomplete', 'missing-serial', 'invalid-identifier', 'missing-attested-device-id', 'identity-mismatch'])(
    'is false when the identifier itself is wrong: %s',
    (code) => {
      expect(isZteReady(withReason(code))).toBe(false);
    },
  );

  it.each<ReasonCode>(['model-not-listed', 'made-before-cutoff', 'manufacture-date-unknown'])(
    'stays true when only the model or the date fails: %s',
    (code) => {
      expect(isZteReady(withReason(code))).toBe(true);
    },
  );

  it('follows the real identity rules: a Samsung with a 14-character serial is not ZTE-ready', async () => {
    const serial = 'R8AN12345678AB';
    const report = await identifyDescribed({
      dmi: { sys_vendor: 'Samsung', product_name: 'Samsung Chromebook 4', product_serial: serial },
      vpd: { model_name: 'Samsung Chromebook 4', serial_number: serial, mfg_date: '2021-06-01' },
    });
    expect(report.reasons.map((r) => r.code)).toContain('serial-incomplete');
    expect(isZteReady(report)).toBe(false);
  });
});
