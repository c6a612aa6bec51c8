// Admin accounts (scrypt password hashes) and their session tokens (stored as SHA-256 digests).

import type { Database, Statement } from 'better-sqlite3';

export interface AdminRow {
  email: string;
  customer_id: string;
  password_hash: string;
}

export interface SessionRow {
  email: string;
  customer_id: string;
}

export class AdminStore {
  readonly #get: Statement<[string], AdminRow>;
  readonly #insert: Statement<[string, string, string, string]>;
  readonly #session: Statement<[string], SessionRow>;
  readonly #insertSession: Statement<[string, string, string, string]>;

  constructor(db: Database) {
    this.#get = db.prepare('SELECT email, customer_id, password_hash FROM admins WHERE email = ?');
    this.#insert = db.prepare(
      'INSERT INTO admins (email, customer_id, password_hash, created_at) VALUES (?, ?, ?, ?)',
    );
    this.#session = db.prepare('SELECT email, customer_id FROM admin_sessions WHERE token_sha256 = ?');
    this.#insertSession = db.prepare(
      'INSERT INTO admin_sessions (token_sha256, email, customer_id, created_at) VALUES (?, ?, ?, ?)',
    );
  }

  get(email: string): AdminRow | undefined {
    return this.#get.get(email);
  }

  insert(email: string, customerId: string, passwordHash: string, at: string): void {
    this.#insert.run(email, customerId, passwordHash, at);
  }

  session(tokenSha256: string): SessionRow | undefined {
    return this.#session.get(tokenSha256);
  }

  insertSession(tokenSha256: string, email: string, customerId: string, at: string): void {
    this.#insertSession.run(tokenSha256, email, customerId, at);
  }
}
