// Validation of a seed's `smart` section (server-stub/README.md, "Seed: the `smart` section"), field by
// field: a bad value throws the seed's one error, SeedError (`code: 'SEED_INVALID'`, ../seed/check.ts),
// naming the field (`smart.invoices[1].displays[0].credits`). Nothing touches a database here.

import { CREDITS_VIA, type CreditsVia } from '../db/smart-schema.ts';
import { SeedError } from '../seed/check.ts';
import { normalizeKey } from './credits.ts';
import * as R from './rules.ts';

export interface SmartSeedDisplay {
  serial_number: string;
  model_number: string;
  /** SRM credits included with this display (granted on enrollment, or through the invoice's key). */
  credits: number;
}

export interface SmartSeedInvoice {
  invoice_id: string;
  /**
   * What the purchase confirmation e-mail says (seed 002): `product-key` (default) — claim the key in
   * SMART Admin Portal with `claim_code`, redeem it in SRM Billing; `enrollment` — each display's credits
   * are granted automatically when it enrolls (no key, no claim code).
   */
  credits_via?: CreditsVia;
  /** The purchase's claim code for SMART Admin Portal (with a product key; default: the invoice id). */
  claim_code?: string;
  /** One key per invoice, shared by all its displays (required for `product-key`, refused otherwise). */
  product_key?: string;
  /** Exactly one of `purchased_days_ago` (relative to the clock at first seeding) and `purchased_at`. */
  purchased_days_ago?: number;
  /** ISO 8601 date (`2024-05-01`) or date-time. */
  purchased_at?: string;
  /** Who bought it: gets the purchase confirmation e-mail (in the stub's outbox) saying how credits come. */
  buyer_email?: string;
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

/** Credits bought from a SMART reseller: a product key received by e-mail, not tied to any display. */
export interface SmartSeedResellerKey {
  product_key: string;
  credits: number;
}

export interface SmartSeed {
  invoices?: SmartSeedInvoice[];
  reseller_keys?: SmartSeedResellerKey[];
  domains?: SmartSeedDomain[];
}

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function object(v: unknown, path: string, allowed: readonly string[]): Obj {
  if (!isObj(v)) throw new SeedError(path, 'must be an object');
  for (const k of Object.keys(v)) {
    if (!allowed.includes(k)) throw new SeedError(`${path}.${k}`, 'is not an allowed field');
  }
  return v;
}

function array(v: unknown, path: string): unknown[] {
  if (!Array.isArray(v)) throw new SeedError(path, 'must be an array');
  return v;
}

function string(v: unknown, path: string, pattern: string, min: number, max: number): string {
  if (typeof v !== 'string') throw new SeedError(path, 'must be a string');
  const n = [...v].length;
  if (n < min || n > max) throw new SeedError(path, `must have ${min} to ${max} characters`);
  if (!new RegExp(pattern, 'u').test(v)) throw new SeedError(path, `must match ${pattern}`);
  return v;
}

function integer(v: unknown, path: string, max: number): number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0 || v > max) {
    throw new SeedError(path, `must be an integer from 0 to ${max}`);
  }
  return v;
}

function isoDate(v: unknown, path: string): string {
  const ok =
    typeof v === 'string' &&
    /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:\d{2}))?$/.test(v) &&
    !Number.isNaN(Date.parse(v));
  if (!ok) throw new SeedError(path, 'must be an ISO 8601 date (YYYY-MM-DD) or date-time');
  return new Date(v).toISOString();
}

function optional<T>(o: Obj, key: string, read: (v: unknown) => T): T | undefined {
  return o[key] === undefined ? undefined : read(o[key]);
}

const { MAX_DAYS, MAX_CREDITS } = R;

function key(v: unknown, path: string, keys: Set<string>, what: string): string {
  const k = string(v, path, R.PRODUCT_KEY_PATTERN, R.PRODUCT_KEY_MIN, R.PRODUCT_KEY_MAX);
  if (keys.has(normalizeKey(k))) throw new SeedError(path, `duplicates "${k}" (${what})`);
  keys.add(normalizeKey(k));
  return k;
}

