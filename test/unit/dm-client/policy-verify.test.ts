// Signed policy (DESIGN §5, §6): pin on first fetch, verify with the pinned key afterwards, accept a
// new key only when the pinned one signed it, refuse what is not this device's request.

import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  isDmError,
  keyFingerprint,
  type PolicyKeyPin,
  verifyPolicy,
} from '../../../agent/dm-client/index.ts';
import { CHROME_DEVICE_POLICY_TYPE } from '../../../protocol/dm.ts';
import { policyKey, rsaSign, signedPolicy } from './helpers/signed-policy.ts';

const keyA = policyKey();
const keyB = policyKey();
const expected = { dmToken: 'dm-1', deviceId: 'dev-1', policyType: CHROME_DEVICE_POLICY_TYPE };
const pinOf = (spki: Uint8Array, version: number | null = null): PolicyKeyPin => ({
  spki: Buffer.from(spki).toString('base64'),
  version,
});

function refused(run: () => unknown): string {
  try {
    run();
  } catch (e) {
    expect(isDmError(e, 'policy-invalid')).toBe(true);
    return (e as Error).message;
  }
  throw new Error('the policy was accepted');
}

describe('first fetch: pin new_public_key', () => {
  it('verifies with the new key, pins it and decodes the settings', () => {
    const answer = signedPolicy({ key: keyA, ...expected, publicKeyVersion: 3 });
    const v = verifyPolicy(answer, { ...expected, pinned: null });
    expect(v.keyChange).toBe('first-pin');
    expect(v.pin).toEqual(pinOf(keyA.spki, 3));
    expect(v.keyFingerprint).toBe(createHash('sha256').update(keyA.spki).digest('hex'));
    expect(v.keyFingerprint).toBe(keyFingerprint(keyA.spki));
    expect(v.managedBy).toBe('demo.example');
    expect(v.timestamp).toBe('2025-12-02T08:00:00.000Z');
    expect(v.settings).toEqual({ guest_mode_enabled: { guest_mode_enabled: false } });
  });

  it('refuses a first answer without a key', () => {
    expect(
      refused(() =>
        verifyPolicy(signedPolicy({ key: keyA, ...expected, newPublicKey: null }), {
          ...expected,
          pinned: null,
        }),
      ),
    ).toMatch(/no key is pinned/);
  });

  it('refuses a new key that did not sign the policy', () => {
    const answer = signedPolicy({ key: keyA, ...expected, newPublicKey: keyB.spki });
    expect(refused(() => verifyPolicy(answer, { ...expected, pinned: null }))).toMatch(
      /policy_data_signature/,
    );
  });
});

describe('later fetches: the pinned key', () => {
  it('verifies without new_public_key, keeping the pinned version', () => {
    const answer = signedPolicy({ key: keyA, ...expected, newPublicKey: null });
    const v = verifyPolicy(answer, { ...expected, pinned: pinOf(keyA.spki, 3) });
    expect(v.keyChange).toBe('none');
    expect(v.pin).toEqual(pinOf(keyA.spki, 3));
  });

  it('accepts the pinned key sent again', () => {
    const v = verifyPolicy(signedPolicy({ key: keyA, ...expected }), {
      ...expected,
      pinned: pinOf(keyA.spki),
    });
    expect(v.keyChange).toBe('none');
  });

  it('refuses policy signed by another key, even when that key comes along', () => {
    const answer = signedPolicy({ key: keyB, ...expected });
    expect(refused(() => verifyPolicy(answer, { ...expected, pinned: pinOf(keyA.spki) }))).toMatch(
      /not signed by the pinned key/,
    );
    const bare = signedPolicy({ key: keyB, ...expected, newPublicKey: null });
    expect(refused(() => verifyPolicy(bare, { ...expected, pinned: pinOf(keyA.spki) }))).toMatch(
      /policy_data_signature/,
    );
  });

  it('accepts a rotation the pinned key signed, and pins the new key', () => {
    const answer = signedPolicy({
      key: keyB,
      ...expected,
      publicKeyVersion: 4,
      newPublicKeySignature: rsaSign(keyA, keyB.spki),
    });
    const v = verifyPolicy(answer, { ...expected, pinned: pinOf(keyA.spki, 3) });
    expect(v.keyChange).toBe('rotated');
    expect(v.pin).toEqual(pinOf(keyB.spki, 4));
  });

  it('refuses a rotation signed by the new key itself', () => {
    const answer = signedPolicy({ key: keyB, ...expected, newPublicKeySignature: rsaSign(keyB, keyB.spki) });
    expect(refused(() => verifyPolicy(answer, { ...expected, pinned: pinOf(keyA.spki) }))).toMatch(
      /pinned key/,
    );
  });
});

describe('policy meant for another request', () => {
  it.each([
    ['request_token', { dmToken: 'someone-else' }, /request_token/],
    ['device_id', { deviceId: 'dev-2' }, /device_id/],
    ['policy_type', { policyType: 'google/chrome/user' }, /policy_type/],
  ])('a different %s is refused', (_, change, why) => {
    const answer = signedPolicy({ key: keyA, ...expected, ...change });
    expect(refused(() => verifyPolicy(answer, { ...expected, pinned: pinOf(keyA.spki) }))).toMatch(why);
  });

  it('a signature over other bytes is refused', () => {
    const answer = signedPolicy({ key: keyA, ...expected, signOver: new Uint8Array([1, 2, 3]) });
    expect(refused(() => verifyPolicy(answer, { ...expected, pinned: pinOf(keyA.spki) }))).toMatch(
      /policy_data_signature/,
    );
  });

  it('a flipped bit in policy_data is refused', () => {
    const answer = signedPolicy({ key: keyA, ...expected });
    const data = new Uint8Array(answer.policyData);
    data[data.length - 1] = (data[data.length - 1] ?? 0) ^ 1;
    answer.policyData = data;
    expect(refused(() => verifyPolicy(answer, { ...expected, pinned: pinOf(keyA.spki) }))).toMatch(
      /signature/,
    );
  });

  it('a non-RSA or garbage key is refused', () => {
    const answer = signedPolicy({
      key: keyA,
      ...expected,
      newPublicKey: new Uint8Array([0x30, 0x03, 0x01, 0x01, 0x00]),
    });
    expect(refused(() => verifyPolicy(answer, { ...expected, pinned: null }))).toMatch(
      /SubjectPublicKeyInfo/,
    );
  });
});
