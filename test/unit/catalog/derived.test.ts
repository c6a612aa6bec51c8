import { describe, expect, it } from 'vitest';
import {
  CATALOG,
  DERIVED_MODELS,
  findByModelName,
  resolveDerivedModel,
} from '../../../agent/catalog/index.ts';

const BASE = 'Chromebook Lenovo 14e 3e génération';
const DERIVED = 'Chromebook Lenovo 14e 3e génération (15w)';

function entry(name: string) {
  const found = CATALOG.find((row) => row.name === name);
  if (found === undefined) throw new Error(`no row ${name}`);
  return found;
}

describe('derived models (footnote 4)', () => {
  it('derives the (15w) model from the 14e Gen 3 row for N305 CPUs', () => {
    expect(DERIVED_MODELS).toEqual([{ baseName: BASE, name: DERIVED, cpuMarkers: ['N305'] }]);
    for (const derived of DERIVED_MODELS) expect(CATALOG.map((row) => row.name)).toContain(derived.baseName);
  });

  it.each([
    ['Intel(R) Core(TM) i3-N305', DERIVED],
    ['intel(r) core(tm) i3-n305', DERIVED],
    ['Intel(R) N100', BASE],
    ['Intel(R) N200', BASE],
    ['Intel(R) Celeron(R) CPU N3050 @ 1.60GHz', BASE],
    ['', BASE],
  ])('a 14e Gen 3 with %j is %s', (cpu, expected) => {
    expect(resolveDerivedModel(entry(BASE), cpu)).toBe(expected);
  });

  it('keeps the listed name when the CPU is unknown', () => {
    expect(resolveDerivedModel(entry(BASE), null)).toBe(BASE);
  });

  it('never derives for other rows, whatever the CPU', () => {
    const other = entry('Chromebook Lenovo 14e 2e génération');
    expect(resolveDerivedModel(other, 'Intel(R) Core(TM) i3-N305')).toBe(other.name);
  });

  it('agrees with findByModelName on the derived name', () => {
    const match = findByModelName(DERIVED);
    expect(match?.entry).toBe(entry(BASE));
    expect(match?.listedName).toBe(resolveDerivedModel(entry(BASE), 'Intel(R) Core(TM) i3-N305'));
  });
});