/** Validates a `smart` seed section; throws SeedError (code SEED_INVALID) naming the field. */
export function parseSmartSeed(value: unknown, path = 'smart'): SmartSeed {
  const root = object(value, path, ['invoices', 'reseller_keys', 'domains']);
  const seed: SmartSeed = {};
  const keys = new Set<string>();
  const serials = new Set<string>();
  const invoiceIds = new Set<string>();
  const claimCodes = new Set<string>();
  if (root.invoices !== undefined) {
    seed.invoices = array(root.invoices, `${path}.invoices`).map((raw, i) => {
      const p = `${path}.invoices[${i}]`;
      const o = object(raw, p, [
        'invoice_id',
        'credits_via',
        'claim_code',
        'product_key',
        'purchased_days_ago',
        'purchased_at',
        'buyer_email',
        'displays',
      ]);
      const invoice_id = string(o.invoice_id, `${p}.invoice_id`, R.INVOICE_ID_PATTERN, 1, R.INVOICE_ID_MAX);
      if (invoiceIds.has(invoice_id)) throw new SeedError(`${p}.invoice_id`, `duplicates "${invoice_id}"`);
      invoiceIds.add(invoice_id);
      const via = optional(o, 'credits_via', (v) => {
        if (!(CREDITS_VIA as readonly unknown[]).includes(v)) {
          throw new SeedError(
            `${p}.credits_via`,
            `must be one of ${CREDITS_VIA.map((c) => `"${c}"`).join(', ')}`,
          );
        }
        return v as CreditsVia;
      });
      const byKey = (via ?? 'product-key') === 'product-key';
      if (byKey && o.product_key === undefined) {
        throw new SeedError(`${p}.product_key`, 'is required with credits_via "product-key"');
      }
      for (const f of ['product_key', 'claim_code'] as const) {
        if (!byKey && o[f] !== undefined) {
          throw new SeedError(
            `${p}.${f}`,
            'is not allowed with credits_via "enrollment" (credits come on enrollment)',
          );
        }
      }
      const invoiceKeys: Pick<SmartSeedInvoice, 'product_key' | 'claim_code'> = {};
      if (byKey) {
        invoiceKeys.product_key = key(o.product_key, `${p}.product_key`, keys, 'one key per invoice');
        const code = optional(o, 'claim_code', (v) =>
          string(v, `${p}.claim_code`, R.INVOICE_ID_PATTERN, 1, R.INVOICE_ID_MAX),
        );
        const effective = normalizeKey(code ?? invoice_id);
        if (claimCodes.has(effective)) throw new SeedError(`${p}.claim_code`, `duplicates "${effective}"`);
        claimCodes.add(effective);
        if (code !== undefined) invoiceKeys.claim_code = code;
      }
      const daysAgo = optional(o, 'purchased_days_ago', (v) =>
        integer(v, `${p}.purchased_days_ago`, MAX_DAYS),
      );
      const at = optional(o, 'purchased_at', (v) => isoDate(v, `${p}.purchased_at`));
      if ((daysAgo === undefined) === (at === undefined)) {
        throw new SeedError(`${p}.purchased_days_ago`, 'or purchased_at is required (exactly one of them)');
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
          throw new SeedError(
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
      if (displays.length === 0) throw new SeedError(`${p}.displays`, 'must list at least one display');
      const invoice: SmartSeedInvoice = { invoice_id, ...invoiceKeys, displays };
      const buyer = optional(o, 'buyer_email', (v) =>
        string(v, `${p}.buyer_email`, R.TEXT_PATTERN, 3, R.EMAIL_MAX),
      );
      if (buyer !== undefined) {
        if (!R.EMAIL_REGEX.test(buyer)) throw new SeedError(`${p}.buyer_email`, 'must be an e-mail address');
        invoice.buyer_email = buyer;
      }
      if (via !== undefined) invoice.credits_via = via;
      if (daysAgo !== undefined) invoice.purchased_days_ago = daysAgo;
      if (at !== undefined) invoice.purchased_at = at;
      return invoice;
    });
  }
  if (root.reseller_keys !== undefined) {
    seed.reseller_keys = array(root.reseller_keys, `${path}.reseller_keys`).map((raw, i) => {
      const p = `${path}.reseller_keys[${i}]`;
      const o = object(raw, p, ['product_key', 'credits']);
      return {
        product_key: key(o.product_key, `${p}.product_key`, keys, 'keys are unique'),
        credits: integer(o.credits, `${p}.credits`, MAX_CREDITS),
      };
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
      const name = string(o.name, `${p}.name`, R.DOMAIN_NAME_PATTERN, 1, Number.MAX_SAFE_INTEGER);
      if ([...name].length > R.DOMAIN_NAME_PATH_LIMIT) {
        throw new SeedError(
          `${p}.name`,
          `must not have more than ${R.DOMAIN_NAME_PATH_LIMIT} characters (the stub's path-parameter limit)`,
        );
      }
      if (names.has(name)) throw new SeedError(`${p}.name`, `duplicates "${name}"`);
      names.add(name);
      const email = string(o.email, `${p}.email`, R.TEXT_PATTERN, 3, R.EMAIL_MAX);
      if (!R.EMAIL_REGEX.test(email)) throw new SeedError(`${p}.email`, 'must be an e-mail address');
      const status = optional(o, 'status', (v) => {
        if (v !== 'ACTIVE' && v !== 'PENDING_ACTIVATION') {
          throw new SeedError(`${p}.status`, 'must be "ACTIVE" or "PENDING_ACTIVATION"');
        }
        return v;
      });
      const daysAgo = optional(o, 'activated_days_ago', (v) =>
        integer(v, `${p}.activated_days_ago`, MAX_DAYS),
      );
      const at = optional(o, 'activated_at', (v) => isoDate(v, `${p}.activated_at`));
      if (daysAgo !== undefined && at !== undefined) {
        throw new SeedError(`${p}.activated_days_ago`, 'and activated_at are mutually exclusive');
      }
      if (status === 'PENDING_ACTIVATION' && (daysAgo !== undefined || at !== undefined)) {
        throw new SeedError(`${p}.status`, 'PENDING_ACTIVATION cannot have an activation date');
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
