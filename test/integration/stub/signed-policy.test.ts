// Signed policy (DESIGN §5): policy_data_signature verifies with new_public_key (node:crypto, RSA
// PKCS#1 v1.5 SHA-256); a rotated key is signed by the key the client reports; the admin's device
// settings arrive in policy_value; the key survives a restart on a file database.

import { createPublicKey, verify } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fromBinary } from '@bufbuild/protobuf';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ChromeDeviceSettingsProtoSchema,
  PolicyDataSchema,
  type PolicyFetchResponse,
  PolicyFetchRequest_SignatureType as SignatureType,
} from '../../../protocol/dm.ts';
import type { PolicyKeyView } from '../../../server-stub/test-hooks/routes.ts';
import {
  acerDevice,
  DEMO,
  fetchPolicy,
  http,
  login,
  preprovision,
  type StartedStub,
  startStub,
  zeroTouchRegister,
} from '../../helpers/stub.ts';

const verifies = (key: Uint8Array, data: Uint8Array, signature: Uint8Array): boolean =>
  verify('sha256', data, createPublicKey({ key: Buffer.from(key), format: 'der', type: 'spki' }), signature);

async function enrolled(s: StartedStub, n: number, deviceid: string): Promise<string> {
  const d = acerDevice(n);
  await preprovision(s.url, [d]);
  const r = await zeroTouchRegister(s.url, d, deviceid);
  expect(r.status).toBe(200);
  return r.body.registerResponse?.deviceManagementToken ?? '';
}

async function fetched(
  s: StartedStub,
  deviceid: string,
  token: string,
  version?: number,
): Promise<PolicyFetchResponse> {
  const r = await fetchPolicy(s.url, deviceid, token, version);
  expect(r.status).toBe(200);
  const first = r.body.policyResponse?.responses[0];
  if (first === undefined) throw new Error('no PolicyFetchResponse');
  return first;
}

describe('signed policy', () => {
  let s: StartedStub;
  beforeEach(async () => {
    s = await startStub();
  });
  afterEach(async () => {
    await s.close();
  });

  it('signs policy_data with the key in new_public_key (SHA256_RSA), no key signature on a first fetch', async () => {
    const token = await enrolled(s, 700, 'sig-1');
    const p = await fetched(s, 'sig-1', token);
    expect(p.policyDataSignatureType).toBe(SignatureType.SHA256_RSA);
    expect(verifies(p.newPublicKey, p.policyData, p.policyDataSignature)).toBe(true);
    expect(p.newPublicKeySignature).toHaveLength(0);
    const tampered = new Uint8Array(p.policyData);
    tampered[0] = (tampered[0] ?? 0) ^ 1;
    expect(verifies(p.newPublicKey, tampered, p.policyDataSignature)).toBe(false);
    const data = fromBinary(PolicyDataSchema, p.policyData);
    expect(data.publicKeyVersion).toBe(1);
    expect(data.state).toBe(0); // ACTIVE
    expect(data.managementMode).toBe(1); // ENTERPRISE_MANAGED
    const keys = await http<{ current_version: number; keys: PolicyKeyView[] }>(
      s.url,
      'GET',
      '/v1/test/policy-keys',
    );
    expect(keys.body.keys.map((k) => k.public_key_der_base64)).toEqual([
      Buffer.from(p.newPublicKey).toString('base64'),
    ]);
  });

  it('after a rotation, signs with the new key and signs the new key with the one the client holds', async () => {
    const token = await enrolled(s, 701, 'sig-2');
    const before = await fetched(s, 'sig-2', token);
    const rotated = await http<PolicyKeyView>(s.url, 'POST', '/v1/test/policy-keys');
    expect(rotated.status).toBe(200);
    expect(rotated.body.version).toBe(2);
    const after = await fetched(s, 'sig-2', token, 1);
    expect(Buffer.from(after.newPublicKey).equals(Buffer.from(before.newPublicKey))).toBe(false);
    expect(verifies(after.newPublicKey, after.policyData, after.policyDataSignature)).toBe(true);
    expect(verifies(before.newPublicKey, after.newPublicKey, after.newPublicKeySignature)).toBe(true);
    expect(fromBinary(PolicyDataSchema, after.policyData).publicKeyVersion).toBe(2);
    // A client that already holds version 2 gets no key signature.
    expect((await fetched(s, 'sig-2', token, 2)).newPublicKeySignature).toHaveLength(0);
  });

  it('carries the customer’s device settings, as the admin API sets them, in policy_value', async () => {
    const token = await enrolled(s, 702, 'sig-3');
    const admin = await login(s.url, DEMO.admin.email, DEMO.admin.password);
    const defaults = fromBinary(
      ChromeDeviceSettingsProtoSchema,
      fromBinary(PolicyDataSchema, (await fetched(s, 'sig-3', token)).policyData).policyValue,
    );
    expect(defaults.guestModeEnabled?.guestModeEnabled).toBe(false);
    expect(defaults.userAllowlist?.userAllowlist).toEqual(['*@demo.example']);
    const set = await http(s.url, 'PATCH', `/v1/customers/${DEMO.customer}/device-settings`, {
      bearer: admin,
      body: {
        guest_mode_enabled: true,
        show_user_names: false,
        allow_new_users: false,
        ephemeral_users_enabled: true,
        user_allowlist: ['alice@demo.example'],
        device_policy_refresh_rate_ms: 3_600_000,
      },
    });
    expect(set.status).toBe(200);
    const value = fromBinary(
      ChromeDeviceSettingsProtoSchema,
      fromBinary(PolicyDataSchema, (await fetched(s, 'sig-3', token)).policyData).policyValue,
    );
    expect(value.guestModeEnabled?.guestModeEnabled).toBe(true);
    expect(value.showUserNames?.showUserNames).toBe(false);
    expect(value.allowNewUsers?.allowNewUsers).toBe(false);
    expect(value.ephemeralUsersEnabled?.ephemeralUsersEnabled).toBe(true);
    expect(value.userAllowlist?.userAllowlist).toEqual(['alice@demo.example']);
    expect(value.devicePolicyRefreshRate?.devicePolicyRefreshRate).toBe(3_600_000n);
    const bad = await http(s.url, 'PATCH', `/v1/customers/${DEMO.customer}/device-settings`, {
      bearer: admin,
      body: { device_policy_refresh_rate_ms: 1000 },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error_message).toContain('device_policy_refresh_rate_ms');
  });
});

describe('the policy key on a file database', () => {
  const dir = mkdtempSync(join(tmpdir(), 'zte-policy-key-'));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('is kept across a restart', async () => {
    const db = join(dir, 'stub.sqlite');
    const first = await startStub({ db });
    const token = await enrolled(first, 703, 'sig-4');
    const key1 = (await fetched(first, 'sig-4', token)).newPublicKey;
    await first.close();
    const second = await startStub({ db });
    try {
      const p = await fetched(second, 'sig-4', token);
      expect(Buffer.from(p.newPublicKey).equals(Buffer.from(key1))).toBe(true);
      expect(verifies(key1, p.policyData, p.policyDataSignature)).toBe(true);
    } finally {
      await second.close();
    }
  });
});
