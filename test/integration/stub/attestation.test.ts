// certificate_based_register attestation, in Chromium's SignedData format: success, and each failure
// as 403 "attestation failed: <why>"; malformed SignedData as 400 naming the field.

import { randomBytes } from 'node:crypto';
import { create, toBinary } from '@bufbuild/protobuf';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  CertificateBasedDeviceRegistrationDataSchema,
  CertificateBasedDeviceRegistrationData_CertificateType as CertificateType,
  type DeviceManagementRequest,
} from '../../../protocol/dm.ts';
import {
  createManufacturerCa,
  mintDeviceIdentity,
  pemSigner,
  registrationData,
  signData,
  signRegistration,
} from '../../../server-stub/attestation/index.ts';
import {
  acerDevice,
  certificateBasedRegisterBody,
  type DmMessage,
  dm,
  dmStatusOf,
  fieldsFor,
  mintDevice,
  preprovision,
  type StartedStub,
  startStub,
} from '../../helpers/stub.ts';

let s: StartedStub;
const d = acerDevice(100);
beforeEach(async () => {
  s = await startStub();
  await preprovision(s.url, [d]);
});
afterEach(async () => {
  await s.close();
});

const register = (body: DmMessage | DeviceManagementRequest, deviceid = 'att-client') =>
  dm(s.url, 'certificate_based_register', deviceid, body);

const signedBody = (
  signedRequest: NonNullable<DmMessage['certificateBasedRegisterRequest']>['signedRequest'],
) => ({
  certificateBasedRegisterRequest: { signedRequest },
});

