// Row types of the tables in ./schema.ts, as better-sqlite3 returns them (booleans are 0/1).

import type { PackagedSku, UpgradeType } from '../rules/licence-kinds.ts';

export type DeviceStatus = 'PRE_PROVISIONED' | 'MANAGED' | 'DEPROVISIONED';
export const DEVICE_STATUSES: readonly DeviceStatus[] = ['PRE_PROVISIONED', 'MANAGED', 'DEPROVISIONED'];

export type CustomerKind = 'enterprise' | 'consumer';
export type TokenState = 'ACTIVE' | 'REVOKED';
export type EnrollmentType = 'ENTERPRISE' | 'ENTERPRISE_MANUAL' | 'ENTERPRISE_TOKEN';
export type DmTokenRevokedReason = 'REREGISTERED' | 'UNREGISTERED' | 'DEPROVISIONED';

export interface CustomerRow {
  customer_id: string;
  domain: string;
  name: string;
  kind: CustomerKind;
  activation_pending: 0 | 1;
  /** Chrome Enterprise Upgrade pool. */
  ceu_total: number;
  /** Chrome Education Upgrade pool. */
  education_total: number;
  /** Chrome Nonprofit Upgrade pool. */
  nonprofit_total: number;
  created_at: string;
}

export interface TokenRow {
  token: string;
  customer_id: string;
  org_unit_path: string;
  state: TokenState;
  created_at: string;
  revoked_at: string | null;
}

export interface DeviceRow {
  device_id: string;
  customer_id: string;
  status: DeviceStatus;
  id_kind: string | null;
  serial_number: string;
  manufacturer: string | null;
  model: string;
  model_key: string;
  org_unit_path: string;
  bundled_license: 0 | 1;
  license_consumed: 0 | 1;
  /** The upgrade licence the device holds (set iff `license_consumed`). */
  license_type: UpgradeType | null;
  /** The licence packaged with a bundled device (null: Chrome Enterprise, see rules/licences.ts). */
  packaged_sku: PackagedSku | null;
  preprovisioning_token: string | null;
  partner_id: string | null;
  /** RLZ brand code (4 upper-case letters): the DM look-up key with the serial number. */
  brand_code: string;
  /** Set while the admin has disabled the device (shown on its screen). */
  disabled_message: string | null;
  dm_client_id: string | null;
  enrollment_type: EnrollmentType | null;
  enrolled_at: string | null;
  deprovisioned_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface DmTokenRow {
  token_sha256: string;
  device_id: string;
  client_id: string;
  customer_id: string;
  created_at: string;
  revoked_at: string | null;
  revoked_reason: DmTokenRevokedReason | null;
}

export interface PartnerRow {
  partner_id: string;
  company: string;
  key_sha256: string;
  created_at: string;
}

export interface AuthorizedPartnerRow {
  company_key: string;
  company: string;
  regions: string;
}

export interface ManufacturerCaRow {
  ca_key: string;
  name: string;
  cert_pem: string;
  private_key_pem: string;
  created_at: string;
}

/** Models are compared case- and space-insensitively (DESIGN §4). */
export function modelKey(model: string): string {
  return model.toLowerCase().replace(/\s+/g, '');
}

/** Company names of the authorised-partner list are compared the same way. */
export function companyKey(company: string): string {
  return company.toLowerCase().replace(/[\s.,]+/g, '');
}
