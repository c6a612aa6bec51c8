import { describe, expect, it } from 'vitest';
import {
  ALL_MODELS,
  CATALOG,
  normalizeModelName,
  SMART_DISPLAY_MODELS,
} from '../../../agent/catalog/index.ts';

describe('SMART Board displays (our list, not the seed)', () => {
  it('covers the MX (V2), MX (V3), 6000S and 7000R series', () => {
    const codes = SMART_DISPLAY_MODELS.flatMap((entry) => entry.variantCodes);
    for (const expected of [
      'SBID-MX065-V2',
      'SBID-MX075-V2',
      'SBID-MX086-V3',
      'SBID-6075S-V3',
      'SBID-7086R',
    ]) {
      expect(codes).toContain(expected);
    }
    const names = SMART_DISPLAY_MODELS.map((entry) => entry.name);
    expect(names).toEqual(expect.arrayContaining(['SMART Board MX (V2)', 'SMART Board MX (V3)']));
    expect(names.some((name) => name.includes('6000S'))).toBe(true);
    expect(names.some((name) => name.includes('7000R'))).toBe(true);
  });

  it('are SMART displays identified by their RS-232 serial, with no cut-off', () => {
    for (const entry of SMART_DISPLAY_MODELS) {
      expect(entry).toMatchObject({
        manufacturer: 'SMART Technologies',
        deviceClass: 'smart-display',
        idKind: 'smart-serial',
        eligibleFrom: null,
        footnotes: [],
      });
      expect(entry.variantCodes.length).toBeGreaterThan(0);
    }
  });

  it('use upper-case SMART model numbers in 55/65/75/86-inch sizes', () => {
    for (const code of SMART_DISPLAY_MODELS.flatMap((entry) => entry.variantCodes)) {
      expect(code).toMatch(/^SBID-(?:MX0|6[02]|7[02])(?:55|65|75|86)(?:S)?(?:R)?(?:-V[23])?$/u);
    }
  });

  it('come after the seed rows in ALL_MODELS, and collide with none of them', () => {
    expect(ALL_MODELS).toEqual([...CATALOG, ...SMART_DISPLAY_MODELS]);
    const keys = ALL_MODELS.map((entry) => normalizeModelName(entry.name));
    expect(new Set(keys).size).toBe(keys.length);
    const codes = ALL_MODELS.flatMap((entry) => entry.variantCodes);
    const smartCodes = SMART_DISPLAY_MODELS.flatMap((entry) => entry.variantCodes);
    for (const code of smartCodes) expect(codes.filter((other) => other === code)).toHaveLength(1);
  });
});
