import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_LENGTH, normalizeValue } from '../../../hal/normalize.ts';

const PRINTABLE = /^[\x21-\x7E ]*$/;

/** Mostly-printable bytes with padding around them, so that the accepting branch is exercised too. */
const nearlyValid = fc
  .tuple(
    fc.constantFrom('', ' ', '\t', '\n', '\0\0', '\r\n'),
    fc.string({ unit: fc.constantFrom(...'AB09 -_./~'), maxLength: 300 }),
    fc.constantFrom('', ' ', '\n', '\0\0\0', ' \r\n'),
  )
  .map(([a, b, c]) => new Uint8Array(Buffer.from(a + b + c, 'latin1')));

const anyBytes = fc.oneof(fc.uint8Array({ maxLength: 4096 }), nearlyValid);
const anyLimit = fc.option(fc.integer({ min: -2, max: 600 }), { nil: undefined });

describe('normalizeValue properties', () => {
  it('never throws and returns a value or a problem, never both', () => {
    fc.assert(
      fc.property(anyBytes, anyLimit, (bytes, maxLength) => {
        const result = normalizeValue(bytes, { maxLength });
        expect((result.value === null) !== (result.problem === undefined)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('never throws on arbitrary strings (lone surrogates included)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 600 }), (s) => {
        const result = normalizeValue(s);
        // A string normalises exactly as its UTF-8 bytes do.
        expect(result).toEqual(normalizeValue(Buffer.from(s, 'utf8')));
      }),
    );
  });

  it('returns values that are trimmed, within the cap and printable ASCII only', () => {
    fc.assert(
      fc.property(anyBytes, anyLimit, (bytes, maxLength) => {
        const { value } = normalizeValue(bytes, { maxLength });
        if (value === null) return;
        const cap = maxLength !== undefined && maxLength >= 0 ? maxLength : DEFAULT_MAX_LENGTH;
        expect(value.length).toBeGreaterThan(0);
        expect(value.length).toBeLessThanOrEqual(cap);
        expect(value).toMatch(PRINTABLE);
        expect(value).toBe(value.trim());
      }),
      { numRuns: 500 },
    );
  });

  it('is idempotent: a normalised value normalises to itself', () => {
    fc.assert(
      fc.property(anyBytes, anyLimit, (bytes, maxLength) => {
        const first = normalizeValue(bytes, { maxLength });
        if (first.value === null) return;
        expect(normalizeValue(first.value, { maxLength })).toEqual({ value: first.value });
      }),
      { numRuns: 500 },
    );
  });

  it('accepts at least some generated inputs (the properties above are not vacuous)', () => {
    const samples = fc.sample(nearlyValid, { numRuns: 200, seed: 42 });
    expect(samples.filter((b) => normalizeValue(b).value !== null).length).toBeGreaterThan(50);
  });
});
