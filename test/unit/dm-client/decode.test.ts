// Shape checks of each DM answer: valid ones pass (unknown fields dropped), wrong ones say where.

import { describe, expect, it } from 'vitest';
import {
  decodeInitialEnrollmentState,
  decodePolicyResponse,
  decodeRegisterResponse,
  decodeUnregisterResponse,
  MAX_FIELD_LENGTH,
  unwrapEnvelope,
} from '../../../agent/dm-client/decode.ts';

const register = {
  device_management_token: 'dmtok-1',
  management_domain: 'demo.example',
  org_unit_path: '/Classrooms',
  license_consumed: true,
  bundled_license: false,
};

describe('register_response', () => {
  it('accepts the protocol shape and drops unknown fields', () => {
    expect(decodeRegisterResponse({ ...register, enrollment_type: 'ENTERPRISE', extra: { x: 1 } })).toEqual({
      ok: true,
      value: { ...register, enrollment_type: 'ENTERPRISE' },
    });
  });

  it.each([
    ['missing token', { ...register, device_management_token: undefined }, 'device_management_token'],
    ['empty token', { ...register, device_management_token: '' }, 'device_management_token'],
    ['numeric domain', { ...register, management_domain: 42 }, 'management_domain'],
    ['string boolean', { ...register, license_consumed: 'true' }, 'license_consumed'],
    ['unknown enrollment type', { ...register, enrollment_type: 'CONSUMER' }, 'enrollment_type'],
    ['huge string', { ...register, org_unit_path: 'x'.repeat(MAX_FIELD_LENGTH + 1) }, 'org_unit_path'],
  ])('%s → invalid, naming the field', (_, value, field) => {
    const result = decodeRegisterResponse(value);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problem).toContain(`register_response.${field}`);
  });

  it.each([null, [], 'register', 7])('%j is not an object', (value) => {
    expect(decodeRegisterResponse(value).ok).toBe(false);
  });

  it('an inherited property does not count as present', () => {
    const proto = { device_management_token: 'inherited' };
    const { device_management_token: _, ...rest } = register;
    expect(decodeRegisterResponse(Object.assign(Object.create(proto) as object, rest)).ok).toBe(false);
  });
});

describe('device_initial_enrollment_state_response', () => {
  it.each([0, 1, 2, 3])('mode %i is accepted', (mode) => {
    expect(decodeInitialEnrollmentState({ initial_enrollment_mode: mode })).toEqual({
      ok: true,
      value: { initial_enrollment_mode: mode },
    });
  });

  it('keeps the optional fields; null means absent', () => {
    expect(
      decodeInitialEnrollmentState({
        initial_enrollment_mode: 2,
        management_domain: 'demo.example',
        is_license_packaged_with_device: true,
        license_packaging_sku: 'CEU',
        assigned_upgrade_type: 'ASSIGNED_UPGRADE_TYPE_CHROME_ENTERPRISE',
        org_unit_path: null,
      }),
    ).toEqual({
      ok: true,
      value: {
        initial_enrollment_mode: 2,
        management_domain: 'demo.example',
        is_license_packaged_with_device: true,
        license_packaging_sku: 'CEU',
        assigned_upgrade_type: 'ASSIGNED_UPGRADE_TYPE_CHROME_ENTERPRISE',
      },
    });
  });

  it.each([
    { initial_enrollment_mode: 4 },
    { initial_enrollment_mode: '2' },
    { initial_enrollment_mode: 1.5 },
    {},
    { initial_enrollment_mode: 2, is_license_packaged_with_device: 'yes' },
    { initial_enrollment_mode: 2, management_domain: ['demo.example'] },
  ])('%j is invalid', (value) => {
    expect(decodeInitialEnrollmentState(value).ok).toBe(false);
  });
});

describe('policy_response and unregister_response', () => {
  const policy = {
    policy_type: 'google/chromeos/device',
    management_domain: 'demo.example',
    org_unit_path: '/',
    policy_value: { a: 1 },
    timestamp: 1_700_000_000_000,
  };

  it('accepts a policy', () => {
    expect(decodePolicyResponse(policy)).toEqual({ ok: true, value: policy });
  });

  it.each([
    { ...policy, policy_value: [1, 2] },
    { ...policy, policy_value: 'x' },
    { ...policy, timestamp: '1' },
    { ...policy, timestamp: null },
    { ...policy, policy_type: undefined },
  ])('rejects %j', (value) => {
    expect(decodePolicyResponse(value).ok).toBe(false);
  });

  it('unregister needs an object', () => {
    expect(decodeUnregisterResponse({})).toEqual({ ok: true, value: {} });
    expect(decodeUnregisterResponse(null).ok).toBe(false);
  });
});

describe('envelope', () => {
  it('unwraps the key of the request type', () => {
    expect(unwrapEnvelope('certificate_based_register', { register_response: { a: 1 } })).toEqual({
      ok: true,
      value: { a: 1 },
    });
    expect(unwrapEnvelope('policy', { register_response: {} }).ok).toBe(false);
    expect(unwrapEnvelope('policy', [{ policy_response: {} }]).ok).toBe(false);
  });
});
