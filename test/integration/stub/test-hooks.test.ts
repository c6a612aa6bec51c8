// /v1/test/*: faults, clock, factory, policy keys; absent (404) unless test hooks are on.

import { afterEach, describe, expect, it } from 'vitest';
import { dm, dmStatusOf, http, initialState, type StartedStub, startStub } from '../../helpers/stub.ts';

let s: StartedStub | undefined;
afterEach(async () => {
  await s?.close();
  s = undefined;
});

const policy = (url: string) =>
  dm(url, 'policy', 'hook-client', {
    policyRequest: { requests: [{ policyType: 'google/chromeos/device' }] },
  });

describe('test hooks', () => {
  it('are 404 when the stub was started without them', async () => {
    s = await startStub({ testHooks: false });
    for (const path of [
      '/v1/test/faults',
      '/v1/test/clock',
      '/v1/test/factory/devices',
      '/v1/test/policy-keys',
    ]) {
      const r = await http(s.url, 'POST', path, { body: {} });
      expect(r.status, path).toBe(404);
      expect(r.body).toMatchObject({ error_code: 'NOT_FOUND' });
    }
  });

  it('answer the next `count` requests of a type with the fault, then resume normal answers', async () => {
    s = await startStub();
    const set = await http(s.url, 'POST', '/v1/test/faults', {
      body: { request_type: 'policy', status: 500, count: 2 },
    });
    expect(set.body).toEqual({
      faults: [{ request_type: 'policy', status: 500, remaining: 2, retry_after_seconds: null }],
    });
    expect(dmStatusOf(await policy(s.url))).toBe('DM_STATUS_TEMPORARY_UNAVAILABLE');
    expect((await initialState(s.url, 'ABC12345', 'ABCD')).status).toBe(200);
    expect((await policy(s.url)).status).toBe(500);
    expect((await policy(s.url)).status).toBe(401);
    expect((await http(s.url, 'GET', '/v1/test/faults')).body).toEqual({ faults: [] });
  });

  it('can inject 903 (and 404, 418, 902–907) and refuses statuses outside the DM table', async () => {
    s = await startStub();
    await http(s.url, 'POST', '/v1/test/faults', { body: { request_type: 'policy', status: 903, count: 1 } });
    expect((await policy(s.url)).status).toBe(903);
    for (const status of [404, 418, 902, 907]) {
      const ok = await http(s.url, 'POST', '/v1/test/faults', {
        body: { request_type: 'policy', status, count: 1 },
      });
      expect(ok.status, String(status)).toBe(200);
    }
    const bad = await http(s.url, 'POST', '/v1/test/faults', {
      body: { request_type: 'policy', status: 408, count: 1 },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error_message).toContain('body.status');
  });

  it('sets the clock', async () => {
    s = await startStub();
    const r = await http(s.url, 'POST', '/v1/test/clock', { body: { now: '2030-01-02T03:04:05Z' } });
    expect(r.body).toEqual({ now: '2030-01-02T03:04:05.000Z' });
    expect(s.stub.clock.now().toISOString()).toBe('2030-01-02T03:04:05.000Z');
    const bad = await http(s.url, 'POST', '/v1/test/clock', { body: { now: 'yesterday' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error_message).toContain('body.now');
  });

  it('mints device identities with the stub’s CA, whose serialNumber is the attested ID', async () => {
    s = await startStub();
    const r = await http<{ private_key_pem: string; certificate_chain_pem: string }>(
      s.url,
      'POST',
      '/v1/test/factory/devices',
      {
        body: { attested_device_id: '1SC1KS0A1B2C3D4E5F', manufacturer: 'Lenovo' },
      },
    );
    expect(r.status).toBe(200);
    const { X509Certificate } = await import('node:crypto');
    const blocks =
      r.body.certificate_chain_pem.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g) ??
      [];
    expect(blocks).toHaveLength(2);
    const [leaf, ca] = blocks.map((p) => new X509Certificate(p));
    if (leaf === undefined || ca === undefined) throw new Error('chain incomplete');
    expect(leaf.subject).toContain('serialNumber=1SC1KS0A1B2C3D4E5F');
    expect(leaf.checkIssued(ca)).toBe(true);
    expect(leaf.verify(ca.publicKey)).toBe(true);
    expect(ca.ca).toBe(true);
    expect(ca.subject).toContain('Lenovo Device Attestation CA');
    const bad = await http(s.url, 'POST', '/v1/test/factory/devices', {
      body: { attested_device_id: 'has space', manufacturer: 'X' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error_message).toContain('attested_device_id');
  });
});
