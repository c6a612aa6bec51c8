// SMART product purchases: invoices (one product key per invoice, shared by all its displays, claimed
// in SMART Admin Portal), the displays each invoice lists, and reseller credit keys (bought from a SMART
// reseller, not tied to any display). Prepared statements only; callers own the transactions.

import type { Database, Statement } from 'better-sqlite3';
import type { CreditsVia } from './smart-schema.ts';

export interface SmartInvoiceRow {
  invoice_id: string;
  credits_via: CreditsVia;
  /** The claim code of the purchase, entered in SMART Admin Portal (null when credits come on enrollment). */
  claim_code: string | null;
  /** Upper case; null when credits come on enrollment. */
  product_key: string | null;
  purchased_at: string;
  claimed_at: string | null;
  redeemed_by: string | null;
  redeemed_at: string | null;
}

export interface SmartInvoiceDisplayRow {
  serial_number: string;
  invoice_id: string;
  model_number: string;
  credits: number;
  credited_domain: string | null;
  credited_at: string | null;
}

export interface SmartResellerKeyRow {
  product_key: string;
  credits: number;
  issued_at: string;
  redeemed_by: string | null;
  redeemed_at: string | null;
}

export type NewInvoice = Pick<
  SmartInvoiceRow,
  'invoice_id' | 'credits_via' | 'claim_code' | 'product_key' | 'purchased_at'
>;

export class SmartInvoiceStore {
  readonly #byId: Statement<[string], SmartInvoiceRow>;
  readonly #byKey: Statement<[string], SmartInvoiceRow>;
  readonly #byClaimCode: Statement<[string], SmartInvoiceRow>;
  readonly #insert: Statement<[NewInvoice]>;
  readonly #claim: Statement<[string, string]>;
  readonly #redeem: Statement<[string, string, string]>;
  readonly #displays: Statement<[string], SmartInvoiceDisplayRow>;
  readonly #display: Statement<[string], SmartInvoiceDisplayRow>;
  readonly #insertDisplay: Statement<[string, string, string, number]>;
  readonly #credit: Statement<[string, string, string]>;
  readonly #resellerKey: Statement<[string], SmartResellerKeyRow>;
  readonly #insertResellerKey: Statement<[string, number, string]>;
  readonly #redeemResellerKey: Statement<[string, string, string]>;

  constructor(db: Database) {
    this.#byId = db.prepare('SELECT * FROM smart_invoices WHERE invoice_id = ?');
    this.#byKey = db.prepare('SELECT * FROM smart_invoices WHERE product_key = ?');
    this.#byClaimCode = db.prepare('SELECT * FROM smart_invoices WHERE claim_code = ?');
    this.#insert = db.prepare(
      `INSERT INTO smart_invoices (invoice_id, credits_via, claim_code, product_key, purchased_at)
       VALUES (@invoice_id, @credits_via, @claim_code, @product_key, @purchased_at)`,
    );
    this.#claim = db.prepare(
      'UPDATE smart_invoices SET claimed_at = ? WHERE invoice_id = ? AND claimed_at IS NULL',
    );
    this.#redeem = db.prepare(
      'UPDATE smart_invoices SET redeemed_by = ?, redeemed_at = ? WHERE invoice_id = ? AND redeemed_by IS NULL',
    );
    this.#displays = db.prepare(
      'SELECT * FROM smart_invoice_displays WHERE invoice_id = ? ORDER BY serial_number',
    );
    this.#display = db.prepare('SELECT * FROM smart_invoice_displays WHERE serial_number = ?');
    this.#insertDisplay = db.prepare(
      'INSERT INTO smart_invoice_displays (serial_number, invoice_id, model_number, credits) VALUES (?, ?, ?, ?)',
    );
    // "Granted once" is enforced here: a second grant changes no row.
    this.#credit = db.prepare(
      `UPDATE smart_invoice_displays SET credited_domain = ?, credited_at = ?
       WHERE serial_number = ? AND credited_domain IS NULL`,
    );
    this.#resellerKey = db.prepare('SELECT * FROM smart_reseller_keys WHERE product_key = ?');
    this.#insertResellerKey = db.prepare(
      'INSERT INTO smart_reseller_keys (product_key, credits, issued_at) VALUES (?, ?, ?)',
    );
    this.#redeemResellerKey = db.prepare(
      `UPDATE smart_reseller_keys SET redeemed_by = ?, redeemed_at = ?
       WHERE product_key = ? AND redeemed_by IS NULL`,
    );
  }

  get(invoiceId: string): SmartInvoiceRow | undefined {
    return this.#byId.get(invoiceId);
  }

  byProductKey(key: string): SmartInvoiceRow | undefined {
    return this.#byKey.get(key);
  }

  byClaimCode(code: string): SmartInvoiceRow | undefined {
    return this.#byClaimCode.get(code);
  }

  insert(invoice: NewInvoice): void {
    this.#insert.run(invoice);
  }

  markClaimed(invoiceId: string, at: string): void {
    this.#claim.run(at, invoiceId);
  }

  /** Throws when the invoice's key was already redeemed (the caller's transaction rolls back). */
  markRedeemed(invoiceId: string, domain: string, at: string): void {
    if (this.#redeem.run(domain, at, invoiceId).changes !== 1) {
      throw new Error(`the product key of invoice ${invoiceId} was already redeemed`);
    }
  }

  displays(invoiceId: string): SmartInvoiceDisplayRow[] {
    return this.#displays.all(invoiceId);
  }

  display(serial: string): SmartInvoiceDisplayRow | undefined {
    return this.#display.get(serial);
  }

  insertDisplay(serial: string, invoiceId: string, model: string, credits: number): void {
    this.#insertDisplay.run(serial, invoiceId, model, credits);
  }

  /** Marks a display's included credits as granted to `domain`; throws if they already were. */
  credit(serial: string, domain: string, at: string): void {
    if (this.#credit.run(domain, at, serial).changes !== 1) {
      throw new Error(`the credits of display ${serial} were already granted`);
    }
  }

  resellerKey(key: string): SmartResellerKeyRow | undefined {
    return this.#resellerKey.get(key);
  }

  insertResellerKey(key: string, credits: number, at: string): void {
    this.#insertResellerKey.run(key, credits, at);
  }

  /** Throws when the key was already redeemed (the caller's transaction rolls back). */
  markResellerKeyRedeemed(key: string, domain: string, at: string): void {
    if (this.#redeemResellerKey.run(domain, at, key).changes !== 1) {
      throw new Error(`reseller key ${key} was already redeemed`);
    }
  }

  /** Is this (upper-case) product key already used by an invoice or a reseller key? */
  keyInUse(key: string): boolean {
    return this.byProductKey(key) !== undefined || this.resellerKey(key) !== undefined;
  }
}
