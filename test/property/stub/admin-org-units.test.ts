// Property test of hostile org unit paths (SQL injection, path traversal, Unicode traps) in otherwise
// valid admin requests: refused, or stored verbatim in the one table the route writes; nothing else
// touched, the database intact.

import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { StartedStub } from '../../helpers/stub.ts';
import { CID, DEVICE, ROUTES, type Route, useAdminStub } from './admin-fixture.ts';
import { expectIntegrity, snapshot, without } from './harness/db-snapshot.ts';
import { HOSTILE } from './harness/hostile-strings.ts';
import { jsonBody, send } from './harness/http-client.ts';

const stub = useAdminStub();
const { request } = stub;
let s: StartedStub;
beforeAll(() => {
  s = stub.s;
});

describe('hostile org unit paths in otherwise valid requests', () => {
  it('are refused, or stored verbatim in the one table written; nothing else touched, db intact', async () => {
    const route = fc.constantFrom(
      'POST org-units',
      'POST preprovisioning-tokens',
      'POST enrollment-tokens',
      'PATCH devices/{device}',
    );
    const path = fc.oneof(
      fc.constantFrom(...HOSTILE),
      fc.constantFrom(...HOSTILE).map((h) => `/${h}`),
      fc.constantFrom(...HOSTILE).map((h) => `/Classrooms/${h}`),
    );
    const written: Record<string, string[]> = {
      'POST org-units': ['org_units'],
      'POST preprovisioning-tokens': ['preprovisioning_tokens'],
      'POST enrollment-tokens': ['enrollment_tokens'],
      'PATCH devices/{device}': ['devices'],
    };
    await fc.assert(
      fc.asyncProperty(route, path, async (name, ou) => {
        const r = ROUTES.find((x) => x.name === name) as Route;
        const before = snapshot(s);
        const a = await send(s.url, request(r, { body: JSON.stringify({ org_unit_path: ou }) }));
        const where = `${name} ${JSON.stringify(ou)} → ${a.status} ${a.text}`;
        const body = jsonBody(a);
        const tables = written[name] ?? [];
        if (a.status >= 400) {
          expect(a.status, where).toBeLessThan(500);
          expect(body.error_message, where).toMatch(/org_unit_path|org unit/);
          expect(snapshot(s), where).toEqual(before);
        } else {
          expect([200, 201], where).toContain(a.status);
          expect(body.org_unit_path, where).toBe(ou);
          expect(without(snapshot(s), ...tables), where).toEqual(without(before, ...tables));
          if (name === 'POST org-units') {
            const row = s.stub.db
              .prepare('SELECT path FROM org_units WHERE customer_id = ? AND path = ?')
              .pluck()
              .get(CID, ou);
            expect(row, where).toBe(ou);
          } else if (name === 'PATCH devices/{device}') {
            const row = s.stub.db
              .prepare('SELECT org_unit_path FROM devices WHERE device_id = ?')
              .pluck()
              .get(DEVICE);
            expect(row, where).toBe(ou);
          } else {
            const table = tables[0] ?? '';
            const row = s.stub.db
              .prepare(`SELECT org_unit_path FROM ${table} WHERE token = ?`)
              .pluck()
              .get(body.token);
            expect(row, where).toBe(ou);
          }
        }
        expectIntegrity(s);
      }),
      { numRuns: 120 },
    );
  });
});
