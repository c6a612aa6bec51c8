// Validates a seed object (parsed JSON) into a StubSeed, or throws a SeedError naming the bad field.
// Cross-references are checked too: token org units exist, device tokens belong to the customer,
// IDs, domains, e-mails, partner IDs and keys are unique.

import { BRAND_CODE_PATTERN } from '../../protocol/brand-code.ts';
import { DEVICE_ID_PATTERN } from '../../protocol/dm.ts';
import type { AuthorizedPartner } from '../db/partners.ts';
import { GMAIL_ADMIN_REASON, isGmailAccount } from '../rules/admin-account.ts';
import { checkIdentity, ORG_UNIT_REGEX } from '../rules/identity.ts';
import { PACKAGED_SKUS, POOL_FIELDS, packagingOf } from '../rules/licences.ts';
import { MAX_LICENCES } from '../rules/limits.ts';
import type { SmartSeed } from '../smart/seed.ts';
import { arr, bool, int, obj, oneOf, opt, SeedError, str, Unique } from './check.ts';
import type { SeedCustomer, SeedDevice, SeedPartner, SeedToken, StubSeed } from './types.ts';

const ID = { max: 64, re: DEVICE_ID_PATTERN, hint: '1-64 printable ASCII characters without space' };
const OU = { max: 1024, re: ORG_UNIT_REGEX, hint: 'an org unit path like "/" or "/Classrooms"' };
const DOMAIN = {
  max: 253,
  re: /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$/i,
  hint: 'a domain name',
};
const EMAIL = { max: 254, re: /^[^\s@]+@[^\s@]+$/, hint: 'an e-mail address' };

interface Uniques {
  customers: Unique;
  domains: Unique;
  emails: Unique;
  tokens: Unique;
  devices: Unique;
}

function token(v: unknown, p: string, ous: Set<string>, u: Uniques): SeedToken {
  const o = obj(v, p, ['token', 'org_unit_path', 'state']);
  const t: SeedToken = { token: str(o.token, `${p}.token`, ID) };
  u.tokens.add(t.token, `${p}.token`);
  const ou = opt(o, 'org_unit_path', (x) => str(x, `${p}.org_unit_path`, OU));
  if (ou !== undefined) {
    if (!ous.has(ou)) throw new SeedError(`${p}.org_unit_path`, `is not one of this customer's org_units`);
    t.org_unit_path = ou;
  }
  const state = opt(o, 'state', (x) => oneOf(x, `${p}.state`, ['ACTIVE', 'REVOKED'] as const));
  if (state !== undefined) t.state = state;
  return t;
}

function device(v: unknown, p: string, ous: Set<string>, tokens: Set<string>, u: Uniques): SeedDevice {
  const o = obj(v, p, [
    'device_id',
    'id_kind',
    'serial_number',
    'manufacturer',
    'model',
    'bundled_license',
    'license_packaging_sku',
    'org_unit_path',
    'preprovisioning_token',
    'brand_code',
  ]);
  const d: SeedDevice = {
    device_id: str(o.device_id, `${p}.device_id`, ID),
    id_kind: str(o.id_kind, `${p}.id_kind`, { max: 64 }),
    serial_number: str(o.serial_number, `${p}.serial_number`, ID),
    manufacturer: str(o.manufacturer, `${p}.manufacturer`, { max: 128 }),
    model: str(o.model, `${p}.model`, { max: 256 }),
  };
  u.devices.add(d.device_id, `${p}.device_id`);
  const problem = checkIdentity(d);
  if (problem !== null) throw new SeedError(p, `is not a valid device: ${problem.code}: ${problem.message}`);
  const brand = opt(o, 'brand_code', (x) =>
    str(x, `${p}.brand_code`, {
      max: 4,
      re: BRAND_CODE_PATTERN,
      hint: '4 upper-case letters (RLZ brand code)',
    }),
  );
  if (brand !== undefined) d.brand_code = brand;
  const bundled = opt(o, 'bundled_license', (x) => bool(x, `${p}.bundled_license`));
  if (bundled !== undefined) d.bundled_license = bundled;
  const sku = opt(o, 'license_packaging_sku', (x) => oneOf(x, `${p}.license_packaging_sku`, PACKAGED_SKUS));
  if (sku !== undefined) d.license_packaging_sku = sku;
  const packaging = packagingOf(d);
  if (!packaging.ok) throw new SeedError(`${p}.license_packaging_sku`, `is refused: ${packaging.message}`);
  const ou = opt(o, 'org_unit_path', (x) => str(x, `${p}.org_unit_path`, OU));
  if (ou !== undefined) {
    if (!ous.has(ou)) throw new SeedError(`${p}.org_unit_path`, `is not one of this customer's org_units`);
    d.org_unit_path = ou;
  }
  const tok = opt(o, 'preprovisioning_token', (x) => str(x, `${p}.preprovisioning_token`, ID));
  if (tok !== undefined) {
    if (!tokens.has(tok))
      throw new SeedError(`${p}.preprovisioning_token`, `is not one of this customer's tokens`);
    d.preprovisioning_token = tok;
  }
  return d;
}

