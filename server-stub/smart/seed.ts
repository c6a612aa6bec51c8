// Loads the `smart` section of a seed file (e.g. server-stub/fixtures/demo.json) into the SMART tables.
// Validated field by field: a bad value throws an Error with `code: 'SEED_INVALID'` naming the field
// (`smart.invoices[1].displays[0].credits`). Idempotent: rows that already exist (same invoice id, same
// domain name) are left untouched, so re-seeding a file database duplicates nothing and relative dates
// (`purchased_days_ago`) stay anchored to the first seeding.

import type { Database } from 'better-sqlite3';
import type { Clock } from '../clock.ts';
import * as R from './rules.ts';
import { applySmartSchema } from './schema.ts';
import { hashPasswordSync, newActivationCode } from './secrets.ts';
import { type DomainRow, normalizeEmail, normalizeProductKey, SmartService } from './service.ts';
import { addDays, iso, TRIAL_DAYS } from './time.ts';

export interface SmartSeedDisplay {
  serial_number: string;
  model_number: string;
  /** Credits included with this display, granted when it enrolls in the domain that redeemed the key. */
  credits: number;
}

export interface SmartSeedInvoice {
  invoice_id: string;
  /** One key per invoice, covering all its displays. */
  product_key: string;
  /** Exactly one of `purchased_days_ago` (relative to the clock at first seeding) and `purchased_at`. */
  purchased_days_ago?: number;
  /** ISO 8601 date (`2024-05-01`) or date-time. */
  purchased_at?: string;
  displays: SmartSeedDisplay[];
}

export interface SmartSeedDomain {
  name: string;
  organization: string;
  contact_name: string;
  phone: string;
  email: string;
  password: string;
  /** Default `ACTIVE`. A pending domain gets an activation e-mail in the outbox. */
  status?: 'ACTIVE' | 'PENDING_ACTIVATION';
  /** For an active domain, at most one of these; default: activated at seeding time. */
  activated_days_ago?: number;
  activated_at?: string;
}

export interface SmartSeed {
  invoices?: SmartSeedInvoice[];
  domains?: SmartSeedDomain[];
}

export class SmartSeedError extends Error {
  override readonly name = 'SmartSeedError';
  readonly code = 'SEED_INVALID';
  readonly field: string;

  constructor(field: string, message: string) {
    super(`${field} ${message}`);
    this.field = field;
  }
}

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function object(v: unknown, path: string, allowed: readonly string[]): Obj {
  if (!isObj(v)) throw new SmartSeedError(path, 'must be an object');
  for (const k of Object.keys(v)) {
    if (!allowed.includes(k)) throw new SmartSeedError(`${path}.${k}`, 'is not an allowed field');
  }
  return v;
}

function array(v: unknown, path: string): unknown[] {
  if (!Array.isArray(v)) throw new SmartSeedError(path, 'must be an array');
  return v;
}

function string(v: unknown, path: string, pattern: string, min: number, max: number): string {
  if (typeof v !== 'string') throw new SmartSeedError(path, 'must be a string');
  const n = [...v].length;
  if (n < min || n > max) throw new SmartSeedError(path, `must have ${min} to ${max} characters`);
  if (!new RegExp(pattern, 'u').test(v)) throw new SmartSeedError(path, `must match ${pattern}`);
  return v;
}

function integer(v: unknown, path: string, max: number): number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0 || v > max) {
    throw new SmartSeedError(path, `must be an integer from 0 to ${max}`);
  }
  return v;
}

function isoDate(v: unknown, path: string): string {
  const ok =
    typeof v === 'string' &&
    /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:\d{2}))?$/.test(v) &&
    !Number.isNaN(Date.parse(v));
  if (!ok) throw new SmartSeedError(path, 'must be an ISO 8601 date (YYYY-MM-DD) or date-time');
  return new Date(v).toISOString();
}

function optional<T>(o: Obj, key: string, read: (v: unknown) => T): T | undefined {
  return o[key] === undefined ? undefined : read(o[key]);
}

const MAX_DAYS = 36_500;
const MAX_CREDITS = 1_000_000;

