// The attestation key store's one failure: the device cannot attest. The manual path stays open.

export type AttestationErrorCode = 'attestation-unavailable';

export class AttestationError extends Error {
  override readonly name = 'AttestationError';
  readonly code: AttestationErrorCode = 'attestation-unavailable';
  /** Plain words for diagnostics, e.g. "attestation key /var/lib/tpm-sim/attestation-key.pem is missing". */
  readonly reason: string;

  constructor(reason: string, options?: { cause?: unknown }) {
    super(`attestation unavailable: ${reason}`, options);
    this.reason = reason;
  }
}

export function isAttestationError(error: unknown): error is AttestationError {
  return error instanceof AttestationError;
}

/** True for any thrown value whose `code` is `attestation-unavailable` (any key store's error). */
export function isAttestationUnavailable(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    (error as { code?: unknown }).code === ('attestation-unavailable' satisfies AttestationErrorCode)
  );
}
