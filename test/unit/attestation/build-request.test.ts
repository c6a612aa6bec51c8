// buildCertificateBasedRegisterRequest with the file key store: Chromium's SignedData — the serialized
// CertificateBasedDeviceRegistrationData followed by a fresh nonce, signed as a whole by the key store.

import { verify } from 'node:crypto';
import { fromBinary, isFieldSet } from '@bufbuild/protobuf';
import { describe, expect, it } from 'vitest';
import {
  buildCertificateBasedRegisterRequest,
  type CertificateBasedRegisterInput,
  firstCertificateDer,
} from '../../../agent/attestation/index.ts';
import { AttestationFileKeyStore } from '../../../hal/backends/attestation-file/index.ts';
import type { AttestationKeyStore } from '../../../hal/interface.ts';
import {
  CertificateBasedDeviceRegistrationDataSchema,
  DeviceRegisterRequestSchema,
  type SignedData,
} from '../../../protocol/dm.ts';
import { makeDevicePki, subjectSerialNumber, writeAttestationTree, x509 } from './helpers/pki.ts';

const ADID = '1S20UDS0Q000PF2XYZ12';
const pki = await makeDevicePki(ADID);
const keyStore = new AttestationFileKeyStore({
  root: await writeAttestationTree({ key: pki.keyPem, chain: pki.chainPem }),
});

const base: CertificateBasedRegisterInput = {
  keyStore,
  attestedDeviceId: ADID,
  machineId: 'PF2XYZ12',
  machineModel: 'Lenovo 100e Chromebook Gen 3',
  reregister: false,
};

/** The registration data of a SignedData: everything but the trailing nonce. */
function decode(signed: SignedData) {
  const body = signed.data.subarray(0, signed.data.length - signed.extraDataBytes);
  return fromBinary(CertificateBasedDeviceRegistrationDataSchema, body);
}
const nonceOf = (signed: SignedData) =>
  Buffer.from(signed.data.subarray(signed.data.length - signed.extraDataBytes));

describe('certificate_based_register request', () => {
  it('encodes the registration data, appends the nonce and signs all of data', async () => {
    const nonce = new Uint8Array(32).fill(7);
    const signed = await buildCertificateBasedRegisterRequest({
      ...base,
      brandCode: 'LNVO',
      manufactureDate: '2023-11-02',
      ethernetMac: '00:e0:4c:68:01:02',
      expectedDomain: 'demo.example',
      nonce,
    });
    expect(signed.extraDataBytes).toBe(32);
    expect(nonceOf(signed)).toEqual(Buffer.from(nonce));
    const data = decode(signed);
    expect(data.certificateType).toBe(1); // ENTERPRISE_ENROLLMENT_CERTIFICATE
    const request = data.deviceRegisterRequest;
    expect(request).toMatchObject({
      type: 2, // DEVICE
      machineId: 'PF2XYZ12',
      machineModel: 'Lenovo 100e Chromebook Gen 3',
      flavor: 14, // FLAVOR_ENROLLMENT_ATTESTATION_INITIAL_SERVER_FORCED
      brandCode: 'LNVO',
      manufactureDate: '2023-11-02',
      // The proto's form: 12 upper-case hex digits, no separators.
      ethernetMacAddress: '00E04C680102',
      expectedEnrollmentDomain: 'demo.example',
      deviceRegisterIdentification: { attestedDeviceId: ADID },
    });

    // One DER certificate: the device's, named by the ADID, issued by the chain's CA.
    expect(Buffer.from(data.deviceCertificate)).toEqual(Buffer.from(firstCertificateDer(pki.chainPem)));
    const device = new x509.X509Certificate(data.deviceCertificate);
    const ca = new x509.X509Certificate(
      pki.chainPem.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g)?.[1] ?? '',
    );
    expect(subjectSerialNumber(device)).toBe(ADID);
    expect(await device.verify({ publicKey: ca.publicKey, signatureOnly: true })).toBe(true);

    // The signature covers the data and the nonce.
    const publicKey = device.toString('pem');
    expect(verify('sha256', signed.data, { key: publicKey, dsaEncoding: 'der' }, signed.signature)).toBe(
      true,
    );
    const tampered = Buffer.from(signed.data);
    tampered.writeUInt8((tampered.at(-1) ?? 0) ^ 0x01, tampered.length - 1);
    expect(verify('sha256', tampered, { key: publicKey, dsaEncoding: 'der' }, signed.signature)).toBe(false);
  });

  it('omits optional fields that are not given, and sends reregister only when true', async () => {
    const request = decode(await buildCertificateBasedRegisterRequest(base)).deviceRegisterRequest;
    if (request === undefined) throw new Error('no device_register_request');
    const f = DeviceRegisterRequestSchema.field;
    const set = DeviceRegisterRequestSchema.fields
      .filter((field) => isFieldSet(request, field))
      .map((x) => x.name);
    expect(set.sort()).toEqual(
      ['device_register_identification', 'flavor', 'machine_id', 'machine_model', 'type'].sort(),
    );
    expect(isFieldSet(request, f.reregister)).toBe(false);
    const again = decode(
      await buildCertificateBasedRegisterRequest({ ...base, reregister: true }),
    ).deviceRegisterRequest;
    expect(again?.reregister).toBe(true);
  });

  it('uses the given flavor (15 for the manual fallback)', async () => {
    const data = decode(await buildCertificateBasedRegisterRequest({ ...base, flavor: 15 }));
    expect(data.deviceRegisterRequest?.flavor).toBe(15);
  });

  it('draws a fresh 32-byte nonce by default', async () => {
    const a = await buildCertificateBasedRegisterRequest(base);
    const b = await buildCertificateBasedRegisterRequest(base);
    expect(a.extraDataBytes).toBe(32);
    expect(nonceOf(a)).toHaveLength(32);
    expect(nonceOf(a).equals(nonceOf(b))).toBe(false);
  });
});

describe('certificate_based_register request failures: code attestation-unavailable', () => {
  const failing = (sign: AttestationKeyStore['sign']): AttestationKeyStore => ({
    name: 'test-store',
    availability: async () => ({ available: true }),
    certificateChainPem: async () => pki.chainPem,
    sign,
  });

  it.each([
    ['an attested device ID with a space', { attestedDeviceId: 'AB 12' }],
    ['an empty attested device ID', { attestedDeviceId: '' }],
    ['an empty machine ID', { machineId: '' }],
    [
      'a key store without files',
      { keyStore: new AttestationFileKeyStore({ root: '/nonexistent-zte-root' }) },
    ],
    [
      'a key store that throws a plain Error',
      {
        keyStore: failing(async () => {
          throw new Error('TPM busy');
        }),
      },
    ],
    ['a key store that returns an empty signature', { keyStore: failing(async () => new Uint8Array()) }],
  ] as const)('%s', async (_, patch) => {
    const error = await buildCertificateBasedRegisterRequest({ ...base, ...patch }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'attestation-unavailable' });
  });
});