/** Validates a `smart` seed section; throws SmartSeedError (code SEED_INVALID) naming the field. */
export function parseSmartSeed(value: unknown, path = 'smart'): SmartSeed {
  const root = object(value, path, ['invoices', 'domains']);
  const seed: SmartSeed = {};
  const keys = new Set<string>();
  const serials = new Set<string>();
  const invoiceIds = new Set<string>();
  if (root.invoices !== undefined) {
    seed.invoices = array(root.invoices, `${path}.invoices`).map((raw, i) => {
      const p = `${path}.invoices[${i}]`;
      const o = object(raw, p, [
        'invoice_id',
        'product_key',
        'purchased_days_ago',
        'purchased_at',
        'displays',
      ]);
      const invoice_id = string(o.invoice_id, `${p}.invoice_id`, R.INVOICE_ID_PATTERN, 1, R.INVOICE_ID_MAX);
      if (invoiceIds.has(invoice_id))
        throw new SmartSeedError(`${p}.invoice_id`, `duplicates "${invoice_id}"`);
      invoiceIds.add(invoice_id);
      const product_key = string(
        o.product_key,
        `${p}.product_key`,
        R.PRODUCT_KEY_PATTERN,
        R.PRODUCT_KEY_MIN,
        R.PRODUCT_KEY_MAX,
      );
      if (keys.has(normalizeProductKey(product_key))) {
        throw new SmartSeedError(`${p}.product_key`, `duplicates "${product_key}" (one key per invoice)`);
      }
      keys.add(normalizeProductKey(product_key));
      const daysAgo = optional(o, 'purchased_days_ago', (v) =>
        integer(v, `${p}.purchased_days_ago`, MAX_DAYS),
      );
      const at = optional(o, 'purchased_at', (v) => isoDate(v, `${p}.purchased_at`));
      if ((daysAgo === undefined) === (at === undefined)) {
        throw new SmartSeedError(
          `${p}.purchased_days_ago`,
          'or purchased_at is required (exactly one of them)',
        );
      }
      const displays = array(o.displays, `${p}.displays`).map((rawD, j): SmartSeedDisplay => {
        const q = `${p}.displays[${j}]`;
        const d = object(rawD, q, ['serial_number', 'model_number', 'credits']);
        const serial_number = string(
          d.serial_number,
          `${q}.serial_number`,
          R.DISPLAY_ID_PATTERN,
          1,
          R.DISPLAY_ID_MAX,
        );
        if (serials.has(serial_number)) {
          throw new SmartSeedError(
            `${q}.serial_number`,
            `duplicates "${serial_number}" (a display is on one invoice)`,
          );
        }
        serials.add(serial_number);
        return {
          serial_number,
          model_number: string(
            d.model_number,
            `${q}.model_number`,
            R.DISPLAY_ID_PATTERN,
            1,
            R.DISPLAY_ID_MAX,
          ),
          credits: integer(d.credits, `${q}.credits`, MAX_CREDITS),
        };
      });
      if (displays.length === 0) throw new SmartSeedError(`${p}.displays`, 'must list at least one display');
      const invoice: SmartSeedInvoice = { invoice_id, product_key, displays };
      if (daysAgo !== undefined) invoice.purchased_days_ago = daysAgo;
      if (at !== undefined) invoice.purchased_at = at;
      return invoice;
    });
  }
  if (root.domains !== undefined) {
    const names = new Set<string>();
    seed.domains = array(root.domains, `${path}.domains`).map((raw, i): SmartSeedDomain => {
      const p = `${path}.domains[${i}]`;
      const o = object(raw, p, [
        'name',
        'organization',
        'contact_name',
        'phone',
        'email',
        'password',
        'status',
        'activated_days_ago',
        'activated_at',
      ]);
      const name = string(o.name, `${p}.name`, R.DOMAIN_NAME_PATTERN, R.DOMAIN_NAME_MIN, R.DOMAIN_NAME_MAX);
      if (names.has(name)) throw new SmartSeedError(`${p}.name`, `duplicates "${name}"`);
      names.add(name);
      const email = string(o.email, `${p}.email`, R.TEXT_PATTERN, 3, R.EMAIL_MAX);
      if (!R.EMAIL_REGEX.test(email)) throw new SmartSeedError(`${p}.email`, 'must be an e-mail address');
      const status = optional(o, 'status', (v) => {
        if (v !== 'ACTIVE' && v !== 'PENDING_ACTIVATION') {
          throw new SmartSeedError(`${p}.status`, 'must be "ACTIVE" or "PENDING_ACTIVATION"');
        }
        return v;
      });
      const daysAgo = optional(o, 'activated_days_ago', (v) =>
        integer(v, `${p}.activated_days_ago`, MAX_DAYS),
      );
      const at = optional(o, 'activated_at', (v) => isoDate(v, `${p}.activated_at`));
      if (daysAgo !== undefined && at !== undefined) {
        throw new SmartSeedError(`${p}.activated_days_ago`, 'and activated_at are mutually exclusive');
      }
      if (status === 'PENDING_ACTIVATION' && (daysAgo !== undefined || at !== undefined)) {
        throw new SmartSeedError(`${p}.status`, 'PENDING_ACTIVATION cannot have an activation date');
      }
      const domain: SmartSeedDomain = {
        name,
        organization: string(o.organization, `${p}.organization`, R.TEXT_PATTERN, 1, R.TEXT_MAX),
        contact_name: string(o.contact_name, `${p}.contact_name`, R.TEXT_PATTERN, 1, R.TEXT_MAX),
        phone: string(o.phone, `${p}.phone`, R.PHONE_PATTERN, R.PHONE_MIN, R.PHONE_MAX),
        email,
        password: string(o.password, `${p}.password`, '^[\\s\\S]*$', R.PASSWORD_MIN, R.PASSWORD_MAX),
      };
      if (status !== undefined) domain.status = status;
      if (daysAgo !== undefined) domain.activated_days_ago = daysAgo;
      if (at !== undefined) domain.activated_at = at;
      return domain;
    });
  }
  return seed;
}

