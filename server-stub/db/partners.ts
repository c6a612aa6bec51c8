// Pre-provisioning partners known to the stub (partner key stored as a SHA-256 digest) and the list of
// authorised partner companies (seed 000's table by default) with their regions.

import type { Database, Statement } from 'better-sqlite3';
import { type AuthorizedPartnerRow, companyKey, type PartnerRow } from './rows.ts';

export interface AuthorizedPartner {
  company: string;
  regions: string[];
}

export class PartnerStore {
  readonly #byKey: Statement<[string], PartnerRow>;
  readonly #insert: Statement<[string, string, string, string]>;
  readonly #authorized: Statement<[string], AuthorizedPartnerRow>;
  readonly #authorizedAll: Statement<[], AuthorizedPartnerRow>;
  readonly #insertAuthorized: Statement<[string, string, string]>;

  constructor(db: Database) {
    this.#byKey = db.prepare('SELECT * FROM partners WHERE key_sha256 = ?');
    this.#insert = db.prepare(
      'INSERT INTO partners (partner_id, company, key_sha256, created_at) VALUES (?, ?, ?, ?)',
    );
    this.#authorized = db.prepare('SELECT * FROM authorized_partners WHERE company_key = ?');
    this.#authorizedAll = db.prepare('SELECT * FROM authorized_partners ORDER BY company COLLATE NOCASE');
    this.#insertAuthorized = db.prepare(
      'INSERT OR REPLACE INTO authorized_partners (company_key, company, regions) VALUES (?, ?, ?)',
    );
  }

  byKeyDigest(keySha256: string): PartnerRow | undefined {
    return this.#byKey.get(keySha256);
  }

  insert(partnerId: string, company: string, keySha256: string, at: string): void {
    this.#insert.run(partnerId, company, keySha256, at);
  }

  authorization(company: string): AuthorizedPartner | undefined {
    const row = this.#authorized.get(companyKey(company));
    return row === undefined ? undefined : toAuthorized(row);
  }

  authorizedList(): AuthorizedPartner[] {
    return this.#authorizedAll.all().map(toAuthorized);
  }

  authorize(p: AuthorizedPartner): void {
    this.#insertAuthorized.run(companyKey(p.company), p.company, JSON.stringify(p.regions));
  }
}

function toAuthorized(row: AuthorizedPartnerRow): AuthorizedPartner {
  const regions: unknown = JSON.parse(row.regions);
  return {
    company: row.company,
    regions: Array.isArray(regions) ? regions.filter((r): r is string => typeof r === 'string') : [],
  };
}
