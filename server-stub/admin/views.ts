// JSON views of the admin API (exactly the documented fields).

import type { LicenceCounts } from '../db/customers.ts';
import type { DeviceRow, DeviceStatus, TokenRow, TokenState } from '../db/rows.ts';
import {
  DEFAULT_PACKAGED_SKU,
  type PackagedSku,
  UPGRADE_ORDER,
  type UpgradeType,
} from '../rules/licences.ts';

export interface DeviceView {
  device_id: string;
  serial_number: string;
  model: string;
  status: DeviceStatus;
  org_unit_path: string;
  bundled_license: boolean;
  license_consumed: boolean;
  /** The upgrade the device holds (iff `license_consumed`). */
  license_type: UpgradeType | null;
  /** The licence packaged with a bundled device, else null. */
  license_packaging_sku: PackagedSku | null;
  enrolled_at: string | null;
}

export interface TokenView {
  token: string;
  org_unit_path: string;
  state: TokenState;
}

export interface PoolView {
  total: number;
  used: number;
}

export interface LicensesView {
  chrome_enterprise_upgrade: PoolView;
  chrome_education_upgrade: PoolView;
  chrome_nonprofit_upgrade: PoolView;
  bundled: { used: number; by_sku: Record<PackagedSku, number> };
  /** The order in which a registration takes from the pools (the first one with a free licence). */
  consumption_order: UpgradeType[];
}

export function deviceView(d: DeviceRow): DeviceView {
  return {
    device_id: d.device_id,
    serial_number: d.serial_number,
    model: d.model,
    status: d.status,
    org_unit_path: d.org_unit_path,
    bundled_license: d.bundled_license === 1,
    license_consumed: d.license_consumed === 1,
    license_type: d.license_type,
    license_packaging_sku: d.bundled_license === 1 ? (d.packaged_sku ?? DEFAULT_PACKAGED_SKU) : null,
    enrolled_at: d.enrolled_at,
  };
}

export function tokenView(t: TokenRow): TokenView {
  return { token: t.token, org_unit_path: t.org_unit_path, state: t.state };
}

export function licensesView(c: LicenceCounts): LicensesView {
  return {
    chrome_enterprise_upgrade: { ...c.pools.CHROME_ENTERPRISE },
    chrome_education_upgrade: { ...c.pools.CHROME_EDUCATION },
    chrome_nonprofit_upgrade: { ...c.pools.CHROME_NONPROFIT },
    bundled: { used: c.bundledUsed, by_sku: { ...c.bundledBySku } },
    consumption_order: [...UPGRADE_ORDER],
  };
}
