// Seed 000: « Connectez-vous avec votre compte administrateur (ne se terminant pas par "@gmail.com") ».
// The stub refuses a personal Gmail administrator account at login (403 GMAIL_ACCOUNT_NOT_ALLOWED) and
// in a seed (SEED_INVALID naming the field), and an ordinary admin is not affected.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isGmailAccount } from '../../../server-stub/rules/admin-account.ts';
import { SeedError } from '../../../server-stub/seed/check.ts';
import { validateSeed } from '../../../server-stub/seed/validate.ts';
import { http, type StartedStub, startStub } from '../../helpers/stub.ts';

let s: StartedStub;
beforeAll(async () => {
  s = await startStub();
});
afterAll(async () => {
  await s.close();
});

describe('POST /v1/auth/login with a @gmail.com address', () => {
  it.each(['someone@gmail.com', 'Some.One@GMail.COM', '  admin@gmail.com  '])(
    'refuses %j with 403 GMAIL_ACCOUNT_NOT_ALLOWED',
    async (email) => {
      const r = await http(s.url, 'POST', '/v1/auth/login', {
        body: { email, password: 'whatever-password' },
      });
      expect(r.status).toBe(403);
      expect(r.body.error_code).toBe('GMAIL_ACCOUNT_NOT_ALLOWED');
      expect(String(r.body.error_message)).toContain('@gmail.com');
    },
  );

  it('still answers 401 for other unknown addresses, including look-alikes', async () => {
    for (const email of ['someone@gmail.com.example', 'gmail.com@demo.example', 'x@notgmail.co']) {
      const r = await http(s.url, 'POST', '/v1/auth/login', {
        body: { email, password: 'whatever-password' },
      });
      expect(r.status, email).toBe(401);
      expect(r.body.error_code).toBe('UNAUTHENTICATED');
    }
  });

  it('lets an organisation admin in', async () => {
    const r = await http(s.url, 'POST', '/v1/auth/login', {
      body: { email: 'admin@demo.example', password: 'demo-password' },
    });
    expect(r.status).toBe(200);
  });
});

describe('seed admins', () => {
  it('refuses a @gmail.com administrator with SEED_INVALID naming the field', () => {
    const seed = {
      customers: [
        {
          customer_id: 'C1',
          domain: 'c1.example',
          admins: [
            { email: 'ok@c1.example', password: 'pw-ok-12345' },
            { email: 'Boss@Gmail.com', password: 'pw-ok-12345' },
          ],
        },
      ],
    };
    let error: unknown;
    try {
      validateSeed(seed);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SeedError);
    expect((error as SeedError).code).toBe('SEED_INVALID');
    expect((error as SeedError).field).toBe('customers[0].admins[1].email');
  });
});

describe('isGmailAccount', () => {
  it('is the seed rule exactly: the address ends in @gmail.com', () => {
    expect(isGmailAccount('a@gmail.com')).toBe(true);
    expect(isGmailAccount('A@GMAIL.COM ')).toBe(true);
    expect(isGmailAccount('a@gmail.com.example')).toBe(false);
    expect(isGmailAccount('a@demo.example')).toBe(false);
  });
});
