// `attestation-file`: the attestation identity as files, the way the simulator's TPM stand-in
// writes them: ROOT/var/lib/tpm-sim/attestation-key.pem (PKCS#8 EC P-256 private key) and
// ROOT/var/lib/tpm-sim/attestation-chain.pem (device certificate, then the manufacturer CA).
// Certificates are parsed with node:crypto's X509Certificate (OpenSSL).

import { sign as cryptoSign } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { AttestationKeyStore, Availability } from '../../interface.ts';
import { AttestationError, isAttestationError } from './errors.ts';
import { type KeyMaterial, loadKeyMaterial } from './material.ts';

export {
  AttestationError,
  type AttestationErrorCode,
  isAttestationError,
  isAttestationUnavailable,
} from './errors.ts';
export { MAX_PEM_FILE_BYTES } from './material.ts';

export const ATTESTATION_KEY_PATH = 'var/lib/tpm-sim/attestation-key.pem';
export const ATTESTATION_CHAIN_PATH = 'var/lib/tpm-sim/attestation-chain.pem';

export interface AttestationFileOptions {
  /** Stands for `/` (DESIGN §3): the device's root, or a simulated device tree. */
  root: string;
}

/**
 * What identifies one version of a file: a rewrite in place changes its times, a replacement by
 * rename its inode. Null when the file cannot be stat'ed (the load then says why).
 */
async function fileStamp(path: string): Promise<string | null> {
  try {
    const s = await stat(path, { bigint: true });
    return `${s.dev}:${s.ino}:${s.size}:${s.mtimeNs}:${s.ctimeNs}`;
  } catch {
    return null;
  }
}

/**
 * Looks at the files on every call, so a key provisioned (or replaced) after start-up is picked up.
 * Parsing is kept while both files are unchanged: a registration asks for availability, the chain
 * and a signature in turn, and parsing a PKCS#8 key costs OpenSSL about a millisecond.
 */
export class AttestationFileKeyStore implements AttestationKeyStore {
  readonly name = 'attestation-file';
  readonly keyPath: string;
  readonly chainPath: string;
  private cached: { stamp: string; material: KeyMaterial } | null = null;

  constructor(options: AttestationFileOptions) {
    this.keyPath = join(options.root, ATTESTATION_KEY_PATH);
    this.chainPath = join(options.root, ATTESTATION_CHAIN_PATH);
  }

  private async load(): Promise<KeyMaterial> {
    // Stamped before reading: a file changed meanwhile gets a new stamp, so the next call reloads.
    const [keyStamp, chainStamp] = await Promise.all([fileStamp(this.keyPath), fileStamp(this.chainPath)]);
    const stamp = keyStamp === null || chainStamp === null ? null : `${keyStamp}|${chainStamp}`;
    if (stamp !== null && this.cached?.stamp === stamp) return this.cached.material;
    this.cached = null;
    try {
      const material = await loadKeyMaterial(this.keyPath, this.chainPath);
      if (stamp !== null) this.cached = { stamp, material };
      return material;
    } catch (error) {
      if (isAttestationError(error)) throw error;
      const why = error instanceof Error ? error.message : String(error);
      throw new AttestationError(`the attestation files cannot be used (${why})`, { cause: error });
    }
  }

  async availability(): Promise<Availability> {
    try {
      await this.load();
      return { available: true };
    } catch (error) {
      return { available: false, reason: isAttestationError(error) ? error.reason : String(error) };
    }
  }

  async certificateChainPem(): Promise<string> {
    return (await this.load()).chainPem;
  }

  async sign(data: Uint8Array): Promise<Uint8Array> {
    const { privateKey } = await this.load();
    try {
      return new Uint8Array(cryptoSign('sha256', data, { key: privateKey, dsaEncoding: 'der' }));
    } catch (error) {
      throw new AttestationError('signing with the attestation key failed', { cause: error });
    }
  }
}

export function createAttestationFileKeyStore(options: AttestationFileOptions): AttestationFileKeyStore {
  return new AttestationFileKeyStore(options);
}
