// Golden bytes of every DeviceManagementRequest the agent sends, written by hand from the field
// numbers of Chromium's device_management_backend.proto (tag byte = field number << 3 | wire type),
// not produced by our encoder. Each case checks both directions: our encoder gives exactly these
// bytes, and our decoder reads them back to the same values.

import { create, fromBinary, toBinary } from '@bufbuild/protobuf';
import { describe, expect, it } from 'vitest';
import {
  CertificateBasedDeviceRegistrationData_CertificateType,
  CertificateBasedDeviceRegistrationDataSchema,
  DeviceAutoEnrollmentRequest_EnrollmentCheckType,
  DeviceManagementRequestSchema,
  DeviceRegisterRequest_Flavor,
  DeviceRegisterRequest_Type,
  PolicyFetchRequest_SignatureType,
} from '../../../protocol/dm.ts';

const ascii = (s: string) => [...Buffer.from(s, 'ascii')];
const hex = (bytes: Uint8Array | number[]) => Buffer.from(bytes).toString('hex');

describe('DeviceManagementRequest golden bytes (Chromium field numbers)', () => {
  it('enterprise_check: auto_enrollment_request = 6 {remainder 1, modulus 2, enrollment_check_type 3}', () => {
    const golden = [
      0x32,
      0x06, // field 6 (auto_enrollment_request), length-delimited, 6 bytes
      0x08,
      0x05, //   field 1 remainder = 5 (varint)
      0x10,
      0x08, //   field 2 modulus = 8
      0x18,
      0x02, //   field 3 enrollment_check_type = ENROLLMENT_CHECK_TYPE_FORCED_ENROLLMENT (2)
    ];
    const msg = create(DeviceManagementRequestSchema, {
      autoEnrollmentRequest: {
        remainder: 5n,
        modulus: 8n,
        enrollmentCheckType: DeviceAutoEnrollmentRequest_EnrollmentCheckType.FORCED_ENROLLMENT,
      },
    });
    expect(hex(toBinary(DeviceManagementRequestSchema, msg))).toBe(hex(golden));
    const back = fromBinary(DeviceManagementRequestSchema, new Uint8Array(golden));
    expect(back.autoEnrollmentRequest?.remainder).toBe(5n);
    expect(back.autoEnrollmentRequest?.modulus).toBe(8n);
    expect(back.autoEnrollmentRequest?.enrollmentCheckType).toBe(2);
  });

  it('device_state_retrieval: field 9 {serial_number 2, brand_code 3}', () => {
    const golden = [
      0x4a,
      0x0b, // field 9, 11 bytes
      0x12,
      0x03,
      ...ascii('SN1'), // field 2 serial_number
      0x1a,
      0x04,
      ...ascii('ABCD'), // field 3 brand_code
    ];
    const msg = create(DeviceManagementRequestSchema, {
      deviceStateRetrievalRequest: { serialNumber: 'SN1', brandCode: 'ABCD' },
    });
    expect(hex(toBinary(DeviceManagementRequestSchema, msg))).toBe(hex(golden));
    const back = fromBinary(DeviceManagementRequestSchema, new Uint8Array(golden));
    expect(back.deviceStateRetrievalRequest?.serialNumber).toBe('SN1');
    expect(back.deviceStateRetrievalRequest?.brandCode).toBe('ABCD');
  });

  it('device_initial_enrollment_state: field 28 {serial_number 1, brand_code 2}', () => {
    const golden = [
      0xe2,
      0x01,
      0x0b, // field 28 (28 << 3 | 2 = 226, varint e2 01), 11 bytes
      0x0a,
      0x03,
      ...ascii('SN1'),
      0x12,
      0x04,
      ...ascii('ABCD'),
    ];
    const msg = create(DeviceManagementRequestSchema, {
      deviceInitialEnrollmentStateRequest: { serialNumber: 'SN1', brandCode: 'ABCD' },
    });
    expect(hex(toBinary(DeviceManagementRequestSchema, msg))).toBe(hex(golden));
    expect(
      fromBinary(DeviceManagementRequestSchema, new Uint8Array(golden)).deviceInitialEnrollmentStateRequest
        ?.serialNumber,
    ).toBe('SN1');
  });

  it('certificate_based_register: field 18 {signed_request 1 {data 1, signature 2, extra_data_bytes 3}}', () => {
    const golden = [
      0x92,
      0x01,
      0x0b, // field 18 (146 = 92 01), 11 bytes
      0x0a,
      0x09, //   field 1 signed_request, 9 bytes
      0x0a,
      0x02,
      0x01,
      0x02, //     field 1 data
      0x12,
      0x01,
      0x03, //     field 2 signature
      0x18,
      0x01, //     field 3 extra_data_bytes = 1
    ];
    const msg = create(DeviceManagementRequestSchema, {
      certificateBasedRegisterRequest: {
        signedRequest: { data: new Uint8Array([1, 2]), signature: new Uint8Array([3]), extraDataBytes: 1 },
      },
    });
    expect(hex(toBinary(DeviceManagementRequestSchema, msg))).toBe(hex(golden));
    const back = fromBinary(DeviceManagementRequestSchema, new Uint8Array(golden));
    expect(hex(back.certificateBasedRegisterRequest?.signedRequest?.data ?? new Uint8Array())).toBe('0102');
    expect(back.certificateBasedRegisterRequest?.signedRequest?.extraDataBytes).toBe(1);
  });

  it('CertificateBasedDeviceRegistrationData {certificate_type 1, device_certificate 2, device_register_request 3}', () => {
    const golden = [
      0x08,
      0x01, // field 1 certificate_type = ENTERPRISE_ENROLLMENT_CERTIFICATE (1)
      0x12,
      0x02,
      0x30,
      0x00, // field 2 device_certificate (DER bytes)
      0x1a,
      0x17, // field 3 device_register_request, 23 bytes
      0x10,
      0x02, //   field 2 type = DEVICE (2)
      0x1a,
      0x03,
      ...ascii('SN1'), //   field 3 machine_id
      0x40,
      0x0e, //   field 8 flavor = FLAVOR_ENROLLMENT_ATTESTATION_INITIAL_SERVER_FORCED (14)
      0x62,
      0x04,
      ...ascii('ABCD'), //   field 12 brand_code
      0x92,
      0x01,
      0x05, //   field 18 device_register_identification (146 = 92 01), 5 bytes
      0x0a,
      0x03,
      ...ascii('SN1'), //     field 1 attested_device_id
    ];
    const msg = create(CertificateBasedDeviceRegistrationDataSchema, {
      certificateType:
        CertificateBasedDeviceRegistrationData_CertificateType.ENTERPRISE_ENROLLMENT_CERTIFICATE,
      deviceCertificate: new Uint8Array([0x30, 0x00]),
      deviceRegisterRequest: {
        type: DeviceRegisterRequest_Type.DEVICE,
        machineId: 'SN1',
        flavor: DeviceRegisterRequest_Flavor.ENROLLMENT_ATTESTATION_INITIAL_SERVER_FORCED,
        brandCode: 'ABCD',
        deviceRegisterIdentification: { attestedDeviceId: 'SN1' },
      },
    });
    expect(hex(toBinary(CertificateBasedDeviceRegistrationDataSchema, msg))).toBe(hex(golden));
    const back = fromBinary(CertificateBasedDeviceRegistrationDataSchema, new Uint8Array(golden));
    expect(back.deviceRegisterRequest?.flavor).toBe(14);
    expect(back.deviceRegisterRequest?.deviceRegisterIdentification?.attestedDeviceId).toBe('SN1');
  });

  it('register: field 1 {reregister 1, type 2, machine_id 3, machine_model 4, flavor 8, ethernet_mac_address 14, expected_enrollment_domain 17}', () => {
    const golden = [
      0x0a,
      0x1f, // field 1 register_request, 31 bytes
      0x08,
      0x01, //   field 1 reregister = true
      0x10,
      0x02, //   field 2 type = DEVICE
      0x1a,
      0x03,
      ...ascii('SN1'), //   field 3 machine_id
      0x22,
      0x01,
      ...ascii('M'), //   field 4 machine_model
      0x40,
      0x0f, //   field 8 flavor = FLAVOR_ENROLLMENT_ATTESTATION_INITIAL_MANUAL_FALLBACK (15)
      0x72,
      0x0c,
      ...ascii('00AABBCCDDEE'), //   field 14 ethernet_mac_address
      0x8a,
      0x01,
      0x00, //   field 17 expected_enrollment_domain (138 = 8a 01), empty
    ];
    const msg = create(DeviceManagementRequestSchema, {
      registerRequest: {
        reregister: true,
        type: DeviceRegisterRequest_Type.DEVICE,
        machineId: 'SN1',
        machineModel: 'M',
        flavor: DeviceRegisterRequest_Flavor.ENROLLMENT_ATTESTATION_INITIAL_MANUAL_FALLBACK,
        ethernetMacAddress: '00AABBCCDDEE',
        expectedEnrollmentDomain: '',
      },
    });
    expect(hex(toBinary(DeviceManagementRequestSchema, msg))).toBe(hex(golden));
    const back = fromBinary(DeviceManagementRequestSchema, new Uint8Array(golden)).registerRequest;
    expect(back?.reregister).toBe(true);
    expect(back?.ethernetMacAddress).toBe('00AABBCCDDEE');
  });

  it('token_based_register: field 41 {device_register_request 1}', () => {
    const golden = [
      0xca,
      0x02,
      0x04, // field 41 (41 << 3 | 2 = 330 = ca 02), 4 bytes
      0x0a,
      0x02, //   field 1 device_register_request, 2 bytes
      0x10,
      0x02, //     field 2 type = DEVICE
    ];
    const msg = create(DeviceManagementRequestSchema, {
      tokenBasedDeviceRegisterRequest: { deviceRegisterRequest: { type: DeviceRegisterRequest_Type.DEVICE } },
    });
    expect(hex(toBinary(DeviceManagementRequestSchema, msg))).toBe(hex(golden));
    expect(
      fromBinary(DeviceManagementRequestSchema, new Uint8Array(golden)).tokenBasedDeviceRegisterRequest
        ?.deviceRegisterRequest?.type,
    ).toBe(2);
  });

  it('policy: field 3 {requests 3 {policy_type 1, signature_type 3, public_key_version 4}}', () => {
    const type = 'google/chromeos/device';
    const golden = [
      0x1a,
      0x1e, // field 3 policy_request, 30 bytes
      0x1a,
      0x1c, //   field 3 requests[0], 28 bytes
      0x0a,
      0x16,
      ...ascii(type), //     field 1 policy_type (22 bytes)
      0x18,
      0x02, //     field 3 signature_type = SHA256_RSA (2)
      0x20,
      0x01, //     field 4 public_key_version = 1
    ];
    const msg = create(DeviceManagementRequestSchema, {
      policyRequest: {
        requests: [
          {
            policyType: type,
            signatureType: PolicyFetchRequest_SignatureType.SHA256_RSA,
            publicKeyVersion: 1,
          },
        ],
      },
    });
    expect(hex(toBinary(DeviceManagementRequestSchema, msg))).toBe(hex(golden));
    expect(
      fromBinary(DeviceManagementRequestSchema, new Uint8Array(golden)).policyRequest?.requests[0]
        ?.policyType,
    ).toBe(type);
  });

  it('unregister: field 2, an empty DeviceUnregisterRequest', () => {
    const golden = [0x12, 0x00];
    const msg = create(DeviceManagementRequestSchema, { unregisterRequest: {} });
    expect(hex(toBinary(DeviceManagementRequestSchema, msg))).toBe(hex(golden));
    expect(fromBinary(DeviceManagementRequestSchema, new Uint8Array(golden)).unregisterRequest).toBeDefined();
  });
});
