// Licence pools per upgrade type (seed 000: « Des licences disponibles pour Chrome Enterprise,
// Education ou Nonprofit »; devices sold with an upgrade use no separate licence). A real stub with its
// SQLite stores: which pool a registration takes, the 402 text naming the licence types, re-registration,
// release, packaged SKUs from the partner API, and the admin API's pools.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LicensesView } from '../../../server-stub/admin/views.ts';
import type { DeviceRow } from '../../../server-stub/db/rows.ts';
import { DmError } from '../../../server-stub/http/errors.ts';
import {
  assignedLicence,
  consumeLicence,
  type LicenceDecision,
  UPGRADE_NAMES,
} from '../../../server-stub/rules/licences.ts';
import type { StubSeed } from '../../../server-stub/seed/types.ts';
import { http, login, preprovision, type StartedStub, startStub } from '../../helpers/stub.ts';

const EDU = 'C00edu01';
const MIX = 'C00mix01';
const NONE = 'C00none01';
const PARTNER_KEY = 'partner-licences-key';

const seed: StubSeed = {
  customers: [
    {
      customer_id: EDU,
      domain: 'school.example',
      licenses: { chrome_education_upgrade: 2 },
      admins: [{ email: 'admin@school.example', password: 'school-password' }],
      preprovisioning_tokens: [{ token: 'ppt-edu' }],
    },
    {
      customer_id: MIX,
      domain: 'mixed.example',
      licenses: { chrome_enterprise_upgrade: 1, chrome_education_upgrade: 1, chrome_nonprofit_upgrade: 1 },
      admins: [{ email: 'admin@mixed.example', password: 'mixed-password' }],
      preprovisioning_tokens: [{ token: 'ppt-mix' }],
    },
    {
      customer_id: NONE,
      domain: 'none.example',
      admins: [{ email: 'admin@none.example', password: 'none-password' }],
      preprovisioning_tokens: [{ token: 'ppt-none' }],
    },
  ],
  partners: [{ partner_id: 'cdw', company: 'CDW', api_key: PARTNER_KEY }],
};

let s: StartedStub;
beforeEach(async () => {
  s = await startStub({ seed });
});
afterEach(async () => {
  await s.close();
});

const device = (n: number, extra: Record<string, unknown> = {}) => ({
  device_id: `NXLIC${String(n).padStart(6, '0')}`,
  id_kind: 'serial-number',
  serial_number: `NXLIC${String(n).padStart(6, '0')}`,
  manufacturer: 'Acer',
  model: 'Chromebook Acer 311 (C722/C722T)',
  ...extra,
});

function customerRow(cid: string) {
  const c = s.stub.stores.customers.get(cid);
  if (c === undefined) throw new Error(`no customer ${cid}`);
  return c;
}

function row(id: string): DeviceRow {
  const d = s.stub.stores.devices.get(id);
  if (d === undefined) throw new Error(`no device ${id}`);
  return d;
}

/** What the DM code does around `consumeLicence`: decide, then write the device MANAGED, in one transaction. */
function register(cid: string, id: string): LicenceDecision {
  const { stores } = s.stub;
  return stores.db
    .transaction(() => {
      const customer = customerRow(cid);
      const existing = stores.devices.get(id);
      const managedHere = existing?.status === 'MANAGED' && existing.customer_id === cid;
      const decision = consumeLicence(stores.customers, customer, {
        bundled_license: existing?.bundled_license ?? 0,
        packaged_sku: existing?.packaged_sku ?? null,
        held: managedHere && existing.license_consumed === 1 ? existing.license_type : null,
      });
      stores.devices.upsertManaged(
        {
          device_id: id,
          customer_id: cid,
          serial_number: id,
          model: 'Chromebook Acer 311 (C722/C722T)',
          model_key: 'chromebookacer311(c722/c722t)',
          org_unit_path: '/',
          bundled_license: existing?.bundled_license ?? 0,
          license_consumed: decision.kind === 'packaged' ? 0 : 1,
          license_type: decision.kind === 'packaged' ? null : decision.upgradeType,
          dm_client_id: `client-${id}`,
          enrollment_type: 'ENTERPRISE',
          enrolled_at: '2025-06-02T09:00:00.000Z',
          preprovisioning_token: null,
          partner_id: null,
          brand_code: existing?.brand_code ?? 'ACER',
        },
        '2025-06-02T09:00:00.000Z',
      );
      return decision;
    })
    .immediate();
}

