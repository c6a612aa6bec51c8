// Attestation toolkit, importable in-process by tests and the simulator's factory.

export { type CaValidity, createManufacturerCa, type ManufacturerCa } from './ca.ts';
export { CaStore, caKeyFor, DEFAULT_CA_KEY } from './ca-store.ts';
export { type DeviceIdentity, type MintRequest, mintDeviceIdentity, SERIAL_NUMBER_OID } from './mint.ts';
export {
  certificateBasedRegisterBody,
  deviceCertificateDer,
  NONCE_BYTES,
  newNonce,
  pemSigner,
  type RegistrationFields,
  registrationData,
  type Signer,
  signData,
  signRegistration,
} from './request.ts';
export { type AttestationInput, type AttestationResult, verifyAttestation } from './verify.ts';
