// The stub's manufacturer CAs, persisted in the database so a restart keeps trusting the device
// certificates it minted. One CA per manufacturer name (created on first use), plus a default one
// created when the server starts.

import { X509Certificate } from 'node:crypto';
import type { Database, Statement } from 'better-sqlite3';
import type { Clock } from '../clock.ts';
import type { ManufacturerCaRow } from '../db/rows.ts';
import { createManufacturerCa, type ManufacturerCa } from './ca.ts';
import { type DeviceIdentity, mintDeviceIdentity } from './mint.ts';

export const DEFAULT_CA_KEY = 'default';

export function caKeyFor(manufacturer: string): string {
  return manufacturer.trim().toLowerCase().replace(/\s+/g, ' ');
}

function caName(key: string, manufacturer: string): string {
  return key === DEFAULT_CA_KEY
    ? 'zte-stub Manufacturer Root CA'
    : `${manufacturer.trim()} Device Attestation CA`;
}

export class CaStore {
  readonly #clock: Clock;
  readonly #get: Statement<[string], ManufacturerCaRow>;
  readonly #all: Statement<[], ManufacturerCaRow>;
  readonly #insert: Statement<[string, string, string, string, string]>;
  readonly #pending = new Map<string, Promise<ManufacturerCa>>();
  #trusted: X509Certificate[] | null = null;

  constructor(db: Database, clock: Clock) {
    this.#clock = clock;
    this.#get = db.prepare('SELECT * FROM manufacturer_cas WHERE ca_key = ?');
    this.#all = db.prepare('SELECT * FROM manufacturer_cas ORDER BY created_at, ca_key');
    this.#insert = db.prepare(
      'INSERT OR IGNORE INTO manufacturer_cas (ca_key, name, cert_pem, private_key_pem, created_at) VALUES (?, ?, ?, ?, ?)',
    );
  }

  /** The CA for a manufacturer (or the default one), created and persisted on first use. */
  ensure(manufacturer: string = DEFAULT_CA_KEY): Promise<ManufacturerCa> {
    const key = caKeyFor(manufacturer);
    const row = this.#get.get(key);
    if (row !== undefined) return Promise.resolve(toCa(row));
    const inFlight = this.#pending.get(key);
    if (inFlight !== undefined) return inFlight;
    const created = createManufacturerCa(caName(key, manufacturer))
      .then((ca) => {
        this.#insert.run(key, ca.name, ca.certPem, ca.privateKeyPem, this.#clock.now().toISOString());
        this.#trusted = null;
        const stored = this.#get.get(key);
        return stored === undefined ? ca : toCa(stored);
      })
      .finally(() => this.#pending.delete(key));
    this.#pending.set(key, created);
    return created;
  }

  /** Every CA the stub trusts. */
  trusted(): readonly X509Certificate[] {
    this.#trusted ??= this.#all.all().map((r) => new X509Certificate(r.cert_pem));
    return this.#trusted;
  }

  async mint(attestedDeviceId: string, manufacturer: string): Promise<DeviceIdentity> {
    const ca = await this.ensure(manufacturer);
    return mintDeviceIdentity(ca, { attestedDeviceId, manufacturer: manufacturer.trim() });
  }
}

function toCa(row: ManufacturerCaRow): ManufacturerCa {
  return { name: row.name, certPem: row.cert_pem, privateKeyPem: row.private_key_pem };
}
