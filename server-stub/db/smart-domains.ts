// SMART Remote Management domain accounts, their activation e-mails (the stub's outbox) and their
// login sessions. Prepared statements only; callers own the transactions.

import type { Database, Statement } from 'better-sqlite3';

export type SmartAccountStatus = 'PENDING_ACTIVATION' | 'ACTIVE';

export interface SmartDomainRow {
  name: string;
  organization: string;
  contact_name: string;
  phone: string;
  email: string;
  password_hash: string;
  /** The account itself: the activation e-mail's link was followed (ACTIVE) or not. */
  status: SmartAccountStatus;
  activation_code: string;
  created_at: string;
  activated_at: string | null;
  trial_ends_at: string | null;
  balance: number;
}

export interface SmartOutboxRow {
  to_email: string;
  subject: string;
  body: string;
  activation_code: string | null;
  domain: string;
  sent_at: string;
}

export interface LoginCandidate {
  name: string;
  password_hash: string;
  status: SmartAccountStatus;
}

export class SmartDomainStore {
  readonly #get: Statement<[string], SmartDomainRow>;
  readonly #insert: Statement<[SmartDomainRow]>;
  readonly #activate: Statement<[string, string, string]>;
  readonly #setBalance: Statement<[number, string]>;
  readonly #byEmail: Statement<[string], LoginCandidate>;
  readonly #byEmailAndName: Statement<[string, string], LoginCandidate>;
  readonly #mail: Statement<[SmartOutboxRow]>;
  readonly #outbox: Statement<[string], SmartOutboxRow>;
  readonly #openSession: Statement<[string, string, string, string]>;
  readonly #session: Statement<[string], { domain: string }>;

  constructor(db: Database) {
    this.#get = db.prepare('SELECT * FROM smart_domains WHERE name = ?');
    this.#insert = db.prepare(
      `INSERT INTO smart_domains (name, organization, contact_name, phone, email, password_hash, status,
         activation_code, created_at, activated_at, trial_ends_at, balance)
       VALUES (@name, @organization, @contact_name, @phone, @email, @password_hash, @status,
         @activation_code, @created_at, @activated_at, @trial_ends_at, @balance)`,
    );
    this.#activate = db.prepare(
      `UPDATE smart_domains SET status = 'ACTIVE', activated_at = ?, trial_ends_at = ?
       WHERE name = ? AND status = 'PENDING_ACTIVATION'`,
    );
    this.#setBalance = db.prepare('UPDATE smart_domains SET balance = ? WHERE name = ?');
    this.#byEmail = db.prepare(
      'SELECT name, password_hash, status FROM smart_domains WHERE email = ? ORDER BY rowid DESC',
    );
    this.#byEmailAndName = db.prepare(
      'SELECT name, password_hash, status FROM smart_domains WHERE email = ? AND name = ?',
    );
    this.#mail = db.prepare(
      `INSERT INTO smart_outbox (to_email, subject, body, activation_code, domain, sent_at)
       VALUES (@to_email, @subject, @body, @activation_code, @domain, @sent_at)`,
    );
    this.#outbox = db.prepare('SELECT * FROM smart_outbox WHERE to_email = ? ORDER BY id');
    this.#openSession = db.prepare(
      'INSERT INTO smart_sessions (token_sha256, domain, email, created_at) VALUES (?, ?, ?, ?)',
    );
    this.#session = db.prepare('SELECT domain FROM smart_sessions WHERE token_sha256 = ?');
  }

  get(name: string): SmartDomainRow | undefined {
    return this.#get.get(name);
  }

  insert(row: SmartDomainRow): void {
    this.#insert.run(row);
  }

  /** Starts the trial of a pending domain; false when it was not pending. */
  activate(name: string, at: string, trialEndsAt: string): boolean {
    return this.#activate.run(at, trialEndsAt, name).changes === 1;
  }

  setBalance(name: string, balance: number): void {
    this.#setBalance.run(balance, name);
  }

  /** Domains a login may open, most recently created first (`name` narrows to one). */
  loginCandidates(email: string, name: string | undefined): LoginCandidate[] {
    return name === undefined ? this.#byEmail.all(email) : this.#byEmailAndName.all(email, name);
  }

  mail(message: SmartOutboxRow): void {
    this.#mail.run(message);
  }

  outbox(email: string): SmartOutboxRow[] {
    return this.#outbox.all(email);
  }

  openSession(tokenDigest: string, domain: string, email: string, at: string): void {
    this.#openSession.run(tokenDigest, domain, email, at);
  }

  sessionDomain(tokenDigest: string): string | null {
    return this.#session.get(tokenDigest)?.domain ?? null;
  }
}
