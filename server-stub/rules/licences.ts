// Which licence a device enrolls with (seed 000: « Des licences disponibles pour Chrome Enterprise,
// Education ou Nonprofit »; « Les appareils ChromeOS fournis avec Chrome Enterprise Upgrade disposent
// d'une licence … associée à l'appareil et n'utilisent pas de licence … distincte »).
//
// A customer holds one pool per upgrade type (Chrome Enterprise, Education and Nonprofit Upgrade).
// A registration takes, in this order:
//   1. the device's packaged (bundled) licence, if it was sold with one: no pool is touched;
//   2. the upgrade it already holds (a re-registration never takes a second one);
//   3. one licence from the first pool, in UPGRADE_ORDER (Enterprise, Education, Nonprofit), that has
//      a free licence (`used < total`); a customer normally buys one kind, so this is "its" kind;
//   4. else 402, naming every pool the customer has and its use.
// The DM code calls `consumeLicence` inside its transaction, and `assignedLicence` for the state answer.

import type { CustomerStore, LicenceCounts } from '../db/customers.ts';
import type { CustomerRow } from '../db/rows.ts';
import { DmError } from '../http/errors.ts';
import {
  DEFAULT_PACKAGED_SKU,
  type PackagedSku,
  UPGRADE_NAMES,
  UPGRADE_ORDER,
  type UpgradeType,
  upgradeOfSku,
} from './licence-kinds.ts';

// The kinds of licence live in ./licence-kinds.ts (the database rows name them too); re-exported here
// so the code that applies the rules has one module to import.
export {
  DEFAULT_PACKAGED_SKU,
  isPackagedSku,
  isUpgradeType,
  PACKAGED_SKUS,
  type PackagedSku,
  POOL_FIELDS,
  UPGRADE_NAMES,
  UPGRADE_ORDER,
  UPGRADE_TYPES,
  type UpgradeType,
  upgradeOfSku,
} from './licence-kinds.ts';

/** What the device is about to be enrolled with, as far as licences go. */
export interface LicenceSubject {
  /** 1 when the device was sold with a licence. */
  bundled_license: 0 | 1;
  packaged_sku: PackagedSku | null;
  /** The upgrade the device holds now in this customer (a re-registration keeps it), or null. */
  held: UpgradeType | null;
}

export type LicenceDecision =
  | { kind: 'packaged'; sku: PackagedSku; upgradeType: UpgradeType }
  | { kind: 'kept'; upgradeType: UpgradeType }
  | { kind: 'consumed'; upgradeType: UpgradeType };

/** The first pool with a free licence, or null. Pure: the caller reads the counts. */
export function pickPool(counts: LicenceCounts): UpgradeType | null {
  return UPGRADE_ORDER.find((t) => counts.pools[t].used < counts.pools[t].total) ?? null;
}

/** The 402 text: which licence types the customer lacks, with their use. */
export function missingLicenceMessage(domain: string, counts: LicenceCounts): string {
  const held = UPGRADE_ORDER.filter((t) => counts.pools[t].total > 0);
  if (held.length === 0) {
    return `${domain} has no Chrome Enterprise, Education or Nonprofit Upgrade licence: buy upgrades from your reseller`;
  }
  const use = held.map(
    (t) => `${UPGRADE_NAMES[t]}: ${counts.pools[t].used} of ${counts.pools[t].total} in use`,
  );
  const names = held.map((t) => UPGRADE_NAMES[t]).join(' or ');
  return `${domain} has no ${names} licence left (${use.join('; ')}): buy more from your reseller`;
}

/** Pure decision from counts (unit-testable); throws DmError 402 when nothing is free. */
export function decideLicence(
  domain: string,
  subject: LicenceSubject,
  counts: LicenceCounts,
): LicenceDecision {
  if (subject.bundled_license === 1) {
    const sku = subject.packaged_sku ?? DEFAULT_PACKAGED_SKU;
    return { kind: 'packaged', sku, upgradeType: upgradeOfSku(sku) };
  }
  if (subject.held !== null) return { kind: 'kept', upgradeType: subject.held };
  const pool = pickPool(counts);
  if (pool === null) throw new DmError(402, missingLicenceMessage(domain, counts));
  return { kind: 'consumed', upgradeType: pool };
}

/**
 * The licence a registration takes. Call it inside the transaction that then writes the device as
 * MANAGED with `license_consumed = decision.kind === 'packaged' ? 0 : 1` and
 * `license_type = decision.kind === 'packaged' ? null : decision.upgradeType`.
 */
export function consumeLicence(
  customers: CustomerStore,
  customer: CustomerRow,
  subject: LicenceSubject,
): LicenceDecision {
  return decideLicence(customer.domain, subject, customers.licences(customer));
}

/** What the state answer says of the licence (`device_initial_enrollment_state`). */
export interface AssignedLicence {
  /** Packaged with the device. */
  isPackaged: boolean;
  /** The packaged SKU; null → the wire's `NOT_EXIST`. */
  packagedSku: PackagedSku | null;
  /**
   * The upgrade the device holds (MANAGED), is packaged with, or would take if it registered now;
   * null when no pool has a free licence (registration would get 402) → the wire's UNSPECIFIED.
   */
  upgradeType: UpgradeType | null;
}

export interface LicensedDevice {
  bundled_license: 0 | 1;
  packaged_sku: PackagedSku | null;
  license_consumed: 0 | 1;
  license_type: UpgradeType | null;
}

export function assignedLicence(
  customers: CustomerStore,
  customer: CustomerRow,
  device: LicensedDevice,
): AssignedLicence {
  if (device.bundled_license === 1) {
    const sku = device.packaged_sku ?? DEFAULT_PACKAGED_SKU;
    return { isPackaged: true, packagedSku: sku, upgradeType: upgradeOfSku(sku) };
  }
  if (device.license_consumed === 1 && device.license_type !== null) {
    return { isPackaged: false, packagedSku: null, upgradeType: device.license_type };
  }
  return { isPackaged: false, packagedSku: null, upgradeType: pickPool(customers.licences(customer)) };
}

/** What a partner (or the seed) says of a device's packaged licence. */
export interface UploadedPackaging {
  bundled_license?: boolean;
  license_packaging_sku?: PackagedSku;
}

/**
 * `license_packaging_sku` implies a bundled licence; `bundled_license: true` alone means Chrome
 * Enterprise Upgrade (seed 000). A SKU on a device declared not bundled is refused.
 */
export function packagingOf(
  d: UploadedPackaging,
): { ok: true; bundled_license: 0 | 1; packaged_sku: PackagedSku | null } | { ok: false; message: string } {
  const sku = d.license_packaging_sku;
  if (sku !== undefined && d.bundled_license === false) {
    return { ok: false, message: `license_packaging_sku ${sku} is given but bundled_license is false` };
  }
  if (sku !== undefined) return { ok: true, bundled_license: 1, packaged_sku: sku };
  return d.bundled_license === true
    ? { ok: true, bundled_license: 1, packaged_sku: DEFAULT_PACKAGED_SKU }
    : { ok: true, bundled_license: 0, packaged_sku: null };
}
