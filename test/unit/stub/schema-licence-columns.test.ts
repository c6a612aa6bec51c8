// A database file written before the licence pools (issue 13) gets the new columns when the stub
// starts on it: the Enterprise pool keeps its total, licences in use are Chrome Enterprise Upgrades and
// bundled devices were sold with Chrome Enterprise Upgrade (the only kinds there were).

import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { CustomerStore } from '../../../server-stub/db/customers.ts';
import { applySchema } from '../../../server-stub/db/schema.ts';

/** The two tables as the first release created them. */
const OLD_DDL = `
CREATE TABLE customers (
  customer_id TEXT PRIMARY KEY, domain TEXT NOT NULL UNIQUE COLLATE NOCASE, name TEXT NOT NULL,
  kind TEXT NOT NULL DEFAULT 'enterprise', activation_pending INTEGER NOT NULL DEFAULT 0,
  ceu_total INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT NULL);
CREATE TABLE devices (
  device_id TEXT PRIMARY KEY, customer_id TEXT NOT NULL, status TEXT NOT NULL, id_kind TEXT,
  serial_number TEXT NOT NULL, manufacturer TEXT, model TEXT NOT NULL, model_key TEXT NOT NULL,
  org_unit_path TEXT NOT NULL, bundled_license INTEGER NOT NULL DEFAULT 0,
  license_consumed INTEGER NOT NULL DEFAULT 0, preprovisioning_token TEXT, partner_id TEXT,
  dm_client_id TEXT, enrollment_type TEXT, enrolled_at TEXT, deprovisioned_at TEXT,
  created_at TEXT NOT NULL, updated_at TEXT NOT NULL);
INSERT INTO customers VALUES ('C1', 'c1.example', 'C1', 'enterprise', 0, 4, '2025-01-01');
INSERT INTO devices (device_id, customer_id, status, serial_number, model, model_key, org_unit_path,
  bundled_license, license_consumed, created_at, updated_at) VALUES
  ('D1', 'C1', 'MANAGED', 'D1', 'Chromebook Acer 311 (C722/C722T)', 'k', '/', 0, 1, '2025-01-01', '2025-01-01'),
  ('D2', 'C1', 'MANAGED', 'D2', 'Chromebook Acer 311 (C722/C722T)', 'k', '/', 1, 0, '2025-01-01', '2025-01-01');
`;

describe('applySchema on a database of the first release', () => {
  it('adds the licence columns and fills them as the old data meant', () => {
    const db = new Database(':memory:');
    db.exec(OLD_DDL);
    applySchema(db);
    applySchema(db); // a second start changes nothing
    const customers = new CustomerStore(db);
    const c = customers.get('C1');
    expect(c).toMatchObject({ ceu_total: 4, education_total: 0, nonprofit_total: 0 });
    if (c === undefined) return;
    const counts = customers.licences(c);
    expect(counts.pools.CHROME_ENTERPRISE).toEqual({ total: 4, used: 1 });
    expect(counts.bundledBySku).toEqual({ CHROME_ENTERPRISE: 1, CHROME_EDUCATION: 0 });
    expect(db.prepare('SELECT license_type, packaged_sku FROM devices ORDER BY device_id').all()).toEqual([
      { license_type: 'CHROME_ENTERPRISE', packaged_sku: null },
      { license_type: null, packaged_sku: 'CHROME_ENTERPRISE' },
    ]);
    db.close();
  });
});
