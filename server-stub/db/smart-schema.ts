// SQLite tables of SMART Remote Management (seed 002). Created IF NOT EXISTS, so applying the schema to
// a database that already has them (a restarted stub on a file database) changes nothing.

import type { Database } from 'better-sqlite3';

/** Every SMART table, in dependency order (tests count and snapshot their rows). */
export const SMART_TABLES = [
  'smart_domains',
  'smart_outbox',
  'smart_sessions',
  'smart_invoices',
  'smart_invoice_displays',
  'smart_reseller_keys',
  'smart_enrollments',
  'smart_billing',
] as const;

export type SmartTable = (typeof SMART_TABLES)[number];

export const BILLING_TYPES = ['TRIAL_STARTED', 'PRODUCT_KEY_REDEEMED', 'DISPLAY_ENROLLED'] as const;
export type BillingType = (typeof BILLING_TYPES)[number];

/**
 * How the SRM subscription included with an invoice's displays turns into credits, as the purchase
 * confirmation e-mail says (seed 002): granted when each display enrolls, or through the invoice's
 * product key (claimed in SMART Admin Portal, redeemed in SRM Billing).
 */
export const CREDITS_VIA = ['enrollment', 'product-key'] as const;
export type CreditsVia = (typeof CREDITS_VIA)[number];

const DDL = `
CREATE TABLE IF NOT EXISTS smart_domains (
  name            TEXT PRIMARY KEY,
  organization    TEXT NOT NULL,
  contact_name    TEXT NOT NULL,
  phone           TEXT NOT NULL,
  email           TEXT NOT NULL,
  password_hash   TEXT NOT NULL,
  status          TEXT NOT NULL CHECK (status IN ('PENDING_ACTIVATION', 'ACTIVE')),
  activation_code TEXT NOT NULL,
  created_at      TEXT NOT NULL,
  activated_at    TEXT,
  trial_ends_at   TEXT,
  balance         INTEGER NOT NULL DEFAULT 0 CHECK (balance >= 0)
);
CREATE INDEX IF NOT EXISTS smart_domains_email ON smart_domains (email);

CREATE TABLE IF NOT EXISTS smart_outbox (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  to_email        TEXT NOT NULL,
  subject         TEXT NOT NULL,
  body            TEXT NOT NULL,
  activation_code TEXT,
  domain          TEXT NOT NULL,
  sent_at         TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS smart_outbox_to ON smart_outbox (to_email);

CREATE TABLE IF NOT EXISTS smart_sessions (
  token_sha256 TEXT PRIMARY KEY,
  domain       TEXT NOT NULL REFERENCES smart_domains (name),
  email        TEXT NOT NULL,
  created_at   TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS smart_invoices (
  invoice_id   TEXT PRIMARY KEY,
  credits_via  TEXT NOT NULL CHECK (credits_via IN ('enrollment', 'product-key')),
  claim_code   TEXT UNIQUE,
  product_key  TEXT UNIQUE,
  purchased_at TEXT NOT NULL,
  claimed_at   TEXT,
  redeemed_by  TEXT REFERENCES smart_domains (name),
  redeemed_at  TEXT,
  CHECK ((credits_via = 'product-key') = (product_key IS NOT NULL AND claim_code IS NOT NULL))
);

CREATE TABLE IF NOT EXISTS smart_invoice_displays (
  serial_number   TEXT PRIMARY KEY,
  invoice_id      TEXT NOT NULL REFERENCES smart_invoices (invoice_id),
  model_number    TEXT NOT NULL,
  credits         INTEGER NOT NULL CHECK (credits >= 0),
  credited_domain TEXT REFERENCES smart_domains (name),
  credited_at     TEXT
);
CREATE INDEX IF NOT EXISTS smart_invoice_displays_invoice ON smart_invoice_displays (invoice_id);

CREATE TABLE IF NOT EXISTS smart_reseller_keys (
  product_key TEXT PRIMARY KEY,
  credits     INTEGER NOT NULL CHECK (credits >= 0),
  issued_at   TEXT NOT NULL,
  redeemed_by TEXT REFERENCES smart_domains (name),
  redeemed_at TEXT
);

CREATE TABLE IF NOT EXISTS smart_enrollments (
  serial_number   TEXT PRIMARY KEY,
  model_number    TEXT NOT NULL,
  domain          TEXT NOT NULL REFERENCES smart_domains (name),
  enrolled_at     TEXT NOT NULL,
  invoice_id      TEXT REFERENCES smart_invoices (invoice_id),
  credits_granted INTEGER NOT NULL DEFAULT 0 CHECK (credits_granted >= 0)
);
CREATE INDEX IF NOT EXISTS smart_enrollments_domain ON smart_enrollments (domain);

CREATE TABLE IF NOT EXISTS smart_billing (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
  domain        TEXT NOT NULL REFERENCES smart_domains (name),
  at            TEXT NOT NULL,
  type          TEXT NOT NULL CHECK (type IN ('TRIAL_STARTED', 'PRODUCT_KEY_REDEEMED', 'DISPLAY_ENROLLED')),
  credits       INTEGER NOT NULL CHECK (credits >= 0),
  balance       INTEGER NOT NULL CHECK (balance >= 0),
  product_key   TEXT,
  serial_number TEXT,
  invoice_id    TEXT
);
CREATE INDEX IF NOT EXISTS smart_billing_domain ON smart_billing (domain, id);
`;

/**
 * A database file written before invoices had claim codes and credit modes: its invoices get the new
 * columns, each one's claim code is its invoice id, and a key already redeemed counts as claimed.
 */
function upgradeInvoices(db: Database): void {
  const columns = new Set(
    db
      .prepare<[], { name: string }>("SELECT name FROM pragma_table_info('smart_invoices')")
      .all()
      .map((c) => c.name),
  );
  if (columns.has('credits_via')) return;
  db.transaction(() => {
    db.exec(`
      ALTER TABLE smart_invoices ADD COLUMN credits_via TEXT NOT NULL DEFAULT 'product-key'
        CHECK (credits_via IN ('enrollment', 'product-key'));
      ALTER TABLE smart_invoices ADD COLUMN claim_code TEXT;
      ALTER TABLE smart_invoices ADD COLUMN claimed_at TEXT;
      UPDATE smart_invoices SET claim_code = upper(invoice_id), claimed_at = redeemed_at;
      CREATE UNIQUE INDEX IF NOT EXISTS smart_invoices_claim_code ON smart_invoices (claim_code);
    `);
  })();
}

/** Creates the SMART tables if they do not exist (and upgrades an older file's). Idempotent. */
export function applySmartSchema(db: Database): void {
  db.exec(DDL);
  upgradeInvoices(db);
}
