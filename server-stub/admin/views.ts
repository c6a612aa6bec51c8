// JSON views of the admin API (exactly the documented fields).

import type { LicenceCounts } from '../db/customers.ts';
import type { DeviceRow, DeviceStatus, TokenRow, TokenState } from '../db/rows.ts';

export interface DeviceView {
  device_id: string;
  serial_number: string;
  model: string;
  status: DeviceStatus;
  org_unit_path: string;
  bundled_license: boolean;
  license_consumed: boolean;
  enrolled_at: string | null;
}

export interface TokenView {
  token: string;
  org_unit_path: string;
  state: TokenState;
}

export interface LicensesView {
  chrome_enterprise_upgrade: { total: number; used: number };
  bundled: { used: number };
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
    enrolled_at: d.enrolled_at,
  };
}

export function tokenView(t: TokenRow): TokenView {
  return { token: t.token, org_unit_path: t.org_unit_path, state: t.state };
}

export function licensesView(c: LicenceCounts): LicensesView {
  return { chrome_enterprise_upgrade: { total: c.total, used: c.used }, bundled: { used: c.bundledUsed } };
}
