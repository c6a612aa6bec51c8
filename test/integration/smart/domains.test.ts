import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DAY_MS, type Harness, outbox, post, rowCounts, signup, startSmart, T0 } from './harness.ts';

let h: Harness;
beforeEach(async () => {
  h = await startSmart();
});
afterEach(async () => {
  await h.close();
});

describe('POST /smart/v1/domains', () => {
  it('creates a pending domain (201) without exposing the password or the activation code', async () => {
    const r = await post(h.app, '/smart/v1/domains', signup('lycee42'));
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({
      name: 'lycee42',
      organization: 'École lycee42',
      contact_name: 'Camille Martin',
      phone: '+33 1 23 45 67 89',
      email: 'it@lycee42.example',
      status: 'PENDING_ACTIVATION',
      created_at: T0.toISOString(),
      activated_at: null,
      trial_ends_at: null,
      trial_active: false,
      balance: 0,
    });
    expect(JSON.stringify(r.body)).not.toMatch(/password|activation_code/);
    const stored = h.db.prepare('SELECT password_hash FROM smart_domains WHERE name = ?').get('lycee42') as {
      password_hash: string;
    };
    expect(stored.password_hash).toMatch(/^scrypt\$/);
    expect(stored.password_hash).not.toContain('lycee42-password');
  });

  it.each([
    ['upper-case letters', 'Lycee42'],
    ['a dash', 'lycee-42'],
    ['a dot', 'lycee.fr'],
    ['an empty name', ''],
    ['a non-ASCII letter', 'lycée'],
  ])('rejects %s with 400 naming body.name and writes nothing', async (_why, name) => {
    const before = rowCounts(h.db);
    const r = await post(h.app, '/smart/v1/domains', signup(name));
    expect(r.status).toBe(400);
    expect(r.body.error_code).toBe('INVALID_REQUEST');
    expect(r.body.error_message).toContain('body.name');
    expect(rowCounts(h.db)).toEqual(before);
  });

  it('accepts any name of digits and lower-case letters: seed 002 states no length rule', async () => {
    for (const name of [
      '0123456789abcdefghijklmnopqrstuvwxyz',
      'a',
      '7',
      'ab',
      'z'.repeat(64),
      'y'.repeat(512),
    ]) {
      const form = signup(name, {
        organization: 'Long names',
        email: 'it@long.example',
        password: 'long-password',
      });
      expect((await post(h.app, '/smart/v1/domains', form)).status, name).toBe(201);
    }
  });

  it('refuses a name longer than the stub can address in a path, saying so, and writes nothing', async () => {
    const before = rowCounts(h.db);
    const r = await post(
      h.app,
      '/smart/v1/domains',
      signup('x'.repeat(513), {
        organization: 'Long names',
        email: 'it@long.example',
        password: 'long-password',
      }),
    );
    expect(r.status).toBe(400);
    expect(r.body.error_code).toBe('INVALID_REQUEST');
    expect(r.body.error_message).toMatch(/^body\.name must not have more than 512 characters/);
    expect(r.body.error_message).toContain('path parameters');
    expect(rowCounts(h.db)).toEqual(before);
  });

  it('answers 409 DOMAIN_TAKEN for a name already used, and sends no second e-mail', async () => {
    expect((await post(h.app, '/smart/v1/domains', signup('college7'))).status).toBe(201);
    const again = await post(h.app, '/smart/v1/domains', signup('college7', { email: 'other@x.example' }));
    expect(again.status).toBe(409);
    expect(again.body).toEqual({
      error_code: 'DOMAIN_TAKEN',
      error_message: expect.stringContaining('college7'),
    });
    expect(await outbox(h.app, 'other@x.example')).toEqual([]);
  });

  it('accepts usual phone notations and rejects a phone without digits', async () => {
    const ok = await post(
      h.app,
      '/smart/v1/domains',
      signup('phone1', { phone: '+1 (555) 010-0100 ext 12' }),
    );
    expect(ok.status).toBe(201);
    const bad = await post(h.app, '/smart/v1/domains', signup('phone2', { phone: 'call me' }));
    expect(bad.status).toBe(400);
    expect(bad.body.error_message).toContain('body.phone');
  });

  it('rejects a wrongly typed field instead of coercing it (400)', async () => {
    const r = await post(h.app, '/smart/v1/domains', signup('x', { name: 12345 }));
    expect(r.status).toBe(400);
    expect(r.body.error_message).toBe('body.name must be string');
  });

  it('rejects an unknown field (400) and a short password (400)', async () => {
    const extra = await post(h.app, '/smart/v1/domains', signup('abc1', { admin: true }));
    expect(extra.status).toBe(400);
    expect(extra.body.error_message).toContain('body.admin');
    const short = await post(h.app, '/smart/v1/domains', signup('abc2', { password: 'short' }));
    expect(short.status).toBe(400);
    expect(short.body.error_message).toContain('body.password');
  });
});

