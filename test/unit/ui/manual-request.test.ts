// The manual enrollment form's body, checked before it reaches the machine.

import { describe, expect, it } from 'vitest';
import { parseManualRequest } from '../../../agent/ui/web/index.ts';

describe('parseManualRequest', () => {
  it('accepts each method', () => {
    expect(
      parseManualRequest({ method: 'credentials', email: ' admin@demo.example ', password: ' p w ' }),
    ).toEqual({
      ok: true,
      request: { method: 'credentials', email: 'admin@demo.example', password: ' p w ' },
    });
    expect(parseManualRequest({ method: 'enrollment-token', token: 'ent-demo-0001' })).toEqual({
      ok: true,
      request: { method: 'enrollment-token', token: 'ent-demo-0001' },
    });
    expect(parseManualRequest({ method: 'smart-domain', domain: 'demoschool' })).toEqual({
      ok: true,
      request: { method: 'smart-domain', domain: 'demoschool' },
    });
  });

  it.each<[unknown, string]>([
    [null, 'method'],
    [[], 'method'],
    [{ method: 'telepathy' }, 'method'],
    [{ method: 'credentials', email: 'admin', password: 'x' }, 'email'],
    [{ method: 'credentials', email: 'admin@demo.example' }, 'password'],
    [{ method: 'credentials', email: 'admin@demo.example', password: 'x'.repeat(1025) }, 'password'],
    [{ method: 'enrollment-token', token: 'has space' }, 'token'],
    [{ method: 'enrollment-token', token: 42 }, 'token'],
    [{ method: 'smart-domain', domain: 'Demo' }, 'domain'],
    [{ method: 'smart-domain', domain: 'demo.school' }, 'domain'],
    [{ method: 'smart-domain', domain: '' }, 'domain'],
  ])('refuses %j (field %s)', (body, field) => {
    const parsed = parseManualRequest(body);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.field).toBe(field);
      expect(parsed.message.length).toBeGreaterThan(10);
    }
  });

  it.each(['boss@gmail.com', ' Boss@GMAIL.com '])(
    'refuses the personal Gmail address %j with a stable code (seed 000)',
    (email) => {
      const parsed = parseManualRequest({ method: 'credentials', email, password: 'secret-password' });
      expect(parsed).toMatchObject({ ok: false, code: 'gmail-admin-account', field: 'email' });
    },
  );

  it('gives every refusal a stable code', () => {
    expect(parseManualRequest({ method: 'credentials', email: 'admin', password: 'x' })).toMatchObject({
      code: 'invalid-email',
    });
    expect(parseManualRequest({ method: 'telepathy' })).toMatchObject({ code: 'unknown-method' });
    expect(parseManualRequest({ method: 'smart-domain', domain: 'Demo' })).toMatchObject({
      code: 'invalid-domain',
    });
    expect(
      parseManualRequest({ method: 'credentials', email: 'a@gmail.com.example', password: 'x' }).ok,
    ).toBe(true);
  });
});
