// Customers, their org units and their licence counts.

import type { Database, Statement } from 'better-sqlite3';
import type { CustomerKind, CustomerRow } from './rows.ts';

export interface LicenceCounts {
  total: number;
  used: number;
  bundledUsed: number;
}

export interface NewCustomer {
  customer_id: string;
  domain: string;
  name: string;
  kind: CustomerKind;
  activation_pending: boolean;
  ceu_total: number;
}

export class CustomerStore {
  readonly #get: Statement<[string], CustomerRow>;
  readonly #insert: Statement<[NewCustomer & { created_at: string; pending: number }]>;
  readonly #setTotal: Statement<[number, string]>;
  readonly #ouExists: Statement<[string, string], { n: number }>;
  readonly #ouList: Statement<[string], { path: string }>;
  readonly #ouInsert: Statement<[string, string, string]>;
  readonly #used: Statement<[string], { n: number }>;
  readonly #bundledUsed: Statement<[string], { n: number }>;

  constructor(db: Database) {
    this.#get = db.prepare('SELECT * FROM customers WHERE customer_id = ?');
    this.#insert = db.prepare(
      `INSERT INTO customers (customer_id, domain, name, kind, activation_pending, ceu_total, created_at)
       VALUES (@customer_id, @domain, @name, @kind, @pending, @ceu_total, @created_at)`,
    );
    this.#setTotal = db.prepare('UPDATE customers SET ceu_total = ? WHERE customer_id = ?');
    this.#ouExists = db.prepare('SELECT COUNT(*) AS n FROM org_units WHERE customer_id = ? AND path = ?');
    this.#ouList = db.prepare('SELECT path FROM org_units WHERE customer_id = ? ORDER BY path');
    this.#ouInsert = db.prepare(
      'INSERT OR IGNORE INTO org_units (customer_id, path, created_at) VALUES (?, ?, ?)',
    );
    this.#used = db.prepare(
      'SELECT COUNT(*) AS n FROM devices WHERE customer_id = ? AND license_consumed = 1',
    );
    this.#bundledUsed = db.prepare(
      `SELECT COUNT(*) AS n FROM devices WHERE customer_id = ? AND bundled_license = 1 AND status = 'MANAGED'`,
    );
  }

  get(customerId: string): CustomerRow | undefined {
    return this.#get.get(customerId);
  }

  insert(c: NewCustomer, at: string): void {
    this.#insert.run({ ...c, pending: c.activation_pending ? 1 : 0, created_at: at });
  }

  setCeuTotal(customerId: string, total: number): void {
    this.#setTotal.run(total, customerId);
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
    return {
      total: customer.ceu_total,
      used: this.#used.get(customer.customer_id)?.n ?? 0,
      bundledUsed: this.#bundledUsed.get(customer.customer_id)?.n ?? 0,
    };
  }
}
