// Every code a screen can show has words of its own in both catalogs (never the generic
// "Enrollment failed (<code>)"), and the French words are not the English ones.

import { describe, expect, it } from 'vitest';
import { explainError, manualAdvice, manualReasonText } from '../../../agent/diagnostics/index.ts';
import { adviceFor, DM_ERROR_CODES } from '../../../agent/dm-client/index.ts';
import { LOCALES, translate } from '../../../agent/i18n/index.ts';
import type { ManualReason } from '../../../agent/machine/types.ts';
import type { EnrollmentHttpErrorCode } from '../../../agent/runtime/enrollment-http.ts';

/** Manual enrollment and SMART Remote Management codes (runtime/enrollment-http.ts), TLS ones aside. */
const ENROLLMENT_HTTP_CODES = [
  'network',
  'timeout',
  'aborted',
  'invalid-response',
  'invalid-credentials',
  'gmail-admin-account',
  'smart-domain-not-activated',
  'smart-activation-pending',
  'smart-unknown-domain',
  'smart-display-conflict',
  'temporarily-unavailable',
  'request-rejected',
] as const satisfies readonly EnrollmentHttpErrorCode[];

/** The agent's own codes on the error screen. */
const AGENT_CODES = [
  'clock',
  'safeguard-timeout',
  'state-write-failed',
  'internal',
  'attestation-unavailable',
];

const ALL_CODES = [...new Set<string>([...DM_ERROR_CODES, ...ENROLLMENT_HTTP_CODES, ...AGENT_CODES])];

const MANUAL_REASONS = [
  'model-not-listed',
  'made-before-cutoff',
  'manufacture-date-unknown',
  'serial-incomplete',
  'missing-serial',
  'invalid-identifier',
  'missing-attested-device-id',
  'identity-mismatch',
  'not-pre-provisioned',
  'enrollment-enforced',
  'token-enrollment-enforced',
  'zero-touch-disabled',
  'attestation-unavailable',
  'too-many-attempts',
  'smart-unassigned',
  'user-chose-manual',
] as const satisfies readonly ManualReason[];
// Compile-time proof the list is complete: a new manual reason without words fails the type check.
type MissingReason = Exclude<ManualReason, (typeof MANUAL_REASONS)[number]>;
const reasonsComplete: MissingReason extends never ? true : never = true;
void reasonsComplete;

describe('words for every code', () => {
  it.each(ALL_CODES)('%s: its own sentence and steps, in English and in French', (code) => {
    const [en, fr] = LOCALES.map((locale) => explainError(code, '', locale));
    for (const [i, e] of [en, fr].entries()) {
      const locale = LOCALES[i] ?? 'en';
      expect(e?.message).not.toBe(translate(locale, 'explain.unknown', { code }));
      expect(e?.steps.length).toBeGreaterThan(0);
    }
    expect(fr?.message).not.toBe(en?.message);
    expect(fr?.steps).not.toEqual(en?.steps);
  });

  it('a code without words: the error’s own English sentence in English, the generic French one in French', () => {
    expect(explainError('frobnicated', 'The frobnicator broke.', 'en').message).toBe(
      'The frobnicator broke.',
    );
    expect(explainError('frobnicated', 'The frobnicator broke.', 'fr').message).toBe(
      'Échec de l’inscription (frobnicated).',
    );
  });

  it('advice keeps its fromSeed flag and step count across locales', () => {
    for (const code of DM_ERROR_CODES) {
      const en = adviceFor(code, 'en');
      const fr = adviceFor(code, 'fr');
      expect(fr.fromSeed).toBe(en.fromSeed);
      expect(fr.steps).toHaveLength(en.steps.length);
    }
  });
});

describe('words for every manual-screen reason', () => {
  it.each(MANUAL_REASONS)('%s', (reason) => {
    const en = manualReasonText(reason, null, 'en');
    const fr = manualReasonText(reason, null, 'fr');
    expect(fr).not.toBe(en);
    expect(fr.length).toBeGreaterThan(0);
    const advice = [manualAdvice(reason, 'en'), manualAdvice(reason, 'fr')];
    expect(advice[1]?.code).toBe(advice[0]?.code);
    expect(advice[1]?.steps.length).toBe(advice[0]?.steps.length);
  });
});
