// The stub's policy signing keys (DM `policy`): RSA 2048, versioned from 1, persisted so a file
// database keeps signing with the same key across restarts. The newest version signs policy; a
// rotation (test hook POST /v1/test/policy-keys) adds the next version, and the older ones stay to
// sign the new public key for clients that still hold them.

import { createPrivateKey, generateKeyPair, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import type { Database, Statement } from 'better-sqlite3';
import type { Clock } from '../clock.ts';

const generateRsa = promisify(generateKeyPair);

export const POLICY_KEY_BITS = 2048;

export interface PolicyKeyRow {
  version: number;
  private_key_pem: string;
  public_key_der: Buffer;
  created_at: string;
}

export interface PolicyKey {
  version: number;
  privateKey: KeyObject;
  /** DER SubjectPublicKeyInfo (what PolicyFetchResponse.new_public_key carries). */
  publicKeyDer: Uint8Array;
  createdAt: string;
}

async function newKeyPair(): Promise<{ privateKeyPem: string; publicKeyDer: Buffer }> {
  const { privateKey, publicKey } = await generateRsa('rsa', { modulusLength: POLICY_KEY_BITS });
  return {
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKeyDer: publicKey.export({ type: 'spki', format: 'der' }),
  };
}

export class PolicyKeyStore {
  readonly #db: Database;
  readonly #clock: Clock;
  readonly #get: Statement<[number], PolicyKeyRow>;
  readonly #latest: Statement<[], PolicyKeyRow>;
  readonly #all: Statement<[], PolicyKeyRow>;
  readonly #insert: Statement<[number, string, Buffer, string]>;
  readonly #keys = new Map<number, PolicyKey>();
  #first: Promise<PolicyKey> | null = null;

  constructor(db: Database, clock: Clock) {
    this.#db = db;
    this.#clock = clock;
    this.#get = db.prepare('SELECT * FROM policy_keys WHERE version = ?');
    this.#latest = db.prepare('SELECT * FROM policy_keys ORDER BY version DESC LIMIT 1');
    this.#all = db.prepare('SELECT * FROM policy_keys ORDER BY version');
    this.#insert = db.prepare(
      'INSERT INTO policy_keys (version, private_key_pem, public_key_der, created_at) VALUES (?, ?, ?, ?)',
    );
  }

  #toKey(row: PolicyKeyRow): PolicyKey {
    let key = this.#keys.get(row.version);
    if (key === undefined) {
      key = {
        version: row.version,
        privateKey: createPrivateKey({ key: row.private_key_pem, format: 'pem' }),
        publicKeyDer: new Uint8Array(row.public_key_der),
        createdAt: row.created_at,
      };
      this.#keys.set(row.version, key);
    }
    return key;
  }

  /** A version, if the stub has (had) it. */
  get(version: number): PolicyKey | undefined {
    const row = this.#get.get(version);
    return row === undefined ? undefined : this.#toKey(row);
  }

  /** Every version, oldest first (public parts are what callers show). */
  list(): PolicyKey[] {
    return this.#all.all().map((r) => this.#toKey(r));
  }

  /** The signing key: the newest version, generated (version 1) on first use. */
  current(): Promise<PolicyKey> {
    const row = this.#latest.get();
    if (row !== undefined) return Promise.resolve(this.#toKey(row));
    this.#first ??= this.#add().finally(() => {
      this.#first = null;
    });
    return this.#first;
  }

  /** Adds the next version (the new signing key). */
  rotate(): Promise<PolicyKey> {
    return this.#add();
  }

  async #add(): Promise<PolicyKey> {
    const { privateKeyPem, publicKeyDer } = await newKeyPair();
    const at = this.#clock.now().toISOString();
    const row = this.#db
      .transaction((): PolicyKeyRow => {
        const version = (this.#latest.get()?.version ?? 0) + 1;
        this.#insert.run(version, privateKeyPem, publicKeyDer, at);
        return { version, private_key_pem: privateKeyPem, public_key_der: publicKeyDer, created_at: at };
      })
      .immediate();
    return this.#toKey(row);
  }
}
