// What happened in each SMART Remote Management domain: enrolled displays (the Devices view) and the
// billing history (User icon → Billing). Prepared statements only; callers own the transactions.

import type { Database, Statement } from 'better-sqlite3';
import type { BillingType } from './smart-schema.ts';

export interface SmartEnrollmentRow {
  serial_number: string;
  model_number: string;
  domain: string;
  enrolled_at: string;
  invoice_id: string | null;
  credits_granted: number;
}

export interface SmartBillingRow {
  at: string;
  type: BillingType;
  credits: number;
  balance: number;
  product_key: string | null;
  serial_number: string | null;
  invoice_id: string | null;
}

export class SmartLedgerStore {
  readonly #enrollment: Statement<[string], SmartEnrollmentRow>;
  readonly #enroll: Statement<[SmartEnrollmentRow]>;
  readonly #linkInvoice: Statement<[string, string, string]>;
  readonly #devices: Statement<[string], SmartEnrollmentRow>;
  readonly #bill: Statement<[SmartBillingRow & { domain: string }]>;
  readonly #billing: Statement<[string], SmartBillingRow>;

  constructor(db: Database) {
    this.#enrollment = db.prepare('SELECT * FROM smart_enrollments WHERE serial_number = ?');
    this.#enroll = db.prepare(
      `INSERT INTO smart_enrollments (serial_number, model_number, domain, enrolled_at, invoice_id, credits_granted)
       VALUES (@serial_number, @model_number, @domain, @enrolled_at, @invoice_id, @credits_granted)`,
    );
    this.#linkInvoice = db.prepare(
      'UPDATE smart_enrollments SET invoice_id = ? WHERE serial_number = ? AND domain = ? AND invoice_id IS NULL',
    );
    this.#devices = db.prepare(
      'SELECT * FROM smart_enrollments WHERE domain = ? ORDER BY enrolled_at, rowid',
    );
    this.#bill = db.prepare(
      `INSERT INTO smart_billing (domain, at, type, credits, balance, product_key, serial_number, invoice_id)
       VALUES (@domain, @at, @type, @credits, @balance, @product_key, @serial_number, @invoice_id)`,
    );
    this.#billing = db.prepare(
      `SELECT at, type, credits, balance, product_key, serial_number, invoice_id FROM smart_billing
       WHERE domain = ? ORDER BY id`,
    );
  }

  enrollment(serial: string): SmartEnrollmentRow | undefined {
    return this.#enrollment.get(serial);
  }

  enroll(row: SmartEnrollmentRow): void {
    this.#enroll.run(row);
  }

  /** Records that an enrolled display is one of `invoiceId`'s (its key was redeemed by its domain). */
  linkInvoice(serial: string, domain: string, invoiceId: string): void {
    this.#linkInvoice.run(invoiceId, serial, domain);
  }

  devices(domain: string): SmartEnrollmentRow[] {
    return this.#devices.all(domain);
  }

  bill(domain: string, row: SmartBillingRow): void {
    this.#bill.run({ ...row, domain });
  }

  billing(domain: string): SmartBillingRow[] {
    return this.#billing.all(domain);
  }
}
