// The stub every admin API property test file starts (two admin sessions: the demo customer's and
// another customer's), and the admin routes under /v1/customers/{cid} with a valid request for each and,
// for those with a body, its spec (what `corrupt` may break) and shape (what `junk` must avoid).
// `useAdminStub()` registers the beforeAll/afterAll of the calling test file.

import { afterAll, beforeAll } from 'vitest';
import { ORG_UNIT_REGEX } from '../../../server-stub/rules/identity.ts';
import { DEMO, login, type StartedStub, startStub } from '../../helpers/stub.ts';
import type { Spec } from './harness/corrupt.ts';
import { JSON_TYPE, type Req } from './harness/http-client.ts';
import type { BodyShape } from './harness/junk.ts';

export const LIMIT = 16 * 1024;
export const CID = DEMO.customer;
export const DEVICE = 'ASUSDEMO0001';
const EXISTING_OUS = ['/', '/Classrooms'];

const BAD_OUS = [
  '/Nope',
  '/../../etc/passwd',
  '/classrooms',
  '/Classrooms/x',
  '/ Classrooms',
  '/Classrooms ',
  '//',
  '/a/',
];
const existingOu: Spec = { t: 'str', min: 1, max: 1024, ok: (x) => EXISTING_OUS.includes(x), bad: BAD_OUS };
const newOu: Spec = { t: 'str', min: 1, max: 1024, ok: (x) => ORG_UNIT_REGEX.test(x), bad: BAD_OUS };

export interface Route {
  name: string;
  method: string;
  /** `{cid}`, `{token}`, `{device}` are replaced by the (valid or hostile) parameters. */
  path: string;
  token?: string;
  body?: unknown;
  spec?: Spec;
  shape?: BodyShape;
  query?: string;
}

export const ROUTES: Route[] = [
  { name: 'GET preprovisioning-tokens', method: 'GET', path: '/v1/customers/{cid}/preprovisioning-tokens' },
  {
    name: 'POST preprovisioning-tokens',
    method: 'POST',
    path: '/v1/customers/{cid}/preprovisioning-tokens',
    body: { org_unit_path: '/Classrooms' },
    spec: { t: 'obj', fields: { org_unit_path: { ...existingOu, opt: true } } },
    shape: { keys: ['org_unit_path'], emptyOk: true, nullOk: true },
  },
  {
    name: 'POST preprovisioning-tokens/{token}/revoke',
    method: 'POST',
    path: '/v1/customers/{cid}/preprovisioning-tokens/{token}/revoke',
    token: DEMO.token,
  },
  { name: 'GET enrollment-tokens', method: 'GET', path: '/v1/customers/{cid}/enrollment-tokens' },
  {
    name: 'POST enrollment-tokens',
    method: 'POST',
    path: '/v1/customers/{cid}/enrollment-tokens',
    body: { org_unit_path: '/' },
    spec: { t: 'obj', fields: { org_unit_path: { ...existingOu, opt: true } } },
    shape: { keys: ['org_unit_path'], emptyOk: true, nullOk: true },
  },
  {
    name: 'POST enrollment-tokens/{token}/revoke',
    method: 'POST',
    path: '/v1/customers/{cid}/enrollment-tokens/{token}/revoke',
    token: DEMO.enrollmentToken,
  },
  {
    name: 'GET devices',
    method: 'GET',
    path: '/v1/customers/{cid}/devices',
    query: 'status=PRE_PROVISIONED',
  },
  { name: 'GET devices/{device}', method: 'GET', path: '/v1/customers/{cid}/devices/{device}' },
  {
    name: 'PATCH devices/{device}',
    method: 'PATCH',
    path: '/v1/customers/{cid}/devices/{device}',
    body: { org_unit_path: '/Classrooms' },
    spec: { t: 'obj', fields: { org_unit_path: existingOu } },
    shape: { keys: ['org_unit_path'] },
  },
  { name: 'DELETE devices/{device}', method: 'DELETE', path: '/v1/customers/{cid}/devices/{device}' },
  {
    name: 'POST devices/{device}/deprovision',
    method: 'POST',
    path: '/v1/customers/{cid}/devices/{device}/deprovision',
  },
  { name: 'GET licenses', method: 'GET', path: '/v1/customers/{cid}/licenses' },
  {
    name: 'PUT licenses',
    method: 'PUT',
    path: '/v1/customers/{cid}/licenses',
    body: {
      chrome_enterprise_upgrade_total: 20,
      chrome_education_upgrade_total: 5,
      chrome_nonprofit_upgrade_total: 0,
    },
    spec: {
      t: 'obj',
      fields: {
        chrome_enterprise_upgrade_total: { t: 'int', min: 0, max: 1_000_000, opt: true },
        chrome_education_upgrade_total: { t: 'int', min: 0, max: 1_000_000, opt: true },
        chrome_nonprofit_upgrade_total: { t: 'int', min: 0, max: 1_000_000, opt: true },
      },
    },
    shape: {
      keys: [
        'chrome_enterprise_upgrade_total',
        'chrome_education_upgrade_total',
        'chrome_nonprofit_upgrade_total',
      ],
    },
  },
  { name: 'GET org-units', method: 'GET', path: '/v1/customers/{cid}/org-units' },
  {
    name: 'POST org-units',
    method: 'POST',
    path: '/v1/customers/{cid}/org-units',
    body: { org_unit_path: '/Labs' },
    spec: { t: 'obj', fields: { org_unit_path: newOu } },
    shape: { keys: ['org_unit_path'] },
  },
];
export const BODY_ROUTES = ROUTES.filter((r) => r.spec !== undefined);
/** Routes that parse a body (so that an oversized one is a 413). */
export const UPLOAD_ROUTES = ROUTES.filter((r) => r.method !== 'GET');

