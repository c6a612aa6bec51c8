// Whole-table invariants of the seed rows.
import { describe, expect, it } from 'vitest';
import { CATALOG, normalizeModelName } from '../../../agent/catalog/index.ts';
import { CATALOG_ROWS } from '../../../agent/catalog/rows.ts';

// Counted by hand in seed 000: 193 non-empty lines between the header and the footnotes, minus the
// continuation lines of Acer Vero 514 (1), Lenovo 14e 3e génération (1) and the M60q (4).
const SEED_ROW_COUNT = 187;

const MAKER_COUNTS: Record<string, number> = {
  Acer: 46,
  AOPEN: 1,
  Allied: 1,
  ASUS: 49,
  CTL: 7,
  Dell: 10,
  Edxis: 6,
  EVERCOSS: 1,
  HP: 24,
  Lenovo: 26,
  LG: 1,
  Multilaser: 2,
  NEC: 1,
  Poin2: 2,
  Samsung: 6,
  Sharp: 1,
  SPC: 2,
  Zyrex: 1,
};

/** Names whose last character is a digit right after a letter or `+`, and where it belongs to the model. */
const NAMES_ENDING_IN_A_GLUED_DIGIT = new Set([
  'Chromebase Acer CA24I2',
  'Chromebase Acer CA24V2',
  'Chromebox Acer CXI4',
  'Chromebox CTL CBX2',
  'Chromebox CTL CBX3',
  'Chromebook EVERCOSS CB1',
  'Chromebox HP G3',
  'Chromebook HP Elite c640 14 pouces G3',
  'Chromebook HP Elite c645 14 pouces G2',
  'Chromebook HP Pro c640 G2',
  'Chromebook NEC Y3',
  'Chromebook Sharp Dynabook C1',
]);

describe('seed rows', () => {
  it(`has the ${SEED_ROW_COUNT} rows of the seed table, and CATALOG is them`, () => {
    expect(CATALOG_ROWS).toHaveLength(SEED_ROW_COUNT);
    expect(CATALOG).toBe(CATALOG_ROWS);
  });

  it('has the hand-counted number of rows per manufacturer', () => {
    const counts: Record<string, number> = {};
    for (const row of CATALOG_ROWS) counts[row.manufacturer] = (counts[row.manufacturer] ?? 0) + 1;
    expect(counts).toEqual(MAKER_COUNTS);
  });

  it('has no duplicate names, even after normalisation, and aliases collide with nothing', () => {
    const keys = CATALOG_ROWS.flatMap((row) => [row.name, ...row.aliases]).map(normalizeModelName);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('names the manufacturer inside every listed name', () => {
    for (const row of CATALOG_ROWS) expect(row.name.split(' ')).toContain(row.manufacturer);
  });

  it('has no footnote marker left at the end of a name', () => {
    for (const row of CATALOG_ROWS) {
      if (/[\p{L}+][1-4]$/u.test(row.name)) expect(NAMES_ENDING_IN_A_GLUED_DIGIT).toContain(row.name);
    }
    const names = CATALOG_ROWS.map((row) => row.name);
    for (const marked of ['Samsung Chromebook 42', 'Samsung Chromebook 4+2', 'Chromebook Samsung Galaxy2']) {
      expect(names).not.toContain(marked);
    }
    for (const marked of [
      'Chromebook Samsung Galaxy 22',
      'Chromebook Samsung Galaxy Go2',
      'Chromebook Lenovo ThinkPad C141',
    ]) {
      expect(names).not.toContain(marked);
    }
  });

  it('keeps names trimmed, single-spaced and on one line', () => {
    for (const row of CATALOG_ROWS) {
      expect(row.name).toBe(row.name.trim());
      expect(row.name).not.toMatch(/\s{2}|[\t\n\r]/u);
    }
  });

  it('uses ISO dates or null for eligibility', () => {
    for (const row of CATALOG_ROWS) {
      if (row.eligibleFrom !== null) {
        expect(row.eligibleFrom).toMatch(/^\d{4}-\d{2}-\d{2}$/u);
        expect(new Date(`${row.eligibleFrom}T00:00:00Z`).toISOString().slice(0, 10)).toBe(row.eligibleFrom);
      }
    }
  });

  it('stores variant codes upper-case, without spaces, each with a digit and a letter, and only from parentheses', () => {
    for (const row of CATALOG_ROWS) {
      for (const code of row.variantCodes) {
        expect(code).toMatch(/^[A-Z0-9][A-Z0-9-]*$/u);
        expect(code).toMatch(/\d/u);
        expect(code).toMatch(/[A-Z]/u);
        expect(row.name).toContain('(');
      }
      expect(new Set(row.variantCodes).size).toBe(row.variantCodes.length);
    }
  });

  it('uses footnotes 1–4 only, on the rows the seed marks', () => {
    const byFootnote = new Map<number, string[]>();
    for (const row of CATALOG_ROWS) {
      for (const footnote of row.footnotes)
        byFootnote.set(footnote, [...(byFootnote.get(footnote) ?? []), row.name]);
    }
    expect([...byFootnote.keys()].sort()).toEqual([1, 2, 3, 4]);
    expect(byFootnote.get(1)).toEqual([
      'Chromebook Lenovo ThinkPad C13 Yoga',
      'Chromebook Lenovo ThinkPad C14',
    ]);
    expect(byFootnote.get(3)).toEqual(['Chromebox Lenovo ThinkCentre M60q']);
    expect(byFootnote.get(4)).toEqual(['Chromebook Lenovo 14e 3e génération']);
    expect(byFootnote.get(2)).toHaveLength(5);
  });

  it('classifies devices', () => {
    const count = (deviceClass: string) =>
      CATALOG_ROWS.filter((row) => row.deviceClass === deviceClass).length;
    expect(count('chromebase')).toBe(2);
    expect(count('chromebox')).toBe(10);
    expect(count('tablet')).toBe(7);
    expect(count('chromebook')).toBe(168);
    expect(count('smart-display')).toBe(0);
  });

  it('uses the certified-ID kind of the seed', () => {
    const count = (kind: string) => CATALOG_ROWS.filter((row) => row.idKind === kind).length;
    expect(count('serial-number')).toBe(107);
    expect(count('service-tag')).toBe(10);
    expect(count('asus-certified-id')).toBe(44);
    expect(count('lenovo-1s-mtm-serial')).toBe(25);
    expect(count('lenovo-1s-origin-mac')).toBe(1);
    expect(
      CATALOG_ROWS.filter((row) => row.manufacturer === 'Dell').every((row) => row.idKind === 'service-tag'),
    ).toBe(true);
  });
});
