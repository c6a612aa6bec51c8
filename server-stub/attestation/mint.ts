// The factory: mints a device attestation identity (ECDSA P-256 key + certificate whose subject
// serialNumber attribute, OID 2.5.4.5, is the attested device ID) signed by a manufacturer CA.
//
// Fleets mint one identity per simulated device, so this is on their hot path. The certificate is
// built with the ASN.1 schema classes of @peculiar/asn1-x509 (what @peculiar/x509 builds on), keys and
// signatures come from node:crypto (OpenSSL), and everything that depends only on the CA (its parsed
// name, its imported key, the extensions shared by every device) is prepared once per CA. The
// high-level X509CertificateGenerator re-parses what it has just serialized several times over, which
// made minting about five times slower.

import {
  createHash,
  createPrivateKey,
  generateKeyPairSync,
  type KeyObject,
  randomBytes,
  sign,
} from 'node:crypto';
import { ecdsaWithSHA256 } from '@peculiar/asn1-ecc';
import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import {
  Name as AsnName,
  AttributeTypeAndValue,
  AttributeValue,
  Certificate,
  Extension,
  Extensions,
  id_ce_subjectKeyIdentifier,
  RelativeDistinguishedName,
  SubjectKeyIdentifier,
  SubjectPublicKeyInfo,
  TBSCertificate,
  Validity,
  Version,
} from '@peculiar/asn1-x509';
import type { ManufacturerCa } from './ca.ts';
import { cryptoImpl, DEFAULT_NOT_AFTER, DEFAULT_NOT_BEFORE, privateKeyToPem } from './pem.ts';
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

/** What every certificate a CA issues shares: prepared once per CA. */
interface IssuerContext {
  issuerName: AsnName;
  signingKey: KeyObject;
  /** Basic constraints (not a CA, critical), key usage (digitalSignature, critical), authority key ID. */
  sharedExtensions: { basicConstraints: Extension; keyUsage: Extension; authorityKeyId: Extension };
  caPem: string;
}

/** Keyed by the CA's PEMs; a fleet has a handful of manufacturers, tests a few more. */
const issuers = new Map<string, Promise<IssuerContext>>();
const MAX_CACHED_ISSUERS = 64;

function asnExtension(extension: x509.Extension): Extension {
  return AsnConvert.parse(extension.rawData, Extension);
}

async function prepareIssuer(ca: ManufacturerCa): Promise<IssuerContext> {
  const caCert = new x509.X509Certificate(ca.certPem);
  const authorityKeyId = await x509.AuthorityKeyIdentifierExtension.create(caCert, false, cryptoImpl);
  return {
    issuerName: AsnConvert.parse(caCert.subjectName.toArrayBuffer(), AsnName),
    signingKey: createPrivateKey({ key: ca.privateKeyPem, format: 'pem' }),
    sharedExtensions: {
      basicConstraints: asnExtension(new x509.BasicConstraintsExtension(false, undefined, true)),
      keyUsage: asnExtension(new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true)),
      authorityKeyId: asnExtension(authorityKeyId),
    },
    caPem: caCert.toString('pem'),
  };
}

function issuerFor(ca: ManufacturerCa): Promise<IssuerContext> {
  // Certificate and key together: a test may pair a known CA certificate with another key.
  const key = `${ca.certPem}\n${ca.privateKeyPem}`;
  let context = issuers.get(key);
  if (context === undefined) {
    if (issuers.size >= MAX_CACHED_ISSUERS) issuers.clear();
    context = prepareIssuer(ca);
    // A CA that cannot be prepared is not cached: the next mint reports the same error again.
    context.catch(() => issuers.delete(key));
    issuers.set(key, context);
  }
  return context;
}

const COMMON_NAME_OID = '2.5.4.3';
const ORGANIZATION_OID = '2.5.4.10';

/**
 * One single-valued RDN holding `value` verbatim: PrintableString when its characters allow, else
 * UTF8String (the choice x509.Name makes, without its DN-string unquoting and unescaping, which would
 * turn a device ID such as `#12` or `"A"` into something else).
 */
function rdn(type: string, value: string): RelativeDistinguishedName {
  const text = x509.Name.isPrintableString(value) ? { printableString: value } : { utf8String: value };
  return new RelativeDistinguishedName([
    new AttributeTypeAndValue({ type, value: new AttributeValue(text) }),
  ]);
}

/** A positive 16-byte certificate serial number whose DER INTEGER encoding is minimal. */
function randomSerialNumber(): ArrayBuffer {
  const bytes = randomBytes(16);
  bytes[0] = ((bytes[0] ?? 0) & 0x7f) | 0x01;
  return new Uint8Array(bytes).buffer;
}

/** RFC 5280 §4.2.1.2 method (1): SHA-1 of the subjectPublicKey BIT STRING's value. */
function subjectKeyIdExtension(spki: SubjectPublicKeyInfo): Extension {
  const keyId = createHash('sha1').update(new Uint8Array(spki.subjectPublicKey)).digest();
  return new Extension({
    extnID: id_ce_subjectKeyIdentifier,
    critical: false,
    extnValue: new OctetString(AsnConvert.serialize(new SubjectKeyIdentifier(new Uint8Array(keyId)))),
  });
}

export async function mintDeviceIdentity(ca: ManufacturerCa, req: MintRequest): Promise<DeviceIdentity> {
  const issuer = await issuerFor(ca);
  const keys = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const spki = AsnConvert.parse(keys.publicKey.export({ type: 'spki', format: 'der' }), SubjectPublicKeyInfo);
  const subject = new AsnName([
    ...(req.certificateSerialNumber === null
      ? []
      : [rdn(SERIAL_NUMBER_OID, req.certificateSerialNumber ?? req.attestedDeviceId)]),
    rdn(COMMON_NAME_OID, `${req.manufacturer} device attestation`),
    rdn(ORGANIZATION_OID, req.manufacturer),
  ]);
  const { basicConstraints, keyUsage, authorityKeyId } = issuer.sharedExtensions;
  const tbsCertificate = new TBSCertificate({
    version: Version.v3,
    serialNumber: randomSerialNumber(),
    signature: ecdsaWithSHA256,
    issuer: issuer.issuerName,
    validity: new Validity({
      notBefore: req.notBefore ?? DEFAULT_NOT_BEFORE,
      notAfter: req.notAfter ?? DEFAULT_NOT_AFTER,
    }),
    subject,
    subjectPublicKeyInfo: spki,
    extensions: new Extensions([basicConstraints, keyUsage, subjectKeyIdExtension(spki), authorityKeyId]),
  });
  // X.509 carries ECDSA signatures as the DER Ecdsa-Sig-Value, which is what OpenSSL produces.
  const signature = sign('sha256', new Uint8Array(AsnConvert.serialize(tbsCertificate)), issuer.signingKey);
  const certificate = new Certificate({
    tbsCertificate,
    signatureAlgorithm: ecdsaWithSHA256,
    signatureValue: new Uint8Array(signature).buffer,
  });
  return {
    private_key_pem: privateKeyToPem(keys.privateKey.export({ type: 'pkcs8', format: 'der' })),
    certificate_chain_pem: `${x509.PemConverter.encode(AsnConvert.serialize(certificate), 'CERTIFICATE')}\n${issuer.caPem}\n`,
  };
}
