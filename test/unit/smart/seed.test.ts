import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { Clock } from '../../../server-stub/clock.ts';
import { type SmartSeed, seedSmart } from '../../../server-stub/smart/seed.ts';

const NOW = new Date('2025-06-01T12:00:00.000Z');
const clock: Clock = { now: () => NOW };

const demo = (): SmartSeed => ({
  invoices: [
    {
      invoice_id: 'SRM-DEMO-0001',
      product_key: 'SRMK-DEMO-0001-AAAA',
      purchased_days_ago: 30,
      displays: [
        { serial_number: 'SBID1DEMO0001', model_number: 'sbid-mx065-v2', credits: 365 },
        { serial_number: 'SBID1DEMO0002', model_number: 'sbid-mx065-v2', credits: 365 },
      ],
    },
    {
      invoice_id: 'SRM-DATED-0001',
      product_key: 'srmk-dated-0001',
      purchased_at: '2024-01-15',
      displays: [{ serial_number: 'SBID1DATED001', model_number: 'sbid-mx275-v2', credits: 180 }],
    },
  ],
  domains: [
    {
      name: 'seeded',
      organization: 'Seeded School',
      contact_name: 'A. Admin',
      phone: '+1 555 0100',
      email: 'Admin@Seeded.example',
      password: 'seeded-password',
      activated_days_ago: 40,
    },
    {
      name: 'seedwait',
      organization: 'Waiting School',
      contact_name: 'B. Admin',
      phone: '555 0101',
      email: 'admin@seedwait.example',
      password: 'seedwait-password',
      status: 'PENDING_ACTIVATION',
    },
  ],
});

