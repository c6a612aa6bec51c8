// Property tests of POST /v1/auth/login: corrupted, random, wrongly typed or oversized bodies → 4xx
// `{error_message, error_code}` naming the field, nothing written; SQL injection, traversal and
// look-alike e-mail addresses never log in (401) and leave no session behind.

import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, type StartedStub, startStub } from '../../helpers/stub.ts';
import { corrupt, type Spec } from './harness/corrupt.ts';
import { expectIntegrity } from './harness/db-snapshot.ts';
import { confusablesOf, PATH_TRAVERSAL, SQL_INJECTION } from './harness/hostile-strings.ts';
import { JSON_TYPE, type Req, send } from './harness/http-client.ts';
import { junk, WRONG_CONTENT_TYPE } from './harness/junk.ts';
import { expectRefused } from './harness/refusal.ts';

const LIMIT = 8 * 1024;
const PATH = '/v1/auth/login';
const spec: Spec = {
  t: 'obj',
  fields: { email: { t: 'str', min: 1, max: 254 }, password: { t: 'str', min: 1, max: 1024 } },
};
const valid = { email: DEMO.admin.email, password: DEMO.admin.password };

let s: StartedStub;
beforeAll(async () => {
  s = await startStub();
});
afterAll(async () => {
  await s.close();
});

const post = (body: string | Buffer, headers: Record<string, string | undefined> = {}): Req => ({
  method: 'POST',
  path: PATH,
  headers: { 'content-type': JSON_TYPE, ...headers },
  body,
});

describe('POST /v1/auth/login', () => {
  it('the valid body corrupted in one field → 400 naming it, no session written', async () => {
    await fc.assert(
      fc.asyncProperty(corrupt(valid, spec, { limit: LIMIT }), async (c) => {
        await expectRefused(s, post(c.body), { status: 400, field: c.field });
      }),
      { numRuns: 200 },
    );
  });

  it('random JSON, random values, random bytes → 400', async () => {
    await fc.assert(
      fc.asyncProperty(junk({ keys: ['email', 'password'] }), async (body) => {
        await expectRefused(s, post(body), { status: 400 });
      }),
      { numRuns: 100 },
    );
  });

  it('the valid credentials under a content type other than JSON → 400/415, no session', async () => {
    await fc.assert(
      fc.asyncProperty(WRONG_CONTENT_TYPE, async (type) => {
        await expectRefused(s, post(JSON.stringify(valid), { 'content-type': type }), { status: [400, 415] });
      }),
      { numRuns: 40 },
    );
  });

  it('a body over 8 KiB (valid credentials padded with spaces, or junk) → 413', async () => {
    const over = fc.integer({ min: LIMIT + 1, max: LIMIT * 4 });
    const text = JSON.stringify(valid);
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          over.map((n) => text + ' '.repeat(n - text.length)),
          over.map((n) => JSON.stringify({ ...valid, password: 'p'.repeat(n) })),
          over.map((n) => Buffer.alloc(n, 0xff)),
        ),
        async (body) => {
          const a = await expectRefused(s, post(body), { status: 413 });
          expect(JSON.parse(a.text).error_code).toBe('PAYLOAD_TOO_LARGE');
        },
      ),
      { numRuns: 20 },
    );
  });

  it('SQL injection, traversal and look-alike e-mail addresses or passwords → 401, no session', async () => {
    const hostile = fc.constantFrom(...SQL_INJECTION, ...PATH_TRAVERSAL);
    const email = fc.oneof(
      hostile,
      hostile.map((h) => `${DEMO.admin.email}${h}`),
      hostile.map((h) => `${h}${DEMO.admin.email}`),
      fc.constantFrom(
        ...confusablesOf(DEMO.admin.email),
        `${DEMO.admin.email}\u0000`,
        `${DEMO.admin.email}%`,
      ),
    );
    const creds = fc.oneof(
      fc.tuple(email, fc.constant(DEMO.admin.password)),
      fc.tuple(
        fc.constant(DEMO.admin.email),
        fc.oneof(hostile, fc.constantFrom(...confusablesOf(DEMO.admin.password))),
      ),
      fc.tuple(email, hostile),
    );
    await fc.assert(
      fc.asyncProperty(creds, async ([e, p]) => {
        await expectRefused(s, post(JSON.stringify({ email: e, password: p })), { status: 401 });
        expectIntegrity(s);
      }),
      { numRuns: 30 },
    );
  });

  it('the uncorrupted body logs in (so the refusals above come from the corruptions)', async () => {
    const a = await send(s.url, post(JSON.stringify(valid)));
    expect(a.status, a.text).toBe(200);
  });
});
