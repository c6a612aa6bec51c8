// The server half of certificate_based_register: checks that the signed bytes come from the device
// whose certified ID they claim, with a key certified by a manufacturer CA the stub trusts.
// Pure: the caller supplies the trusted CAs and "now", and burns the nonce itself.

import { createPublicKey, verify as verifySignature } from 'node:crypto';
import { SERIAL_NUMBER_OID } from './mint.ts';
import { cryptoImpl, splitPemChain } from './pem.ts';
import * as x509 from './x509.ts';

export type AttestationResult = { ok: true } | { ok: false; reason: string };

export interface AttestationInput {
  /** The exact bytes that were signed (the decoded `signed_request.data`). */
  data: Uint8Array;
  /** DER ECDSA signature. */
  signature: Uint8Array;
  /** PEM chain: device certificate first, then its issuers. */
  chainPem: string;
  attestedDeviceId: string;
}

const fail = (reason: string): AttestationResult => ({ ok: false, reason });

function parseChain(pem: string): x509.X509Certificate[] | null {
  const blocks = splitPemChain(pem);
  if (blocks.length === 0 || blocks.length > 4) return null;
  try {
    return blocks.map((b) => new x509.X509Certificate(b));
  } catch {
    return null;
  }
}

function isCa(cert: x509.X509Certificate): boolean {
  return cert.getExtension(x509.BasicConstraintsExtension)?.ca === true;
}

async function issuedBy(child: x509.X509Certificate, issuer: x509.X509Certificate): Promise<boolean> {
  if (child.issuer !== issuer.subject || !isCa(issuer)) return false;
  try {
    return await child.verify({ publicKey: issuer, signatureOnly: true }, cryptoImpl);
  } catch {
    return false;
  }
}

function signatureValid(
  cert: x509.X509Certificate,
  data: Uint8Array,
  signature: Uint8Array,
): boolean | string {
  try {
    const key = createPublicKey({ key: Buffer.from(cert.publicKey.rawData), format: 'der', type: 'spki' });
    if (key.asymmetricKeyType !== 'ec' || key.asymmetricKeyDetails?.namedCurve !== 'prime256v1') {
      return 'device certificate key is not ECDSA P-256';
    }
    return verifySignature('sha256', data, { key, dsaEncoding: 'der' }, signature);
  } catch {
    return false;
  }
}

function validAt(cert: x509.X509Certificate, now: Date): boolean {
  return cert.notBefore.getTime() <= now.getTime() && now.getTime() <= cert.notAfter.getTime();
}

export async function verifyAttestation(
  input: AttestationInput,
  trusted: readonly x509.X509Certificate[],
  now: Date,
): Promise<AttestationResult> {
  try {
    return await verify(input, trusted, now);
  } catch {
    // A certificate that parses but whose extensions or names do not: still the device's fault.
    return fail('device_certificate could not be processed');
  }
}

async function verify(
  input: AttestationInput,
  trusted: readonly x509.X509Certificate[],
  now: Date,
): Promise<AttestationResult> {
  const chain = parseChain(input.chainPem);
  const leaf = chain?.[0];
  if (chain === null || leaf === undefined) return fail('device_certificate is not a PEM certificate chain');

  const sig = signatureValid(leaf, input.data, input.signature);
  if (typeof sig === 'string') return fail(sig);
  if (!sig) return fail('signature does not verify with the device certificate key');

  const serials = leaf.subjectName.getField(SERIAL_NUMBER_OID);
  if (serials.length === 0) return fail('device certificate has no subject serialNumber attribute');
  if (!serials.includes(input.attestedDeviceId)) {
    return fail(
      `device certificate serialNumber ${JSON.stringify(serials[0])} is not the attested_device_id`,
    );
  }

  for (let i = 0; i + 1 < chain.length; i++) {
    const child = chain[i];
    const issuer = chain[i + 1];
    if (child === undefined || issuer === undefined || !(await issuedBy(child, issuer))) {
      return fail(`certificate ${i} of the chain is not issued by certificate ${i + 1}`);
    }
  }

  const top = chain[chain.length - 1] ?? leaf;
  let anchor: x509.X509Certificate | undefined;
  for (const ca of trusted) {
    if (Buffer.from(ca.rawData).equals(Buffer.from(top.rawData)) || (await issuedBy(top, ca))) {
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
