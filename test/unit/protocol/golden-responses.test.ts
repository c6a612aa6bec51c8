// Golden bytes of every DeviceManagementResponse the stub sends, written by hand from Chromium's field
// numbers (tag byte = field number << 3 | wire type; fields ≥ 1000 are ours). Both directions are
// checked: our encoder writes exactly these bytes and our decoder reads them back.

import { create, fromBinary, toBinary } from '@bufbuild/protobuf';
import { describe, expect, it } from 'vitest';
import {
  ChromeDeviceSettingsProtoSchema,
  DeviceInitialEnrollmentStateResponse_AssignedUpgradeType,
  DeviceInitialEnrollmentStateResponse_InitialEnrollmentMode,
  DeviceManagementResponseSchema,
  PolicyDataSchema,
  PolicyFetchRequest_SignatureType,
} from '../../../protocol/dm.ts';

const ascii = (s: string) => [...Buffer.from(s, 'ascii')];
const hex = (bytes: Uint8Array | number[]) => Buffer.from(bytes).toString('hex');
const encode = (init: Parameters<typeof create<typeof DeviceManagementResponseSchema>>[1]) =>
  hex(toBinary(DeviceManagementResponseSchema, create(DeviceManagementResponseSchema, init)));
const decode = (golden: number[]) => fromBinary(DeviceManagementResponseSchema, new Uint8Array(golden));

describe('DeviceManagementResponse golden bytes (Chromium field numbers)', () => {
  it('an error answer: error_message = 2', () => {
    const golden = [0x12, 0x02, ...ascii('no')];
    expect(encode({ errorMessage: 'no' })).toBe(hex(golden));
    expect(decode(golden).errorMessage).toBe('no');
  });

  it('enterprise_check: auto_enrollment_response = 8 {expected_modulus 1}', () => {
    const golden = [0x42, 0x02, 0x08, 0x10]; // field 8, 2 bytes: field 1 expected_modulus = 16
    expect(encode({ autoEnrollmentResponse: { expectedModulus: 16n } })).toBe(hex(golden));
    expect(decode(golden).autoEnrollmentResponse?.expectedModulus).toBe(16n);
  });

  it('enterprise_check: auto_enrollment_response = 8 {hashes 2 (repeated bytes)}', () => {
    const h1 = [1, 2, 3, 4, 5, 6, 7, 8];
    const h2 = [9, 10, 11, 12, 13, 14, 15, 16];
    const golden = [0x42, 0x14, 0x12, 0x08, ...h1, 0x12, 0x08, ...h2];
    expect(encode({ autoEnrollmentResponse: { hashes: [new Uint8Array(h1), new Uint8Array(h2)] } })).toBe(
      hex(golden),
    );
    expect(decode(golden).autoEnrollmentResponse?.hashes.map((h) => hex(h))).toEqual([hex(h1), hex(h2)]);
  });

  it('device_state_retrieval_response = 11 {restore_mode 1, initial_state_response 4 {...}}', () => {
    const golden = [
      0x5a,
      0x11, // field 11, 17 bytes
      0x08,
      0x00, //   field 1 restore_mode = RESTORE_MODE_NONE (0)
      0x22,
      0x0d, //   field 4 initial_state_response, 13 bytes
      0x08,
      0x02, //     field 1 initial_enrollment_mode = ZERO_TOUCH_ENFORCED (2)
      0x12,
      0x03,
      ...ascii('a.b'), //     field 2 management_domain
      0x18,
      0x00, //     field 3 is_license_packaged_with_device = false
      0x28,
      0x00, //     field 5 license_packaging_sku = NOT_EXIST (0)
      0x30,
      0x01, //     field 6 assigned_upgrade_type = ASSIGNED_UPGRADE_TYPE_CHROME_ENTERPRISE (1)
    ];
    const msg = {
      deviceStateRetrievalResponse: {
        restoreMode: 0,
        initialStateResponse: {
          initialEnrollmentMode:
            DeviceInitialEnrollmentStateResponse_InitialEnrollmentMode.ZERO_TOUCH_ENFORCED,
          managementDomain: 'a.b',
          isLicensePackagedWithDevice: false,
          licensePackagingSku: 0,
          assignedUpgradeType: DeviceInitialEnrollmentStateResponse_AssignedUpgradeType.CHROME_ENTERPRISE,
        },
      },
    };
    expect(encode(msg)).toBe(hex(golden));
    expect(decode(golden).deviceStateRetrievalResponse?.initialStateResponse?.managementDomain).toBe('a.b');
  });

  it('device_initial_enrollment_state_response = 27 {mode 1, domain 2, our org_unit_path 1000}', () => {
    const golden = [
      0xda,
      0x01,
      0x0b, // field 27 (27 << 3 | 2 = 218 = da 01), 11 bytes
      0x08,
      0x04, //   field 1 = INITIAL_ENROLLMENT_MODE_TOKEN_ENROLLMENT_ENFORCED (4)
      0x12,
      0x03,
      ...ascii('a.b'), //   field 2 management_domain
      0xc2,
      0x3e,
      0x01,
      0x2f, //   field 1000 org_unit_path (1000 << 3 | 2 = 8002 = c2 3e) = "/"
    ];
    const msg = {
      deviceInitialEnrollmentStateResponse: {
        initialEnrollmentMode:
          DeviceInitialEnrollmentStateResponse_InitialEnrollmentMode.TOKEN_ENROLLMENT_ENFORCED,
        managementDomain: 'a.b',
        orgUnitPath: '/',
      },
    };
    expect(encode(msg)).toBe(hex(golden));
    expect(decode(golden).deviceInitialEnrollmentStateResponse?.initialEnrollmentMode).toBe(4);
  });

  it('register_response = 3 {device_management_token 1, machine_name 2, ours 1000–1002}', () => {
    const golden = [
      0x1a,
      0x0d, // field 3, 13 bytes
      0x0a,
      0x01,
      ...ascii('t'), //   field 1 device_management_token
      0x12,
      0x01,
      ...ascii('m'), //   field 2 machine_name
      0xc2,
      0x3e,
      0x01,
      0x2f, //   field 1000 org_unit_path = "/"
      0xc8,
      0x3e,
      0x01, //   field 1001 license_consumed = true (varint, 8008 = c8 3e)
    ];
    const msg = {
      registerResponse: {
        deviceManagementToken: 't',
        machineName: 'm',
        orgUnitPath: '/',
        licenseConsumed: true,
      },
    };
    expect(encode(msg)).toBe(hex(golden));
    const back = decode(golden).registerResponse;
    expect(back?.deviceManagementToken).toBe('t');
    expect(back?.licenseConsumed).toBe(true);
  });

  it('token_based_device_register_response = 40 {device_register_response 1 {token 1}}', () => {
    const golden = [0xc2, 0x02, 0x05, 0x0a, 0x03, 0x0a, 0x01, ...ascii('t')]; // 40 << 3 | 2 = 322 = c2 02
    expect(
      encode({
        tokenBasedDeviceRegisterResponse: { deviceRegisterResponse: { deviceManagementToken: 't' } },
      }),
    ).toBe(hex(golden));
    expect(
      decode(golden).tokenBasedDeviceRegisterResponse?.deviceRegisterResponse?.deviceManagementToken,
    ).toBe('t');
  });

  it('unregister_response = 4, empty', () => {
    expect(encode({ unregisterResponse: {} })).toBe('2200');
    expect(decode([0x22, 0x00]).unregisterResponse).toBeDefined();
  });

  it('policy_response = 5 {responses 3 {policy_data 3, policy_data_signature 4, new_public_key 5, new_public_key_signature 6, policy_data_signature_type 11}}', () => {
    const golden = [
      0x2a,
      0x10, // field 5 policy_response, 16 bytes
      0x1a,
      0x0e, //   field 3 responses[0], 14 bytes
      0x1a,
      0x01,
      0xaa, //     field 3 policy_data
      0x22,
      0x01,
      0xbb, //     field 4 policy_data_signature
      0x2a,
      0x01,
      0xcc, //     field 5 new_public_key
      0x32,
      0x01,
      0xdd, //     field 6 new_public_key_signature
      0x58,
      0x02, //     field 11 policy_data_signature_type = SHA256_RSA (2)
    ];
    const msg = {
      policyResponse: {
        responses: [
          {
            policyData: new Uint8Array([0xaa]),
            policyDataSignature: new Uint8Array([0xbb]),
            newPublicKey: new Uint8Array([0xcc]),
            newPublicKeySignature: new Uint8Array([0xdd]),
            policyDataSignatureType: PolicyFetchRequest_SignatureType.SHA256_RSA,
          },
        ],
      },
    };
    expect(encode(msg)).toBe(hex(golden));
    expect(hex(decode(golden).policyResponse?.responses[0]?.newPublicKey ?? new Uint8Array())).toBe('cc');
  });
});