function dmErrorOf(f: () => unknown): DmError {
  try {
    f();
  } catch (e) {
    if (e instanceof DmError) return e;
    throw e;
  }
  throw new Error('no DmError');
}

async function licences(cid: string, email: string, password: string): Promise<LicensesView> {
  const token = await login(s.url, email, password);
  const r = await http<LicensesView>(s.url, 'GET', `/v1/customers/${cid}/licenses`, { bearer: token });
  expect(r.status).toBe(200);
  return r.body;
}

describe('which pool a registration takes', () => {
  it('an Education customer consumes Chrome Education Upgrades, then gets 402 naming that type', async () => {
    expect(register(EDU, 'NXEDU0001').upgradeType).toBe('CHROME_EDUCATION');
    expect(register(EDU, 'NXEDU0002').upgradeType).toBe('CHROME_EDUCATION');
    const err = dmErrorOf(() => register(EDU, 'NXEDU0003'));
    expect(err.statusCode).toBe(402);
    expect(err.dmStatus).toBe('DM_STATUS_SERVICE_MISSING_LICENSES');
    expect(err.message).toContain(UPGRADE_NAMES.CHROME_EDUCATION);
    expect(err.message).not.toContain(UPGRADE_NAMES.CHROME_ENTERPRISE);
    expect(s.stub.stores.devices.get('NXEDU0003')).toBeUndefined();
    const view = await licences(EDU, 'admin@school.example', 'school-password');
    expect(view.chrome_education_upgrade).toEqual({ total: 2, used: 2 });
    expect(view.chrome_enterprise_upgrade).toEqual({ total: 0, used: 0 });
  });

  it('takes the first pool with a free licence in the documented order: Enterprise, Education, Nonprofit', () => {
    expect(['NXMIX0001', 'NXMIX0002', 'NXMIX0003'].map((id) => register(MIX, id).upgradeType)).toEqual([
      'CHROME_ENTERPRISE',
      'CHROME_EDUCATION',
      'CHROME_NONPROFIT',
    ]);
    const err = dmErrorOf(() => register(MIX, 'NXMIX0004'));
    expect(err.statusCode).toBe(402);
    for (const name of Object.values(UPGRADE_NAMES)) expect(err.message).toContain(name);
  });

  it('a customer without any upgrade gets 402 naming the three types', () => {
    const err = dmErrorOf(() => register(NONE, 'NXNONE0001'));
    expect(err.statusCode).toBe(402);
    expect(err.message).toContain('Chrome Enterprise, Education or Nonprofit Upgrade');
  });

  it('a re-registration keeps the upgrade it holds and never takes a second one', async () => {
    expect(register(EDU, 'NXEDU0001')).toEqual({ kind: 'consumed', upgradeType: 'CHROME_EDUCATION' });
    expect(register(EDU, 'NXEDU0001')).toEqual({ kind: 'kept', upgradeType: 'CHROME_EDUCATION' });
    expect(
      (await licences(EDU, 'admin@school.example', 'school-password')).chrome_education_upgrade.used,
    ).toBe(1);
  });

  it('a released device gives its licence back to its pool', () => {
    register(MIX, 'NXMIX0001');
    expect(row('NXMIX0001').license_type).toBe('CHROME_ENTERPRISE');
    s.stub.stores.devices.deprovision('NXMIX0001', '2025-06-02T10:00:00.000Z');
    expect(row('NXMIX0001')).toMatchObject({ license_consumed: 0, license_type: null });
    expect(register(MIX, 'NXMIX0002').upgradeType).toBe('CHROME_ENTERPRISE');
  });
});

