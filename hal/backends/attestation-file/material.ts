// Loading and checking the key files. Every problem becomes an AttestationError saying plainly why.

import { createPrivateKey, createPublicKey, type KeyObject, X509Certificate } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { AttestationError } from './errors.ts';

/** Larger than any key or two-certificate chain; a bigger file is not ours. */
export const MAX_PEM_FILE_BYTES = 64 * 1024;

export interface KeyMaterial {
  privateKey: KeyObject;
  /** Device certificate, then the manufacturer CA (and any further certificates), as PEM. */
  chainPem: string;
  deviceCertificate: X509Certificate;
}

function errnoOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : error instanceof Error ? error.message : String(error);
}

async function readPemFile(path: string, what: string): Promise<string> {
  let size: number;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new AttestationError(`${what} ${path} is not a regular file`);
    size = info.size;
  } catch (error) {
    if (error instanceof AttestationError) throw error;
    if (errnoOf(error) === 'ENOENT')
      throw new AttestationError(`${what} ${path} is missing`, { cause: error });
    throw new AttestationError(`${what} ${path} cannot be read (${errnoOf(error)})`, { cause: error });
  }
  if (size > MAX_PEM_FILE_BYTES) throw new AttestationError(`${what} ${path} is too large (${size} bytes)`);
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw new AttestationError(`${what} ${path} cannot be read (${errnoOf(error)})`, { cause: error });
  }
}

function parsePrivateKey(pem: string, path: string): KeyObject {
  if (pem.includes('-----BEGIN ENCRYPTED PRIVATE KEY-----')) {
    throw new AttestationError(`attestation key ${path} is encrypted; an unencrypted PKCS#8 key is expected`);
  }
  if (pem.includes('-----BEGIN EC PRIVATE KEY-----')) {
    throw new AttestationError(`attestation key ${path} is a SEC1 "EC PRIVATE KEY"; PKCS#8 is expected`);
  }
  if (!pem.includes('-----BEGIN PRIVATE KEY-----')) {
    throw new AttestationError(`attestation key ${path} is not a PKCS#8 PEM private key`);
  }
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: pem, format: 'pem' });
  } catch (error) {
    throw new AttestationError(`attestation key ${path} cannot be parsed`, { cause: error });
  }
  if (key.asymmetricKeyType !== 'ec') {
    throw new AttestationError(
      `attestation key ${path} is an ${key.asymmetricKeyType ?? 'unknown'} key, not EC P-256`,
    );
  }
  const curve = key.asymmetricKeyDetails?.namedCurve;
  if (curve !== 'prime256v1') {
    throw new AttestationError(`attestation key ${path} is on curve ${curve ?? 'unknown'}, not P-256`);
  }
  return key;
}

const CERTIFICATE_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g;

function parseChain(pem: string, path: string): { certificates: X509Certificate[]; blocks: string[] } {
  const blocks = pem.match(CERTIFICATE_BLOCK) ?? [];
  if (blocks.length === 0) throw new AttestationError(`certificate chain ${path} contains no certificate`);
  const certificates = blocks.map((block, i) => {
    try {
      return new X509Certificate(block);
    } catch (error) {
      throw new AttestationError(`certificate ${i + 1} of ${path} cannot be parsed`, { cause: error });
    }
  });
  return { certificates, blocks };
}

function sameEcPoint(a: KeyObject, b: KeyObject): boolean {
  const ja = a.export({ format: 'jwk' });
  const jb = b.export({ format: 'jwk' });
  return ja.crv === jb.crv && ja.x === jb.x && ja.y === jb.y;
}

export async function loadKeyMaterial(keyPath: string, chainPath: string): Promise<KeyMaterial> {
  const privateKey = parsePrivateKey(await readPemFile(keyPath, 'attestation key'), keyPath);
  const { certificates, blocks } = parseChain(await readPemFile(chainPath, 'certificate chain'), chainPath);
  const [device, issuer] = certificates;
  if (device === undefined)
    throw new AttestationError(`certificate chain ${chainPath} contains no certificate`);
  if (issuer === undefined) {
    throw new AttestationError(
      `certificate chain ${chainPath} holds only the device certificate; the manufacturer CA must follow it`,
    );
  }
  const devicePublic = device.publicKey;
  if (
    devicePublic.asymmetricKeyType !== 'ec' ||
    devicePublic.asymmetricKeyDetails?.namedCurve !== 'prime256v1'
  ) {
    throw new AttestationError(`the device certificate in ${chainPath} does not hold an EC P-256 key`);
  }
  if (!device.checkIssued(issuer) || !device.verify(issuer.publicKey)) {
    throw new AttestationError(
      `the device certificate in ${chainPath} is not signed by the manufacturer CA after it`,
    );
  }
  if (!sameEcPoint(createPublicKey(privateKey), devicePublic)) {
    throw new AttestationError(
      `attestation key ${keyPath} does not match the device certificate's public key`,
    );
  }
  return { privateKey, chainPem: `${blocks.join('\n')}\n`, deviceCertificate: device };
}
