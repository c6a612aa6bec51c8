// SQLite schema of the enrollment service (customers, admins, partners, tokens, devices, licences,
// attestation state, test faults). Every statement is IF NOT EXISTS, so applying it to a database
// that already has the tables (a restarted stub on a file database) changes nothing.
// The SMART Remote Management tables live in smart-schema.ts.

import type { Database } from 'better-sqlite3';
import { catalogBrandCode } from '../../protocol/brand-code.ts';

export const SCHEMA_VERSION = 1;

/** Tables this module owns (tests count rows through this list). */
export const STUB_TABLES = [
  'meta',
  'customers',
  'org_units',
  'admins',
  'admin_sessions',
  'authorized_partners',
  'partners',
  'preprovisioning_tokens',
  'enrollment_tokens',
  'devices',
  'dm_tokens',
  'nonces',
  'manufacturer_cas',
  'faults',
  'policy_keys',
  'device_settings',
] as const;

const DDL = `
CREATE TABLE IF NOT EXISTS meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS customers (
  customer_id        TEXT PRIMARY KEY,
  domain             TEXT NOT NULL UNIQUE COLLATE NOCASE,
  name               TEXT NOT NULL,
  kind               TEXT NOT NULL DEFAULT 'enterprise' CHECK (kind IN ('enterprise', 'consumer')),
  activation_pending INTEGER NOT NULL DEFAULT 0 CHECK (activation_pending IN (0, 1)),
  ceu_total          INTEGER NOT NULL DEFAULT 0 CHECK (ceu_total >= 0),
  education_total    INTEGER NOT NULL DEFAULT 0 CHECK (education_total >= 0),
  nonprofit_total    INTEGER NOT NULL DEFAULT 0 CHECK (nonprofit_total >= 0),
  created_at         TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS org_units (
  customer_id TEXT NOT NULL REFERENCES customers (customer_id),
  path        TEXT NOT NULL,
  created_at  TEXT NOT NULL,
  PRIMARY KEY (customer_id, path)
);

CREATE TABLE IF NOT EXISTS admins (
  email         TEXT PRIMARY KEY COLLATE NOCASE,
  customer_id   TEXT NOT NULL REFERENCES customers (customer_id),
  password_hash TEXT NOT NULL,
  created_at    TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS admin_sessions (
  token_sha256 TEXT PRIMARY KEY,
  email        TEXT NOT NULL,
  customer_id  TEXT NOT NULL REFERENCES customers (customer_id),
  created_at   TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS authorized_partners (
  company_key TEXT PRIMARY KEY,
  company     TEXT NOT NULL,
  regions     TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS partners (
  partner_id TEXT PRIMARY KEY,
  company    TEXT NOT NULL,
  key_sha256 TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS preprovisioning_tokens (
  token         TEXT PRIMARY KEY,
  customer_id   TEXT NOT NULL REFERENCES customers (customer_id),
  org_unit_path TEXT NOT NULL,
  state         TEXT NOT NULL CHECK (state IN ('ACTIVE', 'REVOKED')),
  created_at    TEXT NOT NULL,
  revoked_at    TEXT
);

CREATE TABLE IF NOT EXISTS enrollment_tokens (
  token         TEXT PRIMARY KEY,
  customer_id   TEXT NOT NULL REFERENCES customers (customer_id),
  org_unit_path TEXT NOT NULL,
  state         TEXT NOT NULL CHECK (state IN ('ACTIVE', 'REVOKED')),
  created_at    TEXT NOT NULL,
  revoked_at    TEXT
);

CREATE TABLE IF NOT EXISTS devices (
  device_id             TEXT PRIMARY KEY,
  customer_id           TEXT NOT NULL REFERENCES customers (customer_id),
  status                TEXT NOT NULL CHECK (status IN ('PRE_PROVISIONED', 'MANAGED', 'DEPROVISIONED')),
  id_kind               TEXT,
  serial_number         TEXT NOT NULL,
  manufacturer          TEXT,
  model                 TEXT NOT NULL,
  model_key             TEXT NOT NULL,
  org_unit_path         TEXT NOT NULL,
  bundled_license       INTEGER NOT NULL DEFAULT 0 CHECK (bundled_license IN (0, 1)),
  license_consumed      INTEGER NOT NULL DEFAULT 0 CHECK (license_consumed IN (0, 1)),
  license_type          TEXT CHECK (license_type IN ('CHROME_ENTERPRISE', 'CHROME_EDUCATION', 'CHROME_NONPROFIT')),
  packaged_sku          TEXT CHECK (packaged_sku IN ('CHROME_ENTERPRISE', 'CHROME_EDUCATION')),
  preprovisioning_token TEXT,
  partner_id            TEXT,
  dm_client_id          TEXT,
  enrollment_type       TEXT,
  enrolled_at           TEXT,
  deprovisioned_at      TEXT,
  brand_code            TEXT,
  disabled_message      TEXT,
  created_at            TEXT NOT NULL,
  updated_at            TEXT NOT NULL,
  CHECK (license_consumed = 0 OR (status = 'MANAGED' AND bundled_license = 0)),
  CHECK ((license_consumed = 1) = (license_type IS NOT NULL))
);
CREATE INDEX IF NOT EXISTS devices_customer_status ON devices (customer_id, status);
CREATE INDEX IF NOT EXISTS devices_serial_model ON devices (serial_number, model_key);

CREATE TABLE IF NOT EXISTS dm_tokens (
  token_sha256   TEXT PRIMARY KEY,
  device_id      TEXT NOT NULL,
  client_id      TEXT NOT NULL,
  customer_id    TEXT NOT NULL,
  created_at     TEXT NOT NULL,
  revoked_at     TEXT,
  revoked_reason TEXT CHECK (revoked_reason IN ('REREGISTERED', 'UNREGISTERED', 'DEPROVISIONED'))
);
CREATE INDEX IF NOT EXISTS dm_tokens_device ON dm_tokens (device_id);

CREATE TABLE IF NOT EXISTS nonces (
  nonce     TEXT PRIMARY KEY,
  device_id TEXT NOT NULL,
  used_at   TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS manufacturer_cas (
  ca_key          TEXT PRIMARY KEY,
  name            TEXT NOT NULL,
  cert_pem        TEXT NOT NULL,
  private_key_pem TEXT NOT NULL,
  created_at      TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS policy_keys (
  version         INTEGER PRIMARY KEY CHECK (version >= 1),
  private_key_pem TEXT NOT NULL,
  public_key_der  BLOB NOT NULL,
  created_at      TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS device_settings (
  customer_id TEXT PRIMARY KEY REFERENCES customers (customer_id),
  settings    TEXT NOT NULL,
  updated_at  TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS faults (
  request_type        TEXT PRIMARY KEY,
  status              INTEGER NOT NULL,
  remaining           INTEGER NOT NULL CHECK (remaining >= 0),
  retry_after_seconds INTEGER
);
`;

