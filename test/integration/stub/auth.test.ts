// POST /v1/auth/login and the admin API's authentication rules.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, http, login, type StartedStub, startStub } from '../../helpers/stub.ts';

let s: StartedStub;
beforeAll(async () => {
  s = await startStub();
});
afterAll(async () => {
  await s.close();
});

describe('POST /v1/auth/login', () => {
  it('answers {token, customer_id} for a right password (e-mail case-insensitive)', async () => {
    const r = await http(s.url, 'POST', '/v1/auth/login', {
      body: { email: 'Admin@Demo.Example', password: 'demo-password' },
    });
    expect(r.status).toBe(200);
    expect(Object.keys(r.body).sort()).toEqual(['customer_id', 'token']);
    expect(r.body.customer_id).toBe('C00demo01');
  });

  it('answers 401 for a wrong password or an unknown e-mail', async () => {
    for (const body of [
      { email: 'admin@demo.example', password: 'other-password' },
      { email: 'nobody@demo.example', password: 'demo-password' },
    ]) {
      const r = await http(s.url, 'POST', '/v1/auth/login', { body });
      expect(r.status).toBe(401);
      expect(r.body).toMatchObject({ error_code: 'UNAUTHENTICATED' });
    }
  });

  it('answers 400 naming the missing field', async () => {
    const r = await http(s.url, 'POST', '/v1/auth/login', { body: { email: 'admin@demo.example' } });
    expect(r.status).toBe(400);
    expect(r.body.error_message).toBe('body.password is required');
  });
});

describe('admin API authentication', () => {
  const path = `/v1/customers/${DEMO.customer}/licenses`;

  it('answers 401 without a token or with an unknown one', async () => {
    expect((await http(s.url, 'GET', path)).status).toBe(401);
    expect((await http(s.url, 'GET', path, { bearer: 'adm_nope' })).status).toBe(401);
  });

  it('answers 403 to an admin of another customer, whatever the body', async () => {
    const other = await login(s.url, DEMO.otherAdmin.email, DEMO.otherAdmin.password);
    expect((await http(s.url, 'GET', path, { bearer: other })).status).toBe(403);
    const put = await http(s.url, 'PUT', path, {
      bearer: other,
      body: { chrome_enterprise_upgrade_total: 'lots' },
    });
    expect(put.status).toBe(403);
    expect((await http(s.url, 'GET', '/v1/customers/C00nobody/devices', { bearer: other })).status).toBe(403);
  });
});
