// Loads the `smart` section of a seed file (e.g. server-stub/fixtures/demo.json) into the SMART tables,
// validated first (seed-parse.ts: nothing is written when it is invalid). Idempotent: rows that already
// exist (same invoice id, reseller key or domain name) are left untouched, so re-seeding a file database
// duplicates nothing and relative dates (`purchased_days_ago`) stay anchored to the first seeding.

import type { Database } from 'better-sqlite3';
import type { Clock } from '../clock.ts';
import { createSmartStores } from '../db/smart-stores.ts';
import { SeedError } from '../seed/check.ts';
import { insertDomain, normalizeEmail } from './accounts.ts';
import { normalizeKey } from './credits.ts';
import { purchaseMessage } from './mail.ts';
import { hashPasswordSync, newActivationCode } from './secrets.ts';
import { parseSmartSeed, type SmartSeed } from './seed-parse.ts';
import { addDays, iso, TRIAL_DAYS } from './time.ts';

export {
  parseSmartSeed,
  type SmartSeed,
  type SmartSeedDisplay,
  type SmartSeedDomain,
  type SmartSeedInvoice,
  type SmartSeedResellerKey,
} from './seed-parse.ts';

function fail(field: string, message: string): never {
  throw new SeedError(field, message);
}

/**
 * Applies the SMART schema and loads the seed (validated first; nothing is written when it is invalid).
 * Everything is written in one transaction.
 */
export function seedSmart(db: Database, smartSeed: SmartSeed | undefined, clock: Clock): void {
  const stores = createSmartStores(db);
  if (smartSeed === undefined) return;
  const seed = parseSmartSeed(smartSeed);
  const now = clock.now();
  const { domains, invoices } = stores;

  const tx = db.transaction(() => {
    for (const [i, d] of (seed.domains ?? []).entries()) {
      if (domains.get(d.name) !== undefined) continue; // already seeded: keep it as it is
      const p = `smart.domains[${i}]`;
      const status = d.status ?? 'ACTIVE';
      const activatedAt =
        status === 'PENDING_ACTIVATION'
          ? null
          : d.activated_at !== undefined
            ? new Date(d.activated_at)
            : addDays(now, -(d.activated_days_ago ?? 0));
      if (activatedAt !== null && activatedAt.getTime() > now.getTime())
        fail(`${p}.activated_at`, 'is in the future');
      insertDomain(stores, {
        name: d.name,
        organization: d.organization,
        contact_name: d.contact_name,
        phone: d.phone,
        email: normalizeEmail(d.email),
        password_hash: hashPasswordSync(d.password),
        status,
        activation_code: newActivationCode(),
        created_at: iso(activatedAt ?? now),
        activated_at: activatedAt === null ? null : iso(activatedAt),
        trial_ends_at: activatedAt === null ? null : iso(addDays(activatedAt, TRIAL_DAYS)),
        balance: 0,
      });
    }
    const taken = (k: string, field: string): void => {
      const owner = invoices.byProductKey(k);
      if (owner !== undefined) fail(field, `is already the key of invoice ${owner.invoice_id}`);
      if (invoices.resellerKey(k) !== undefined) fail(field, 'is already a reseller key');
    };
    for (const [i, inv] of (seed.invoices ?? []).entries()) {
      const p = `smart.invoices[${i}]`;
      if (invoices.get(inv.invoice_id) !== undefined) continue; // already seeded: keep it as it is
      const productKey = inv.product_key === undefined ? null : normalizeKey(inv.product_key);
      const claimCode = productKey === null ? null : normalizeKey(inv.claim_code ?? inv.invoice_id);
      if (productKey !== null) taken(productKey, `${p}.product_key`);
      const claimOwner = claimCode === null ? undefined : invoices.byClaimCode(claimCode);
      if (claimOwner !== undefined)
        fail(`${p}.claim_code`, `is already the claim code of invoice ${claimOwner.invoice_id}`);
      for (const [j, d] of inv.displays.entries()) {
        const other = invoices.display(d.serial_number);
        if (other !== undefined)
          fail(`${p}.displays[${j}].serial_number`, `is already on invoice ${other.invoice_id}`);
      }
      const purchasedAt =
        inv.purchased_at !== undefined
          ? new Date(inv.purchased_at)
          : addDays(now, -(inv.purchased_days_ago ?? 0));
      invoices.insert({
        invoice_id: inv.invoice_id,
        credits_via: inv.credits_via ?? 'product-key',
        claim_code: claimCode,
        product_key: productKey,
        purchased_at: iso(purchasedAt),
      });
      for (const d of inv.displays)
        invoices.insertDisplay(d.serial_number, inv.invoice_id, d.model_number, d.credits);
      if (inv.buyer_email !== undefined) {
        const m = purchaseMessage(invoices.get(inv.invoice_id) ?? fail(p, 'was not stored'), inv.displays);
        stores.domains.mail({
          to_email: normalizeEmail(inv.buyer_email),
          subject: m.subject,
          body: m.body,
          activation_code: null,
          domain: '',
          sent_at: iso(purchasedAt),
        });
      }
    }
    for (const [i, k] of (seed.reseller_keys ?? []).entries()) {
      const productKey = normalizeKey(k.product_key);
      const existing = invoices.resellerKey(productKey);
      if (existing !== undefined) continue; // already seeded
      taken(productKey, `smart.reseller_keys[${i}].product_key`);
      invoices.insertResellerKey(productKey, k.credits, iso(now));
    }
  });
  tx();
}
