// Runtime lists of the identity fields declared (as types) in hal/interface.ts.

import type { DmiField, VpdField } from './interface.ts';

export const DMI_FIELDS = [
  'sys_vendor',
  'product_name',
  'product_version',
  'product_serial',
  'product_sku',
  'product_family',
  'board_serial',
  'chassis_type',
  'bios_date',
] as const satisfies readonly DmiField[];

export const VPD_FIELDS = [
  'serial_number',
  'attested_device_id',
  'mfg_date',
  'model_name',
  'rlz_brand_code',
  'region',
  'initial_locale',
] as const satisfies readonly VpdField[];

// Compile-time proof that the lists above are exhaustive: adding a field to interface.ts without
// listing it here fails the type check.
type Missing<All, Listed> = Exclude<All, Listed>;
const dmiExhaustive: Missing<DmiField, (typeof DMI_FIELDS)[number]> extends never ? true : never = true;
const vpdExhaustive: Missing<VpdField, (typeof VPD_FIELDS)[number]> extends never ? true : never = true;
void dmiExhaustive;
void vpdExhaustive;

/** Builds a record with one entry per field. */
export function recordOf<K extends string, V>(keys: readonly K[], make: (key: K) => V): Record<K, V> {
  const out = {} as Record<K, V>;
  for (const key of keys) out[key] = make(key);
  return out;
}

/** Builds a record with one entry per field, computing the entries concurrently. */
export async function recordOfAsync<K extends string, V>(
  keys: readonly K[],
  make: (key: K) => Promise<V>,
): Promise<Record<K, V>> {
  const values = await Promise.all(keys.map(make));
  const out = {} as Record<K, V>;
  keys.forEach((key, i) => {
    out[key] = values[i] as V;
  });
  return out;
}

/**
 * Fields that hold human-readable names rather than identifiers: normalised with `text: true`
 * (printable UTF-8 kept), everything else strict printable ASCII.
 */
export const TEXT_FIELDS: ReadonlySet<DmiField | VpdField> = new Set<DmiField | VpdField>([
  'sys_vendor',
  'product_name',
  'product_version',
  'product_family',
  'model_name',
]);

/** Normalisation options for a DMI/VPD field. */
export function normalizeOptionsFor(field: DmiField | VpdField): { text: boolean } {
  return { text: TEXT_FIELDS.has(field) };
}
