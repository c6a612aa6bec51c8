// DM tokens issued at registration (stored as SHA-256 digests), and the single-use attestation nonces.

import type { Database, Statement } from 'better-sqlite3';
import type { DmTokenRevokedReason, DmTokenRow } from './rows.ts';

export class DmTokenStore {
  readonly #get: Statement<[string], DmTokenRow>;
  readonly #insert: Statement<[string, string, string, string, string]>;
  readonly #revokeDevice: Statement<[string, DmTokenRevokedReason, string]>;
  readonly #nonceInsert: Statement<[string, string, string]>;

  constructor(db: Database) {
    this.#get = db.prepare('SELECT * FROM dm_tokens WHERE token_sha256 = ?');
    this.#insert = db.prepare(
      'INSERT INTO dm_tokens (token_sha256, device_id, client_id, customer_id, created_at) VALUES (?, ?, ?, ?, ?)',
    );
    this.#revokeDevice = db.prepare(
      'UPDATE dm_tokens SET revoked_at = ?, revoked_reason = ? WHERE device_id = ? AND revoked_at IS NULL',
    );
    this.#nonceInsert = db.prepare(
      'INSERT OR IGNORE INTO nonces (nonce, device_id, used_at) VALUES (?, ?, ?)',
    );
  }

  get(tokenSha256: string): DmTokenRow | undefined {
    return this.#get.get(tokenSha256);
  }

  insert(tokenSha256: string, deviceId: string, clientId: string, customerId: string, at: string): void {
    this.#insert.run(tokenSha256, deviceId, clientId, customerId, at);
  }

  revokeAllFor(deviceId: string, reason: DmTokenRevokedReason, at: string): void {
    this.#revokeDevice.run(at, reason, deviceId);
  }

  /** Burns a nonce; false when it had been used before. */
  useNonce(nonce: string, deviceId: string, at: string): boolean {
    return this.#nonceInsert.run(nonce, deviceId, at).changes > 0;
  }
}