function customer(v: unknown, p: string, u: Uniques): SeedCustomer {
  const o = obj(v, p, [
    'customer_id',
    'domain',
    'name',
    'kind',
    'activation_pending',
    'org_units',
    'licenses',
    'admins',
    'preprovisioning_tokens',
    'enrollment_tokens',
    'devices',
  ]);
  const c: SeedCustomer = {
    customer_id: str(o.customer_id, `${p}.customer_id`, ID),
    domain: str(o.domain, `${p}.domain`, DOMAIN),
  };
  u.customers.add(c.customer_id, `${p}.customer_id`);
  u.domains.add(c.domain, `${p}.domain`);
  const name = opt(o, 'name', (x) => str(x, `${p}.name`));
  if (name !== undefined) c.name = name;
  const kind = opt(o, 'kind', (x) => oneOf(x, `${p}.kind`, ['enterprise', 'consumer'] as const));
  if (kind !== undefined) c.kind = kind;
  const pending = opt(o, 'activation_pending', (x) => bool(x, `${p}.activation_pending`));
  if (pending !== undefined) c.activation_pending = pending;
  const ous = new Set<string>(['/']);
  const ouList = opt(o, 'org_units', (x) =>
    arr(x, `${p}.org_units`, 1000).map((y, i) => str(y, `${p}.org_units[${i}]`, OU)),
  );
  if (ouList !== undefined) {
    for (const ou of ouList) ous.add(ou);
    c.org_units = ouList;
  }
  const lic = opt(o, 'licenses', (x) => obj(x, `${p}.licenses`, Object.values(POOL_FIELDS)));
  if (lic !== undefined) {
    c.licenses = {};
    for (const field of Object.values(POOL_FIELDS) as Array<keyof NonNullable<SeedCustomer['licenses']>>) {
      const n = opt(lic, field, (x) => int(x, `${p}.licenses.${field}`, MAX_LICENCES));
      if (n !== undefined) c.licenses[field] = n;
    }
  }
  const admins = opt(o, 'admins', (x) => arr(x, `${p}.admins`, 1000));
  if (admins !== undefined) {
    c.admins = admins.map((a, i) => {
      const q = `${p}.admins[${i}]`;
      const ao = obj(a, q, ['email', 'password']);
      const email = str(ao.email, `${q}.email`, EMAIL);
      if (isGmailAccount(email)) throw new SeedError(`${q}.email`, `is refused: ${GMAIL_ADMIN_REASON}`);
      u.emails.add(email, `${q}.email`);
      return { email, password: str(ao.password, `${q}.password`, { max: 1024 }) };
    });
  }
  const ppt = opt(o, 'preprovisioning_tokens', (x) => arr(x, `${p}.preprovisioning_tokens`, 1000));
  if (ppt !== undefined)
    c.preprovisioning_tokens = ppt.map((t, i) => token(t, `${p}.preprovisioning_tokens[${i}]`, ous, u));
  const ent = opt(o, 'enrollment_tokens', (x) => arr(x, `${p}.enrollment_tokens`, 1000));
  if (ent !== undefined)
    c.enrollment_tokens = ent.map((t, i) => token(t, `${p}.enrollment_tokens[${i}]`, ous, u));
  const own = new Set((c.preprovisioning_tokens ?? []).map((t) => t.token));
  const devs = opt(o, 'devices', (x) => arr(x, `${p}.devices`));
  if (devs !== undefined) c.devices = devs.map((d, i) => device(d, `${p}.devices[${i}]`, ous, own, u));
  return c;
}

function partners(v: unknown): SeedPartner[] {
  const ids = new Unique('partner_id');
  const keys = new Unique('api_key');
  return arr(v, 'partners', 1000).map((x, i) => {
    const p = `partners[${i}]`;
    const o = obj(x, p, ['partner_id', 'company', 'api_key']);
    const partner: SeedPartner = {
      partner_id: str(o.partner_id, `${p}.partner_id`, ID),
      company: str(o.company, `${p}.company`),
      api_key: str(o.api_key, `${p}.api_key`, {
        min: 8,
        max: 512,
        re: /^[\x21-\x7E]+$/,
        hint: 'printable ASCII without space',
      }),
    };
    ids.add(partner.partner_id, `${p}.partner_id`);
    keys.add(partner.api_key, `${p}.api_key`);
    return partner;
  });
}

function authorized(v: unknown): AuthorizedPartner[] {
  return arr(v, 'authorized_partners', 10_000).map((x, i) => {
    const p = `authorized_partners[${i}]`;
    const o = obj(x, p, ['company', 'regions']);
    return {
      company: str(o.company, `${p}.company`),
      regions: arr(o.regions, `${p}.regions`, 100).map((r, j) => str(r, `${p}.regions[${j}]`)),
    };
  });
}

export function validateSeed(value: unknown): StubSeed {
  const root = obj(value, '', ['$comment', 'customers', 'partners', 'authorized_partners', 'smart']);
  const u: Uniques = {
    customers: new Unique('customer_id'),
    domains: new Unique('domain'),
    emails: new Unique('admin e-mail'),
    tokens: new Unique('token'),
    devices: new Unique('device_id'),
  };
  const seed: StubSeed = {};
  const cs = opt(root, 'customers', (x) => arr(x, 'customers', 10_000));
  if (cs !== undefined) seed.customers = cs.map((c, i) => customer(c, `customers[${i}]`, u));
  const ps = opt(root, 'partners', partners);
  if (ps !== undefined) seed.partners = ps;
  const ap = opt(root, 'authorized_partners', authorized);
  if (ap !== undefined) seed.authorized_partners = ap;
  const smart = root.smart;
  if (smart !== undefined) {
    // Its inside is validated by the SMART seeder (seedSmart), which names the field too.
    if (typeof smart !== 'object' || smart === null || Array.isArray(smart)) {
      throw new SeedError('smart', 'must be an object');
    }
    seed.smart = smart as SmartSeed;
  }
  return seed;
}
