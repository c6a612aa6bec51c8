// A throwaway manufacturer CA and device certificate made with @peculiar/x509, and the attestation
// file tree (ROOT/var/lib/tpm-sim/…) the attestation-file key store reads.

import './reflect-shim.ts';
import type { webcrypto } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import * as x509 from '@peculiar/x509';
import { useTempRoots } from '../../../contract/temp-roots.ts';

export type Curve = 'P-256' | 'P-384';
type CryptoKey = webcrypto.CryptoKey;
type CryptoKeyPair = webcrypto.CryptoKeyPair;

const HASH: Record<Curve, string> = { 'P-256': 'SHA-256', 'P-384': 'SHA-384' };

function ecdsa(curve: Curve) {
  return { name: 'ECDSA', namedCurve: curve, hash: HASH[curve] };
}

export function generateKeys(curve: Curve = 'P-256'): Promise<CryptoKeyPair> {
  return crypto.subtle.generateKey(ecdsa(curve), true, ['sign', 'verify']) as Promise<CryptoKeyPair>;
}

export async function pkcs8Pem(key: CryptoKey): Promise<string> {
  return x509.PemConverter.encode(await crypto.subtle.exportKey('pkcs8', key), 'PRIVATE KEY');
}

const NOT_BEFORE = new Date('2020-01-01T00:00:00Z');
const NOT_AFTER = new Date('2045-01-01T00:00:00Z');

export async function makeCa(name = 'CN=Test Manufacturer CA, O=Test Maker'): Promise<{
  keys: CryptoKeyPair;
  cert: x509.X509Certificate;
}> {
  const keys = await generateKeys();
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: '01',
    name,
    keys,
    signingAlgorithm: ecdsa('P-256'),
    notBefore: NOT_BEFORE,
    notAfter: NOT_AFTER,
    extensions: [new x509.BasicConstraintsExtension(true, 0, true)],
  });
  return { keys, cert };
}

/** A device certificate whose subject serialNumber (2.5.4.5) is the attested device ID. */
export async function makeDeviceCert(
  ca: { keys: CryptoKeyPair; cert: x509.X509Certificate },
  attestedDeviceId: string,
  publicKey: CryptoKey,
): Promise<x509.X509Certificate> {
  return x509.X509CertificateGenerator.create({
    serialNumber: '1001',
    subject: new x509.Name([{ '2.5.4.3': ['Test Chromebook'] }, { '2.5.4.5': [attestedDeviceId] }]),
    issuer: ca.cert.subject,
    publicKey,
    signingKey: ca.keys.privateKey,
    signingAlgorithm: ecdsa('P-256'),
    notBefore: NOT_BEFORE,
    notAfter: NOT_AFTER,
  });
}

export interface DevicePki {
  ca: { keys: CryptoKeyPair; cert: x509.X509Certificate };
  deviceKeys: CryptoKeyPair;
  device: x509.X509Certificate;
  keyPem: string;
  chainPem: string;
}

export async function makeDevicePki(attestedDeviceId: string): Promise<DevicePki> {
  const ca = await makeCa();
  const deviceKeys = await generateKeys();
  const device = await makeDeviceCert(ca, attestedDeviceId, deviceKeys.publicKey);
  return {
    ca,
    deviceKeys,
    device,
    keyPem: await pkcs8Pem(deviceKeys.privateKey),
    chainPem: `${device.toString('pem')}\n${ca.cert.toString('pem')}\n`,
  };
}

export const KEY_FILE = 'var/lib/tpm-sim/attestation-key.pem';
export const CHAIN_FILE = 'var/lib/tpm-sim/attestation-chain.pem';

// Imported at the top of a test file, so every tree lives under one per-file base that an afterAll
// hook removes: no `zte-attest-*` directory outlives the file.
const roots = useTempRoots('zte-attest');

/** A fresh temporary ROOT holding the given files (absent ones are not written). */
export async function writeAttestationTree(files: {
  key?: string | Uint8Array;
  chain?: string | Uint8Array;
}) {
  const root = await roots.next();
  for (const [rel, content] of [
    [KEY_FILE, files.key],
    [CHAIN_FILE, files.chain],
  ] as const) {
    if (content === undefined) continue;
    const path = join(root, rel);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, content);
  }
  return root;
}

export function subjectSerialNumber(cert: x509.X509Certificate): string | undefined {
  return cert.subjectName.getField('2.5.4.5')[0];
}

export { x509 };
