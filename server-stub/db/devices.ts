// Device records: PRE_PROVISIONED (uploaded by a partner), MANAGED (enrolled), DEPROVISIONED.

import type { Database, Statement } from 'better-sqlite3';
import type { PackagedSku, UpgradeType } from '../rules/licence-kinds.ts';
import type { DeviceRow, DeviceStatus, EnrollmentType } from './rows.ts';

export interface PreprovisionedDevice {
  device_id: string;
  customer_id: string;
  id_kind: string;
  serial_number: string;
  manufacturer: string;
  model: string;
  model_key: string;
  org_unit_path: string;
  bundled_license: 0 | 1;
  /** The packaged licence of a bundled device (null when not bundled). */
  packaged_sku: PackagedSku | null;
  preprovisioning_token: string | null;
  partner_id: string | null;
  /** RLZ brand code (the partner's, else the model's catalog code). */
  brand_code: string;
}

export interface ManagedUpdate {
  device_id: string;
  customer_id: string;
  serial_number: string;
  model: string;
  model_key: string;
  org_unit_path: string;
  bundled_license: 0 | 1;
  license_consumed: 0 | 1;
  /** The upgrade taken (rules/licences.ts `consumeLicence`); null iff `license_consumed` is 0. */
  license_type: UpgradeType | null;
  dm_client_id: string;
  enrollment_type: EnrollmentType;
  enrolled_at: string;
  /** Kept from the pre-provisioning record, or null for a device enrolled without one. */
  preprovisioning_token: string | null;
  partner_id: string | null;
  brand_code: string;
}

/** What the forced-enrollment hash set is computed from (DM `enterprise_check`). */
export interface BrandSerial {
  brand_code: string;
  serial_number: string;
}

export class DeviceStore {
  readonly #get: Statement<[string], DeviceRow>;
  readonly #bySerialModel: Statement<[string, string], DeviceRow>;
  readonly #byBrandSerial: Statement<[string, string], DeviceRow>;
  readonly #withServerState: Statement<[], BrandSerial>;
  readonly #setDisabled: Statement<[string | null, string, string]>;
  readonly #list: Statement<[string], DeviceRow>;
  readonly #listStatus: Statement<[string, string], DeviceRow>;
  readonly #upsertPre: Statement<[PreprovisionedDevice & { at: string }]>;
  readonly #upsertManaged: Statement<[ManagedUpdate & { at: string }]>;
  readonly #setOu: Statement<[string, string, string]>;
  readonly #delete: Statement<[string]>;
  readonly #release: Statement<[string, string]>;
  readonly #deprovision: Statement<[string, string, string]>;

