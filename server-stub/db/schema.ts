// SQLite schema of the enrollment service (customers, admins, partners, tokens, devices, licences,
// attestation state, test faults). Every statement is IF NOT EXISTS, so applying it to a database
// that already has the tables (a restarted stub on a file database) changes nothing.
// The SMART Remote Management tables live in ../smart/schema.ts.

import type { Database } from 'better-sqlite3';

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
  preprovisioning_token TEXT,
  partner_id            TEXT,
  dm_client_id          TEXT,
  enrollment_type       TEXT,
  enrolled_at           TEXT,
  deprovisioned_at      TEXT,
  created_at            TEXT NOT NULL,
  updated_at            TEXT NOT NULL,
  CHECK (license_consumed = 0 OR (status = 'MANAGED' AND bundled_license = 0))
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

CREATE TABLE IF NOT EXISTS faults (
  request_type        TEXT PRIMARY KEY,
  status              INTEGER NOT NULL,
  remaining           INTEGER NOT NULL CHECK (remaining >= 0),
  retry_after_seconds INTEGER
);
`;

export function applySchema(db: Database): void {
  db.exec(DDL);
  db.prepare(`INSERT OR IGNORE INTO meta (key, value) VALUES ('schema_version', ?)`).run(
    String(SCHEMA_VERSION),
  );
}
