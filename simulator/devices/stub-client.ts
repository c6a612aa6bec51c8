// The simulator's side of the server stub: partner pre-provisioning, admin calls and the test hooks
// that mint device keys (issue 3). Plain fetch: the simulator drives the documented HTTP API, so it
// works as well against a stub started elsewhere (`--server URL`, which must run with --test-hooks).

export interface MintedIdentity {
  private_key_pem: string;
  certificate_chain_pem: string;
}

import type { PreprovisionDevice, PreprovisionResult } from '../../protocol/partner.ts';

export type { PreprovisionDevice, PreprovisionResult };

export class StubClientError extends Error {
  constructor(
    readonly code: 'stub-http-error',
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

export interface StubClient {
  readonly url: string;
  mintDevice(attestedDeviceId: string, manufacturer: string): Promise<MintedIdentity>;
  preprovision(input: {
    partnerKey: string;
    customerId: string;
    token: string;
    devices: PreprovisionDevice[];
  }): Promise<PreprovisionResult[]>;
  login(email: string, password: string): Promise<{ token: string; customer_id: string }>;
  setLicenses(adminToken: string, customerId: string, total: number): Promise<void>;
  licenses(
    adminToken: string,
    customerId: string,
  ): Promise<{ chrome_enterprise_upgrade: { total: number; used: number }; bundled: { used: number } }>;
  devices(adminToken: string, customerId: string, status?: string): Promise<Array<Record<string, unknown>>>;
  revokeToken(adminToken: string, customerId: string, token: string): Promise<void>;
  injectFaults(requestType: string, status: number, count: number): Promise<void>;
  setClock(now: Date): Promise<void>;
}

export function createStubClient(url: string): StubClient {
  const base = url.replace(/\/+$/, '');
  async function call<T>(method: string, path: string, body?: unknown, bearer?: string): Promise<T> {
    const headers: Record<string, string> = {};
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (bearer !== undefined) headers.authorization = `Bearer ${bearer}`;
    const res = await fetch(`${base}${path}`, {
      method,
      headers,
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    if (!res.ok)
      throw new StubClientError(
        'stub-http-error',
        `${method} ${path} → ${res.status}: ${text.slice(0, 300)}`,
        res.status,
      );
    return (text === '' ? {} : JSON.parse(text)) as T;
  }
  const customer = (cid: string) => `/v1/customers/${encodeURIComponent(cid)}`;
  return {
    url: base,
    mintDevice: (attested_device_id, manufacturer) =>
      call<MintedIdentity>('POST', '/v1/test/factory/devices', { attested_device_id, manufacturer }),
    async preprovision({ partnerKey, customerId, token, devices }) {
      const answer = await call<{ results: PreprovisionResult[] }>(
        'POST',
        '/v1/partner/devices:preprovision',
        { customer_id: customerId, pre_provisioning_token: token, devices },
        partnerKey,
      );
      return answer.results;
    },
    login: (email, password) => call('POST', '/v1/auth/login', { email, password }),
    async setLicenses(adminToken, customerId, total) {
      await call(
        'PUT',
        `${customer(customerId)}/licenses`,
        { chrome_enterprise_upgrade_total: total },
        adminToken,
      );
    },
    licenses: (adminToken, customerId) =>
      call('GET', `${customer(customerId)}/licenses`, undefined, adminToken),
    async devices(adminToken, customerId, status) {
      const q = status ? `?status=${encodeURIComponent(status)}` : '';
      return (
        await call<{ devices: Array<Record<string, unknown>> }>(
          'GET',
          `${customer(customerId)}/devices${q}`,
          undefined,
          adminToken,
        )
      ).devices;
    },
    async revokeToken(adminToken, customerId, token) {
      await call(
        'POST',
        `${customer(customerId)}/preprovisioning-tokens/${encodeURIComponent(token)}/revoke`,
        {},
        adminToken,
      );
    },
    async injectFaults(request_type, status, count) {
      await call('POST', '/v1/test/faults', { request_type, status, count });
    },
    async setClock(now) {
      await call('POST', '/v1/test/clock', { now: now.toISOString() });
    },
  };
}
