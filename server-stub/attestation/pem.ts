// PEM helpers shared by the minting, signing and verifying halves of attestation.

import { webcrypto } from 'node:crypto';
import * as x509 from './x509.ts';

export const subtle = webcrypto.subtle;
export const cryptoImpl = webcrypto;
export const EC_P256 = { name: 'ECDSA', namedCurve: 'P-256' } as const;
export const ECDSA_SHA256 = { name: 'ECDSA', hash: 'SHA-256' } as const;

const CERT_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g;

/** The PEM certificate blocks of a chain, in order. */
export function splitPemChain(pem: string): string[] {
  return pem.match(CERT_BLOCK) ?? [];
}

export function privateKeyToPem(pkcs8: ArrayBuffer | Uint8Array): string {
  return x509.PemConverter.encode(pkcs8, 'PRIVATE KEY');
}

/** A random hex certificate serial number (positive, 16 bytes). */
export function randomSerial(): string {
  const bytes = webcrypto.getRandomValues(new Uint8Array(16));
  bytes[0] = (bytes[0] ?? 0) & 0x7f;
  return Buffer.from(bytes).toString('hex');
}

/** Certificates the stub mints are valid for decades, so a test clock moved years ahead or back still works. */
export const DEFAULT_NOT_BEFORE = new Date('2000-01-01T00:00:00Z');
export const DEFAULT_NOT_AFTER = new Date('2099-12-31T23:59:59Z');
