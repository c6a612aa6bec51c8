export {
  AttestationError,
  isAttestationError,
  isAttestationUnavailable,
} from '../../hal/backends/attestation-file/errors.ts';
export type { CertificateBasedRegisterInput, RegisterRequestInit } from './build-request.ts';
export {
  buildCertificateBasedRegisterRequest,
  deviceRegisterRequest,
  firstCertificateDer,
  NONCE_BYTES,
  registrationData,
} from './build-request.ts';
