// `attestation-file`: the attestation identity as files, the way the simulator's TPM stand-in
// writes them: ROOT/var/lib/tpm-sim/attestation-key.pem (PKCS#8 EC P-256 private key) and
// ROOT/var/lib/tpm-sim/attestation-chain.pem (device certificate, then the manufacturer CA).
// Certificates are parsed with node:crypto's X509Certificate (OpenSSL).

import { sign as cryptoSign } from 'node:crypto';
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

/** Reads the files on every call, so a key provisioned after start-up is picked up. */
export class AttestationFileKeyStore implements AttestationKeyStore {
  readonly name = 'attestation-file';
  readonly keyPath: string;
  readonly chainPath: string;

  constructor(options: AttestationFileOptions) {
    this.keyPath = join(options.root, ATTESTATION_KEY_PATH);
    this.chainPath = join(options.root, ATTESTATION_CHAIN_PATH);
  }

  private async load(): Promise<KeyMaterial> {
    try {
      return await loadKeyMaterial(this.keyPath, this.chainPath);
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
