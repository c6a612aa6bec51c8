import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { ATTESTATION_CHAIN_PATH, ATTESTATION_KEY_PATH } from '../../hal/backends/attestation-file/index.ts';

/** Writes the simulated TPM's attestation key (PKCS#8) and chain under a device root. */
export async function writeAttestationMaterial(
  root: string,
  material: { privateKeyPem: string; certificateChainPem: string },
) {
  const keyPath = join(root, ATTESTATION_KEY_PATH);
  await mkdir(dirname(keyPath), { recursive: true, mode: 0o700 });
  await writeFile(keyPath, material.privateKeyPem, { mode: 0o600 });
  await writeFile(join(root, ATTESTATION_CHAIN_PATH), material.certificateChainPem, { mode: 0o644 });
}
