// The seed's licence fields: the three pools, and packaged licences on seeded devices.

import { describe, expect, it } from 'vitest';
import { SeedError } from '../../../server-stub/seed/check.ts';
import { validateSeed } from '../../../server-stub/seed/validate.ts';

const acer = (extra: Record<string, unknown>) => ({
  device_id: 'NXSEED000001',
  id_kind: 'serial-number',
  serial_number: 'NXSEED000001',
  manufacturer: 'Acer',
  model: 'Chromebook Acer 311 (C722/C722T)',
  ...extra,
});
const withCustomer = (extra: Record<string, unknown>) => ({
  customers: [{ customer_id: 'C1', domain: 'c1.example', ...extra }],
});

function seedErrorField(seed: unknown): string {
  try {
    validateSeed(seed);
  } catch (e) {
    if (e instanceof SeedError) return `${e.code} ${e.field}`;
    throw e;
  }
  return 'valid';
}

describe('seed licences', () => {
  it('reads each pool, any of them optional', () => {
    const seed = validateSeed(
      withCustomer({ licenses: { chrome_education_upgrade: 30, chrome_nonprofit_upgrade: 2 } }),
    );
    expect(seed.customers?.[0]?.licenses).toEqual({
      chrome_education_upgrade: 30,
      chrome_nonprofit_upgrade: 2,
    });
  });

  it('refuses an unknown pool or a bad count, naming the field', () => {
    expect(seedErrorField(withCustomer({ licenses: { chrome_terminal_upgrade: 1 } }))).toBe(
      'SEED_INVALID customers[0].licenses.chrome_terminal_upgrade',
    );
    expect(seedErrorField(withCustomer({ licenses: { chrome_education_upgrade: -1 } }))).toBe(
      'SEED_INVALID customers[0].licenses.chrome_education_upgrade',
    );
  });

  it('reads a packaged SKU and refuses one on a device declared not bundled, or an unknown one', () => {
    const seed = validateSeed(
      withCustomer({ devices: [acer({ license_packaging_sku: 'CHROME_EDUCATION' })] }),
    );
    expect(seed.customers?.[0]?.devices?.[0]?.license_packaging_sku).toBe('CHROME_EDUCATION');
    expect(
      seedErrorField(
        withCustomer({
          devices: [acer({ bundled_license: false, license_packaging_sku: 'CHROME_EDUCATION' })],
        }),
      ),
    ).toBe('SEED_INVALID customers[0].devices[0].license_packaging_sku');
    expect(
      seedErrorField(withCustomer({ devices: [acer({ license_packaging_sku: 'CHROME_TERMINAL' })] })),
    ).toBe('SEED_INVALID customers[0].devices[0].license_packaging_sku');
  });
});
