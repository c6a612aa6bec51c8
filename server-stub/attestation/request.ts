// The device half of certificate_based_register, in Chromium's format: the serialized
// CertificateBasedDeviceRegistrationData{certificate_type ENTERPRISE_ENROLLMENT_CERTIFICATE,
// device_certificate (one DER X.509), device_register_request} followed by a fresh nonce, signed as a
// whole (ECDSA P-256 / SHA-256, DER), wrapped in SignedData{data, signature, extra_data_bytes = nonce
// length}. Used by tests and the simulator; the agent builds the same bytes through its HAL key store.

import { randomBytes, sign, X509Certificate } from 'node:crypto';
import { create, toBinary } from '@bufbuild/protobuf';
import {
  type CertificateBasedDeviceRegistrationData,
  CertificateBasedDeviceRegistrationDataSchema,
  CertificateBasedDeviceRegistrationData_CertificateType as CertificateType,
  type DeviceManagementRequest,
  DeviceManagementRequestSchema,
  DeviceRegisterRequest_Flavor as Flavor,
  DeviceRegisterRequest_Type as RegisterType,
  type SignedData,
  SignedDataSchema,
} from '../../protocol/dm.ts';
import type { DeviceIdentity } from './mint.ts';
import { splitPemChain } from './pem.ts';

export interface RegistrationFields {
  attestedDeviceId: string;
  /** The device serial number (DeviceRegisterRequest.machine_id). */
  machineId: string;
  /** The model (DeviceRegisterRequest.machine_model); we send the catalog's listed name. */
  machineModel: string;
  /** RLZ brand code (DeviceRegisterRequest.brand_code); omitted when undefined. */
  brandCode?: string;
  flavor?: Flavor;
  manufactureDate?: string;
  ethernetMacAddress?: string;
  reregister?: boolean;
  /** DeviceRegisterRequest.expected_enrollment_domain (406 when it is not the device's). */
  expectedEnrollmentDomain?: string;
  /** Defaults to 16 fresh random bytes. */
  nonce?: Uint8Array;
  /** What goes in device_certificate: the DER device certificate (default, Chromium's) or the PEM chain. */
  certificateForm?: 'der' | 'pem-chain';
}

/** Signs bytes with a device key: returns a DER ECDSA signature. */
export type Signer = (data: Uint8Array) => Promise<Uint8Array> | Uint8Array;

export const NONCE_BYTES = 16;

export function newNonce(): Uint8Array {
  return new Uint8Array(randomBytes(NONCE_BYTES));
}

export function pemSigner(privateKeyPem: string): Signer {
  return (data) => sign('sha256', data, { key: privateKeyPem, dsaEncoding: 'der' });
}

/** The DER bytes of the first certificate of a PEM chain (the device certificate). */
export function deviceCertificateDer(chainPem: string): Uint8Array {
  const first = splitPemChain(chainPem)[0];
  if (first === undefined) throw new Error('the PEM chain holds no certificate');
  return new Uint8Array(new X509Certificate(first).raw);
}

export function registrationData(
  chainPem: string,
  f: RegistrationFields,
): CertificateBasedDeviceRegistrationData {
  const certificate =
    f.certificateForm === 'pem-chain' ? new TextEncoder().encode(chainPem) : deviceCertificateDer(chainPem);
  return create(CertificateBasedDeviceRegistrationDataSchema, {
    certificateType: CertificateType.ENTERPRISE_ENROLLMENT_CERTIFICATE,
    deviceCertificate: certificate,
    deviceRegisterRequest: {
      type: RegisterType.DEVICE,
      machineId: f.machineId,
      machineModel: f.machineModel,
      flavor: f.flavor ?? Flavor.ENROLLMENT_ATTESTATION_INITIAL_SERVER_FORCED,
      deviceRegisterIdentification: { attestedDeviceId: f.attestedDeviceId },
      ...(f.brandCode === undefined ? {} : { brandCode: f.brandCode }),
      ...(f.manufactureDate === undefined ? {} : { manufactureDate: f.manufactureDate }),
      ...(f.ethernetMacAddress === undefined ? {} : { ethernetMacAddress: f.ethernetMacAddress }),
      ...(f.reregister === undefined ? {} : { reregister: f.reregister }),
      ...(f.expectedEnrollmentDomain === undefined
        ? {}
        : { expectedEnrollmentDomain: f.expectedEnrollmentDomain }),
    },
  });
}

/** Signs `payload` followed by `nonce` as Chromium's SignedData. */
export async function signData(
  payload: Uint8Array,
  signer: Signer,
  nonce: Uint8Array = newNonce(),
): Promise<SignedData> {
  const data = new Uint8Array(payload.length + nonce.length);
  data.set(payload, 0);
  data.set(nonce, payload.length);
  const signature = await signer(data);
  return create(SignedDataSchema, {
    data,
    signature: new Uint8Array(signature),
    extraDataBytes: nonce.length,
  });
}

/** Serializes registration data and signs it with a fresh (or the given) nonce. */
export function signRegistration(
  data: CertificateBasedDeviceRegistrationData,
  signer: Signer,
  nonce?: Uint8Array,
): Promise<SignedData> {
  return signData(toBinary(CertificateBasedDeviceRegistrationDataSchema, data), signer, nonce);
}

/** The complete `certificate_based_register` DeviceManagementRequest for a minted device identity. */
export async function certificateBasedRegisterBody(
  identity: DeviceIdentity,
  fields: RegistrationFields,
): Promise<DeviceManagementRequest> {
  const data = registrationData(identity.certificate_chain_pem, fields);
  const signed = await signRegistration(data, pemSigner(identity.private_key_pem), fields.nonce);
  return create(DeviceManagementRequestSchema, {
    certificateBasedRegisterRequest: { signedRequest: signed },
  });
}