function count(db: Database.Database, table: string): number {
  return (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
}

function seedError(db: Database.Database, seed: unknown): { code?: string; message: string } {
  try {
    seedSmart(db, seed as SmartSeed, clock);
  } catch (e) {
    return e as { code?: string; message: string };
  }
  throw new Error('seeding did not fail');
}

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('seedSmart', () => {
  it('loads invoices (relative and absolute purchase dates) and domains', () => {
    const db = new Database(':memory:');
    seedSmart(db, demo(), clock);
    const invoices = db
      .prepare('SELECT invoice_id, product_key, purchased_at FROM smart_invoices ORDER BY invoice_id')
      .all();
    expect(invoices).toEqual([
      {
        invoice_id: 'SRM-DATED-0001',
        product_key: 'SRMK-DATED-0001',
        purchased_at: '2024-01-15T00:00:00.000Z',
      },
      {
        invoice_id: 'SRM-DEMO-0001',
        product_key: 'SRMK-DEMO-0001-AAAA',
        purchased_at: '2025-05-02T12:00:00.000Z',
      },
    ]);
    expect(count(db, 'smart_invoice_displays')).toBe(3);
    const domains = db
      .prepare('SELECT name, email, status, activated_at, trial_ends_at FROM smart_domains ORDER BY name')
      .all();
    expect(domains).toEqual([
      {
        name: 'seeded',
        email: 'admin@seeded.example',
        status: 'ACTIVE',
        activated_at: '2025-04-22T12:00:00.000Z',
        trial_ends_at: '2025-05-22T12:00:00.000Z',
      },
      {
        name: 'seedwait',
        email: 'admin@seedwait.example',
        status: 'PENDING_ACTIVATION',
        activated_at: null,
        trial_ends_at: null,
      },
    ]);
    // The pending domain has its activation e-mail; the active one its TRIAL_STARTED row.
    expect(db.prepare('SELECT to_email FROM smart_outbox').all()).toEqual([
      { to_email: 'admin@seedwait.example' },
    ]);
    expect(db.prepare('SELECT domain, type FROM smart_billing').all()).toEqual([
      { domain: 'seeded', type: 'TRIAL_STARTED' },
    ]);
  });

  it('is idempotent on a file database: re-seeding later duplicates nothing and keeps the first dates', () => {
    const dir = mkdtempSync(join(tmpdir(), 'smart-seed-'));
    dirs.push(dir);
    const file = join(dir, 'stub.db');
    const first = new Database(file);
    seedSmart(first, demo(), clock);
    first.close();

    const later: Clock = { now: () => new Date(NOW.getTime() + 10 * 86_400_000) };
    const again = new Database(file);
    seedSmart(again, demo(), later);
    expect(count(again, 'smart_invoices')).toBe(2);
    expect(count(again, 'smart_invoice_displays')).toBe(3);
    expect(count(again, 'smart_domains')).toBe(2);
    expect(count(again, 'smart_outbox')).toBe(1);
    expect(count(again, 'smart_billing')).toBe(1);
    const demoInvoice = again
      .prepare('SELECT purchased_at FROM smart_invoices WHERE invoice_id = ?')
      .get('SRM-DEMO-0001');
    expect(demoInvoice).toEqual({ purchased_at: '2025-05-02T12:00:00.000Z' });
    again.close();
  });

  it('accepts an undefined section (creates the tables only)', () => {
    const db = new Database(':memory:');
    seedSmart(db, undefined, clock);
    expect(count(db, 'smart_invoices')).toBe(0);
  });

  it.each([
    ['not an object', [], /^seed: smart must be an object/],
    [
      'an unknown top-level field',
      { invoices: [], customers: [] },
      /^seed: smart\.customers is not an allowed field/,
    ],
    [
      'a missing purchase date',
      { invoices: [{ invoice_id: 'I1', product_key: 'KEY-1', displays: [] }] },
      /^seed: smart\.invoices\[0\]\.purchased_days_ago or purchased_at is required/,
    ],
    [
      'both purchase dates',
      {
        invoices: [
          {
            invoice_id: 'I1',
            product_key: 'KEY-1',
            purchased_days_ago: 1,
            purchased_at: '2024-01-01',
            displays: [],
          },
        ],
      },
      /^seed: smart\.invoices\[0\]\.purchased_days_ago or purchased_at/,
    ],
    [
      'a bad purchase date',
      { invoices: [{ invoice_id: 'I1', product_key: 'KEY-1', purchased_at: '15/01/2024', displays: [] }] },
      /^seed: smart\.invoices\[0\]\.purchased_at must be an ISO 8601 date/,
    ],
    [
      'negative credits',
      {
        invoices: [
          {
            invoice_id: 'I1',
            product_key: 'KEY-1',
            purchased_days_ago: 1,
            displays: [{ serial_number: 'S1', model_number: 'm', credits: -5 }],
          },
        ],
      },
      /^seed: smart\.invoices\[0\]\.displays\[0\]\.credits must be an integer/,
    ],
    [
      'a display on two invoices',
      {
        invoices: [
          {
            invoice_id: 'I1',
            product_key: 'KEY-1',
            purchased_days_ago: 1,
            displays: [{ serial_number: 'S1', model_number: 'm', credits: 1 }],
          },
          {
            invoice_id: 'I2',
            product_key: 'KEY-2',
            purchased_days_ago: 1,
            displays: [{ serial_number: 'S1', model_number: 'm', credits: 1 }],
          },
        ],
      },
      /^seed: smart\.invoices\[1\]\.displays\[0\]\.serial_number duplicates "S1"/,
    ],
    [
      'one key on two invoices',
      {
        invoices: [
          {
            invoice_id: 'I1',
            product_key: 'KEY-1',
            purchased_days_ago: 1,
            displays: [{ serial_number: 'S1', model_number: 'm', credits: 1 }],
          },
          {
            invoice_id: 'I2',
            product_key: 'key-1',
            purchased_days_ago: 1,
            displays: [{ serial_number: 'S2', model_number: 'm', credits: 1 }],
          },
        ],
      },
      /^seed: smart\.invoices\[1\]\.product_key duplicates/,
    ],
    [
      'an upper-case domain name',
      {
        domains: [
          {
            name: 'Upper',
            organization: 'o',
            contact_name: 'c',
            phone: '555 0100',
            email: 'a@b.example',
            password: 'password1',
          },
        ],
      },
      /^seed: smart\.domains\[0\]\.name must match/,
    ],
  ])('rejects %s with code SEED_INVALID naming the field, writing nothing', (_why, seed, pattern) => {
    const db = new Database(':memory:');
    const err = seedError(db, seed);
    expect(err.code).toBe('SEED_INVALID');
    expect(err.message).toMatch(pattern);
    expect(count(db, 'smart_invoices')).toBe(0);
  });

  it('refuses a product key already used by another invoice in the database', () => {
    const db = new Database(':memory:');
    seedSmart(db, demo(), clock);
    const err = seedError(db, {
      invoices: [
        {
          invoice_id: 'OTHER',
          product_key: 'SRMK-DEMO-0001-AAAA',
          purchased_days_ago: 1,
          displays: [{ serial_number: 'X1', model_number: 'm', credits: 1 }],
        },
      ],
    });
    expect(err.code).toBe('SEED_INVALID');
    expect(err.message).toMatch(
      /^seed: smart\.invoices\[0\]\.product_key is already the key of invoice SRM-DEMO-0001/,
    );
    expect(count(db, 'smart_invoices')).toBe(2);
  });
});

describe('the default seed server-stub/fixtures/demo.json', () => {
  it('has a smart section seedSmart accepts: key invoices (30 and 730 days), an on-enrollment invoice, a reseller key', () => {
    const url = new URL('../../../server-stub/fixtures/demo.json', import.meta.url);
    const demoJson = JSON.parse(readFileSync(url, 'utf8')) as { smart?: SmartSeed };
    const db = new Database(':memory:');
    seedSmart(db, demoJson.smart, clock);
    const rows = db
      .prepare(
        'SELECT invoice_id, credits_via, claim_code, product_key, purchased_at FROM smart_invoices ORDER BY invoice_id',
      )
      .all() as Record<string, string | null>[];
    const ago = (days: number) => new Date(NOW.getTime() - days * 86_400_000).toISOString();
    expect(rows.map((r) => Object.values(r))).toEqual([
      ['SRM-AUTO-0001', 'enrollment', null, null, ago(10)],
      ['SRM-DEMO-0001', 'product-key', 'SRMC-DEMO-0001', 'SRMK-DEMO-0001-AAAA', ago(30)],
      ['SRM-OLD-0001', 'product-key', 'SRMC-OLD-0001', 'SRMK-OLD-0001-BBBB', ago(730)],
    ]);
    expect(db.prepare('SELECT product_key, credits FROM smart_reseller_keys').all()).toEqual([
      { product_key: 'SRMR-DEMO-0100-CCCC', credits: 100 },
    ]);
    const displays = db
      .prepare(
        "SELECT count(*) AS n, sum(credits) AS c FROM smart_invoice_displays WHERE invoice_id = 'SRM-DEMO-0001'",
      )
      .get();
    expect(displays).toEqual({ n: 3, c: 1095 });
  });

  it('defaults a claim code to the invoice id; refuses keys or claim codes on an on-enrollment invoice', () => {
    const db = new Database(':memory:');
    seedSmart(
      db,
      {
        invoices: [
          {
            invoice_id: 'Inv-7',
            product_key: 'KEY-7',
            purchased_days_ago: 1,
            displays: [{ serial_number: 'S7', model_number: 'm', credits: 1 }],
          },
        ],
      },
      clock,
    );
    expect(db.prepare('SELECT claim_code FROM smart_invoices').get()).toEqual({ claim_code: 'INV-7' });
    for (const extra of [{ product_key: 'KEY-8' }, { claim_code: 'C-8' }]) {
      const seed: SmartSeed = {
        invoices: [
          {
            invoice_id: 'Inv-8',
            credits_via: 'enrollment',
            purchased_days_ago: 1,
            displays: [{ serial_number: 'S8', model_number: 'm', credits: 1 }],
            ...extra,
          },
        ],
      };
      const field = Object.keys(extra)[0];
      expect(() => seedSmart(new Database(':memory:'), seed, clock)).toThrow(
        expect.objectContaining({
          code: 'SEED_INVALID',
          message: expect.stringMatching(
            new RegExp(`^seed: smart\\.invoices\\[0\\]\\.${field} is not allowed`),
          ),
        }),
      );
    }
  });

  it('loads reseller keys and refuses one that duplicates an invoice key (SEED_INVALID naming the field)', () => {
    const db = new Database(':memory:');
    const seed: SmartSeed = {
      invoices: [
        {
          invoice_id: 'I1',
          product_key: 'DUP-1',
          purchased_days_ago: 1,
          displays: [{ serial_number: 'S1', model_number: 'm', credits: 1 }],
        },
      ],
      reseller_keys: [{ product_key: 'dup-1', credits: 5 }],
    };
    expect(() => seedSmart(db, seed, clock)).toThrow(
      expect.objectContaining({
        code: 'SEED_INVALID',
        message: expect.stringMatching(/^seed: smart\.reseller_keys\[0\]\.product_key duplicates/),
      }),
    );
    expect(db.prepare('SELECT count(*) AS n FROM smart_invoices').get()).toEqual({ n: 0 });
  });
});

describe('a database file from before claim codes', () => {
  it('gets the new invoice columns: claim code = invoice id, a redeemed key counts as claimed', () => {
    const db = new Database(':memory:');
    db.exec(`
      CREATE TABLE smart_invoices (invoice_id TEXT PRIMARY KEY, product_key TEXT NOT NULL UNIQUE,
        purchased_at TEXT NOT NULL, redeemed_by TEXT, redeemed_at TEXT);
      INSERT INTO smart_invoices VALUES ('Inv-1', 'KEY-1', '2025-01-01T00:00:00.000Z', NULL, NULL);
      INSERT INTO smart_invoices VALUES ('Inv-2', 'KEY-2', '2025-01-01T00:00:00.000Z', NULL, '2025-02-01T00:00:00.000Z');
    `);
    seedSmart(db, undefined, clock);
    seedSmart(db, undefined, clock); // twice: idempotent
    expect(
      db
        .prepare(
          'SELECT invoice_id, credits_via, claim_code, claimed_at FROM smart_invoices ORDER BY invoice_id',
        )
        .all(),
    ).toEqual([
      { invoice_id: 'Inv-1', credits_via: 'product-key', claim_code: 'INV-1', claimed_at: null },
      {
        invoice_id: 'Inv-2',
        credits_via: 'product-key',
        claim_code: 'INV-2',
        claimed_at: '2025-02-01T00:00:00.000Z',
      },
    ]);
  });
});
