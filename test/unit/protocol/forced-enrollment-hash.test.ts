// The hash dance's arithmetic, checked against values computed independently with node:crypto and
// Chromium's rule (remainder = the hash's last bytes, big-endian, masked to `power` bits).

import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { BRAND_CODE_PATTERN, catalogBrandCode } from '../../../protocol/brand-code.ts';
import {
  forcedEnrollmentHash,
  hashRemainder,
  MAX_MODULUS_POWER,
  modulusPower,
} from '../../../protocol/forced-enrollment-hash.ts';

describe('forced-enrollment hash', () => {
  it('is the first 8 bytes of SHA-256("<brand>_<serial>")', () => {
    const full = createHash('sha256').update('ABCD_5CD1234XYZ').digest();
    expect(Buffer.from(forcedEnrollmentHash('ABCD', '5CD1234XYZ')).toString('hex')).toBe(
      full.subarray(0, 8).toString('hex'),
    );
  });

  it('takes the remainder from the last bytes, last byte lowest', () => {
    const hash = new Uint8Array([0, 0, 0, 0, 0, 0, 0x12, 0x34]);
    expect(hashRemainder(hash, 0)).toBe(0n);
    expect(hashRemainder(hash, 4)).toBe(0x4n);
    expect(hashRemainder(hash, 8)).toBe(0x34n);
    expect(hashRemainder(hash, 12)).toBe(0x234n);
    expect(hashRemainder(hash, 16)).toBe(0x1234n);
    expect(() => hashRemainder(hash, MAX_MODULUS_POWER + 1)).toThrow(RangeError);
  });

  it('knows powers of two only', () => {
    expect(modulusPower(1n)).toBe(0);
    expect(modulusPower(1024n)).toBe(10);
    expect(modulusPower(1000n)).toBeNull();
    expect(modulusPower(0n)).toBeNull();
  });
});

describe('catalog brand codes', () => {
  it('are four upper-case letters, stable, and blind to case and spacing', () => {
    const code = catalogBrandCode('Acer Chromebook Spin 714');
    expect(code).toMatch(BRAND_CODE_PATTERN);
    expect(catalogBrandCode('  acer   chromebook SPIN 714 ')).toBe(code);
    expect(catalogBrandCode('Acer Chromebook Spin 713')).not.toBe(code);
  });
});
