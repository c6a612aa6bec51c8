// Pre-provisioning tokens (given to partners) and enrollment tokens (token_based_register): both belong
// to one customer and one org unit and stay ACTIVE until an admin revokes them.

import type { Database, Statement } from 'better-sqlite3';
import type { TokenRow } from './rows.ts';

export type TokenTable = 'preprovisioning_tokens' | 'enrollment_tokens';

export class TokenStore {
  readonly #get: Statement<[string], TokenRow>;
  readonly #list: Statement<[string], TokenRow>;
  readonly #insert: Statement<[string, string, string, string, string]>;
  readonly #revoke: Statement<[string, string]>;

  constructor(db: Database, table: TokenTable) {
    this.#get = db.prepare(`SELECT * FROM ${table} WHERE token = ?`);
    this.#list = db.prepare(`SELECT * FROM ${table} WHERE customer_id = ? ORDER BY created_at, token`);
    this.#insert = db.prepare(
      `INSERT INTO ${table} (token, customer_id, org_unit_path, state, created_at) VALUES (?, ?, ?, ?, ?)`,
    );
    this.#revoke = db.prepare(
      `UPDATE ${table} SET state = 'REVOKED', revoked_at = ? WHERE token = ? AND state = 'ACTIVE'`,
    );
  }

  get(token: string): TokenRow | undefined {
    return this.#get.get(token);
  }

  list(customerId: string): TokenRow[] {
    return this.#list.all(customerId);
  }

  insert(row: Pick<TokenRow, 'token' | 'customer_id' | 'org_unit_path' | 'state'>, at: string): void {
    this.#insert.run(row.token, row.customer_id, row.org_unit_path, row.state, at);
    if (row.state === 'REVOKED') this.revoke(row.token, at);
  }

  revoke(token: string, at: string): void {
    this.#revoke.run(at, token);
  }
}
