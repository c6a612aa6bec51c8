// The server half of certificate_based_register: checks that the signed bytes come from the device
// whose certified ID they claim, with a key certified by a manufacturer CA the stub trusts.
// Pure: the caller supplies the trusted CAs and "now", and burns the nonce itself.

import { verify as verifySignature, X509Certificate } from 'node:crypto';
import { splitPemChain } from './pem.ts';

// Parsing and signature checks run in OpenSSL (node:crypto): a register request is on the hot path of
// every enrollment, and the pure-JS ASN.1 of @peculiar/x509 made it several times slower.

export type AttestationResult = { ok: true } | { ok: false; reason: string };

export interface AttestationInput {
  /** The exact bytes that were signed (all of `signed_request.data`, nonce included). */
  data: Uint8Array;
  /** DER ECDSA signature. */
  signature: Uint8Array;
  /**
   * The device certificate as Chromium sends it: one DER X.509 certificate. PEM text (bytes or a
   * string) is accepted too, as Chromium's proto comment allows; a PEM chain lists the device
   * certificate first, then its issuers (checked link by link).
   */
  certificate: Uint8Array | string;
  attestedDeviceId: string;
}

const fail = (reason: string): AttestationResult => ({ ok: false, reason });

const PEM_START = '-----BEGIN';

function parseChain(certificate: Uint8Array | string): X509Certificate[] | null {
  if (typeof certificate !== 'string') {
    const bytes = Buffer.from(certificate.buffer, certificate.byteOffset, certificate.byteLength);
    if (!bytes.subarray(0, 64).toString('latin1').includes(PEM_START)) {
      try {
        return [new X509Certificate(bytes)];
      } catch {
        return null;
      }
    }
    return parseChain(bytes.toString('latin1'));
  }
  const blocks = splitPemChain(certificate);
  if (blocks.length === 0 || blocks.length > 4) return null;
  try {
    return blocks.map((b) => new X509Certificate(b));
  } catch {
    return null;
  }
}

/**
 * Signed by `issuer`, a CA certificate whose subject (and key identifier, when both carry one) is the
 * child's issuer: OpenSSL's X509_check_issued, then the signature.
 */
function issuedBy(child: X509Certificate, issuer: X509Certificate): boolean {
  if (!issuer.ca || !child.checkIssued(issuer)) return false;
  try {
    return child.verify(issuer.publicKey);
  } catch {
    return false;
  }
}

function signatureValid(cert: X509Certificate, data: Uint8Array, signature: Uint8Array): boolean | string {
  try {
    const key = cert.publicKey;
    if (key.asymmetricKeyType !== 'ec' || key.asymmetricKeyDetails?.namedCurve !== 'prime256v1') {
      return 'device certificate key is not ECDSA P-256';
    }
    return verifySignature('sha256', data, { key, dsaEncoding: 'der' }, signature);
  } catch {
    return false;
  }
}

/**
 * The subject's serialNumber values, as written. The legacy object holds each attribute's decoded
 * value; the `subject` string escapes RFC 2253 specials and control characters instead.
 */
function subjectSerialNumbers(cert: X509Certificate): string[] {
  const subject: Record<string, string | string[] | undefined> = cert.toLegacyObject().subject;
  // OpenSSL names OID 2.5.4.5 by its short name.
  const value = subject.serialNumber;
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

function validAt(cert: X509Certificate, now: Date): boolean {
  const t = now.getTime();
  return Date.parse(cert.validFrom) <= t && t <= Date.parse(cert.validTo);
}

export async function verifyAttestation(
  input: AttestationInput,
  trusted: readonly X509Certificate[],
  now: Date,
): Promise<AttestationResult> {
  try {
    return verify(input, trusted, now);
  } catch {
    // A certificate that parses but whose extensions or names do not: still the device's fault.
    return fail('device_certificate could not be processed');
  }
}

function verify(input: AttestationInput, trusted: readonly X509Certificate[], now: Date): AttestationResult {
  const chain = parseChain(input.certificate);
  const leaf = chain?.[0];
  if (chain === null || leaf === undefined) {
    return fail(
      typeof input.certificate === 'string'
        ? 'device_certificate is not a PEM certificate chain'
        : 'device_certificate is not a DER certificate (nor a PEM certificate chain)',
    );
  }

  const sig = signatureValid(leaf, input.data, input.signature);
  if (typeof sig === 'string') return fail(sig);
  if (!sig) return fail('signature does not verify with the device certificate key');

  const serials = subjectSerialNumbers(leaf);
  if (serials.length === 0) return fail('device certificate has no subject serialNumber attribute');
  if (!serials.includes(input.attestedDeviceId)) {
    return fail(
      `device certificate serialNumber ${JSON.stringify(serials[0])} is not the attested_device_id`,
    );
  }

  for (let i = 0; i + 1 < chain.length; i++) {
    const child = chain[i];
    const issuer = chain[i + 1];
    if (child === undefined || issuer === undefined || !issuedBy(child, issuer)) {
      return fail(`certificate ${i} of the chain is not issued by certificate ${i + 1}`);
    }
  }

  const top = chain[chain.length - 1] ?? leaf;
  let anchor: X509Certificate | undefined;
  for (const ca of trusted) {
    if (ca.raw.equals(top.raw) || issuedBy(top, ca)) {
      anchor = ca;
      break;
    }
  }
  if (anchor === undefined)
    return fail('certificate chain does not end at a manufacturer CA the server trusts');

  for (const cert of [...chain, anchor]) {
    if (!validAt(cert, now))
      return fail(`certificate ${JSON.stringify(cert.subject)} is expired or not yet valid`);
  }
  return { ok: true };
}
