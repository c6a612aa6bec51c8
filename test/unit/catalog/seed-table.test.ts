// The seed-table reader that generated rows.ts, and rows.ts checked against the seed itself.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATALOG_ROWS } from '../../../agent/catalog/rows.ts';
import {
  parseRow,
  parseSeedTable,
  tableRowTexts,
  variantCodesOf,
} from '../../../agent/catalog/seed-table.ts';

const HEADER = "Fabricant et modèle de l'appareil Date de fabrication ID de l'appareil certifié";
const SEED = resolve(import.meta.dirname, '../../../../shared/seeds/000_adc83cf1cb27a9c2.txt');

describe('seed table reader', () => {
  it('joins rows split over several lines and stops at the footnotes', () => {
    const text = [
      'Intro',
      HEADER,
      'Chromebook Acer 314 (C933) À partir du 1er mars 2021 Numéro de série',
      '',
      'Chromebook Acer Vero 514 (CBV514-1H/CBV514-1HT)',
      '',
      'Tous les appareils sont compatibles Numéro de série',
      'Chromebox Lenovo ThinkCentre M60q3 Tous les appareils sont compatibles',
      '',
      'Origine KS :',
      '1S + C1KS + adresse MAC',
      '',
      'Origine VN :',
      '1S + C1VM + adresse MAC',
      '',
      'Remarques pour les partenaires de pré-provisionnement :',
      '1 Les Chromebooks … Numéro de série',
    ].join('\n');
    expect(tableRowTexts(text)).toEqual([
      'Chromebook Acer 314 (C933) À partir du 1er mars 2021 Numéro de série',
      'Chromebook Acer Vero 514 (CBV514-1H/CBV514-1HT) Tous les appareils sont compatibles Numéro de série',
      'Chromebox Lenovo ThinkCentre M60q3 Tous les appareils sont compatibles Origine KS : 1S + C1KS + adresse MAC Origine VN : 1S + C1VM + adresse MAC',
    ]);
    expect(parseSeedTable(text).map((entry) => entry.idKind)).toEqual([
      'serial-number',
      'serial-number',
      'lenovo-1s-origin-mac',
    ]);
  });

  it('refuses a table without its header or with an unfinished row', () => {
    expect(() => tableRowTexts('nothing here')).toThrow();
    expect(() => tableRowTexts(`${HEADER}\nChromebook Acer 314 (C933)`)).toThrow();
  });

  it('tells the date column from model numbers at the end of the name', () => {
    expect(
      parseRow('Chromebook Dell 3100 2 en 1 À partir du 26 mai 2021 Étiquette de service'),
    ).toMatchObject({
      name: 'Chromebook Dell 3100 2 en 1',
      eligibleFrom: '2021-05-26',
      idKind: 'service-tag',
    });
    expect(parseRow('Chromebook Plus ASUS CX34 (CX3402CBA) Octobre 2023 Numéro de série')).toMatchObject({
      name: 'Chromebook Plus ASUS CX34 (CX3402CBA)',
      eligibleFrom: '2023-10-01',
    });
    expect(
      parseRow("Chromebook ASUS C424MA Tous les appareils sont compatibles ID d'appareil certifié ASUS"),
    ).toMatchObject({ name: 'Chromebook ASUS C424MA', eligibleFrom: null, idKind: 'asus-certified-id' });
  });

  it('prefers "1S + MTM + numéro de série" over the plain serial-number kind', () => {
    expect(
      parseRow('Chromebook Lenovo C570-14 Tous les appareils sont compatibles 1S + MTM + numéro de série')
        .idKind,
    ).toBe('lenovo-1s-mtm-serial');
  });

  it('removes only the listed footnote markers', () => {
    expect(parseRow('Samsung Chromebook 4+2 À partir du 22 décembre 2021 Numéro de série')).toMatchObject({
      name: 'Samsung Chromebook 4+',
      footnotes: [2],
    });
    expect(
      parseRow('Chromebook Samsung Galaxy 2 360 Tous les appareils sont compatibles Numéro de série'),
    ).toMatchObject({
      name: 'Chromebook Samsung Galaxy 2 360',
      footnotes: [],
    });
  });

  it('keeps only model-code-looking tokens from parentheses', () => {
    expect(variantCodesOf('X (c733/C733U , c733t)')).toEqual(['C733', 'C733U', 'C733T']);
    expect(variantCodesOf('X (15 pouces, Gen 7)')).toEqual([]);
    expect(variantCodesOf('X (AMD 11 pouces)')).toEqual([]);
    expect(variantCodesOf('X (15w)')).toEqual(['15W']);
    expect(variantCodesOf('X (ABC/123)')).toEqual([]);
    expect(variantCodesOf('X Y1/Y2')).toEqual([]);
  });
});

describe.skipIf(!existsSync(SEED))('rows.ts against seed 000 (../shared/seeds)', () => {
  it('is exactly what the seed table says', () => {
    expect(parseSeedTable(readFileSync(SEED, 'utf8'))).toEqual(CATALOG_ROWS);
  });
});
