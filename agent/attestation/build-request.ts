// The signed registration of `certificate_based_register` (issue 3, item 2): base64 of the JSON
// registration data, and the key store's DER ECDSA P-256/SHA-256 signature over exactly those bytes.

import { randomBytes } from 'node:crypto';
import { AttestationError, isAttestationUnavailable } from '../../hal/backends/attestation-file/errors.ts';
import type { AttestationKeyStore } from '../../hal/interface.ts';
import type {
  CertificateBasedRegisterRequest,
  CertificateBasedRegistrationData,
  DeviceRegisterRequest,
} from '../../protocol/dm.ts';
import {
  CERTIFICATE_TYPE_ENTERPRISE_ENROLLMENT,
  DEVICE_ID_PATTERN,
  REGISTER_TYPE_DEVICE,
  RegisterFlavor,
} from '../../protocol/dm.ts';

export interface CertificateBasedRegisterInput {
  keyStore: AttestationKeyStore;
  /** The certified device ID (DESIGN §4); must equal the device certificate's subject serialNumber. */
  attestedDeviceId: string;
  machineId: string;
  /** The catalog's listed model name. */
  machineModel: string;
  /** `YYYY-MM-DD`. */
  manufactureDate?: string | null;
  /** Sent as given. */
  ethernetMac?: string | null;
  /** The domain the device expects to join (from its enrollment-state answer); the server says 406 if not. */
  managementDomain?: string | null;
  /** A retry of an interrupted registration: must not consume a second licence. Sent only when true. */
  reregister: boolean;
  /** Default 14, ATTESTATION_INITIAL_SERVER_FORCED. */
  flavor?: number;
  /** Single-use value; default 32 random bytes in base64. */
  nonce?: string;
}

function nonEmpty(value: string, what: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw new AttestationError(`${what} is empty`);
  return value;
}

/** The registration data as sent, before encoding (exported for tests and the simulator). */
export function registrationData(input: CertificateBasedRegisterInput, chainPem: string, nonce: string) {
  const request: DeviceRegisterRequest = {
    type: REGISTER_TYPE_DEVICE,
    machine_id: nonEmpty(input.machineId, 'machine ID'),
    machine_model: nonEmpty(input.machineModel, 'machine model'),
    flavor: input.flavor ?? RegisterFlavor.ATTESTATION_INITIAL_SERVER_FORCED,
    device_register_identification: { attested_device_id: input.attestedDeviceId },
  };
  if (input.manufactureDate) request.manufacture_date = input.manufactureDate;
  if (input.ethernetMac) request.ethernet_mac_address = input.ethernetMac;
  if (input.managementDomain) request.management_domain = input.managementDomain;
  if (input.reregister) request.reregister = true;
  const data: CertificateBasedRegistrationData = {
    certificate_type: CERTIFICATE_TYPE_ENTERPRISE_ENROLLMENT,
    device_certificate: chainPem,
    device_register_request: request,
    nonce,
  };
  return data;
}

/**
 * Builds `{signed_request: {data, signature}}`. Every failure (bad input, key store unavailable or
 * failing) is an error whose `code` is `attestation-unavailable`.
 */
export async function buildCertificateBasedRegisterRequest(
  input: CertificateBasedRegisterInput,
): Promise<CertificateBasedRegisterRequest> {
  if (!DEVICE_ID_PATTERN.test(input.attestedDeviceId)) {
    throw new AttestationError('the attested device ID is not 1–64 printable ASCII characters');
  }
  const nonce = input.nonce ?? randomBytes(32).toString('base64');
  try {
    const chainPem = await input.keyStore.certificateChainPem();
    const bytes = Buffer.from(JSON.stringify(registrationData(input, chainPem, nonce)), 'utf8');
    const signature = await input.keyStore.sign(new Uint8Array(bytes));
    if (signature.length === 0)
      throw new AttestationError(`key store ${input.keyStore.name} returned an empty signature`);
    return {
      signed_request: {
        data: bytes.toString('base64'),
        signature: Buffer.from(signature).toString('base64'),
      },
    };
  } catch (error) {
    if (isAttestationUnavailable(error)) throw error;
    const why = error instanceof Error ? error.message : String(error);
    throw new AttestationError(`key store ${input.keyStore.name} failed: ${why}`, { cause: error });
  }
}
