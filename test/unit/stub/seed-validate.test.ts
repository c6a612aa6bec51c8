import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SeedError } from '../../../server-stub/seed/check.ts';
import { DEMO_SEED_PATH } from '../../../server-stub/seed/load.ts';
import { validateSeed } from '../../../server-stub/seed/validate.ts';

const demo = (): Record<string, unknown> =>
  JSON.parse(readFileSync(DEMO_SEED_PATH, 'utf8')) as Record<string, unknown>;

function fieldOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (e instanceof SeedError) return e.field;
    throw e;
  }
  throw new Error('no SeedError');
}

const customer = (extra: Record<string, unknown>) => ({
  customers: [{ customer_id: 'C1', domain: 'c1.example', ...extra }],
});

describe('seed validation', () => {
  it('accepts the demo seed with what issue 3 requires', () => {
    const seed = validateSeed(demo());
    const c1 = seed.customers?.find((c) => c.customer_id === 'C00demo01');
    expect(c1).toMatchObject({ domain: 'demo.example', licenses: { chrome_enterprise_upgrade: 10 } });
    expect(c1?.org_units).toEqual(['/', '/Classrooms']);
    expect(c1?.admins).toEqual([{ email: 'admin@demo.example', password: 'demo-password' }]);
    const c2 = seed.customers?.find((c) => c.customer_id === 'C00demo02');
    expect(c2?.admins).toEqual([{ email: 'admin@other.example', password: 'other-password' }]);
    expect(seed.partners).toEqual([
      { partner_id: 'cdw', company: 'CDW', api_key: 'partner-demo-key' },
      { partner_id: 'unlisted', company: 'Unlisted Reseller Ltd', api_key: 'partner-unlisted-key' },
    ]);
    expect(seed.smart).toEqual(demo().smart);
  });

  it.each([
    [{ customers: {} }, 'customers'],
    [{ colour: 1 }, 'colour'],
    [customer({ domain: 'not a domain' }), 'customers[0].domain'],
    [
      customer({ licenses: { chrome_enterprise_upgrade: -1 } }),
      'customers[0].licenses.chrome_enterprise_upgrade',
    ],
    [customer({ admins: [{ email: 'a@b.example' }] }), 'customers[0].admins[0].password'],
    [customer({ org_units: ['Classrooms'] }), 'customers[0].org_units[0]'],
    [
      customer({ preprovisioning_tokens: [{ token: 't1', org_unit_path: '/Nope' }] }),
      'customers[0].preprovisioning_tokens[0].org_unit_path',
    ],
    [
      customer({ preprovisioning_tokens: [{ token: 't1', state: 'PAUSED' }] }),
      'customers[0].preprovisioning_tokens[0].state',
    ],
    [customer({ kind: 'personal' }), 'customers[0].kind'],
    [
      customer({
        devices: [
          {
            device_id: 'D1',
            id_kind: 'serial-number',
            serial_number: 'D1',
            manufacturer: 'A',
            model: 'M',
            preprovisioning_token: 'tX',
          },
        ],
      }),
      'customers[0].devices[0].preprovisioning_token',
    ],
    [
      customer({
        devices: [
          { device_id: 'D1', id_kind: 'serial-number', serial_number: 'D2', manufacturer: 'A', model: 'M' },
        ],
      }),
      'customers[0].devices[0]',
    ],
    [{ partners: [{ partner_id: 'p', company: 'CDW', api_key: 'short' }] }, 'partners[0].api_key'],
    [
      {
        partners: [
          { partner_id: 'p', company: 'CDW', api_key: 'key-000001' },
          { partner_id: 'q', company: 'CDW', api_key: 'key-000001' },
        ],
      },
      'partners[1].api_key',
    ],
    [{ authorized_partners: [{ company: 'X', regions: 'Monde' }] }, 'authorized_partners[0].regions'],
    [{ smart: [] }, 'smart'],
  ])('names the bad field of %j', (seed, field) => {
    expect(fieldOf(() => validateSeed(seed))).toBe(field);
  });

  it('rejects a domain or admin e-mail used twice', () => {
    const twice = {
      customers: [
        { customer_id: 'C1', domain: 'same.example', admins: [{ email: 'a@same.example', password: 'p' }] },
        { customer_id: 'C2', domain: 'SAME.example' },
      ],
    };
    expect(fieldOf(() => validateSeed(twice))).toBe('customers[1].domain');
  });
});
