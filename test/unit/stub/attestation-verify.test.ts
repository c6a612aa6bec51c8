// verifyAttestation in isolation: the pure checks behind certificate_based_register's 403s.

import { generateKeyPairSync, X509Certificate } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  createManufacturerCa,
  type ManufacturerCa,
  mintDeviceIdentity,
  pemSigner,
  verifyAttestation,
} from '../../../server-stub/attestation/index.ts';
import * as x509 from '../../../server-stub/attestation/x509.ts';

let ca: ManufacturerCa;
let trusted: X509Certificate[];
const NOW = new Date('2025-06-02T00:00:00Z');
const data = Buffer.from('{"hello":"world"}');

beforeAll(async () => {
  ca = await createManufacturerCa('Unit Test CA');
  trusted = [new X509Certificate(ca.certPem)];
});

async function input(id = 'DEV0001', certSerial?: string) {
  const identity = await mintDeviceIdentity(ca, {
    attestedDeviceId: id,
    manufacturer: 'Acme',
    ...(certSerial === undefined ? {} : { certificateSerialNumber: certSerial }),
  });
  const signature = await pemSigner(identity.private_key_pem)(data);
  return { data, signature, certificate: identity.certificate_chain_pem, attestedDeviceId: id };
}

describe('verifyAttestation', () => {
  it('accepts a good request', async () => {
    expect(await verifyAttestation(await input(), trusted, NOW)).toEqual({ ok: true });
  });

  it('accepts a chain holding only the device certificate when its issuer is trusted', async () => {
    const i = await input();
    const leafOnly =
      i.certificate.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/)?.[0] ?? '';
    expect(await verifyAttestation({ ...i, certificate: leafOnly }, trusted, NOW)).toEqual({ ok: true });
  });

  it('compares the serialNumber as written, RFC 2253 specials and all', async () => {
    // OpenSSL's one-line subject escapes these (`SN\\,1\\+2`); the comparison must not see the escapes.
    expect(await verifyAttestation(await input('#SN,1+2 "x"\\'), trusted, NOW)).toEqual({ ok: true });
    const r = await verifyAttestation(
      { ...(await input('SN,1+2')), attestedDeviceId: 'SN\\,1\\+2' },
      trusted,
      NOW,
    );
    expect(r.ok).toBe(false);
  });

  it.each([
    ['garbage instead of PEM', { certificate: 'hello' }, 'is not a PEM certificate chain'],
    [
      'a corrupt signature',
      { signature: Buffer.from('3006020101020101', 'hex') },
      'signature does not verify',
    ],
    ['another attested ID', { attestedDeviceId: 'DEV0002' }, 'is not the attested_device_id'],
  ])('rejects %s', async (_what, patch, reason) => {
    const r = await verifyAttestation({ ...(await input()), ...patch }, trusted, NOW);
    expect(r.ok).toBe(false);
    expect(r.ok ? '' : r.reason).toContain(reason);
  });

  it('rejects a chain when the stub trusts no CA at all', async () => {
    const r = await verifyAttestation(await input(), [], NOW);
    expect(r).toEqual({
      ok: false,
      reason: 'certificate chain does not end at a manufacturer CA the server trusts',
    });
  });

  it('rejects a chain whose CA part was swapped for another CA', async () => {
    const other = await createManufacturerCa('Unit Test CA');
    const i = await input();
    const leaf =
      i.certificate.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/)?.[0] ?? '';
    const r = await verifyAttestation(
      { ...i, certificate: `${leaf}\n${other.certPem}` },
      [...trusted, new X509Certificate(other.certPem)],
      NOW,
    );
    expect(r.ok ? '' : r.reason).toContain('is not issued by certificate 1');
  });

  it('rejects a device key that is not P-256', async () => {
    const i = await input();
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'secp384r1' });
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    // A certificate for a P-384 key, signed by the trusted CA.
    const caKey = await globalThis.crypto.subtle.importKey(
      'pkcs8',
      x509.PemConverter.decode(ca.privateKeyPem)[0] ?? new ArrayBuffer(0),
      { name: 'ECDSA', namedCurve: 'P-256' },
      false,
      ['sign'],
    );
    const pub = await globalThis.crypto.subtle.importKey(
      'spki',
      (await import('node:crypto')).createPublicKey(pem).export({ type: 'spki', format: 'der' }),
      { name: 'ECDSA', namedCurve: 'P-384' },
      true,
      ['verify'],
    );
    const cert = await x509.X509CertificateGenerator.create({
      subject: [{ '2.5.4.5': ['DEV0001'] }],
      issuer: new x509.X509Certificate(ca.certPem).subjectName,
      publicKey: pub,
      signingKey: caKey,
      signingAlgorithm: { name: 'ECDSA', hash: 'SHA-256' },
      notBefore: new Date('2020-01-01T00:00:00Z'),
      notAfter: new Date('2030-01-01T00:00:00Z'),
    });
    const signature = await pemSigner(pem)(data);
    const r = await verifyAttestation(
      { ...i, signature, certificate: `${cert.toString('pem')}\n${ca.certPem}` },
      trusted,
      NOW,
    );
    expect(r).toEqual({ ok: false, reason: 'device certificate key is not ECDSA P-256' });
  });

  it('rejects certificates outside their validity at the given time', async () => {
    const r = await verifyAttestation(await input(), trusted, new Date('2100-06-01T00:00:00Z'));
    expect(r.ok ? '' : r.reason).toContain('expired or not yet valid');
  });

  it('rejects a certificate without a serialNumber attribute', async () => {
    const i = await input();
    const noSerial = await mintDeviceIdentity(ca, {
      attestedDeviceId: 'DEV0001',
      manufacturer: 'Acme',
      certificateSerialNumber: null,
    });
    const signature = await pemSigner(noSerial.private_key_pem)(data);
    const r = await verifyAttestation(
      { ...i, signature, certificate: noSerial.certificate_chain_pem },
      trusted,
      NOW,
    );
    expect(r).toEqual({ ok: false, reason: 'device certificate has no subject serialNumber attribute' });
  });
});