  constructor(db: Database) {
    this.#get = db.prepare('SELECT * FROM devices WHERE device_id = ?');
    this.#bySerialModel = db.prepare(
      'SELECT * FROM devices WHERE serial_number = ? AND model_key = ? ORDER BY updated_at DESC LIMIT 1',
    );
    // A live record wins over a deprovisioned one; then the most recently changed.
    this.#byBrandSerial = db.prepare(
      `SELECT * FROM devices WHERE brand_code = ? AND serial_number = ?
       ORDER BY status = 'DEPROVISIONED', updated_at DESC, device_id LIMIT 1`,
    );
    this.#withServerState = db.prepare(
      `SELECT brand_code, serial_number FROM devices WHERE status IN ('PRE_PROVISIONED', 'MANAGED')`,
    );
    this.#setDisabled = db.prepare(
      'UPDATE devices SET disabled_message = ?, updated_at = ? WHERE device_id = ?',
    );
    this.#list = db.prepare('SELECT * FROM devices WHERE customer_id = ? ORDER BY created_at, device_id');
    this.#listStatus = db.prepare(
      'SELECT * FROM devices WHERE customer_id = ? AND status = ? ORDER BY created_at, device_id',
    );
    this.#upsertPre = db.prepare(
      `INSERT INTO devices (device_id, customer_id, status, id_kind, serial_number, manufacturer, model, model_key,
         org_unit_path, bundled_license, packaged_sku, license_consumed, license_type, preprovisioning_token,
         partner_id, brand_code, created_at, updated_at)
       VALUES (@device_id, @customer_id, 'PRE_PROVISIONED', @id_kind, @serial_number, @manufacturer, @model, @model_key,
         @org_unit_path, @bundled_license, @packaged_sku, 0, NULL, @preprovisioning_token, @partner_id, @brand_code, @at, @at)
       ON CONFLICT (device_id) DO UPDATE SET customer_id = excluded.customer_id, status = 'PRE_PROVISIONED',
         id_kind = excluded.id_kind, serial_number = excluded.serial_number, manufacturer = excluded.manufacturer,
         model = excluded.model, model_key = excluded.model_key, org_unit_path = excluded.org_unit_path,
         bundled_license = excluded.bundled_license, packaged_sku = excluded.packaged_sku, license_consumed = 0,
         license_type = NULL, preprovisioning_token = excluded.preprovisioning_token, partner_id = excluded.partner_id,
         brand_code = excluded.brand_code, disabled_message = NULL, dm_client_id = NULL, enrollment_type = NULL, enrolled_at = NULL, deprovisioned_at = NULL,
         updated_at = excluded.updated_at`,
    );
    this.#upsertManaged = db.prepare(
      `INSERT INTO devices (device_id, customer_id, status, serial_number, model, model_key, org_unit_path,
         bundled_license, license_consumed, license_type, dm_client_id, enrollment_type, enrolled_at,
         preprovisioning_token, partner_id, brand_code, created_at, updated_at)
       VALUES (@device_id, @customer_id, 'MANAGED', @serial_number, @model, @model_key, @org_unit_path,
         @bundled_license, @license_consumed, @license_type, @dm_client_id, @enrollment_type, @enrolled_at, @preprovisioning_token,
         @partner_id, @brand_code, @at, @at)
       ON CONFLICT (device_id) DO UPDATE SET customer_id = excluded.customer_id, status = 'MANAGED',
         serial_number = excluded.serial_number, model = excluded.model, model_key = excluded.model_key,
         org_unit_path = excluded.org_unit_path, bundled_license = excluded.bundled_license,
         license_consumed = excluded.license_consumed, license_type = excluded.license_type, dm_client_id = excluded.dm_client_id,
         enrollment_type = excluded.enrollment_type, enrolled_at = excluded.enrolled_at, deprovisioned_at = NULL,
         preprovisioning_token = excluded.preprovisioning_token, partner_id = excluded.partner_id,
         brand_code = excluded.brand_code, updated_at = excluded.updated_at`,
    );
    this.#setOu = db.prepare('UPDATE devices SET org_unit_path = ?, updated_at = ? WHERE device_id = ?');
    this.#delete = db.prepare('DELETE FROM devices WHERE device_id = ?');
    this.#release = db.prepare(
      `UPDATE devices SET status = 'PRE_PROVISIONED', license_consumed = 0, license_type = NULL, dm_client_id = NULL,
         enrollment_type = NULL, enrolled_at = NULL, updated_at = ? WHERE device_id = ?`,
    );
    this.#deprovision = db.prepare(
      `UPDATE devices SET status = 'DEPROVISIONED', license_consumed = 0, license_type = NULL, dm_client_id = NULL,
         deprovisioned_at = ?, updated_at = ? WHERE device_id = ?`,
    );
  }

  get(deviceId: string): DeviceRow | undefined {
    return this.#get.get(deviceId);
  }

  findBySerialAndModel(serial: string, key: string): DeviceRow | undefined {
    return this.#bySerialModel.get(serial, key);
  }

  /** The device Chromium's DM server would find: by RLZ brand code and serial number (exact). */
  findByBrandAndSerial(brandCode: string, serial: string): DeviceRow | undefined {
    return this.#byBrandSerial.get(brandCode, serial);
  }

  /** Brand code + serial of every device with server-backed state (PRE_PROVISIONED or MANAGED). */
  withServerBackedState(): BrandSerial[] {
    return this.#withServerState.all();
  }

  /** Disables (message) or re-enables (null) a device. */
  setDisabled(deviceId: string, message: string | null, at: string): void {
    this.#setDisabled.run(message, at, deviceId);
  }

  list(customerId: string, status?: DeviceStatus): DeviceRow[] {
    return status === undefined ? this.#list.all(customerId) : this.#listStatus.all(customerId, status);
  }

  upsertPreprovisioned(d: PreprovisionedDevice, at: string): void {
    this.#upsertPre.run({ ...d, at });
  }

  upsertManaged(d: ManagedUpdate, at: string): void {
    this.#upsertManaged.run({ ...d, at });
  }

  setOrgUnit(deviceId: string, path: string, at: string): void {
    this.#setOu.run(path, at, deviceId);
  }

  delete(deviceId: string): void {
    this.#delete.run(deviceId);
  }

  /** MANAGED → PRE_PROVISIONED, licence freed. */
  releaseToPreprovisioned(deviceId: string, at: string): void {
    this.#release.run(at, deviceId);
  }

  deprovision(deviceId: string, at: string): void {
    this.#deprovision.run(at, at, deviceId);
  }
}
