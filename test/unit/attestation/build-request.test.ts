// buildCertificateBasedRegisterRequest with the file key store: the encoded data is exactly the
// registration of issue 3 item 2, and the signature verifies over exactly those bytes.

import { verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  buildCertificateBasedRegisterRequest,
  type CertificateBasedRegisterInput,
} from '../../../agent/attestation/index.ts';
import { AttestationFileKeyStore } from '../../../hal/backends/attestation-file/index.ts';
import type { AttestationKeyStore } from '../../../hal/interface.ts';
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

function decode(data: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(data, 'base64').toString('utf8')) as Record<string, unknown>;
}

describe('certificate_based_register request', () => {
  it('encodes the registration data and signs exactly its bytes', async () => {
    const { signed_request } = await buildCertificateBasedRegisterRequest({
      ...base,
      manufactureDate: '2023-11-02',
      ethernetMac: '00:e0:4c:68:01:02',
      nonce: 'bm9uY2U=',
    });
    const data = decode(signed_request.data);
    expect(data).toEqual({
      certificate_type: 1,
      device_certificate: await keyStore.certificateChainPem(),
      device_register_request: {
        type: 2,
        machine_id: 'PF2XYZ12',
        machine_model: 'Lenovo 100e Chromebook Gen 3',
        flavor: 14,
        device_register_identification: { attested_device_id: ADID },
        manufacture_date: '2023-11-02',
        ethernet_mac_address: '00:e0:4c:68:01:02',
      },
      nonce: 'bm9uY2U=',
    });

    // The chain's first certificate is the device's, named by the ADID, issued by the CA that follows.
    const chain = (data.device_certificate as string).match(
      /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g,
    );
    const device = new x509.X509Certificate(chain?.[0] ?? '');
    const ca = new x509.X509Certificate(chain?.[1] ?? '');
    expect(subjectSerialNumber(device)).toBe(ADID);
    expect(await device.verify({ publicKey: ca.publicKey, signatureOnly: true })).toBe(true);

    const bytes = Buffer.from(signed_request.data, 'base64');
    const signature = Buffer.from(signed_request.signature, 'base64');
    const publicKey = device.toString('pem');
    expect(verify('sha256', bytes, { key: publicKey, dsaEncoding: 'der' }, signature)).toBe(true);
    const tampered = Buffer.from(bytes);
    tampered.writeUInt8((tampered.at(-2) ?? 0) ^ 0x01, tampered.length - 2);
    expect(verify('sha256', tampered, { key: publicKey, dsaEncoding: 'der' }, signature)).toBe(false);
  });

  it('omits optional fields that are not given, and sends reregister only when true', async () => {
    const first = decode((await buildCertificateBasedRegisterRequest(base)).signed_request.data);
    const request = first.device_register_request as Record<string, unknown>;
    expect(Object.keys(request).sort()).toEqual(
      ['device_register_identification', 'flavor', 'machine_id', 'machine_model', 'type'].sort(),
    );
    const again = decode(
      (await buildCertificateBasedRegisterRequest({ ...base, reregister: true })).signed_request.data,
    );
    expect((again.device_register_request as Record<string, unknown>).reregister).toBe(true);
  });

  it('sends the expected management domain when given', async () => {
    const data = decode(
      (await buildCertificateBasedRegisterRequest({ ...base, managementDomain: 'demo.example' }))
        .signed_request.data,
    );
    expect((data.device_register_request as Record<string, unknown>).management_domain).toBe('demo.example');
  });

  it('uses the given flavor (15 for the manual fallback)', async () => {
    const data = decode(
      (await buildCertificateBasedRegisterRequest({ ...base, flavor: 15 })).signed_request.data,
    );
    expect((data.device_register_request as Record<string, unknown>).flavor).toBe(15);
  });

  it('draws a fresh 32-byte nonce by default', async () => {
    const a = decode((await buildCertificateBasedRegisterRequest(base)).signed_request.data).nonce as string;
    const b = decode((await buildCertificateBasedRegisterRequest(base)).signed_request.data).nonce as string;
    expect(Buffer.from(a, 'base64')).toHaveLength(32);
    expect(Buffer.from(a, 'base64').toString('base64')).toBe(a);
    expect(a).not.toBe(b);
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
