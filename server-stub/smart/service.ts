// The business rules of SMART Remote Management (seed 002), over SQLite. HTTP-free: routes.ts maps
// requests onto these methods and SmartError onto `{error_message, error_code}` answers.
// Every write, and every credit/balance change, runs inside one better-sqlite3 transaction.

import type { Database } from 'better-sqlite3';
import type { Clock } from '../clock.ts';
import { SmartError } from './errors.ts';
import type { BillingType } from './schema.ts';
import { newActivationCode, newSessionToken, sameSecret, tokenDigest } from './secrets.ts';
import { addDays, addYears, iso, TRIAL_DAYS } from './time.ts';

export const ACTIVATION_SENDER = 'registration@glbth.com';

export type DomainStatus = 'PENDING_ACTIVATION' | 'ACTIVE';

export interface DomainRow {
  name: string;
  organization: string;
  contact_name: string;
  phone: string;
  email: string;
  password_hash: string;
  status: DomainStatus;
  activation_code: string;
  created_at: string;
  activated_at: string | null;
  trial_ends_at: string | null;
  balance: number;
}

export interface DomainView {
  name: string;
  organization: string;
  contact_name: string;
  phone: string;
  email: string;
  status: DomainStatus;
  created_at: string;
  activated_at: string | null;
  trial_ends_at: string | null;
  trial_active: boolean;
  balance: number;
}

export interface NewDomain {
  name: string;
  organization: string;
  contact_name: string;
  phone: string;
  email: string;
}

export interface OutboxMessage {
  to: string;
  subject: string;
  body: string;
  activation_code: string | null;
  domain: string;
  sent_at: string;
}

export interface LoginCandidate {
  name: string;
  password_hash: string;
  status: DomainStatus;
}

export interface BillingRowView {
  at: string;
  type: BillingType;
  credits: number;
  balance: number;
  product_key?: string;
  serial_number?: string;
}

export interface BillingView {
  balance: number;
  rows: BillingRowView[];
}

export interface DeviceView {
  serial_number: string;
  model_number: string;
  enrolled_at: string;
  invoice_id: string | null;
}

export interface RedeemView {
  domain: string;
  product_key: string;
  invoice_id: string;
  purchased_at: string;
  claim_expires_at: string;
  redeemed_at: string;
  displays: { serial_number: string; model_number: string; credits: number; enrolled: boolean }[];
  credits: { included: number; granted: number; pending: number };
  balance: number;
}

export interface CheckinView {
  assigned_domain: string | null;
}

export interface EnrollView {
  serial_number: string;
  model_number: string;
  domain: string;
  enrolled_at: string;
  invoice_id: string | null;
  credits_granted: number;
  balance: number;
  already_enrolled: boolean;
}

interface InvoiceRow {
  invoice_id: string;
  product_key: string;
  purchased_at: string;
  redeemed_by: string | null;
  redeemed_at: string | null;
}

interface InvoiceDisplayRow {
  serial_number: string;
  invoice_id: string;
  model_number: string;
  credits: number;
  credited_domain: string | null;
  credited_at: string | null;
}

interface EnrollmentRow {
  serial_number: string;
  model_number: string;
  domain: string;
  enrolled_at: string;
  invoice_id: string | null;
  credits_granted: number;
}

interface BillingRow {
  at: string;
  type: BillingType;
  credits: number;
  balance: number;
  product_key: string | null;
  serial_number: string | null;
}

interface OutboxRow {
  to_email: string;
  subject: string;
  body: string;
  activation_code: string | null;
  domain: string;
  sent_at: string;
}

/** Product keys are compared case-insensitively: stored and looked up in upper case. */
export function normalizeProductKey(key: string): string {
  return key.toUpperCase();
}

export function normalizeEmail(email: string): string {
  return email.toLowerCase();
}

