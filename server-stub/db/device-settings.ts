// Per-customer device settings sent in signed policy (ChromeDeviceSettingsProto), set through the
// admin API (PATCH /v1/customers/:cid/device-settings). A customer who never set them gets defaults.

import type { Database, Statement } from 'better-sqlite3';

export interface DeviceSettings {
  /** DeviceGuestModeEnabled. */
  guest_mode_enabled: boolean;
  /** DeviceShowUserNamesOnSignin. */
  show_user_names: boolean;
  /** DeviceAllowNewUsers. */
  allow_new_users: boolean;
  /** DeviceEphemeralUsersEnabled. */
  ephemeral_users_enabled: boolean;
  /** DeviceUserAllowlist (e-mail addresses or `*@domain` patterns). */
  user_allowlist: string[];
  /** DevicePolicyRefreshRate, milliseconds (Chromium clamps it to 30 minutes … 1 day). */
  device_policy_refresh_rate_ms: number;
}

export const MIN_REFRESH_RATE_MS = 30 * 60 * 1000;
export const MAX_REFRESH_RATE_MS = 24 * 60 * 60 * 1000;
export const MAX_ALLOWLIST = 100;

export function defaultDeviceSettings(domain: string): DeviceSettings {
  return {
    guest_mode_enabled: false,
    show_user_names: true,
    allow_new_users: true,
    ephemeral_users_enabled: false,
    user_allowlist: [`*@${domain}`],
    device_policy_refresh_rate_ms: 3 * 60 * 60 * 1000,
  };
}

export class DeviceSettingsStore {
  readonly #get: Statement<[string], { settings: string }>;
  readonly #put: Statement<[string, string, string]>;

  constructor(db: Database) {
    this.#get = db.prepare('SELECT settings FROM device_settings WHERE customer_id = ?');
    this.#put = db.prepare(
      `INSERT INTO device_settings (customer_id, settings, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (customer_id) DO UPDATE SET settings = excluded.settings, updated_at = excluded.updated_at`,
    );
  }

  get(customerId: string, domain: string): DeviceSettings {
    const row = this.#get.get(customerId);
    const defaults = defaultDeviceSettings(domain);
    if (row === undefined) return defaults;
    return { ...defaults, ...(JSON.parse(row.settings) as Partial<DeviceSettings>) };
  }

  put(customerId: string, settings: DeviceSettings, at: string): void {
    this.#put.run(customerId, JSON.stringify(settings), at);
  }
}
