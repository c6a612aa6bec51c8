// TLS certificates for the stub's HTTPS (issue 17): a CA and server certificates it issues for host
// names and IP addresses, ECDSA P-256 through @peculiar/x509 on Node's WebCrypto. Tests and chaos
// campaigns use the same functions to mint what a wrong server would present (another CA, the wrong
// host, expired, not yet valid) and `forgeCopy` for a man in the middle that copies a chain it has no
// key for.

import type { webcrypto } from 'node:crypto';
import { isIP } from 'node:net';
import {
  cryptoImpl,
  EC_P256,
  ECDSA_SHA256,
  privateKeyToPem,
  randomSerial,
  subtle,
} from '../attestation/pem.ts';
import * as x509 from '../attestation/x509.ts';

export interface TlsCa {
  name: string;
  certPem: string;
  /** PKCS#8 PEM. */
  keyPem: string;
}

export interface TlsServerCertificate {
  /** The server certificate alone. */
  certPem: string;
  /** PKCS#8 PEM of its key. */
  keyPem: string;
  /** The certificate then its CA: what the server presents. */
  chainPem: string;
}

export interface Validity {
  notBefore?: Date;
  notAfter?: Date;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** A CA valid ten years from yesterday unless told otherwise. */
export async function createTlsCa(name: string, validity: Validity = {}): Promise<TlsCa> {
  const keys = await subtle.generateKey(EC_P256, true, ['sign', 'verify']);
  const now = Date.now();
  const cert = await x509.X509CertificateGenerator.createSelfSigned(
    {
      serialNumber: randomSerial(),
      name: [{ CN: [name] }, { O: ['zte-stub TLS'] }],
      notBefore: validity.notBefore ?? new Date(now - DAY_MS),
      notAfter: validity.notAfter ?? new Date(now + 3650 * DAY_MS),
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
  return { name, certPem: cert.toString('pem'), keyPem: privateKeyToPem(pkcs8) };
}

async function importCaKey(ca: TlsCa): Promise<webcrypto.CryptoKey> {
  return subtle.importKey('pkcs8', x509.PemConverter.decodeFirst(ca.keyPem), EC_P256, false, ['sign']);
}

export interface ServerCertificateRequest extends Validity {
  /** DNS names and IP addresses, all put in subjectAltName; the first is the common name. */
  hosts: readonly string[];
}

/** A server certificate for `hosts`, valid 397 days from yesterday unless told otherwise. */
export async function issueServerCertificate(
  ca: TlsCa,
  request: ServerCertificateRequest,
): Promise<TlsServerCertificate> {
  const [first] = request.hosts;
  if (first === undefined) throw new RangeError('a server certificate needs at least one host');
  const keys = await subtle.generateKey(EC_P256, true, ['sign', 'verify']);
  const caCert = new x509.X509Certificate(ca.certPem);
  const now = Date.now();
  const cert = await x509.X509CertificateGenerator.create(
    {
      serialNumber: randomSerial(),
      subject: [{ CN: [first] }, { O: ['zte-stub TLS'] }],
      issuer: caCert.subject,
      notBefore: request.notBefore ?? new Date(now - DAY_MS),
      notAfter: request.notAfter ?? new Date(now + 397 * DAY_MS),
      publicKey: keys.publicKey,
      signingKey: await importCaKey(ca),
      signingAlgorithm: ECDSA_SHA256,
      extensions: [
        new x509.BasicConstraintsExtension(false, undefined, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
        new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth], false),
        new x509.SubjectAlternativeNameExtension(
          request.hosts.map((h) => ({ type: isIP(h) === 0 ? ('dns' as const) : ('ip' as const), value: h })),
          false,
        ),
        await x509.AuthorityKeyIdentifierExtension.create(caCert, false, cryptoImpl),
      ],
    },
    cryptoImpl,
  );
  const pkcs8 = await subtle.exportKey('pkcs8', keys.privateKey);
  const certPem = cert.toString('pem');
  return { certPem, keyPem: privateKeyToPem(pkcs8), chainPem: `${certPem}\n${ca.certPem}\n` };
}

/**
 * What a man in the middle can do with a server's chain it has no key for: re-sign a copy of the
 * leaf (same subject, issuer name, validity, extensions) with a key of its own, and send it with the
 * genuine CA certificate. A device checking signatures refuses it.
 */
export async function forgeCopy(chainPem: string): Promise<TlsServerCertificate> {
  const blocks = chainPem.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g) ?? [];
  const [leafPem, ...rest] = blocks;
  if (leafPem === undefined) throw new RangeError('no certificate to copy');
  const leaf = new x509.X509Certificate(leafPem);
  const keys = await subtle.generateKey(EC_P256, true, ['sign', 'verify']);
  const copy = await x509.X509CertificateGenerator.create(
    {
      serialNumber: leaf.serialNumber,
      subject: leaf.subject,
      issuer: leaf.issuer,
      notBefore: leaf.notBefore,
      notAfter: leaf.notAfter,
      publicKey: keys.publicKey,
      signingKey: keys.privateKey,
      signingAlgorithm: ECDSA_SHA256,
      extensions: leaf.extensions,
    },
    cryptoImpl,
  );
  const pkcs8 = await subtle.exportKey('pkcs8', keys.privateKey);
  const certPem = copy.toString('pem');
  return { certPem, keyPem: privateKeyToPem(pkcs8), chainPem: [certPem, ...rest].join('\n') };
}
