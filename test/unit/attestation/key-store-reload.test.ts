// The attestation-file key store keeps what it parsed only while both files stay the same: a key
// re-provisioned, replaced or removed after start-up is what the next call uses.

import { createPublicKey, verify } from 'node:crypto';
import { rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AttestationFileKeyStore } from '../../../hal/backends/attestation-file/index.ts';
import { CHAIN_FILE, type DevicePki, KEY_FILE, makeDevicePki, writeAttestationTree } from './helpers/pki.ts';

const data = new TextEncoder().encode('registration bytes');

function signedBy(pki: DevicePki, signature: Uint8Array): boolean {
  const key = createPublicKey(pki.device.toString('pem'));
  return verify('sha256', data, { key, dsaEncoding: 'der' }, signature);
}

describe('attestation-file key store, files changed after the first use', async () => {
  const first = await makeDevicePki('FIRST0001');
  const second = await makeDevicePki('SECOND001');

  it('signs with a key rewritten in place (same paths, a key file of the same size)', async () => {
    const root = await writeAttestationTree({ key: first.keyPem, chain: first.chainPem });
    const store = new AttestationFileKeyStore({ root });
    expect(signedBy(first, await store.sign(data))).toBe(true);
    await writeFile(join(root, KEY_FILE), second.keyPem);
    await writeFile(join(root, CHAIN_FILE), second.chainPem);
    const signature = await store.sign(data);
    expect(signedBy(second, signature)).toBe(true);
    expect(signedBy(first, signature)).toBe(false);
    expect(await store.certificateChainPem()).toBe(second.chainPem);
  });

  it('signs with a key replaced by rename, as an atomic re-provisioning does', async () => {
    const root = await writeAttestationTree({ key: first.keyPem, chain: first.chainPem });
    const store = new AttestationFileKeyStore({ root });
    expect(await store.availability()).toEqual({ available: true });
    for (const [file, content] of [
      [KEY_FILE, second.keyPem],
      [CHAIN_FILE, second.chainPem],
    ] as const) {
      await writeFile(join(root, `${file}.new`), content);
      await rename(join(root, `${file}.new`), join(root, file));
    }
    expect(signedBy(second, await store.sign(data))).toBe(true);
  });

  it('reports a key removed after a successful load as unavailable', async () => {
    const root = await writeAttestationTree({ key: first.keyPem, chain: first.chainPem });
    const store = new AttestationFileKeyStore({ root });
    expect(await store.availability()).toEqual({ available: true });
    await rm(join(root, KEY_FILE));
    const after = await store.availability();
    expect(after.available).toBe(false);
    await expect(store.sign(data)).rejects.toMatchObject({ code: 'attestation-unavailable' });
  });
});
