// Manufacturer certificate authorities: a self-signed ECDSA P-256 CA certificate and its PKCS#8 key.
// The stub persists its own in the database (ca-store.ts); tests create extra ones to play an
// untrusted manufacturer.

import {
  cryptoImpl,
  DEFAULT_NOT_AFTER,
  DEFAULT_NOT_BEFORE,
  EC_P256,
  ECDSA_SHA256,
  privateKeyToPem,
  randomSerial,
  subtle,
} from './pem.ts';
import * as x509 from './x509.ts';

export interface ManufacturerCa {
  /** Common name of the CA certificate. */
  name: string;
  certPem: string;
  /** PKCS#8 PEM. */
  privateKeyPem: string;
}

export interface CaValidity {
  notBefore?: Date;
  notAfter?: Date;
}

export async function createManufacturerCa(name: string, validity: CaValidity = {}): Promise<ManufacturerCa> {
  const keys = await subtle.generateKey(EC_P256, true, ['sign', 'verify']);
  const cert = await x509.X509CertificateGenerator.createSelfSigned(
    {
      serialNumber: randomSerial(),
      name: [{ CN: [name] }, { O: ['zte-stub manufacturer attestation'] }],
      notBefore: validity.notBefore ?? DEFAULT_NOT_BEFORE,
      notAfter: validity.notAfter ?? DEFAULT_NOT_AFTER,
      keys,
      signingAlgorithm: ECDSA_SHA256,
      extensions: [
        new x509.BasicConstraintsExtension(true, 0, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
        await x509.SubjectKeyIdentifierExtension.create(keys.publicKey, false, cryptoImpl),
      ],
    },
    cryptoImpl,
  );
  const pkcs8 = await subtle.exportKey('pkcs8', keys.privateKey);
  return { name, certPem: cert.toString('pem'), privateKeyPem: privateKeyToPem(pkcs8) };
}