describe('attestation', () => {
  it('accepts a request signed by a device key certified by the stub’s manufacturer CA (one DER certificate sent)', async () => {
    const id = await mintDevice(s.url, d.device_id, 'Acer');
    expect(id.private_key_pem).toContain('-----BEGIN PRIVATE KEY-----');
    expect(id.certificate_chain_pem.match(/BEGIN CERTIFICATE/g)).toHaveLength(2);
    expect((await register(await certificateBasedRegisterBody(id, fieldsFor(d)))).status).toBe(200);
  });

  it('rejects a signature that does not match the data (nonce included in what is signed)', async () => {
    const id = await mintDevice(s.url, d.device_id);
    const body = await certificateBasedRegisterBody(id, fieldsFor(d));
    const signed = body.certificateBasedRegisterRequest?.signedRequest;
    if (signed === undefined) throw new Error('no signed request');
    // Same registration data, another nonce: the signature no longer covers these bytes.
    const tampered = new Uint8Array(signed.data);
    tampered[tampered.length - 1] = (tampered[tampered.length - 1] ?? 0) ^ 0xff;
    const r = await register(
      signedBody({ data: tampered, signature: signed.signature, extraDataBytes: signed.extraDataBytes }),
    );
    expect(r.status).toBe(403);
    expect(r.body.errorMessage).toBe(
      'attestation failed: signature does not verify with the device certificate key',
    );
  });

  it('rejects data signed by another device’s key', async () => {
    const mine = await mintDevice(s.url, d.device_id);
    const thief = await mintDevice(s.url, 'NXOTHER000001');
    const signed = await signRegistration(
      registrationData(mine.certificate_chain_pem, fieldsFor(d)),
      pemSigner(thief.private_key_pem),
    );
    const r = await register(signedBody(signed));
    expect(r.status).toBe(403);
    expect(r.body.errorMessage).toMatch(/^attestation failed: signature/);
  });

  it('rejects a certificate whose serialNumber is another device’s ID', async () => {
    const id = await mintDevice(s.url, 'NXOTHER000002');
    const r = await register(await certificateBasedRegisterBody(id, fieldsFor(d)));
    expect(r.status).toBe(403);
    expect(r.body.errorMessage).toMatch(/^attestation failed: device certificate serialNumber/);
  });

  it('rejects a certificate issued by a CA the stub does not trust', async () => {
    const rogue = await createManufacturerCa('Rogue Manufacturer CA');
    const id = await mintDeviceIdentity(rogue, { attestedDeviceId: d.device_id, manufacturer: 'Acer' });
    const r = await register(await certificateBasedRegisterBody(id, fieldsFor(d)));
    expect(r.status).toBe(403);
    expect(r.body.errorMessage).toBe(
      'attestation failed: certificate chain does not end at a manufacturer CA the server trusts',
    );
  });

  it('rejects an expired device certificate', async () => {
    const ca = await s.stub.cas.ensure('Acer');
    const id = await mintDeviceIdentity(ca, {
      attestedDeviceId: d.device_id,
      manufacturer: 'Acer',
      notBefore: new Date('2020-01-01T00:00:00Z'),
      notAfter: new Date('2024-01-01T00:00:00Z'),
    });
    const r = await register(await certificateBasedRegisterBody(id, fieldsFor(d)));
    expect(r.status).toBe(403);
    expect(r.body.errorMessage).toMatch(/expired or not yet valid/);
  });

  it('accepts a nonce once: the same signed request replayed (even from another deviceid) is 403', async () => {
    const id = await mintDevice(s.url, d.device_id);
    const body = await certificateBasedRegisterBody(id, fieldsFor(d, { nonce: randomBytes(16) }));
    expect((await register(body)).status).toBe(200);
    const again = await register(body, 'att-replayer');
    expect(again.status).toBe(403);
    expect(dmStatusOf(again)).toBe('DM_STATUS_SERVICE_MANAGEMENT_NOT_SUPPORTED');
    expect(again.body.errorMessage).toBe('attestation failed: nonce already used (replayed registration)');
  });

  it('answers 400 naming the field for malformed SignedData and registration data', async () => {
    const id = await mintDevice(s.url, d.device_id);
    const junk = await register(
      signedBody({ data: randomBytes(40), signature: randomBytes(70), extraDataBytes: 16 }),
      'a1',
    );
    expect(junk.status).toBe(400);
    expect(junk.body.errorMessage).toContain('certificate_based_register_request.signed_request.data');

    const noNonce = await signData(
      toBinary(
        CertificateBasedDeviceRegistrationDataSchema,
        registrationData(id.certificate_chain_pem, fieldsFor(d)),
      ),
      pemSigner(id.private_key_pem),
      new Uint8Array(0),
    );
    const r = await register(signedBody(noNonce), 'a2');
    expect(r.status).toBe(400);
    expect(r.body.errorMessage).toContain('signed_request.extra_data_bytes');

    const wrongType = create(CertificateBasedDeviceRegistrationDataSchema, {
      ...registrationData(id.certificate_chain_pem, fieldsFor(d)),
      certificateType: CertificateType.UNKNOWN,
    });
    const t = await register(
      signedBody(await signRegistration(wrongType, pemSigner(id.private_key_pem))),
      'a3',
    );
    expect(t.status).toBe(400);
    expect(t.body.errorMessage).toContain('signed_request.data.certificate_type');

    const noCert = create(CertificateBasedDeviceRegistrationDataSchema, {
      ...registrationData(id.certificate_chain_pem, fieldsFor(d)),
      deviceCertificate: new Uint8Array(0),
    });
    const c = await register(signedBody(await signRegistration(noCert, pemSigner(id.private_key_pem))), 'a4');
    expect(c.status).toBe(400);
    expect(c.body.errorMessage).toContain('signed_request.data.device_certificate');
  });

  it('answers 403 for bytes in device_certificate that are no certificate', async () => {
    const id = await mintDevice(s.url, d.device_id);
    const bogus = create(CertificateBasedDeviceRegistrationDataSchema, {
      ...registrationData(id.certificate_chain_pem, fieldsFor(d)),
      deviceCertificate: randomBytes(300),
    });
    const r = await register(signedBody(await signRegistration(bogus, pemSigner(id.private_key_pem))));
    expect(r.status).toBe(403);
    expect(r.body.errorMessage).toContain('device_certificate is not a DER certificate');
  });
});
