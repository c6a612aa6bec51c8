// ChromeOS's `ZTE✓`: "this device can be zero-touch enrolled" — the certified device ID is valid AND
// the model is listed AND it was made on or after the cut-off (issue 13). Each failing condition clears it.

import { describe, expect, it } from 'vitest';
import { isZteReady } from '../../../agent/diagnostics/index.ts';
import type { ReasonCode } from '../../../agent/identity/reasons.ts';
import { identifyDescribed } from '../../helpers/identity.ts';
import { eligibleIdentity } from '../../helpers/machine/index.ts';

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

  it.each<ReasonCode>([
    'serial-incomplete',
    'missing-serial',
    'invalid-identifier',
    'missing-attested-device-id',
    'identity-mismatch',
  ])('is false when the identifier itself is wrong: %s', (code) => {
    expect(isZteReady(withReason(code))).toBe(false);
  });

  it.each<ReasonCode>(['model-not-listed', 'made-before-cutoff', 'manufacture-date-unknown'])(
    'is false when the model or the date fails, even with a valid certified device ID: %s',
    (code) => {
      const identity = withReason(code);
      expect(identity.certifiedDeviceId).not.toBeNull();
      expect(isZteReady(identity)).toBe(false);
    },
  );

  it('is false for an unlisted model even when no reason was recorded', () => {
    expect(isZteReady(eligibleIdentity({ model: null }))).toBe(false);
  });

  it('real identity, model not listed: valid serial, no ZTE✓', async () => {
    const report = await identifyDescribed({
      vpd: { model_name: 'Chromebook Imaginary 9000', serial_number: 'NX1234567890', mfg_date: '2023-01-01' },
    });
    expect(report.reasons.map((r) => r.code)).toEqual(['model-not-listed']);
    expect(isZteReady(report)).toBe(false);
  });

  it('real identity, made before the cut-off: certified ID derived, no ZTE✓', async () => {
    const report = await identifyDescribed({
      vpd: { model_name: 'Samsung Chromebook 4', serial_number: 'R1234567890ABCD', mfg_date: '2021-06-01' },
    });
    expect(report.certifiedDeviceId).toBe('R1234567890ABCD');
    expect(report.reasons.map((r) => r.code)).toEqual(['made-before-cutoff']);
    expect(isZteReady(report)).toBe(false);
  });

  it('real identity, listed, after the cut-off, valid ID: ZTE✓', async () => {
    const report = await identifyDescribed({
      vpd: { model_name: 'Samsung Chromebook 4', serial_number: 'R1234567890ABCD', mfg_date: '2022-03-01' },
    });
    expect(isZteReady(report)).toBe(true);
  });

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
