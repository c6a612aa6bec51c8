import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ALL_MODELS, CATALOG, findByModelName, normalizeModelName } from '../../../agent/catalog/index.ts';

describe('normalizeModelName', () => {
  it('lower-cases and removes every whitespace character', () => {
    expect(normalizeModelName('  Chromebook ASUS\tCX1 (CX1500CNA)\n')).toBe('chromebookasuscx1(cx1500cna)');
    expect(normalizeModelName('Chromebook\u00a0Acer  311')).toBe('chromebookacer311');
  });

  it('folds accents and Unicode forms', () => {
    const composed = 'Chromebook Lenovo 14e 3e génération';
    expect(normalizeModelName(composed)).toBe('chromebooklenovo14e3egeneration');
    expect(normalizeModelName(composed.normalize('NFD'))).toBe(normalizeModelName(composed));
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(
        fc.string(),
        (text) => normalizeModelName(normalizeModelName(text)) === normalizeModelName(text),
      ),
    );
  });
});

describe('findByModelName', () => {
  it('finds every listed name exactly as written', () => {
    for (const entry of ALL_MODELS) {
      expect(findByModelName(entry.name)).toEqual({ entry, listedName: entry.name });
    }
  });

  it('ignores case and spacing', () => {
    const match = findByModelName('chromebook  asus cx1(CX1500CNA)');
    expect(match?.listedName).toBe('Chromebook ASUS CX1 (CX1500CNA)');
    expect(findByModelName('CHROMEBOOK PLUS ACER 515 (CB515-2H/CB515-2HT)')?.listedName).toBe(
      'Chromebook Plus Acer 515 (CB515-2H/ CB515-2HT)',
    );
    expect(findByModelName('Chromebook Lenovo 100e 3e generation (AMD 11 pouces)')?.listedName).toBe(
      'Chromebook Lenovo 100e 3e génération (AMD 11 pouces)',
    );
  });

  it('finds any row whatever the case and the spaces around its words', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...CATALOG),
        fc.array(fc.constantFrom('', ' ', '  ', '\t'), { minLength: 1, maxLength: 64 }),
        fc.boolean(),
        (entry, spaces, upper) => {
          const chars = [...entry.name.replace(/ /gu, '')];
          const respaced = chars.map((char, i) => char + (spaces[i % spaces.length] ?? '')).join('');
          const spelled = upper ? respaced.toUpperCase() : respaced.toLowerCase();
          expect(findByModelName(spelled)?.entry).toBe(entry);
        },
      ),
    );
  });

  it('resolves aliases to the listed name', () => {
    const match = findByModelName('Chromebook Lenovo 100e 2e génération MTK');
    expect(match?.listedName).toBe('Chromebook Lenovo 100e 2e génération MTK 2');
    expect(match?.entry.name).toBe('Chromebook Lenovo 100e 2e génération MTK 2');
  });

  it('resolves the derived (15w) name to the 14e Gen 3 row', () => {
    const match = findByModelName('Chromebook Lenovo 14e 3e génération (15W)');
    expect(match?.entry.name).toBe('Chromebook Lenovo 14e 3e génération');
    expect(match?.listedName).toBe('Chromebook Lenovo 14e 3e génération (15w)');
    expect(findByModelName('Chromebook Lenovo 14e 3e génération')?.listedName).toBe(
      'Chromebook Lenovo 14e 3e génération',
    );
  });

  it('does not strip footnote markers from what the device says, nor match partially', () => {
    expect(findByModelName('Samsung Chromebook 42')).toBeNull();
    expect(findByModelName('Samsung Chromebook 4')?.entry.footnotes).toEqual([2]);
    expect(findByModelName('Chromebook Acer 311')).toBeNull();
    expect(findByModelName('Chromebook Acer 311 (C733/C733U/C733T) extra')).toBeNull();
    expect(findByModelName('')).toBeNull();
    expect(findByModelName('   ')).toBeNull();
  });

  it('tells the Samsung Galaxy names apart', () => {
    expect(findByModelName('Chromebook Samsung Galaxy')?.entry.eligibleFrom).toBe('2021-12-20');
    expect(findByModelName('Chromebook Samsung Galaxy 2 360')?.entry.eligibleFrom).toBeNull();
    expect(findByModelName('Chromebook Samsung Galaxy Go')?.entry.eligibleFrom).toBe('2022-02-15');
  });
});