/**
 * Columns added after the first release (licence pools per upgrade type, issue 13), added to a
 * database file created before them; rows already holding a licence held a Chrome Enterprise Upgrade,
 * and bundled devices were sold with Chrome Enterprise Upgrade (the only kinds there were).
 */
const ADDED_COLUMNS: ReadonlyArray<{ table: string; column: string; ddl: string }> = [
  {
    table: 'customers',
    column: 'education_total',
    ddl: 'INTEGER NOT NULL DEFAULT 0 CHECK (education_total >= 0)',
  },
  {
    table: 'customers',
    column: 'nonprofit_total',
    ddl: 'INTEGER NOT NULL DEFAULT 0 CHECK (nonprofit_total >= 0)',
  },
  {
    table: 'devices',
    column: 'license_type',
    ddl: "TEXT CHECK (license_type IN ('CHROME_ENTERPRISE', 'CHROME_EDUCATION', 'CHROME_NONPROFIT'))",
  },
  {
    table: 'devices',
    column: 'packaged_sku',
    ddl: "TEXT CHECK (packaged_sku IN ('CHROME_ENTERPRISE', 'CHROME_EDUCATION'))",
  },
  // DM look-up key with the serial (issue 12); NULL only until backfillBrandCodes runs.
  { table: 'devices', column: 'brand_code', ddl: 'TEXT' },
  // Set while the admin has disabled the device (device_initial_enrollment_state answers DISABLED).
  { table: 'devices', column: 'disabled_message', ddl: 'TEXT' },
];

function addMissingColumns(db: Database): void {
  for (const { table, column, ddl } of ADDED_COLUMNS) {
    const columns = db.prepare(`PRAGMA table_info(${table})`).all() as Array<{ name: string }>;
    if (columns.some((c) => c.name === column)) continue;
    db.exec(`ALTER TABLE ${table} ADD COLUMN ${column} ${ddl}`);
  }
  db.exec(`UPDATE devices SET license_type = 'CHROME_ENTERPRISE' WHERE license_consumed = 1 AND license_type IS NULL;
    UPDATE devices SET packaged_sku = 'CHROME_ENTERPRISE' WHERE bundled_license = 1 AND packaged_sku IS NULL;`);
  backfillBrandCodes(db);
}

/** Rows recorded before brand codes existed get their model's catalog brand code (protocol/brand-code.ts). */
function backfillBrandCodes(db: Database): void {
  db.exec('CREATE INDEX IF NOT EXISTS devices_brand_serial ON devices (brand_code, serial_number)');
  const rows = db.prepare('SELECT device_id, model FROM devices WHERE brand_code IS NULL').all() as Array<{
    device_id: string;
    model: string;
  }>;
  const set = db.prepare('UPDATE devices SET brand_code = ? WHERE device_id = ?');
  for (const r of rows) set.run(catalogBrandCode(r.model), r.device_id);
}

export function applySchema(db: Database): void {
  db.exec(DDL);
  addMissingColumns(db);
  db.prepare(`INSERT OR IGNORE INTO meta (key, value) VALUES ('schema_version', ?)`).run(
    String(SCHEMA_VERSION),
  );
}
