import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { activeDomain, get, type Harness, outbox, post, signup, startSmart } from './harness.ts';

let h: Harness;
beforeEach(async () => {
  h = await startSmart();
});
afterEach(async () => {
  await h.close();
});

describe('POST /smart/v1/login', () => {
  it('answers 403 ACTIVATION_PENDING for the right password of a domain not yet activated', async () => {
    await post(h.app, '/smart/v1/domains', signup('pending1'));
    const r = await post(h.app, '/smart/v1/login', {
      email: 'it@pending1.example',
      password: 'pending1-password',
    });
    expect(r.status).toBe(403);
    expect(r.body.error_code).toBe('ACTIVATION_PENDING');
  });

  it('answers 401 INVALID_CREDENTIALS for a wrong password or an unknown e-mail (pending or not)', async () => {
    await post(h.app, '/smart/v1/domains', signup('pending2'));
    await activeDomain(h.app, 'active2');
    for (const body of [
      { email: 'it@pending2.example', password: 'wrong-password' },
      { email: 'it@active2.example', password: 'wrong-password' },
      { email: 'nobody@nowhere.example', password: 'whatever-password' },
    ]) {
      const r = await post(h.app, '/smart/v1/login', body);
      expect(r.status).toBe(401);
      expect(r.body.error_code).toBe('INVALID_CREDENTIALS');
    }
  });

  it('answers {token, domain} once activated; the e-mail is case-insensitive', async () => {
    await post(h.app, '/smart/v1/domains', signup('active3'));
    const [mail] = await outbox(h.app, 'it@active3.example');
    await post(h.app, '/smart/v1/domains/active3/activate', { code: mail?.activation_code });
    const r = await post(h.app, '/smart/v1/login', {
      email: 'IT@Active3.example',
      password: 'active3-password',
    });
    expect(r.status).toBe(200);
    expect(r.body.domain).toBe('active3');
    expect(r.body.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('uses `domain` to choose between two domains of the same e-mail address', async () => {
    const shared = { email: 'shared@group.example', password: 'shared-password' };
    for (const name of ['groupa', 'groupb']) {
      await post(h.app, '/smart/v1/domains', signup(name, shared));
    }
    for (const m of await outbox(h.app, shared.email)) {
      await post(h.app, `/smart/v1/domains/${m.domain}/activate`, { code: m.activation_code });
    }
    const a = await post(h.app, '/smart/v1/login', { ...shared, domain: 'groupa' });
    expect(a.body.domain).toBe('groupa');
    const latest = await post(h.app, '/smart/v1/login', shared);
    expect(latest.body.domain).toBe('groupb');
    const wrong = await post(h.app, '/smart/v1/login', { ...shared, domain: 'groupc' });
    expect(wrong.status).toBe(401);
  });
});

describe('bearer token of THAT domain on admin endpoints', () => {
  const adminCalls = (name: string) =>
    [
      ['GET', `/smart/v1/domains/${name}`],
      ['GET', `/smart/v1/domains/${name}/billing`],
      ['GET', `/smart/v1/domains/${name}/devices`],
      ['POST', `/smart/v1/domains/${name}/billing/redeem`],
    ] as const;

  it('answers 401 UNAUTHENTICATED without a token, with a malformed or an unknown token', async () => {
    await activeDomain(h.app, 'owner1');
    for (const [method, url] of adminCalls('owner1')) {
      for (const authorization of [undefined, 'Basic abc', 'Bearer', `Bearer ${'x'.repeat(43)}`]) {
        const headers: Record<string, string> = { 'content-type': 'application/json' };
        if (authorization !== undefined) headers.authorization = authorization;
        const payload =
          method === 'POST' ? JSON.stringify({ product_key: 'SRMK-DEMO-0001-AAAA' }) : undefined;
        const r = await h.app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload }) });
        expect(r.statusCode, `${method} ${url} ${authorization}`).toBe(401);
        expect(r.json()).toMatchObject({ error_code: 'UNAUTHENTICATED' });
        expect(r.headers['www-authenticate']).toContain('Bearer');
      }
    }
  });

  it("answers 403 FORBIDDEN_DOMAIN with another domain's token, and the key stays unredeemed", async () => {
    await activeDomain(h.app, 'owner2');
    const intruder = await activeDomain(h.app, 'intruder2');
    for (const [method, url] of adminCalls('owner2')) {
      const r =
        method === 'GET'
          ? await get(h.app, url, intruder)
          : await post(h.app, url, { product_key: 'SRMK-DEMO-0001-AAAA' }, intruder);
      expect(r.status, `${method} ${url}`).toBe(403);
      expect(r.body.error_code).toBe('FORBIDDEN_DOMAIN');
    }
    const inv = h.db
      .prepare('SELECT redeemed_by FROM smart_invoices WHERE invoice_id = ?')
      .get('SRM-DEMO-0001');
    expect(inv).toEqual({ redeemed_by: null });
  });

  it('lets the owner read its domain', async () => {
    const token = await activeDomain(h.app, 'owner3');
    const r = await get(h.app, '/smart/v1/domains/owner3', token);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ name: 'owner3', status: 'ACTIVE', trial_active: true, balance: 0 });
  });
});
