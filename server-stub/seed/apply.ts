// Writes a validated seed into a fresh database, in one transaction (all or nothing). A database is
// seeded once: the `seeded_at` meta row marks it, and later starts on the same file keep its data.

import { catalogBrandCode } from '../../protocol/brand-code.ts';
import { hashPasswordSync } from '../auth/passwords.ts';
import type { Clock } from '../clock.ts';
import { readMeta, writeMeta } from '../db/open.ts';
import { modelKey } from '../db/rows.ts';
import { sha256Hex } from '../db/secrets.ts';
import type { Stores } from '../db/stores.ts';
import { AUTHORIZED_PARTNERS } from '../fixtures/partners.ts';
import { type PackagedSku, packagingOf } from '../rules/licences.ts';
import { seedSmart } from '../smart/seed.ts';
import { SeedError } from './check.ts';
import type { SeedCustomer, SeedDevice, StubSeed } from './types.ts';

/** Validation already refused contradictory packaging; this only maps it to columns. */
function packagingColumns(d: SeedDevice): { bundled_license: 0 | 1; packaged_sku: PackagedSku | null } {
  const p = packagingOf(d);
  if (!p.ok) throw new SeedError(`device ${d.device_id}`, p.message);
  return { bundled_license: p.bundled_license, packaged_sku: p.packaged_sku };
}

export const SEEDED_AT = 'seeded_at';

export function isSeeded(stores: Stores): boolean {
  return readMeta(stores.db, SEEDED_AT) !== undefined;
}

function customer(stores: Stores, c: SeedCustomer, at: string): void {
  stores.customers.insert(
    {
      customer_id: c.customer_id,
      domain: c.domain,
      name: c.name ?? c.domain,
      kind: c.kind ?? 'enterprise',
      activation_pending: c.activation_pending ?? false,
      ceu_total: c.licenses?.chrome_enterprise_upgrade ?? 0,
      education_total: c.licenses?.chrome_education_upgrade ?? 0,
      nonprofit_total: c.licenses?.chrome_nonprofit_upgrade ?? 0,
    },
    at,
  );
  for (const ou of ['/', ...(c.org_units ?? [])]) stores.customers.addOrgUnit(c.customer_id, ou, at);
  for (const a of c.admins ?? [])
    stores.admins.insert(a.email, c.customer_id, hashPasswordSync(a.password), at);
  const ouOf = new Map<string, string>();
  for (const t of c.preprovisioning_tokens ?? []) {
    const ou = t.org_unit_path ?? '/';
    ouOf.set(t.token, ou);
    stores.preprovisioningTokens.insert(
      { token: t.token, customer_id: c.customer_id, org_unit_path: ou, state: t.state ?? 'ACTIVE' },
      at,
    );
  }
  for (const t of c.enrollment_tokens ?? []) {
    stores.enrollmentTokens.insert(
      {
        token: t.token,
        customer_id: c.customer_id,
        org_unit_path: t.org_unit_path ?? '/',
        state: t.state ?? 'ACTIVE',
      },
      at,
    );
  }
  for (const d of c.devices ?? []) {
    const tokenOu = d.preprovisioning_token === undefined ? undefined : ouOf.get(d.preprovisioning_token);
    stores.devices.upsertPreprovisioned(
      {
        device_id: d.device_id,
        customer_id: c.customer_id,
        id_kind: d.id_kind,
        serial_number: d.serial_number,
        manufacturer: d.manufacturer,
        model: d.model,
        model_key: modelKey(d.model),
        org_unit_path: d.org_unit_path ?? tokenOu ?? '/',
        ...packagingColumns(d),
        preprovisioning_token: d.preprovisioning_token ?? null,
        partner_id: null,
        brand_code: d.brand_code ?? catalogBrandCode(d.model),
      },
      at,
    );
  }
}

/** Seeds the database unless it already was; returns whether it did. */
export function applySeed(stores: Stores, seed: StubSeed, clock: Clock): boolean {
  const run = stores.db.transaction((): boolean => {
    if (isSeeded(stores)) return false;
    const at = clock.now().toISOString();
    for (const c of seed.customers ?? []) customer(stores, c, at);
    for (const p of seed.partners ?? [])
      stores.partners.insert(p.partner_id, p.company, sha256Hex(p.api_key), at);
    for (const p of seed.authorized_partners ?? AUTHORIZED_PARTNERS) stores.partners.authorize(p);
    seedSmart(stores.db, seed.smart, clock);
    writeMeta(stores.db, SEEDED_AT, at);
    return true;
  });
  return run.immediate();
}
