// What every IdentitySource snapshot must look like, whatever device it reads (DESIGN §3): run on
// backends that read the running host (real hardware), where no description says what to expect.

import { describe, expect, it } from 'vitest';
import { DMI_FIELDS, VPD_FIELDS } from '../../hal/fields.ts';
import type { FieldProblem, FieldReading, IdentitySource } from '../../hal/interface.ts';
import { DEFAULT_MAX_LENGTH, PLACEHOLDERS } from '../../hal/normalize.ts';
import { expectWellFormed } from './network-source.contract.ts';

const PROBLEMS: readonly FieldProblem[] = [
  'missing',
  'unreadable',
  'not-a-file',
  'too-large',
  'placeholder',
  'empty',
  'repeated-character',
  'non-printable',
];
const placeholders = new Set(PLACEHOLDERS.map((p) => p.toLowerCase()));

export function expectNormalisedReading(reading: FieldReading): void {
  expect(reading.source).toMatch(/\S/);
  if (reading.value === null) {
    expect(PROBLEMS).toContain(reading.problem);
    return;
  }
  expect(reading.problem).toBeUndefined();
  expect(reading.value).toMatch(/^[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?$/); // printable, trimmed
  expect(reading.value.length).toBeLessThanOrEqual(DEFAULT_MAX_LENGTH);
  expect(placeholders.has(reading.value.toLowerCase())).toBe(false);
  if (reading.value.length > 1) expect(new Set(reading.value).size).toBeGreaterThan(1);
}

/** Invariants of any snapshot; `make` gives the source (called once per test). */
export function describeIdentityInvariants(name: string, make: () => Promise<IdentitySource>): void {
  describe(`IdentitySource contract: ${name}`, () => {
    it('says whether it works, and reads a snapshot that never throws for bad data', async () => {
      const source = await make();
      const state = await source.availability();
      if (!state.available) expect(state.reason).toMatch(/\S/);
      const snap = await source.readIdentity();
      expect(snap.backend).toBe(source.name);
      expect(Object.keys(snap.dmi).sort()).toEqual([...DMI_FIELDS].sort());
      expect(Object.keys(snap.vpd).sort()).toEqual([...VPD_FIELDS].sort());
      for (const reading of [...Object.values(snap.dmi), ...Object.values(snap.vpd), snap.cpuModel]) {
        expectNormalisedReading(reading);
      }
      expectWellFormed(snap.network);
      for (const usb of snap.usb) {
        for (const id of [usb.vendorId, usb.productId])
          expect(id >= 0 && id <= 0xffff && Number.isInteger(id)).toBe(true);
        for (const text of [usb.serialNumber, usb.product])
          if (text !== null) expect(text).toMatch(/^[\x20-\x7e]+$/);
      }
      for (const [field, why] of Object.entries(source.limitations)) {
        expect(field).toMatch(/\S/);
        expect(why).toMatch(/\S/);
      }
    });

    it('reads the same identity twice', async () => {
      const source = await make();
      const [a, b] = [await source.readIdentity(), await source.readIdentity()];
      expect(b.dmi).toEqual(a.dmi);
      expect(b.vpd).toEqual(a.vpd);
      expect(b.cpuModel).toEqual(a.cpuModel);
      expect(b.network.map((n) => [n.name, n.mac])).toEqual(a.network.map((n) => [n.name, n.mac]));
    });
  });
}
