// The attestation-file key store with a good tree: available, serves the chain, signs in DER.

import { createPublicKey, verify, X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AttestationFileKeyStore } from '../../../hal/backends/attestation-file/index.ts';
import { makeDevicePki, writeAttestationTree } from './helpers/pki.ts';

describe('attestation-file key store, good tree', async () => {
  const pki = await makeDevicePki('5CD1234XYZ');
  const root = await writeAttestationTree({ key: pki.keyPem, chain: pki.chainPem });
  const store = new AttestationFileKeyStore({ root });

  it('is named attestation-file and available', async () => {
    expect(store.name).toBe('attestation-file');
    expect(await store.availability()).toEqual({ available: true });
  });

  it('serves the chain: device certificate first, then the manufacturer CA', async () => {
    const chain = await store.certificateChainPem();
    const blocks = chain.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g) ?? [];
    expect(blocks).toHaveLength(2);
    const [device, ca] = blocks.map((b) => new X509Certificate(b));
    expect(device?.serialNumber).toBe(new X509Certificate(pki.device.toString('pem')).serialNumber);
    expect(ca?.subject).toContain('Test Manufacturer CA');
  });

  it('signs with the device key: a DER ECDSA/SHA-256 signature over exactly the data', async () => {
    const data = new TextEncoder().encode('registration bytes');
    const signature = await store.sign(data);
    expect(signature[0]).toBe(0x30); // DER SEQUENCE, not a 64-byte IEEE P1363 r||s
    expect(signature.length).toBeGreaterThan(64);
    const publicKey = createPublicKey(pki.device.toString('pem'));
    expect(verify('sha256', data, { key: publicKey, dsaEncoding: 'der' }, signature)).toBe(true);
    expect(
      verify(
        'sha256',
        new TextEncoder().encode('other bytes'),
        { key: publicKey, dsaEncoding: 'der' },
        signature,
      ),
    ).toBe(false);
  });

  it('verifies with webcrypto once converted to P1363', async () => {
    const data = new Uint8Array([1, 2, 3, 4, 5]);
    const der = await store.sign(data);
    const p1363 = derToP1363(der);
    const ok = await crypto.subtle.verify(
      { name: 'ECDSA', hash: 'SHA-256' },
      pki.deviceKeys.publicKey,
      p1363,
      data,
    );
    expect(ok).toBe(true);
  });
});

/** SEQUENCE { INTEGER r, INTEGER s } → r||s, 32 bytes each (short-form lengths suffice for P-256). */
function derToP1363(der: Uint8Array): Uint8Array {
  const out = new Uint8Array(64);
  let i = 2; // 0x30, length
  for (const half of [0, 1]) {
    expect(der[i]).toBe(0x02);
    const len = der[i + 1] ?? 0;
    let int = der.subarray(i + 2, i + 2 + len);
    while (int.length > 32 && int[0] === 0) int = int.subarray(1);
    out.set(int, half * 32 + (32 - int.length));
    i += 2 + len;
  }
  return out;
}
