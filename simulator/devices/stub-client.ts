// The simulator's side of the server stub: partner pre-provisioning, admin calls and the test hooks
// that mint device keys (issue 3). Plain fetch: the simulator drives the documented HTTP API, so it
// works as well against a stub started elsewhere (`--server URL`, which must run with --test-hooks).

export interface MintedIdentity {
  private_key_pem: string;
  certificate_chain_pem: string;
}

import https from 'node:https';
import tls from 'node:tls';
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
  /** Any JSON call (throws StubClientError on a status other than 2xx); over https with the client's CA. */
  request<T = Record<string, unknown>>(
    method: string,
    path: string,
    body?: unknown,
    bearer?: string,
  ): Promise<T>;
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

export interface StubClientOptions {
  /** PEM of the CA of an https stub (`--tls self-signed`'s `ca_file`), trusted beside Node's roots. */
  ca?: string;
}

/** One HTTP exchange: fetch, or node:https with the stub's CA for an https stub. */
type Exchange = (
  method: string,
  url: string,
  headers: Record<string, string>,
  body: string | undefined,
) => Promise<{ ok: boolean; status: number; text: string }>;

const viaFetch: Exchange = async (method, url, headers, body) => {
  const res = await fetch(url, { method, headers, ...(body !== undefined ? { body } : {}) });
  return { ok: res.ok, status: res.status, text: await res.text() };
};

function viaHttps(ca: string): Exchange {
  const agent = new https.Agent({ keepAlive: false, ca: [...tls.rootCertificates, ca] });
  return (method, url, headers, body) =>
    new Promise((resolve, reject) => {
      const req = https.request(url, { method, headers, agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const status = res.statusCode ?? 0;
          resolve({
            ok: status >= 200 && status <= 299,
            status,
            text: Buffer.concat(chunks).toString('utf8'),
          });
        });
      });
      req.on('error', reject);
      req.end(body);
    });
}

export function createStubClient(url: string, options: StubClientOptions = {}): StubClient {
  const base = url.replace(/\/+$/, '');
  const exchange = options.ca !== undefined && base.startsWith('https:') ? viaHttps(options.ca) : viaFetch;
  async function call<T>(method: string, path: string, body?: unknown, bearer?: string): Promise<T> {
    const headers: Record<string, string> = {};
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (bearer !== undefined) headers.authorization = `Bearer ${bearer}`;
    const res = await exchange(
      method,
      `${base}${path}`,
      headers,
      body !== undefined ? JSON.stringify(body) : undefined,
    );
    const text = res.text;
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
    request: call,
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