function fail(field: string, message: string): never {
  throw new SmartSeedError(field, message);
}

/**
 * Applies the SMART schema and loads the seed (validated first; nothing is written when it is invalid).
 * Everything is written in one transaction.
 */
export function seedSmart(db: Database, smartSeed: SmartSeed | undefined, clock: Clock): void {
  applySmartSchema(db);
  if (smartSeed === undefined) return;
  const seed = parseSmartSeed(smartSeed);
  const now = clock.now();
  const service = new SmartService(db, clock);
  const findInvoice = db.prepare('SELECT invoice_id FROM smart_invoices WHERE invoice_id = ?');
  const findKey = db.prepare('SELECT invoice_id FROM smart_invoices WHERE product_key = ?');
  const findSerial = db.prepare('SELECT invoice_id FROM smart_invoice_displays WHERE serial_number = ?');
  const insertInvoice = db.prepare(
    'INSERT INTO smart_invoices (invoice_id, product_key, purchased_at) VALUES (?, ?, ?)',
  );
  const insertDisplay = db.prepare(
    'INSERT INTO smart_invoice_displays (serial_number, invoice_id, model_number, credits) VALUES (?, ?, ?, ?)',
  );

  const tx = db.transaction(() => {
    for (const [i, d] of (seed.domains ?? []).entries()) {
      if (service.getDomainRow(d.name) !== undefined) continue;
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
      const row: DomainRow = {
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
      };
      service.insertSeededDomain(row);
    }
    for (const [i, inv] of (seed.invoices ?? []).entries()) {
      const p = `smart.invoices[${i}]`;
      const key = normalizeProductKey(inv.product_key);
      if (findInvoice.get(inv.invoice_id) !== undefined) continue; // already seeded: keep it as it is
      const owner = findKey.get(key) as { invoice_id: string } | undefined;
      if (owner !== undefined) fail(`${p}.product_key`, `is already the key of invoice ${owner.invoice_id}`);
      for (const [j, d] of inv.displays.entries()) {
        const other = findSerial.get(d.serial_number) as { invoice_id: string } | undefined;
        if (other !== undefined) {
          fail(`${p}.displays[${j}].serial_number`, `is already on invoice ${other.invoice_id}`);
        }
      }
      const purchasedAt =
        inv.purchased_at !== undefined
          ? new Date(inv.purchased_at)
          : addDays(now, -(inv.purchased_days_ago ?? 0));
      insertInvoice.run(inv.invoice_id, key, iso(purchasedAt));
      for (const d of inv.displays)
        insertDisplay.run(d.serial_number, inv.invoice_id, d.model_number, d.credits);
    }
  });
  tx();
}
