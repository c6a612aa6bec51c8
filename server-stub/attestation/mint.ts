// The factory: mints a device attestation identity (ECDSA P-256 key + certificate whose subject
// serialNumber attribute, OID 2.5.4.5, is the attested device ID) signed by a manufacturer CA.

import type { ManufacturerCa } from './ca.ts';
import {
  cryptoImpl,
  DEFAULT_NOT_AFTER,
  DEFAULT_NOT_BEFORE,
  EC_P256,
  ECDSA_SHA256,
  importSigningKey,
  privateKeyToPem,
  randomSerial,
  subtle,
} from './pem.ts';
import * as x509 from './x509.ts';

/** OID of the X.520 serialNumber attribute. */
export const SERIAL_NUMBER_OID = '2.5.4.5';

/** What `POST /v1/test/factory/devices` answers. */
export interface DeviceIdentity {
  /** PKCS#8 PEM of the device's ECDSA P-256 private key. */
  private_key_pem: string;
  /** PEM chain: the device certificate, then the manufacturer CA. */
  certificate_chain_pem: string;
}

export interface MintRequest {
  attestedDeviceId: string;
  manufacturer: string;
  /** Overrides the subject serialNumber (tests: a certificate for another device); null leaves it out. */
  certificateSerialNumber?: string | null;
  notBefore?: Date;
  notAfter?: Date;
}

export async function mintDeviceIdentity(ca: ManufacturerCa, req: MintRequest): Promise<DeviceIdentity> {
  const caCert = new x509.X509Certificate(ca.certPem);
  const caKey = await importSigningKey(ca.privateKeyPem);
  const keys = await subtle.generateKey(EC_P256, true, ['sign', 'verify']);
  const cert = await x509.X509CertificateGenerator.create(
    {
      serialNumber: randomSerial(),
      subject: [
        ...(req.certificateSerialNumber === null
          ? []
          : [{ [SERIAL_NUMBER_OID]: [req.certificateSerialNumber ?? req.attestedDeviceId] }]),
        { CN: [`${req.manufacturer} device attestation`] },
        { O: [req.manufacturer] },
      ],
      issuer: caCert.subjectName,
      notBefore: req.notBefore ?? DEFAULT_NOT_BEFORE,
      notAfter: req.notAfter ?? DEFAULT_NOT_AFTER,
      publicKey: keys.publicKey,
      signingKey: caKey,
      signingAlgorithm: ECDSA_SHA256,
      extensions: [
        new x509.BasicConstraintsExtension(false, undefined, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
        await x509.SubjectKeyIdentifierExtension.create(keys.publicKey, false, cryptoImpl),
        await x509.AuthorityKeyIdentifierExtension.create(caCert, false, cryptoImpl),
      ],
    },
    cryptoImpl,
  );
  const pkcs8 = await subtle.exportKey('pkcs8', keys.privateKey);
  return {
    private_key_pem: privateKeyToPem(pkcs8),
    certificate_chain_pem: `${cert.toString('pem')}\n${caCert.toString('pem')}\n`,
  };
}
