export {
  AttestationError,
  isAttestationError,
  isAttestationUnavailable,
} from '../../hal/backends/attestation-file/errors.ts';
export type { CertificateBasedRegisterInput } from './build-request.ts';
export { buildCertificateBasedRegisterRequest, registrationData } from './build-request.ts';