describe('PolicyData and ChromeDeviceSettingsProto golden bytes', () => {
  it('PolicyData {policy_type 1, timestamp 2, request_token 3, policy_value 4, device_id 8, managed_by 36}', () => {
    const golden = [
      0x0a,
      0x01,
      ...ascii('p'), // field 1 policy_type
      0x10,
      0xe8,
      0x07, // field 2 timestamp = 1000 (varint e8 07)
      0x1a,
      0x01,
      ...ascii('t'), // field 3 request_token
      0x22,
      0x01,
      0x00, // field 4 policy_value
      0x42,
      0x01,
      ...ascii('d'), // field 8 device_id
      0xa2,
      0x02,
      0x03,
      ...ascii('a.b'), // field 36 managed_by (290 = a2 02)
    ];
    const msg = create(PolicyDataSchema, {
      policyType: 'p',
      timestamp: 1000n,
      requestToken: 't',
      policyValue: new Uint8Array([0]),
      deviceId: 'd',
      managedBy: 'a.b',
    });
    expect(hex(toBinary(PolicyDataSchema, msg))).toBe(hex(golden));
    const back = fromBinary(PolicyDataSchema, new Uint8Array(golden));
    expect(back.timestamp).toBe(1000n);
    expect(back.managedBy).toBe('a.b');
  });

  it('ChromeDeviceSettingsProto {guest_mode_enabled 3 {1}, user_allowlist 112 {1}}', () => {
    const golden = [
      0x1a,
      0x02,
      0x08,
      0x00, // field 3 guest_mode_enabled {guest_mode_enabled = false}
      0x82,
      0x07,
      0x07,
      0x0a,
      0x05,
      ...ascii('*@a.b'), // field 112 (898 = 82 07) {user_allowlist = "*@a.b"}
    ];
    const msg = create(ChromeDeviceSettingsProtoSchema, {
      guestModeEnabled: { guestModeEnabled: false },
      userAllowlist: { userAllowlist: ['*@a.b'] },
    });
    expect(hex(toBinary(ChromeDeviceSettingsProtoSchema, msg))).toBe(hex(golden));
    expect(
      fromBinary(ChromeDeviceSettingsProtoSchema, new Uint8Array(golden)).userAllowlist?.userAllowlist,
    ).toEqual(['*@a.b']);
  });
});
