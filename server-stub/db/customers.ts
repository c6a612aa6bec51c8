// Customers, their org units and their licence pools (Chrome Enterprise, Education and Nonprofit
// Upgrade, named in ../rules/licence-kinds.ts; which one a registration takes is decided in
// ../rules/licences.ts).

import type { Database, Statement } from 'better-sqlite3';
import { type PackagedSku, UPGRADE_TYPES, type UpgradeType } from '../rules/licence-kinds.ts';
import type { CustomerKind, CustomerRow } from './rows.ts';

export interface PoolCount {
  total: number;
  used: number;
}

export interface LicenceCounts {
  /** One pool per upgrade type: its total and how many devices hold one. */
  pools: Record<UpgradeType, PoolCount>;
  /** MANAGED devices enrolled with their packaged licence. */
  bundledUsed: number;
  bundledBySku: Record<PackagedSku, number>;
}

export interface NewCustomer {
  customer_id: string;
  domain: string;
  name: string;
  kind: CustomerKind;
  activation_pending: boolean;
  ceu_total: number;
  education_total: number;
  nonprofit_total: number;
}

/** The column of each pool. */
const TOTAL_COLUMN: Readonly<Record<UpgradeType, 'ceu_total' | 'education_total' | 'nonprofit_total'>> = {
  CHROME_ENTERPRISE: 'ceu_total',
  CHROME_EDUCATION: 'education_total',
  CHROME_NONPROFIT: 'nonprofit_total',
};

export class CustomerStore {
  readonly #get: Statement<[string], CustomerRow>;
  readonly #insert: Statement<[NewCustomer & { created_at: string; pending: number }]>;
  readonly #setTotal: Record<UpgradeType, Statement<[number, string]>>;
  readonly #ouExists: Statement<[string, string], { n: number }>;
  readonly #ouList: Statement<[string], { path: string }>;
  readonly #ouInsert: Statement<[string, string, string]>;
  readonly #used: Statement<[string], { license_type: UpgradeType; n: number }>;
  readonly #bundledUsed: Statement<[string], { sku: PackagedSku; n: number }>;

  constructor(db: Database) {
    this.#get = db.prepare('SELECT * FROM customers WHERE customer_id = ?');
    this.#insert = db.prepare(
      `INSERT INTO customers (customer_id, domain, name, kind, activation_pending, ceu_total, education_total,
         nonprofit_total, created_at)
       VALUES (@customer_id, @domain, @name, @kind, @pending, @ceu_total, @education_total, @nonprofit_total,
         @created_at)`,
    );
    const setTotal = (column: string) =>
      db.prepare<[number, string]>(`UPDATE customers SET ${column} = ? WHERE customer_id = ?`);
    this.#setTotal = {
      CHROME_ENTERPRISE: setTotal(TOTAL_COLUMN.CHROME_ENTERPRISE),
      CHROME_EDUCATION: setTotal(TOTAL_COLUMN.CHROME_EDUCATION),
      CHROME_NONPROFIT: setTotal(TOTAL_COLUMN.CHROME_NONPROFIT),
    };
    this.#ouExists = db.prepare('SELECT COUNT(*) AS n FROM org_units WHERE customer_id = ? AND path = ?');
    this.#ouList = db.prepare('SELECT path FROM org_units WHERE customer_id = ? ORDER BY path');
    this.#ouInsert = db.prepare(
      'INSERT OR IGNORE INTO org_units (customer_id, path, created_at) VALUES (?, ?, ?)',
    );
    this.#used = db.prepare(
      `SELECT license_type, COUNT(*) AS n FROM devices
       WHERE customer_id = ? AND license_consumed = 1 AND license_type IS NOT NULL GROUP BY license_type`,
    );
    this.#bundledUsed = db.prepare(
      `SELECT COALESCE(packaged_sku, 'CHROME_ENTERPRISE') AS sku, COUNT(*) AS n FROM devices
       WHERE customer_id = ? AND bundled_license = 1 AND status = 'MANAGED' GROUP BY sku`,
    );
  }

  get(customerId: string): CustomerRow | undefined {
    return this.#get.get(customerId);
  }

  insert(c: NewCustomer, at: string): void {
    this.#insert.run({ ...c, pending: c.activation_pending ? 1 : 0, created_at: at });
  }

  /** Sets one pool's total (the caller checks it is not below `used`). */
  setTotal(customerId: string, type: UpgradeType, total: number): void {
    this.#setTotal[type].run(total, customerId);
  }

  orgUnitExists(customerId: string, path: string): boolean {
    return (this.#ouExists.get(customerId, path)?.n ?? 0) > 0;
  }

  orgUnits(customerId: string): string[] {
    return this.#ouList.all(customerId).map((r) => r.path);
  }

  /** Returns false when it already existed. */
  addOrgUnit(customerId: string, path: string, at: string): boolean {
    return this.#ouInsert.run(customerId, path, at).changes > 0;
  }

  licences(customer: CustomerRow): LicenceCounts {
    const used: Record<UpgradeType, number> = {
      CHROME_ENTERPRISE: 0,
      CHROME_EDUCATION: 0,
      CHROME_NONPROFIT: 0,
    };
    for (const r of this.#used.all(customer.customer_id)) used[r.license_type] = r.n;
    const bundledBySku: Record<PackagedSku, number> = { CHROME_ENTERPRISE: 0, CHROME_EDUCATION: 0 };
    for (const r of this.#bundledUsed.all(customer.customer_id)) bundledBySku[r.sku] = r.n;
    const pools = Object.fromEntries(
      UPGRADE_TYPES.map((t) => [t, { total: customer[TOTAL_COLUMN[t]], used: used[t] }]),
    ) as Record<UpgradeType, PoolCount>;
    return {
      pools,
      bundledUsed: bundledBySku.CHROME_ENTERPRISE + bundledBySku.CHROME_EDUCATION,
      bundledBySku,
    };
  }
}
