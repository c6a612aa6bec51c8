// certificate_based_register attestation: success, and each failure as 403 "attestation failed: <why>".

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createManufacturerCa,
  mintDeviceIdentity,
  pemSigner,
  registrationData,
  signData,
} from '../../../server-stub/attestation/index.ts';
import {
  acerDevice,
  certificateBasedRegisterBody,
  dm,
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

const register = (body: object, deviceid = 'att-client') =>
  dm(s.url, 'certificate_based_register', deviceid, body);

describe('attestation', () => {
  it('accepts a request signed by a device key certified by the stub’s manufacturer CA', async () => {
    const id = await mintDevice(s.url, d.device_id, 'Acer');
    expect(id.private_key_pem).toContain('-----BEGIN PRIVATE KEY-----');
    expect(id.certificate_chain_pem.match(/BEGIN CERTIFICATE/g)).toHaveLength(2);
    expect((await register(await certificateBasedRegisterBody(id, fieldsFor(d)))).status).toBe(200);
  });

  it('rejects a signature that does not match the data', async () => {
    const id = await mintDevice(s.url, d.device_id);
    const body = await certificateBasedRegisterBody(id, fieldsFor(d));
    const signed = body.certificate_based_register_request?.signed_request;
    if (signed === undefined) throw new Error('no signed request');
    const other = await signData(
      registrationData(id.certificate_chain_pem, fieldsFor(d)),
      pemSigner(id.private_key_pem),
    );
    const r = await register({
      certificate_based_register_request: {
        signed_request: { data: signed.data, signature: other.signature },
      },
    });
    expect(r.status).toBe(403);
    expect(r.body.error_message).toBe(
      'attestation failed: signature does not verify with the device certificate key',
    );
  });

  it('rejects data signed by another device’s key', async () => {
    const mine = await mintDevice(s.url, d.device_id);
    const thief = await mintDevice(s.url, 'NXOTHER000001');
    const data = registrationData(mine.certificate_chain_pem, fieldsFor(d));
    const r = await register({
      certificate_based_register_request: {
        signed_request: await signData(data, pemSigner(thief.private_key_pem)),
      },
    });
    expect(r.status).toBe(403);
    expect(r.body.error_message).toMatch(/^attestation failed: signature/);
  });

  it('rejects a certificate whose serialNumber is another device’s ID', async () => {
    const id = await mintDevice(s.url, 'NXOTHER000002');
    const r = await register(await certificateBasedRegisterBody(id, fieldsFor(d)));
    expect(r.status).toBe(403);
    expect(r.body.error_message).toMatch(/^attestation failed: device certificate serialNumber/);
  });

  it('rejects a chain that ends at a CA the stub does not trust', async () => {
    const rogue = await createManufacturerCa('Rogue Manufacturer CA');
    const id = await mintDeviceIdentity(rogue, { attestedDeviceId: d.device_id, manufacturer: 'Acer' });
    const r = await register(await certificateBasedRegisterBody(id, fieldsFor(d)));
    expect(r.status).toBe(403);
    expect(r.body.error_message).toBe(
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
    expect(r.body.error_message).toMatch(/expired or not yet valid/);
  });

  it('accepts a nonce once: a replayed request is refused', async () => {
    const id = await mintDevice(s.url, d.device_id);
    const body = await certificateBasedRegisterBody(id, fieldsFor(d, { nonce: 'replay-me-0001' }));
    expect((await register(body)).status).toBe(200);
    const again = await register(body);
    expect(again.status).toBe(403);
    expect(again.body.error_message).toBe('attestation failed: nonce already used');
  });

  it('answers 400 naming the field for malformed registration data', async () => {
    const notJson = await register({
      certificate_based_register_request: {
        signed_request: { data: Buffer.from('nope').toString('base64'), signature: 'AAAA' },
      },
    });
    expect(notJson.status).toBe(400);
    expect(notJson.body).toMatchObject({ dm_status: 'DM_STATUS_REQUEST_INVALID' });
    expect(notJson.body.error_message).toContain('signed_request.data');
    const id = await mintDevice(s.url, d.device_id);
    const data = { ...registrationData(id.certificate_chain_pem, fieldsFor(d)), nonce: 'x' };
    const r = await register({
      certificate_based_register_request: {
        signed_request: await signData(data, pemSigner(id.private_key_pem)),
      },
    });
    expect(r.status).toBe(400);
    expect(r.body.error_message).toContain('signed_request.data.nonce');
  });
});