function sameModel(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

export function activationLink(domain: string, code: string): string {
  return `/smart/v1/domains/${domain}/activate?code=${code}`;
}

export function activationMessage(d: NewDomain, code: string): { subject: string; body: string } {
  return {
    subject: `Activate your SMART Remote Management domain "${d.name}"`,
    body: [
      `Hello ${d.contact_name},`,
      '',
      `The SMART Remote Management domain account "${d.name}" of ${d.organization} has been created.`,
      `Click the link below to activate it; your ${TRIAL_DAYS}-day free trial starts at activation.`,
      '',
      `  ${activationLink(d.name, code)}`,
      '',
      `Or POST {"code": "${code}"} to /smart/v1/domains/${d.name}/activate.`,
      `Activation code: ${code}`,
      '',
      `This message was sent by ${ACTIVATION_SENDER}.`,
    ].join('\n'),
  };
}

export class SmartService {
  readonly #db: Database;
  readonly #clock: Clock;

  constructor(db: Database, clock: Clock) {
    this.#db = db;
    this.#clock = clock;
  }

  now(): Date {
    return this.#clock.now();
  }

  // ---- domains -------------------------------------------------------------------------------------

  getDomainRow(name: string): DomainRow | undefined {
    return this.#db.prepare('SELECT * FROM smart_domains WHERE name = ?').get(name) as DomainRow | undefined;
  }

  view(row: DomainRow, now: Date = this.now()): DomainView {
    return {
      name: row.name,
      organization: row.organization,
      contact_name: row.contact_name,
      phone: row.phone,
      email: row.email,
      status: row.status,
      created_at: row.created_at,
      activated_at: row.activated_at,
      trial_ends_at: row.trial_ends_at,
      trial_active: trialActive(row, now),
      balance: row.balance,
    };
  }

  requireDomain(name: string): DomainRow {
    const row = this.getDomainRow(name);
    if (row === undefined) throw new SmartError(404, 'DOMAIN_NOT_FOUND', `domain "${name}" does not exist`);
    return row;
  }

  /** Creates a pending domain and sends its activation e-mail (one transaction). */
  createDomain(input: NewDomain, passwordHash: string): DomainView {
    const now = this.now();
    const at = iso(now);
    const email = normalizeEmail(input.email);
    const code = newActivationCode();
    const tx = this.#db.transaction(() => {
      if (this.getDomainRow(input.name) !== undefined) {
        throw new SmartError(409, 'DOMAIN_TAKEN', `domain name "${input.name}" is already taken`);
      }
      this.#db
        .prepare(
          `INSERT INTO smart_domains (name, organization, contact_name, phone, email, password_hash, status,
             activation_code, created_at, balance)
           VALUES (?, ?, ?, ?, ?, ?, 'PENDING_ACTIVATION', ?, ?, 0)`,
        )
        .run(input.name, input.organization, input.contact_name, input.phone, email, passwordHash, code, at);
      this.#sendActivation({ ...input, email }, code, at);
    });
    tx();
    return this.view(this.requireDomain(input.name), now);
  }

  #sendActivation(d: NewDomain, code: string, at: string): void {
    const message = activationMessage(d, code);
    this.#db
      .prepare(
        `INSERT INTO smart_outbox (to_email, subject, body, activation_code, domain, sent_at)
         VALUES (?, ?, ?, ?, ?, ?)`,
      )
      .run(d.email, message.subject, message.body, code, d.name, at);
  }

  /** Seeding helper: inserts a domain row as is (caller runs inside its transaction). */
  insertSeededDomain(row: DomainRow): boolean {
    if (this.getDomainRow(row.name) !== undefined) return false;
    this.#db
      .prepare(
        `INSERT INTO smart_domains (name, organization, contact_name, phone, email, password_hash, status,
           activation_code, created_at, activated_at, trial_ends_at, balance)
         VALUES (@name, @organization, @contact_name, @phone, @email, @password_hash, @status,
           @activation_code, @created_at, @activated_at, @trial_ends_at, @balance)`,
      )
      .run(row);
    if (row.status === 'PENDING_ACTIVATION') {
      this.#sendActivation(row, row.activation_code, row.created_at);
    } else if (row.activated_at !== null) {
      this.#billing(row.name, row.activated_at, 'TRIAL_STARTED', 0, row.balance, {});
    }
    return true;
  }

  outbox(email: string): OutboxMessage[] {
    const rows = this.#db
      .prepare('SELECT * FROM smart_outbox WHERE to_email = ? ORDER BY id')
      .all(normalizeEmail(email)) as OutboxRow[];
    return rows.map((r) => ({
      to: r.to_email,
      subject: r.subject,
      body: r.body,
      activation_code: r.activation_code,
      domain: r.domain,
      sent_at: r.sent_at,
    }));
  }

  /**
   * Activates a pending domain with the code of its e-mail and starts the trial. Activating an active
   * domain again with its code is a no-op answering the same domain (the link may be clicked twice).
   */
  activate(name: string, code: string): DomainView {
    const now = this.now();
    const tx = this.#db.transaction(() => {
      const row = this.requireDomain(name);
      if (!sameSecret(row.activation_code, code.toUpperCase())) {
        throw new SmartError(403, 'INVALID_ACTIVATION_CODE', `wrong activation code for domain "${name}"`);
      }
      if (row.status === 'ACTIVE') return;
      const at = iso(now);
      this.#db
        .prepare(
          `UPDATE smart_domains SET status = 'ACTIVE', activated_at = ?, trial_ends_at = ?
           WHERE name = ? AND status = 'PENDING_ACTIVATION'`,
        )
        .run(at, iso(addDays(now, TRIAL_DAYS)), name);
      this.#billing(name, at, 'TRIAL_STARTED', 0, row.balance, {});
    });
    tx();
    return this.view(this.requireDomain(name), now);
  }

  // ---- sessions ------------------------------------------------------------------------------------

  /** Domains a login may open, most recently created first (`domain` narrows to one). */
  loginCandidates(email: string, domain: string | undefined): LoginCandidate[] {
    const e = normalizeEmail(email);
    const sql =
      domain === undefined
        ? 'SELECT name, password_hash, status FROM smart_domains WHERE email = ? ORDER BY rowid DESC'
        : 'SELECT name, password_hash, status FROM smart_domains WHERE email = ? AND name = ?';
    const params = domain === undefined ? [e] : [e, domain];
    return this.#db.prepare(sql).all(...params) as LoginCandidate[];
  }

  openSession(domain: string, email: string): string {
    const token = newSessionToken();
    this.#db
      .prepare('INSERT INTO smart_sessions (token_sha256, domain, email, created_at) VALUES (?, ?, ?, ?)')
      .run(tokenDigest(token), domain, normalizeEmail(email), iso(this.now()));
    return token;
  }

  /** The domain a session token belongs to, or null. */
  sessionDomain(token: string): string | null {
    const row = this.#db
      .prepare('SELECT domain FROM smart_sessions WHERE token_sha256 = ?')
      .get(tokenDigest(token)) as { domain: string } | undefined;
    return row?.domain ?? null;
  }

  // ---- product keys --------------------------------------------------------------------------------

  /**
   * Redeems an invoice's product key for `name`: 404 unknown, 409 already redeemed (by anyone), 422
   * more than one year after the purchase. Assigns the invoice's displays to the domain. Credits come
   * when those displays enroll; displays of the invoice already enrolled in this domain are credited now.
   */
  redeem(name: string, productKey: string): RedeemView {
    const now = this.now();
    const at = iso(now);
    const key = normalizeProductKey(productKey);
    const tx = this.#db.transaction((): RedeemView => {
      const domain = this.requireDomain(name);
      const invoice = this.#db.prepare('SELECT * FROM smart_invoices WHERE product_key = ?').get(key) as
        | InvoiceRow
        | undefined;
      if (invoice === undefined) throw new SmartError(404, 'PRODUCT_KEY_NOT_FOUND', 'unknown product key');
      if (invoice.redeemed_by !== null) {
        const who = invoice.redeemed_by === name ? 'by this domain' : 'by another domain';
        throw new SmartError(409, 'PRODUCT_KEY_ALREADY_REDEEMED', `product key already redeemed ${who}`);
      }
      const deadline = addYears(new Date(invoice.purchased_at), 1);
      if (now.getTime() > deadline.getTime()) {
        throw new SmartError(
          422,
          'CLAIM_WINDOW_EXPIRED',
          `product key not claimed within one year of purchase (${invoice.purchased_at}); ` +
            'a separate SMART Remote Management licence must be purchased',
        );
      }
      this.#db
        .prepare('UPDATE smart_invoices SET redeemed_by = ?, redeemed_at = ? WHERE invoice_id = ?')
        .run(name, at, invoice.invoice_id);

      // Displays of this invoice that enrolled here before the key was redeemed get their credits now.
      const displays = this.#invoiceDisplays(invoice.invoice_id);
      let granted = 0;
      for (const d of displays) {
        const e = this.#enrollment(d.serial_number);
        if (
          e === undefined ||
          e.domain !== name ||
          d.credited_domain !== null ||
          !sameModel(e.model_number, d.model_number)
        )
          continue;
        this.#credit(d, name, at);
        this.#db
          .prepare('UPDATE smart_enrollments SET invoice_id = ?, credits_granted = ? WHERE serial_number = ?')
          .run(invoice.invoice_id, d.credits, d.serial_number);
        granted += d.credits;
      }
      const balance = domain.balance + granted;
      this.#setBalance(name, balance);
      this.#billing(name, at, 'PRODUCT_KEY_REDEEMED', granted, balance, {
        product_key: invoice.product_key,
        invoice_id: invoice.invoice_id,
      });
      return this.#redeemView(name, { ...invoice, redeemed_by: name, redeemed_at: at }, balance);
    });
    return tx();
  }

  #redeemView(name: string, invoice: InvoiceRow, balance: number): RedeemView {
    const displays = this.#invoiceDisplays(invoice.invoice_id);
    const included = displays.reduce((s, d) => s + d.credits, 0);
    const granted = displays.reduce((s, d) => s + (d.credited_domain === name ? d.credits : 0), 0);
    return {
      domain: name,
      product_key: invoice.product_key,
      invoice_id: invoice.invoice_id,
      purchased_at: invoice.purchased_at,
      claim_expires_at: iso(addYears(new Date(invoice.purchased_at), 1)),
      redeemed_at: invoice.redeemed_at ?? '',
      displays: displays.map((d) => ({
        serial_number: d.serial_number,
        model_number: d.model_number,
        credits: d.credits,
        enrolled: this.#enrollment(d.serial_number)?.domain === name,
      })),
      credits: { included, granted, pending: included - granted },
      balance,
    };
  }

  // ---- billing and devices -------------------------------------------------------------------------

  billing(name: string): BillingView {
    const domain = this.requireDomain(name);
    const rows = this.#db
      .prepare(
        'SELECT at, type, credits, balance, product_key, serial_number FROM smart_billing WHERE domain = ? ORDER BY id',
      )
      .all(name) as BillingRow[];
    return {
      balance: domain.balance,
      rows: rows.map((r) => {
        const out: BillingRowView = { at: r.at, type: r.type, credits: r.credits, balance: r.balance };
        if (r.product_key !== null) out.product_key = r.product_key;
        if (r.serial_number !== null) out.serial_number = r.serial_number;
        return out;
      }),
    };
  }

  devices(name: string): DeviceView[] {
    this.requireDomain(name);
    return this.#db
      .prepare(
        `SELECT serial_number, model_number, enrolled_at, invoice_id FROM smart_enrollments
         WHERE domain = ? ORDER BY enrolled_at, rowid`,
      )
      .all(name) as DeviceView[];
  }

  // ---- display side --------------------------------------------------------------------------------

  /**
   * Where a display belongs: the domain it is enrolled in, else the domain that redeemed the key of the
   * invoice it is on, else null. A record whose model number differs is not this display.
   */
  checkin(serial: string, model: string): CheckinView {
    const e = this.#enrollment(serial);
    if (e !== undefined && sameModel(e.model_number, model)) return { assigned_domain: e.domain };
    const d = this.#invoiceDisplay(serial, model);
    const invoice = d === undefined ? undefined : this.#invoice(d.invoice_id);
    return { assigned_domain: invoice?.redeemed_by ?? null };
  }

  /**
   * Enrolls a display into a domain. A display on an invoice whose key this domain redeemed brings its
   * own included credits (granted once, billing row DISPLAY_ENROLLED) and always enrolls. Any other
   * display enrolls while the trial runs or while the balance is positive, else 402 NO_CREDITS.
   * Enrolling again into the same domain is a no-op (200, nothing granted).
   */
  enroll(serial: string, model: string, name: string): EnrollView {
    const now = this.now();
    const at = iso(now);
    const tx = this.#db.transaction((): EnrollView => {
      const domain = this.requireDomain(name);
      if (domain.status !== 'ACTIVE') {
        throw new SmartError(403, 'ACTIVATION_PENDING', `domain "${name}" has not been activated yet`);
      }
      const existing = this.#enrollment(serial);
      if (existing !== undefined) {
        if (existing.domain !== name) {
          throw new SmartError(
            409,
            'DISPLAY_ENROLLED_ELSEWHERE',
            `display ${serial} is enrolled in another domain`,
          );
        }
        if (!sameModel(existing.model_number, model)) {
          throw new SmartError(
            409,
            'DISPLAY_MODEL_MISMATCH',
            `display ${serial} is enrolled with model number ${existing.model_number}`,
          );
        }
        return {
          ...existing,
          domain: name,
          credits_granted: 0,
          balance: domain.balance,
          already_enrolled: true,
        };
      }
      const d = this.#invoiceDisplay(serial, model);
      const invoice = d === undefined ? undefined : this.#invoice(d.invoice_id);
      if (invoice?.redeemed_by != null && invoice.redeemed_by !== name) {
        throw new SmartError(
          409,
          'DISPLAY_ASSIGNED_ELSEWHERE',
          `display ${serial} is on an invoice redeemed by another domain`,
        );
      }
      const onRedeemedInvoice = d !== undefined && invoice?.redeemed_by === name;
      const credits = onRedeemedInvoice && d.credited_domain === null ? d.credits : 0;
      if (credits === 0 && !trialActive(domain, now) && domain.balance <= 0) {
        throw new SmartError(
          402,
          'NO_CREDITS',
          `the trial of domain "${name}" is over and it has no credits: redeem a product key`,
        );
      }
      const invoiceId = onRedeemedInvoice ? d.invoice_id : null;
      this.#db
        .prepare(
          `INSERT INTO smart_enrollments (serial_number, model_number, domain, enrolled_at, invoice_id, credits_granted)
           VALUES (?, ?, ?, ?, ?, ?)`,
        )
        .run(serial, model, name, at, invoiceId, credits);
      if (onRedeemedInvoice && credits > 0) this.#credit(d, name, at);
      const balance = domain.balance + credits;
      this.#setBalance(name, balance);
      this.#billing(name, at, 'DISPLAY_ENROLLED', credits, balance, {
        serial_number: serial,
        ...(onRedeemedInvoice ? { product_key: invoice.product_key, invoice_id: invoice.invoice_id } : {}),
      });
      return {
        serial_number: serial,
        model_number: model,
        domain: name,
        enrolled_at: at,
        invoice_id: invoiceId,
        credits_granted: credits,
        balance,
        already_enrolled: false,
      };
    });
    return tx();
  }

  // ---- internals -----------------------------------------------------------------------------------

  #invoice(id: string): InvoiceRow | undefined {
    return this.#db.prepare('SELECT * FROM smart_invoices WHERE invoice_id = ?').get(id) as
      | InvoiceRow
      | undefined;
  }

  #invoiceDisplays(invoiceId: string): InvoiceDisplayRow[] {
    return this.#db
      .prepare('SELECT * FROM smart_invoice_displays WHERE invoice_id = ? ORDER BY serial_number')
      .all(invoiceId) as InvoiceDisplayRow[];
  }

  /** The invoice record of this display, if its model number matches (case-insensitive). */
  #invoiceDisplay(serial: string, model: string): InvoiceDisplayRow | undefined {
    const row = this.#db
      .prepare('SELECT * FROM smart_invoice_displays WHERE serial_number = ?')
      .get(serial) as InvoiceDisplayRow | undefined;
    return row !== undefined && sameModel(row.model_number, model) ? row : undefined;
  }

  #enrollment(serial: string): EnrollmentRow | undefined {
    return this.#db.prepare('SELECT * FROM smart_enrollments WHERE serial_number = ?').get(serial) as
      | EnrollmentRow
      | undefined;
  }

  #credit(d: InvoiceDisplayRow, domain: string, at: string): void {
    const r = this.#db
      .prepare(
        `UPDATE smart_invoice_displays SET credited_domain = ?, credited_at = ?
         WHERE serial_number = ? AND credited_domain IS NULL`,
      )
      .run(domain, at, d.serial_number);
    // Guards "granted once" even if a caller forgot to check: the transaction rolls back.
    if (r.changes !== 1) throw new Error(`credits of display ${d.serial_number} were already granted`);
  }

  #setBalance(name: string, balance: number): void {
    this.#db.prepare('UPDATE smart_domains SET balance = ? WHERE name = ?').run(balance, name);
  }

  #billing(
    domain: string,
    at: string,
    type: BillingType,
    credits: number,
    balance: number,
    extra: { product_key?: string; serial_number?: string; invoice_id?: string },
  ): void {
    this.#db
      .prepare(
        `INSERT INTO smart_billing (domain, at, type, credits, balance, product_key, serial_number, invoice_id)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        domain,
        at,
        type,
        credits,
        balance,
        extra.product_key ?? null,
        extra.serial_number ?? null,
        extra.invoice_id ?? null,
      );
  }
}

/** The trial runs from activation until `trial_ends_at` (exclusive). */
export function trialActive(row: Pick<DomainRow, 'status' | 'trial_ends_at'>, now: Date): boolean {
  if (row.status !== 'ACTIVE' || row.trial_ends_at === null) return false;
  return now.getTime() < new Date(row.trial_ends_at).getTime();
}