describe('packaged licences (partner upload with a SKU)', () => {
  it('a device packaged with Chrome Education Upgrade consumes no pool, even with every pool empty', async () => {
    const up = await preprovision(
      s.url,
      [device(1, { license_packaging_sku: 'CHROME_EDUCATION' }), device(2, { bundled_license: true })],
      NONE,
      'ppt-none',
      PARTNER_KEY,
    );
    expect(up.body.results.map((r) => r.status)).toEqual(['PRE_PROVISIONED', 'PRE_PROVISIONED']);
    expect(row(device(1).device_id)).toMatchObject({ bundled_license: 1, packaged_sku: 'CHROME_EDUCATION' });
    expect(row(device(2).device_id)).toMatchObject({ bundled_license: 1, packaged_sku: 'CHROME_ENTERPRISE' });
    expect(register(NONE, device(1).device_id)).toEqual({
      kind: 'packaged',
      sku: 'CHROME_EDUCATION',
      upgradeType: 'CHROME_EDUCATION',
    });
    const view = await licences(NONE, 'admin@none.example', 'none-password');
    expect(view.bundled).toEqual({ used: 1, by_sku: { CHROME_ENTERPRISE: 0, CHROME_EDUCATION: 1 } });
  });

  it('refuses a SKU on a device declared not bundled, and an unknown SKU', async () => {
    const mismatch = await preprovision(
      s.url,
      [device(3, { bundled_license: false, license_packaging_sku: 'CHROME_ENTERPRISE' })],
      NONE,
      'ppt-none',
      PARTNER_KEY,
    );
    expect(mismatch.body.results[0]).toMatchObject({
      status: 'ERROR',
      error_code: 'LICENSE_PACKAGING_MISMATCH',
    });
    const unknown = await preprovision(
      s.url,
      [device(4, { license_packaging_sku: 'CHROME_TERMINAL' })],
      NONE,
      'ppt-none',
      PARTNER_KEY,
    );
    expect(unknown.status).toBe(400);
    expect(String((unknown.body as Record<string, unknown>).error_message)).toContain(
      'license_packaging_sku',
    );
  });
});

describe('assignedLicence (the state answer)', () => {
  it('says the packaged SKU, the held upgrade, or the one a registration would take now', async () => {
    await preprovision(
      s.url,
      [device(5, { license_packaging_sku: 'CHROME_EDUCATION' }), device(6)],
      EDU,
      'ppt-edu',
      PARTNER_KEY,
    );
    const { customers } = s.stub.stores;
    expect(assignedLicence(customers, customerRow(EDU), row(device(5).device_id))).toEqual({
      isPackaged: true,
      packagedSku: 'CHROME_EDUCATION',
      upgradeType: 'CHROME_EDUCATION',
    });
    expect(assignedLicence(customers, customerRow(EDU), row(device(6).device_id))).toEqual({
      isPackaged: false,
      packagedSku: null,
      upgradeType: 'CHROME_EDUCATION',
    });
    register(EDU, 'NXEDU0001');
    register(EDU, 'NXEDU0002');
    // Every Education licence is taken: the device would get 402, so no upgrade type is assigned.
    expect(assignedLicence(customers, customerRow(EDU), row(device(6).device_id)).upgradeType).toBeNull();
    expect(assignedLicence(customers, customerRow(EDU), row('NXEDU0001')).upgradeType).toBe(
      'CHROME_EDUCATION',
    );
  });
});

describe('admin API pools', () => {
  it('sets each pool, refuses to go below its use (409 naming the type) and changes nothing then', async () => {
    register(MIX, 'NXMIX0001'); // Enterprise 1/1
    const token = await login(s.url, 'admin@mixed.example', 'mixed-password');
    const put = (body: unknown) =>
      http<Record<string, unknown>>(s.url, 'PUT', `/v1/customers/${MIX}/licenses`, { bearer: token, body });
    const ok = await put({ chrome_education_upgrade_total: 5, chrome_nonprofit_upgrade_total: 0 });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({
      chrome_enterprise_upgrade: { total: 1, used: 1 },
      chrome_education_upgrade: { total: 5, used: 0 },
      chrome_nonprofit_upgrade: { total: 0, used: 0 },
    });
    const refused = await put({ chrome_education_upgrade_total: 7, chrome_enterprise_upgrade_total: 0 });
    expect(refused.status).toBe(409);
    expect(refused.body.error_code).toBe('LICENSES_IN_USE');
    expect(String(refused.body.error_message)).toContain('Chrome Enterprise Upgrade');
    expect(
      (await licences(MIX, 'admin@mixed.example', 'mixed-password')).chrome_education_upgrade.total,
    ).toBe(5);
    const empty = await put({});
    expect(empty.status).toBe(400);
    const bad = await put({ chrome_nonprofit_upgrade_total: -1 });
    expect(bad.status).toBe(400);
    expect(String(bad.body.error_message)).toContain('chrome_nonprofit_upgrade_total');
  });
});
