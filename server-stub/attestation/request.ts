// The device half of certificate_based_register: builds the registration data, signs its bytes
// (ECDSA P-256 / SHA-256, DER) and wraps it as the DM request body. Used by tests and the simulator;
// the agent builds the same bytes from protocol/dm.ts through its HAL key store.

import { randomBytes, sign } from 'node:crypto';
import {
  CERTIFICATE_TYPE_ENTERPRISE_ENROLLMENT,
  type CertificateBasedRegistrationData,
  type DeviceManagementRequest,
  type DeviceRegisterRequest,
  REGISTER_TYPE_DEVICE,
  RegisterFlavor,
  type SignedData,
} from '../../protocol/dm.ts';
import type { DeviceIdentity } from './mint.ts';

export interface RegistrationFields {
  attestedDeviceId: string;
  /** The device serial number (DeviceRegisterRequest.machine_id). */
  machineId: string;
  /** The catalog's listed model name. */
  machineModel: string;
  flavor?: number;
  manufactureDate?: string;
  ethernetMacAddress?: string;
  reregister?: boolean;
  managementDomain?: string;
  /** Defaults to 16 fresh random bytes, hex. */
  nonce?: string;
}

/** Signs bytes with a device key: returns a DER ECDSA signature. */
export type Signer = (data: Uint8Array) => Promise<Uint8Array> | Uint8Array;

export function newNonce(): string {
  return randomBytes(16).toString('hex');
}

export function pemSigner(privateKeyPem: string): Signer {
  return (data) => sign('sha256', data, { key: privateKeyPem, dsaEncoding: 'der' });
}

export function registrationData(chainPem: string, f: RegistrationFields): CertificateBasedRegistrationData {
  const req: DeviceRegisterRequest = {
    type: REGISTER_TYPE_DEVICE,
    machine_id: f.machineId,
    machine_model: f.machineModel,
    flavor: f.flavor ?? RegisterFlavor.ATTESTATION_INITIAL_SERVER_FORCED,
    device_register_identification: { attested_device_id: f.attestedDeviceId },
  };
  if (f.manufactureDate !== undefined) req.manufacture_date = f.manufactureDate;
  if (f.ethernetMacAddress !== undefined) req.ethernet_mac_address = f.ethernetMacAddress;
  if (f.reregister !== undefined) req.reregister = f.reregister;
  if (f.managementDomain !== undefined) req.management_domain = f.managementDomain;
  return {
    certificate_type: CERTIFICATE_TYPE_ENTERPRISE_ENROLLMENT,
    device_certificate: chainPem,
    device_register_request: req,
    nonce: f.nonce ?? newNonce(),
  };
}

/** Encodes any data object as the signed request: base64 of its JSON bytes, and their signature. */
export async function signData(data: unknown, signer: Signer): Promise<SignedData> {
  const bytes = Buffer.from(JSON.stringify(data), 'utf8');
  const signature = await signer(bytes);
  return { data: bytes.toString('base64'), signature: Buffer.from(signature).toString('base64') };
}

/** The complete `certificate_based_register` body for a device identity minted by the factory. */
export async function certificateBasedRegisterBody(
  identity: DeviceIdentity,
  fields: RegistrationFields,
): Promise<DeviceManagementRequest> {
  const data = registrationData(identity.certificate_chain_pem, fields);
  const signed = await signData(data, pemSigner(identity.private_key_pem));
  return { certificate_based_register_request: { signed_request: signed } };
}
