import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseEligibleFrom, parseFrenchDate } from '../../../agent/catalog/french-date.ts';

const MONTHS = [
  'janvier',
  'février',
  'mars',
  'avril',
  'mai',
  'juin',
  'juillet',
  'août',
  'septembre',
  'octobre',
  'novembre',
  'décembre',
] as const;

describe('parseFrenchDate', () => {
  it.each([
    ['À partir du 1er janvier 2021', '2021-01-01'],
    ['À partir du 11 décembre 2020', '2020-12-11'],
    ['À partir du 2 novembre 2020', '2020-11-02'],
    ['À partir du 15 février 2022', '2022-02-15'],
    ['À partir du 31 août 2021', '2021-08-31'],
    ['1er mars 2021', '2021-03-01'],
    ['Octobre 2023', '2023-10-01'],
    ['Avril 2024', '2024-04-01'],
  ])('%s → %s', (text, iso) => {
    expect(parseFrenchDate(text)).toBe(iso);
  });

  it('tolerates case, missing accents and extra spaces', () => {
    expect(parseFrenchDate('  à PARTIR du   20 decembre 2021 ')).toBe('2021-12-20');
    expect(parseFrenchDate('15 fevrier 2022')).toBe('2022-02-15');
    expect(parseFrenchDate('31 aout 2021')).toBe('2021-08-31');
  });

  it('accepts 29 February only in leap years', () => {
    expect(parseFrenchDate('29 février 2024')).toBe('2024-02-29');
    expect(parseFrenchDate('29 février 2023')).toBeNull();
  });

  it.each([
    ['31 avril 2021'],
    ['0 mai 2021'],
    ['32 janvier 2021'],
    ['1er brumaire 2021'],
    ['mars'],
    ['2021'],
    ['1er mars 2021 environ'],
    ['Tous les appareils sont compatibles'],
    [''],
  ])('rejects %j', (text) => {
    expect(parseFrenchDate(text)).toBeNull();
  });

  it('round-trips every valid day written the seed way', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('2000-01-01T00:00:00Z'),
          max: new Date('2099-12-31T00:00:00Z'),
          noInvalidDate: true,
        }),
        (date) => {
          const day = date.getUTCDate();
          const month = MONTHS[date.getUTCMonth()];
          const text = `À partir du ${day === 1 ? '1er' : day} ${month} ${date.getUTCFullYear()}`;
          expect(parseFrenchDate(text)).toBe(date.toISOString().slice(0, 10));
        },
      ),
    );
  });
});

describe('parseEligibleFrom', () => {
  it('means "no cut-off" for "Tous les appareils sont compatibles"', () => {
    expect(parseEligibleFrom('Tous les appareils sont compatibles')).toBeNull();
  });

  it('parses dates', () => {
    expect(parseEligibleFrom('À partir du 12 avril 2021')).toBe('2021-04-12');
  });

  it('throws on anything else instead of guessing', () => {
    expect(() => parseEligibleFrom('Bientôt')).toThrow(RangeError);
    expect(() => parseEligibleFrom('31 juin 2021')).toThrow(RangeError);
  });
});
