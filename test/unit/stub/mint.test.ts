// The factory's device certificates, read back by OpenSSL (node:crypto), not by the ASN.1 library that
// wrote them: a well-formed X.509 v3 end-entity certificate signed by the manufacturer CA.

import { createHash, createPrivateKey, createPublicKey, X509Certificate } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createManufacturerCa, type ManufacturerCa } from '../../../server-stub/attestation/ca.ts';
import { mintDeviceIdentity } from '../../../server-stub/attestation/mint.ts';
import { splitPemChain } from '../../../server-stub/attestation/pem.ts';
import * as x509 from '../../../server-stub/attestation/x509.ts';

let ca: ManufacturerCa;
beforeAll(async () => {
  ca = await createManufacturerCa('Mint Test CA');
});

async function mint(extra: Partial<Parameters<typeof mintDeviceIdentity>[1]> = {}) {
  const id = await mintDeviceIdentity(ca, { attestedDeviceId: 'ADID-0001', manufacturer: 'Acme', ...extra });
  const [devicePem, caPem, ...rest] = splitPemChain(id.certificate_chain_pem);
  if (devicePem === undefined || caPem === undefined) throw new Error('chain is not device + CA');
  return { id, device: new X509Certificate(devicePem), issuer: new X509Certificate(caPem), rest };
}

describe('mintDeviceIdentity', () => {
  it('issues a certificate OpenSSL verifies against the CA, followed by that CA', async () => {
    const { device, issuer, rest } = await mint();
    expect(rest).toEqual([]);
    expect(issuer.raw.equals(new X509Certificate(ca.certPem).raw)).toBe(true);
    expect(device.checkIssued(issuer)).toBe(true);
    expect(device.verify(issuer.publicKey)).toBe(true);
    expect(device.ca).toBe(false);
    expect(device.issuer).toBe(issuer.subject);
  });

  it('names the attested device ID in the subject serialNumber, then CN and O', async () => {
    const { device } = await mint();
    expect(device.subject.split('\n')).toEqual([
      'serialNumber=ADID-0001',
      'CN=Acme device attestation',
      'O=Acme',
    ]);
    const other = await mint({ certificateSerialNumber: 'SOMEONE-ELSE' });
    expect(other.device.subject).toContain('serialNumber=SOMEONE-ELSE');
    const none = await mint({ certificateSerialNumber: null });
    expect(none.device.subject).not.toContain('serialNumber=');
  });

  it('pairs the certificate with the PKCS#8 P-256 private key it hands out', async () => {
    const { id, device } = await mint();
    expect(id.private_key_pem).toMatch(
      /^-----BEGIN PRIVATE KEY-----\n[\s\S]+\n-----END PRIVATE KEY-----\n?$/,
    );
    const key = createPrivateKey(id.private_key_pem);
    expect(key.asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
    expect(createPublicKey(key).equals(device.publicKey)).toBe(true);
  });

  it('gives every device its own key and a positive serial number', async () => {
    const a = await mint();
    const b = await mint();
    expect(a.device.publicKey.equals(b.device.publicKey)).toBe(false);
    expect(a.device.serialNumber).not.toBe(b.device.serialNumber);
    // node prints the serial as hex; a DER INTEGER whose first byte has its top bit set would be negative.
    expect(Number.parseInt(a.device.serialNumber.slice(0, 2), 16)).toBeLessThan(0x80);
  });

  it('carries critical end-entity constraints and the RFC 5280 key identifiers', async () => {
    const { device, issuer } = await mint();
    const cert = new x509.X509Certificate(device.raw);
    const constraints = cert.getExtension(x509.BasicConstraintsExtension);
    expect(constraints?.ca).toBe(false);
    expect(constraints?.critical).toBe(true);
    const usage = cert.getExtension(x509.KeyUsagesExtension);
    expect(usage?.usages).toBe(x509.KeyUsageFlags.digitalSignature);
    expect(usage?.critical).toBe(true);
    // Method (1): SHA-1 of the subjectPublicKey, the last 65 bytes (uncompressed point) of a P-256 SPKI.
    const keyId = (c: X509Certificate) => {
      const spki = c.publicKey.export({ type: 'spki', format: 'der' });
      return createHash('sha1')
        .update(spki.subarray(spki.length - 65))
        .digest('hex');
    };
    expect(cert.getExtension(x509.SubjectKeyIdentifierExtension)?.keyId).toBe(keyId(device));
    expect(cert.getExtension(x509.AuthorityKeyIdentifierExtension)?.keyId).toBe(keyId(issuer));
  });

  it('honours the requested validity period', async () => {
    const notBefore = new Date('2024-01-01T00:00:00Z');
    const notAfter = new Date('2025-01-01T00:00:00Z');
    const { device } = await mint({ notBefore, notAfter });
    expect(new Date(device.validFrom).toISOString()).toBe(notBefore.toISOString());
    expect(new Date(device.validTo).toISOString()).toBe(notAfter.toISOString());
  });
});
