// Each uncorrupted admin request is accepted (or answers its documented 409), on a stub set up as the
// property tests' (admin-fixture.ts): the refusals of the admin property tests come from their corruptions.

import { describe, expect, it } from 'vitest';
import { ROUTES, useAdminStub } from './admin-fixture.ts';
import { send } from './harness/http-client.ts';

const stub = useAdminStub();
const { request } = stub;

describe('the uncorrupted requests', () => {
  // DELETE last: it removes the device the other routes use.
  const ordered = [
    ...ROUTES.filter((r) => r.method !== 'DELETE'),
    ...ROUTES.filter((r) => r.method === 'DELETE'),
  ];
  it.each(ordered.map((r) => [r.name, r] as const))('%s → 2xx (or its documented 409)', async (name, r) => {
    const a = await send(stub.s.url, request(r));
    const expected = name.endsWith('/deprovision')
      ? [409]
      : name === 'POST org-units'
        ? [201, 409]
        : [200, 201];
    expect(expected, `${a.status} ${a.text}`).toContain(a.status);
  });
});