describe('activation e-mail and POST /smart/v1/domains/{name}/activate', () => {
  it('puts the activation e-mail in the outbox of the address given', async () => {
    await post(h.app, '/smart/v1/domains', signup('ecole1', { email: 'Admin@Ecole1.example' }));
    const mails = await outbox(h.app, 'admin@ecole1.example');
    expect(mails).toHaveLength(1);
    const m = mails[0];
    expect(m).toMatchObject({ to: 'admin@ecole1.example', domain: 'ecole1', sent_at: T0.toISOString() });
    expect(m?.activation_code).toMatch(/^[0-9A-F]{20}$/);
    expect(m?.body).toContain(`/smart/v1/domains/ecole1/activate?code=${m?.activation_code}`);
    expect(await outbox(h.app, 'nobody@ecole1.example')).toEqual([]);
  });

  it('starts the 30-day trial at activation time (from the clock)', async () => {
    await post(h.app, '/smart/v1/domains', signup('ecole2'));
    h.clock.advanceDays(2);
    const [mail] = await outbox(h.app, 'it@ecole2.example');
    const r = await post(h.app, '/smart/v1/domains/ecole2/activate', { code: mail?.activation_code });
    expect(r.status).toBe(200);
    const activatedAt = T0.getTime() + 2 * DAY_MS;
    expect(r.body).toMatchObject({
      status: 'ACTIVE',
      activated_at: new Date(activatedAt).toISOString(),
      trial_ends_at: new Date(activatedAt + 30 * DAY_MS).toISOString(),
      trial_active: true,
    });
  });

  it('answers 403 INVALID_ACTIVATION_CODE for a wrong code and leaves the domain pending', async () => {
    await post(h.app, '/smart/v1/domains', signup('ecole3'));
    const r = await post(h.app, '/smart/v1/domains/ecole3/activate', { code: 'ABCDEF0123456789ABCD' });
    expect(r.status).toBe(403);
    expect(r.body.error_code).toBe('INVALID_ACTIVATION_CODE');
    const row = h.db.prepare('SELECT status FROM smart_domains WHERE name = ?').get('ecole3') as {
      status: string;
    };
    expect(row.status).toBe('PENDING_ACTIVATION');
  });

  it('is idempotent: activating again with the code keeps the first trial dates', async () => {
    await post(h.app, '/smart/v1/domains', signup('ecole4'));
    const [mail] = await outbox(h.app, 'it@ecole4.example');
    const first = await post(h.app, '/smart/v1/domains/ecole4/activate', { code: mail?.activation_code });
    h.clock.advanceDays(5);
    const second = await post(h.app, '/smart/v1/domains/ecole4/activate', {
      code: mail?.activation_code.toLowerCase(),
    });
    expect(second.status).toBe(200);
    expect(second.body.trial_ends_at).toBe(first.body.trial_ends_at);
    const trials = h.db
      .prepare("SELECT count(*) AS n FROM smart_billing WHERE type = 'TRIAL_STARTED'")
      .get() as {
      n: number;
    };
    expect(trials.n).toBe(1);
  });

  it('activates through the e-mail link (GET) as well', async () => {
    await post(h.app, '/smart/v1/domains', signup('ecole5'));
    const [mail] = await outbox(h.app, 'it@ecole5.example');
    const link = mail?.body.match(/\/smart\/v1\/domains\/ecole5\/activate\?code=\w+/)?.[0] ?? 'missing';
    const r = await h.app.inject({ method: 'GET', url: link });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ name: 'ecole5', status: 'ACTIVE' });
  });

  it('answers 404 DOMAIN_NOT_FOUND for an unknown domain', async () => {
    const r = await post(h.app, '/smart/v1/domains/nosuchdomain/activate', { code: 'ABC' });
    expect(r.status).toBe(404);
    expect(r.body.error_code).toBe('DOMAIN_NOT_FOUND');
  });

  it('answers 400 for an outbox query without a valid e-mail', async () => {
    expect((await h.app.inject({ method: 'GET', url: '/smart/v1/outbox' })).statusCode).toBe(400);
    expect((await h.app.inject({ method: 'GET', url: '/smart/v1/outbox?email=nope' })).statusCode).toBe(400);
  });
});
