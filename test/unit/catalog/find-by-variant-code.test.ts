import { describe, expect, it } from 'vitest';
import { ALL_MODELS, findByVariantCode } from '../../../agent/catalog/index.ts';

const ACER_311 = 'Chromebook Acer 311 (C733/C733U/C733T)';
const ACER_511 = 'Chromebook Acer 511 (C733-R/C733T-R/C734/C734T)';

describe('findByVariantCode', () => {
  it('finds a listed code in the VPD model name, product_sku or product_name', () => {
    expect(findByVariantCode(['C733U'])).toMatchObject({ listedName: ACER_311, matchedCode: 'C733U' });
    expect(findByVariantCode(['', 'sku-unknown', 'Acer Chromebook C733U (Intel)'])?.listedName).toBe(
      ACER_311,
    );
    expect(findByVariantCode(['nothing', 'Chromebook 311 C733T'])?.matchedCode).toBe('C733T');
  });

  it('is case-insensitive and returns the listed spelling of the code', () => {
    expect(findByVariantCode(['acer c733t-r'])).toMatchObject({
      listedName: ACER_511,
      matchedCode: 'C733T-R',
    });
  });

  it('tells C733 from C733-R: the longest code wins', () => {
    expect(findByVariantCode(['C733-R'])).toMatchObject({ listedName: ACER_511, matchedCode: 'C733-R' });
    expect(findByVariantCode(['C733'])).toMatchObject({ listedName: ACER_311, matchedCode: 'C733' });
    expect(findByVariantCode(['C733', 'C733-R'])?.matchedCode).toBe('C733-R');
  });

  it('needs a non-alphanumeric character (or nothing) on both sides of the code', () => {
    expect(findByVariantCode(['C733-C607'])).toMatchObject({ listedName: ACER_311, matchedCode: 'C733' });
    expect(findByVariantCode(['(C733)'])?.matchedCode).toBe('C733');
    expect(findByVariantCode(['XC733'])).toBeNull();
    expect(findByVariantCode(['C7330'])).toBeNull();
    expect(findByVariantCode(['C733X'])).toBeNull();
    expect(findByVariantCode(['éC733'])).toBeNull();
    // CX1400CKA must not also be read as the shorter CX1400 of "ASUS Flip CX1 (CX1400)".
    expect(findByVariantCode(['CX1400CKA'])?.listedName).toBe('Chromebook ASUS CX1 (CX1400CKA)');
    expect(findByVariantCode(['CX1400-FKA'])?.listedName).toBe('Chromebook ASUS Flip CX1 (CX1400)');
  });

  it('keeps scanning past an occurrence that fails the boundary test', () => {
    expect(findByVariantCode(['XC733 C733'])?.matchedCode).toBe('C733');
  });

  it('gives a code listed under several rows to the first row in seed order', () => {
    expect(findByVariantCode(['ASUS Vibe CX34 Flip CX3401'])?.listedName).toBe(
      'Chromebook ASUS CX34 Flip (CX3401)',
    );
  });

  it('matches the CB515-2H codes of the row with the odd space', () => {
    expect(findByVariantCode(['cb515-2ht'])?.listedName).toBe(
      'Chromebook Plus Acer 515 (CB515-2H/ CB515-2HT)',
    );
  });

  it('finds SMART displays from their lower-case RS-232 model number', () => {
    expect(findByVariantCode(['sbid-mx065-v2'])).toMatchObject({
      listedName: 'SMART Board MX (V2)',
      matchedCode: 'SBID-MX065-V2',
    });
    expect(findByVariantCode(['sbid-mx086-v3'])?.entry.deviceClass).toBe('smart-display');
  });

  it('returns null when nothing matches', () => {
    expect(findByVariantCode([])).toBeNull();
    expect(findByVariantCode(['', 'Google', 'Chromebook'])).toBeNull();
    expect(findByVariantCode(['AMD 11 pouces', 'Gen 7'])).toBeNull();
  });

  it('finds every listed code of every model, each on its own', () => {
    for (const entry of ALL_MODELS) {
      for (const code of entry.variantCodes) {
        const match = findByVariantCode([code.toLowerCase()]);
        expect(match?.matchedCode).toBe(code);
        // Only a code shared with an earlier row may point elsewhere.
        if (match?.entry !== entry) {
          expect(ALL_MODELS.indexOf(match?.entry ?? entry)).toBeLessThan(ALL_MODELS.indexOf(entry));
        }
      }
    }
  });
});
