// The kinds of licence a device can hold (seed 000): the upgrade pools a customer buys and the SKUs a
// device can be sold with, with their names. A leaf module, so the database (../db/) can name these
// kinds without importing the rules that pick a licence (./licences.ts), which read the database.

export const UPGRADE_TYPES = ['CHROME_ENTERPRISE', 'CHROME_EDUCATION', 'CHROME_NONPROFIT'] as const;
/** An upgrade licence bought separately from the device (one pool per type per customer). */
export type UpgradeType = (typeof UPGRADE_TYPES)[number];
/** The order in which pools are consumed. */
export const UPGRADE_ORDER: readonly UpgradeType[] = UPGRADE_TYPES;

/**
 * A licence packaged with the device by its seller (Chromium's LicensePackagingSKU names; its
 * CHROME_TERMINAL kiosk SKU is not in seed 000 and not supported).
 */
export const PACKAGED_SKUS = ['CHROME_ENTERPRISE', 'CHROME_EDUCATION'] as const;
export type PackagedSku = (typeof PACKAGED_SKUS)[number];
/** A bundled device recorded without a SKU was sold with Chrome Enterprise Upgrade (seed 000). */
export const DEFAULT_PACKAGED_SKU: PackagedSku = 'CHROME_ENTERPRISE';

/** Names as the seed and the Admin console write them (error texts, documentation). */
export const UPGRADE_NAMES: Readonly<Record<UpgradeType, string>> = {
  CHROME_ENTERPRISE: 'Chrome Enterprise Upgrade',
  CHROME_EDUCATION: 'Chrome Education Upgrade',
  CHROME_NONPROFIT: 'Chrome Nonprofit Upgrade',
};

/** Admin API / seed field of each pool. */
export const POOL_FIELDS: Readonly<Record<UpgradeType, string>> = {
  CHROME_ENTERPRISE: 'chrome_enterprise_upgrade',
  CHROME_EDUCATION: 'chrome_education_upgrade',
  CHROME_NONPROFIT: 'chrome_nonprofit_upgrade',
};

export function isUpgradeType(v: unknown): v is UpgradeType {
  return typeof v === 'string' && (UPGRADE_TYPES as readonly string[]).includes(v);
}

export function isPackagedSku(v: unknown): v is PackagedSku {
  return typeof v === 'string' && (PACKAGED_SKUS as readonly string[]).includes(v);
}

/** The upgrade a packaged SKU stands for. */
export function upgradeOfSku(sku: PackagedSku): UpgradeType {
  return sku;
}
