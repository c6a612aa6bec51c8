import { describe, expect, it } from 'vitest';
import { companyKey } from '../../../server-stub/db/rows.ts';
import { AUTHORIZED_PARTNERS } from '../../../server-stub/fixtures/partners.ts';

describe('authorised partner list (seed 000)', () => {
  it('holds every row of the seed table, each with at least one region', () => {
    expect(AUTHORIZED_PARTNERS).toHaveLength(76);
    for (const p of AUTHORIZED_PARTNERS) expect(p.regions.length, p.company).toBeGreaterThan(0);
  });

  it('has distinct company keys', () => {
    const keys = AUTHORIZED_PARTNERS.map((p) => companyKey(p.company));
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('lists the partners the demo and the docs rely on', () => {
    const byName = new Map(AUTHORIZED_PARTNERS.map((p) => [p.company, p.regions]));
    expect(byName.get('CDW')).toEqual(['États-Unis']);
    expect(byName.get('Lenovo')).toEqual(['Monde']);
    expect(byName.get('GSA PTE LTD')).toEqual(['Hong Kong', 'Malaisie', 'Philippines', 'Singapour']);
    expect(byName.get('TD Synnex')).toHaveLength(8);
  });
});
