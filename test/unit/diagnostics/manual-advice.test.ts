// The manual screen's next steps (seed 000, troubleshooting): an ineligible device gets "press Alt+V
// during the initial setup, then contact support"; a device not pre-provisioned gets "check with the
// partner". Tests compare advice codes; the texts live in agent/diagnostics/words.ts only.

import { describe, expect, it } from 'vitest';
import { manualAdvice } from '../../../agent/diagnostics/index.ts';
import type { ReasonCode } from '../../../agent/identity/reasons.ts';
import type { ManualReason } from '../../../agent/machine/types.ts';

const IDENTITY_REASONS: ReasonCode[] = [
  'model-not-listed',
  'made-before-cutoff',
  'manufacture-date-unknown',
  'serial-incomplete',
  'missing-serial',
  'invalid-identifier',
  'missing-attested-device-id',
  'identity-mismatch',
];

describe('manualAdvice', () => {
  it.each(IDENTITY_REASONS)('an ineligible device (%s): Alt+V first, then support', (reason) => {
    const advice = manualAdvice(reason);
    expect(advice?.code).toBe('check-eligibility-alt-v');
    expect(advice?.steps).toHaveLength(2);
    expect(advice?.steps[0]).toMatch(/Alt\+V/);
    expect(advice?.steps[1]).toMatch(/support/i);
  });

  it('a device not pre-provisioned: check with the partner', () => {
    expect(manualAdvice('not-pre-provisioned')?.code).toBe('check-with-partner');
  });

  it.each<ManualReason>([
    'enrollment-enforced',
    'zero-touch-disabled',
    'too-many-attempts',
    'smart-unassigned',
    'user-chose-manual',
  ])('has no seed advice for %s', (reason) => {
    expect(manualAdvice(reason)).toBeNull();
  });

  it('has none before a reason is known', () => {
    expect(manualAdvice(null)).toBeNull();
  });
});
