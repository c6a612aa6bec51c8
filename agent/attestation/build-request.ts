// The signed registration of `certificate_based_register` (DESIGN §5 "Registration"), Chromium's
// SignedData format: `data` = the serialized CertificateBasedDeviceRegistrationData followed by a
// fresh nonce of `extra_data_bytes` bytes, `signature` = the key store's signature (DER ECDSA
// P-256/SHA-256) over all of `data`, nonce included.

import { randomBytes } from 'node:crypto';
import { create, type MessageInitShape, toBinary } from '@bufbuild/protobuf';
import { AttestationError, isAttestationUnavailable } from '../../hal/backends/attestation-file/errors.ts';
import type { AttestationKeyStore } from '../../hal/interface.ts';
import {
  CertificateBasedDeviceRegistrationData_CertificateType,
  CertificateBasedDeviceRegistrationDataSchema,
  DEVICE_ID_PATTERN,
  DeviceRegisterRequest_Flavor,
  DeviceRegisterRequest_Type,
  type DeviceRegisterRequestSchema,
  type SignedData,
  SignedDataSchema,
} from '../../protocol/dm.ts';
import { compactMac } from '../identity/facts.ts';

/** Bytes of the registration nonce appended to the data. */
export const NONCE_BYTES = 32;

export interface CertificateBasedRegisterInput {
  keyStore: AttestationKeyStore;
  /** The certified device ID (DESIGN §4); must equal the device certificate's subject serialNumber. */
  attestedDeviceId: string;
  /** The serial number. */
  machineId: string;
  /** The catalog's listed model name. */
  machineModel: string;
  /** The RLZ brand code. */
  brandCode?: string | null;
  /** `YYYY-MM-DD`. */
  manufactureDate?: string | null;
  /** Any MAC notation; sent as 12 upper-case hex digits without separators, as the proto says. */
  ethernetMac?: string | null;
  /** The domain the state answer named: `expected_enrollment_domain` (the server says 406 if not). */
  expectedDomain?: string | null;
  /** A retry of an interrupted registration: must not consume a second licence. Sent only when true. */
  reregister: boolean;
  /** Default FLAVOR_ENROLLMENT_ATTESTATION_INITIAL_SERVER_FORCED (14). */
  flavor?: DeviceRegisterRequest_Flavor;
  /** Single-use bytes appended to the data; default NONCE_BYTES fresh random bytes. */
  nonce?: Uint8Array;
}

export type RegisterRequestInit = MessageInitShape<typeof DeviceRegisterRequestSchema>;

function nonEmpty(value: string, what: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw new AttestationError(`${what} is empty`);
  return value;
}

/** The DeviceRegisterRequest of a device registration (also the manual fallback's, flavor 15). */
export function deviceRegisterRequest(fields: {
  machineId: string;
  machineModel: string;
  attestedDeviceId?: string | null;
  brandCode?: string | null;
  manufactureDate?: string | null;
  ethernetMac?: string | null;
  expectedDomain?: string | null;
  reregister: boolean;
  flavor: DeviceRegisterRequest_Flavor;
}): RegisterRequestInit {
  const request: RegisterRequestInit = {
    type: DeviceRegisterRequest_Type.DEVICE,
    machineId: fields.machineId,
    machineModel: fields.machineModel,
    flavor: fields.flavor,
  };
  if (fields.brandCode) request.brandCode = fields.brandCode;
  const mac = fields.ethernetMac ? compactMac(fields.ethernetMac) : null;
  if (mac !== null) request.ethernetMacAddress = mac;
  if (fields.manufactureDate) request.manufactureDate = fields.manufactureDate;
  if (fields.expectedDomain) request.expectedEnrollmentDomain = fields.expectedDomain;
  if (fields.attestedDeviceId)
    request.deviceRegisterIdentification = { attestedDeviceId: fields.attestedDeviceId };
  if (fields.reregister) request.reregister = true;
  return request;
}

/** The first certificate of a PEM chain, as DER. */
export function firstCertificateDer(chainPem: string): Uint8Array {
  const match = /-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/.exec(chainPem);
  if (match === null) throw new AttestationError('the certificate chain holds no PEM certificate');
  const der = Buffer.from((match[1] ?? '').replace(/\s+/g, ''), 'base64');
  if (der.length === 0) throw new AttestationError('the device certificate is empty');
  return new Uint8Array(der);
}

/** The serialized CertificateBasedDeviceRegistrationData (without the nonce). */
export function registrationData(
  input: CertificateBasedRegisterInput,
  deviceCertificate: Uint8Array,
): Uint8Array {
  const data = create(CertificateBasedDeviceRegistrationDataSchema, {
    certificateType: CertificateBasedDeviceRegistrationData_CertificateType.ENTERPRISE_ENROLLMENT_CERTIFICATE,
    deviceCertificate,
    deviceRegisterRequest: deviceRegisterRequest({
      machineId: nonEmpty(input.machineId, 'machine ID'),
      machineModel: nonEmpty(input.machineModel, 'machine model'),
      attestedDeviceId: input.attestedDeviceId,
      brandCode: input.brandCode ?? null,
      manufactureDate: input.manufactureDate ?? null,
      ethernetMac: input.ethernetMac ?? null,
      expectedDomain: input.expectedDomain ?? null,
      reregister: input.reregister,
      flavor: input.flavor ?? DeviceRegisterRequest_Flavor.ENROLLMENT_ATTESTATION_INITIAL_SERVER_FORCED,
    }),
  });
  return toBinary(CertificateBasedDeviceRegistrationDataSchema, data);
}

/**
 * Builds the SignedData of `certificate_based_register`. Every failure (bad input, key store
 * unavailable or failing) is an error whose `code` is `attestation-unavailable`.
 */
export async function buildCertificateBasedRegisterRequest(
  input: CertificateBasedRegisterInput,
): Promise<SignedData> {
  if (!DEVICE_ID_PATTERN.test(input.attestedDeviceId)) {
    throw new AttestationError('the attested device ID is not 1–64 printable ASCII characters');
  }
  const nonce = input.nonce ?? new Uint8Array(randomBytes(NONCE_BYTES));
  if (nonce.length === 0) throw new AttestationError('the nonce is empty');
  try {
    const certificate = firstCertificateDer(await input.keyStore.certificateChainPem());
    const serialized = registrationData(input, certificate);
    const data = new Uint8Array(serialized.length + nonce.length);
    data.set(serialized, 0);
    data.set(nonce, serialized.length);
    const signature = await input.keyStore.sign(data);
    if (signature.length === 0)
      throw new AttestationError(`key store ${input.keyStore.name} returned an empty signature`);
    return create(SignedDataSchema, { data, signature, extraDataBytes: nonce.length });
  } catch (error) {
    if (isAttestationUnavailable(error)) throw error;
    const why = error instanceof Error ? error.message : String(error);
    throw new AttestationError(`key store ${input.keyStore.name} failed: ${why}`, { cause: error });
  }
}
