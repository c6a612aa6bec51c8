import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { activeDomain, claim, get, type Harness, post, startSmart } from './harness.ts';

let h: Harness;
beforeEach(async () => {
  h = await startSmart();
});
afterEach(async () => {
  await h.close();
});

describe('concurrent requests', () => {
  it('lets exactly one of several domains redeem the same key at once', async () => {
    const names = ['para1', 'para2', 'para3', 'para4'];
    const tokens = await Promise.all(names.map((n) => activeDomain(h.app, n)));
    expect((await claim(h.app, 'SRMC-DEMO-0001')).status).toBe(200);
    const answers = await Promise.all(
      names.map((n, i) =>
        post(
          h.app,
          `/smart/v1/domains/${n}/billing/redeem`,
          { product_key: 'SRMK-DEMO-0001-AAAA' },
          tokens[i],
        ),
      ),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409, 409, 409]);
    expect(answers.filter((a) => a.status === 409).map((a) => a.body.error_code)).toEqual([
      'PRODUCT_KEY_ALREADY_REDEEMED',
      'PRODUCT_KEY_ALREADY_REDEEMED',
      'PRODUCT_KEY_ALREADY_REDEEMED',
    ]);
  });

  it('grants a display its credits once when it enrolls several times at once', async () => {
    const token = await activeDomain(h.app, 'acme');
    // SRM-AUTO-0001 includes its credits on enrollment.
    const body = { serial_number: 'SBID1AUTO0001', model_number: 'sbid-mx265-v3', domain: 'acme' };
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => post(h.app, '/smart/v1/displays/enroll', body)),
    );
    expect(answers.every((a) => a.status === 200)).toBe(true);
    expect(answers.map((a) => a.body.credits_granted).sort()).toEqual([0, 0, 0, 0, 0, 0, 0, 365]);
    const billing = await get(h.app, '/smart/v1/domains/acme/billing', token);
    expect(billing.body.balance).toBe(365);
    expect(
      (billing.body.rows as { type: string }[]).filter((r) => r.type === 'DISPLAY_ENROLLED'),
    ).toHaveLength(1);
  });

  it('redeems a reseller key once when several domains type it in at once', async () => {
    const names = ['res1', 'res2', 'res3'];
    const tokens = await Promise.all(names.map((n) => activeDomain(h.app, n)));
    const answers = await Promise.all(
      names.map((n, i) =>
        post(
          h.app,
          `/smart/v1/domains/${n}/billing/redeem`,
          { product_key: 'SRMR-DEMO-0100-CCCC' },
          tokens[i],
        ),
      ),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409, 409]);
    const balances = await Promise.all(
      names.map((n, i) => get(h.app, `/smart/v1/domains/${n}/billing`, tokens[i])),
    );
    expect(balances.map((b) => b.body.balance).sort()).toEqual([0, 0, 100]);
  });
});