export interface Over {
  cid?: string;
  token?: string;
  device?: string;
  query?: string;
  body?: string | Buffer;
  headers?: Record<string, string | undefined>;
}

export interface AdminStub {
  /** The started stub (valid inside tests and hooks). */
  readonly s: StartedStub;
  /** The demo customer's admin session token. */
  readonly admin: string;
  /** Another customer's admin session token. */
  readonly otherAdmin: string;
  /** The route's valid request, with some parts replaced (path parameters are used as given, encoded). */
  request(r: Route, o?: Over): Req;
}

export function useAdminStub(): AdminStub {
  let s: StartedStub | undefined;
  let admin = '';
  let otherAdmin = '';
  beforeAll(async () => {
    const started = await startStub();
    s = started;
    admin = await login(started.url, DEMO.admin.email, DEMO.admin.password);
    otherAdmin = await login(started.url, DEMO.otherAdmin.email, DEMO.otherAdmin.password);
  });
  afterAll(async () => {
    await s?.close();
  });
  return {
    get s(): StartedStub {
      if (s === undefined) throw new Error('the stub is not started (use it inside tests and hooks)');
      return s;
    },
    get admin(): string {
      return admin;
    },
    get otherAdmin(): string {
      return otherAdmin;
    },
    request(r: Route, o: Over = {}): Req {
      const path = r.path
        .replace('{cid}', o.cid ?? CID)
        .replace('{token}', o.token ?? r.token ?? '')
        .replace('{device}', o.device ?? DEVICE);
      const query = o.query ?? r.query;
      const body = o.body ?? (r.body === undefined ? undefined : JSON.stringify(r.body));
      return {
        method: r.method,
        path: query === undefined ? path : `${path}?${query}`,
        headers: {
          authorization: `Bearer ${admin}`,
          ...(body === undefined ? {} : { 'content-type': JSON_TYPE }),
          ...o.headers,
        },
        body,
      };
    },
  };
}

/** A path segment as the server decodes it (null when it is not valid percent-encoding). */
export function decoded(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}
