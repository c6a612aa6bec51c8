// Wire types of the partner pre-provisioning API (`POST /v1/partner/devices:preprovision`, issue 3),
// shared by the stub that serves it and the simulator and tests that call it.

/** One device a partner uploads: its certified device ID (DESIGN §4) and the listed model name. */
export interface PreprovisionDevice {
  device_id: string;
  id_kind: string;
  serial_number: string;
  manufacturer: string;
  model: string;
  /**
   * RLZ brand code (4 upper-case letters, VPD `rlz_brand_code`): with the serial number, how the DM
   * server finds the device. Optional: when absent, the model's catalog brand code
   * (protocol/brand-code.ts `catalogBrandCode`).
   */
  brand_code?: string;
  bundled_license?: boolean;
  /**
   * The licence sold with the device (Chromium's LicensePackagingSKU names). Implies a bundled
   * licence; a bundled device without it was sold with Chrome Enterprise Upgrade.
   */
  license_packaging_sku?: 'CHROME_ENTERPRISE' | 'CHROME_EDUCATION';
}

export interface PreprovisionRequest {
  customer_id: string;
  pre_provisioning_token: string;
  devices: PreprovisionDevice[];
}

export type PreprovisionResult =
  | { device_id: string; status: 'PRE_PROVISIONED' }
  | { device_id: string; status: 'ERROR'; error_code: string; error_message: string };
