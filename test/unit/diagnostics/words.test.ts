// The words a person reads for each code: the seed's advice for DM codes, ours for the others, and
// the manual screen's reason for every ManualReason.

import { describe, expect, it } from 'vitest';
import { adviceText, explainError, manualReasonText } from '../../../agent/diagnostics/index.ts';
import { adviceFor, DM_ERROR_CODES } from '../../../agent/dm-client/index.ts';
import type { ManualReason } from '../../../agent/machine/types.ts';
import { eligibleIdentity } from '../../helpers/machine/index.ts';

describe('explainError', () => {
  it.each([...DM_ERROR_CODES, 'attestation-unavailable' as const])(
    'uses the DM client’s advice for %s',
    (code) => {
      const advice = adviceFor(code);
      expect(explainError(code)).toEqual({ message: advice.message, steps: advice.steps });
    },
  );

  it.each([
    'safeguard-timeout',
    'invalid-credentials',
    'smart-domain-not-activated',
    'smart-activation-pending',
    'smart-unknown-domain',
    'smart-display-conflict',
  ])('has its own words for %s', (code) => {
    const e = explainError(code, 'raw text');
    expect(e.message).not.toBe('raw text');
    expect(e.steps.length).toBeGreaterThan(0);
  });

  it('says the SMART key is claimed in Admin Portal and redeemed in SRM Billing, and to contact SMART support (seed 002)', () => {
    const e = explainError('smart-domain-not-activated');
    const text = [e.message, ...e.steps].join(' ');
    expect(e.message).toContain('not activated');
    expect(text).toMatch(/Billing, type the product key in the “Numéro du code PIN”/);
    expect(text).toMatch(/claim a product key in SMART Admin Portal/);
    expect(text).not.toMatch(/redeem[^.]*Admin Portal/i);
    expect(text).toContain('contact SMART support (smarttech.com/contactsupport)');
    expect(adviceText('smart-activation-pending')).toContain('registration@glbth.com');
  });

  it('keeps the clock check’s own sentence (it names the wrong time), with our steps', () => {
    const e = explainError('clock', 'The device clock says 1970-01-01T00:00:00.000Z, which cannot be right.');
    expect(e.message).toBe('The device clock says 1970-01-01T00:00:00.000Z, which cannot be right.');
    expect(e.steps[0]).toContain('date and time');
    expect(explainError('clock').message).toContain('date and time are wrong');
  });

  it('falls back to the error’s own message for a code it does not know', () => {
    expect(explainError('frobnicated', 'The frobnicator broke.').message).toBe('The frobnicator broke.');
    expect(explainError('frobnicated').message).toBe('Enrollment failed (frobnicated).');
  });

  it('joins the steps into one paragraph for the diagnostics', () => {
    expect(adviceText('missing-licenses')).toBe(adviceFor('missing-licenses').steps.join(' '));
  });
});

describe('manualReasonText', () => {
  const reasons: ManualReason[] = [
    'not-pre-provisioned',
    'enrollment-enforced',
    'zero-touch-disabled',
    'attestation-unavailable',
    'too-many-attempts',
    'smart-unassigned',
    'user-chose-manual',
  ];
  it.each(reasons)('words %s', (reason) => {
    const text = manualReasonText(reason, null);
    expect(text.length).toBeGreaterThan(20);
    expect(text).not.toContain(reason);
  });

  it('quotes the identity’s own sentence for an eligibility reason', () => {
    const identity = eligibleIdentity({
      eligible: false,
      reasons: [
        { code: 'made-before-cutoff', message: 'Made on 2019-01-01, before the 2020-06-01 cut-off.' },
      ],
    });
    expect(manualReasonText('made-before-cutoff', identity)).toBe(
      'This device cannot use zero-touch enrollment: Made on 2019-01-01, before the 2020-06-01 cut-off.',
    );
  });
});
