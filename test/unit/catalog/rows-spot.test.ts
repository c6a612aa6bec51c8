// Spot checks of the seed rows that are easy to get wrong.
import { describe, expect, it } from 'vitest';
import type { CatalogEntry } from '../../../agent/catalog/index.ts';
import { CATALOG_ROWS } from '../../../agent/catalog/rows.ts';

function row(name: string): CatalogEntry {
  const found = CATALOG_ROWS.find((entry) => entry.name === name);
  if (found === undefined) throw new Error(`no row named ${JSON.stringify(name)}`);
  return found;
}

describe('tricky seed rows', () => {
  it('keeps seed order from the first Chromebase to the last Zyrex', () => {
    expect(CATALOG_ROWS[0]?.name).toBe('Chromebase Acer CA24I2');
    expect(CATALOG_ROWS[2]?.name).toBe('Chromebook Acer 311 (C733/C733U/C733T)');
    expect(CATALOG_ROWS.at(-1)?.name).toBe('Chromebook Zyrex M432-2');
  });

  it('tells Acer 311 C733 from Acer 511 C733-R', () => {
    expect(row('Chromebook Acer 311 (C733/C733U/C733T)')).toMatchObject({
      variantCodes: ['C733', 'C733U', 'C733T'],
      eligibleFrom: '2021-01-01',
      idKind: 'serial-number',
    });
    expect(row('Chromebook Acer 511 (C733-R/C733T-R/C734/C734T)')).toMatchObject({
      variantCodes: ['C733-R', 'C733T-R', 'C734', 'C734T'],
      eligibleFrom: null,
    });
  });

  it('splits the Spin 514 codes on the comma as well as the slashes', () => {
    expect(row('Chromebook Acer Spin 514 (CP514-1H/CP514-1HH, CP514-1W/CP514-1WH)').variantCodes).toEqual([
      'CP514-1H',
      'CP514-1HH',
      'CP514-1W',
      'CP514-1WH',
    ]);
  });

  it('keeps the odd space of CB515-2H/ CB515-2HT in the name but not in the codes', () => {
    expect(row('Chromebook Plus Acer 515 (CB515-2H/ CB515-2HT)')).toMatchObject({
      manufacturer: 'Acer',
      variantCodes: ['CB515-2H', 'CB515-2HT'],
    });
  });

  it('joins the Acer Vero 514 row that the seed splits over three lines', () => {
    expect(row('Chromebook Acer Vero 514 (CBV514-1H/CBV514-1HT)')).toMatchObject({
      eligibleFrom: null,
      idKind: 'serial-number',
      variantCodes: ['CBV514-1H', 'CBV514-1HT'],
    });
  });

  it('dates both Chromebases from 1 March 2021 ("1er mars 2021" without "À partir du")', () => {
    for (const name of ['Chromebase Acer CA24I2', 'Chromebase Acer CA24V2']) {
      expect(row(name)).toMatchObject({
        deviceClass: 'chromebase',
        eligibleFrom: '2021-03-01',
        variantCodes: [],
      });
    }
  });

  it('reads the month-only dates of the ASUS CX34 Plus rows listed among the Acer rows', () => {
    expect(row('Chromebook Plus ASUS CX34 (CX3402CBA)')).toMatchObject({
      manufacturer: 'ASUS',
      eligibleFrom: '2023-10-01',
      idKind: 'serial-number',
      variantCodes: ['CX3402CBA'],
    });
    expect(row('Chromebook Plus ASUS CX34 (CX3402CVA)')).toMatchObject({
      manufacturer: 'ASUS',
      eligibleFrom: '2024-04-01',
    });
  });

  it('removes the Samsung footnote markers and keeps footnote 2 with the dates', () => {
    expect(row('Samsung Chromebook 4')).toMatchObject({ footnotes: [2], eligibleFrom: '2022-02-15' });
    expect(row('Samsung Chromebook 4+')).toMatchObject({ footnotes: [2], eligibleFrom: '2021-12-22' });
    expect(row('Chromebook Samsung Galaxy')).toMatchObject({ footnotes: [2], eligibleFrom: '2021-12-20' });
    expect(row('Chromebook Samsung Galaxy 2')).toMatchObject({ footnotes: [2], eligibleFrom: '2021-12-20' });
    expect(row('Chromebook Samsung Galaxy Go')).toMatchObject({ footnotes: [2], eligibleFrom: '2022-02-15' });
    expect(row('Chromebook Samsung Galaxy 2 360')).toMatchObject({ footnotes: [], eligibleFrom: null });
    expect(CATALOG_ROWS.filter((entry) => entry.manufacturer === 'Samsung')).toHaveLength(6);
  });

  it('gives the ThinkCentre M60q its origin-and-MAC ID kind and footnote 3', () => {
    expect(row('Chromebox Lenovo ThinkCentre M60q')).toEqual({
      name: 'Chromebox Lenovo ThinkCentre M60q',
      manufacturer: 'Lenovo',
      deviceClass: 'chromebox',
      variantCodes: [],
      eligibleFrom: null,
      idKind: 'lenovo-1s-origin-mac',
      footnotes: [3],
      aliases: [],
    });
  });

  it('joins the 14e 3e génération row and gives it footnote 4', () => {
    expect(row('Chromebook Lenovo 14e 3e génération')).toMatchObject({
      eligibleFrom: null,
      idKind: 'lenovo-1s-mtm-serial',
      footnotes: [4],
    });
  });

  it('gives ThinkPad C13 Yoga and C14 footnote 1 and the 1S + MTM + serial kind', () => {
    for (const name of ['Chromebook Lenovo ThinkPad C13 Yoga', 'Chromebook Lenovo ThinkPad C14']) {
      expect(row(name)).toMatchObject({
        footnotes: [1],
        idKind: 'lenovo-1s-mtm-serial',
        deviceClass: 'chromebook',
      });
    }
  });

  it('uses the service tag for every Dell, including the 2-in-1s', () => {
    expect(row('Chromebook Dell 3100 2 en 1')).toMatchObject({
      idKind: 'service-tag',
      eligibleFrom: '2021-05-26',
    });
    expect(row('Chromebook Dell Latitude 7410')).toMatchObject({
      idKind: 'service-tag',
      eligibleFrom: '2020-12-01',
    });
    expect(row('Chromebook Dell Latitude 3445')).toMatchObject({ idKind: 'service-tag', eligibleFrom: null });
  });

  it('keeps "MTK 2" verbatim with an alias without the 2', () => {
    expect(row('Chromebook Lenovo 100e 2e génération MTK 2')).toMatchObject({
      aliases: ['Chromebook Lenovo 100e 2e génération MTK'],
      footnotes: [],
      eligibleFrom: null,
    });
  });

  it('takes no codes from descriptive parentheses', () => {
    for (const name of [
      'Chromebook Lenovo 100e 3e génération (AMD 11 pouces)',
      'Chromebook Lenovo 100e 3e génération (Intel 11 pouces)',
      'Chromebook Lenovo IdeaPad Flex 3i (15 pouces, Gen 7)',
      'Chromebook Lenovo IdeaPad Flex 5i (14 pouces, Gen 7)',
    ]) {
      expect(row(name).variantCodes).toEqual([]);
    }
  });

  it('takes no codes from names without parentheses', () => {
    expect(row('Chromebook CTL NL71/NL71CT/NL71LTE').variantCodes).toEqual([]);
    expect(row('Chromebook ASUS C204EE').variantCodes).toEqual([]);
  });

  it('keeps the seed spelling of names, typos and French words included', () => {
    expect(row('Chromebook HP Elite Dragonly 13,5 pouces').eligibleFrom).toBeNull();
    expect(row('Chromebook HP x360 - 13b-ca0xxx').manufacturer).toBe('HP');
    expect(row('Acer Chromebook 315 (CB315-5H/CB315-5HT)').manufacturer).toBe('Acer');
  });

  it('lists ASUS CX3401 under both CX34 Flip rows, with ASUS certified IDs', () => {
    const rows = CATALOG_ROWS.filter((entry) => entry.variantCodes.includes('CX3401'));
    expect(rows.map((entry) => entry.name)).toEqual([
      'Chromebook ASUS CX34 Flip (CX3401)',
      'Chromebook ASUS Vibe CX34 Flip (CX3401)',
    ]);
    expect(rows.every((entry) => entry.idKind === 'asus-certified-id')).toBe(true);
  });

  it('classifies tablets and Chromeboxes from the name', () => {
    for (const name of [
      'Chromebook Acer Tab 510 (D652N/D652NL)',
      'Chromebook ASUS CL30 Detachable (CL3001)',
      'Chromebook ASUS détachable CZ1 (CZ1000DVA)',
      'Tablette Chromebook Lenovo 10e',
      'Chromebook Lenovo IdeaPad Duet 5',
    ]) {
      expect(row(name).deviceClass).toBe('tablet');
    }
    expect(row('Chromebox ASUS Fanless')).toMatchObject({
      deviceClass: 'chromebox',
      idKind: 'serial-number',
    });
    expect(row('Chromebook Lenovo IdeaPad Flex 5i (14 pouces, Gen 7)').deviceClass).toBe('chromebook');
  });
});
