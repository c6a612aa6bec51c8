// Decoding of certificate_based_register's SignedData, in Chromium's format: `data` is a serialized
// CertificateBasedDeviceRegistrationData (always protobuf bytes, whatever the outer encoding)
// followed by a nonce of `extra_data_bytes` bytes; `signature` is over all of `data`. Any malformation
// is a 400 naming the field; whether the signature and certificate are any good is the attestation
// check's business (403).

import { DmCodecError, decodeDm } from '../../protocol/codec.ts';
import {
  type CertificateBasedDeviceRegisterRequest,
  type CertificateBasedDeviceRegistrationData,
  CertificateBasedDeviceRegistrationDataSchema,
  CertificateBasedDeviceRegistrationData_CertificateType as CertificateType,
  DEVICE_ID_PATTERN,
  type DeviceRegisterRequest,
  DeviceRegisterRequest_Flavor as Flavor,
  DeviceRegisterRequest_Type as RegisterType,
} from '../../protocol/dm.ts';
import { DmError } from '../http/errors.ts';

const BASE = 'certificate_based_register_request.signed_request';
const DATA = `${BASE}.data`;
const REQ = `${DATA}.device_register_request`;

/** Nonce bounds: Chromium appends a fresh random nonce; without one a replay cannot be told apart. */
export const MIN_NONCE_BYTES = 8;
export const MAX_NONCE_BYTES = 256;
const MAX_SIGNATURE_BYTES = 1024;
const MAX_CERTIFICATE_BYTES = 16 * 1024;

/**
 * The flavors a certificate-based registration may carry: the attestation ones that are not a manual
 * fallback (those go through `register` with the admin's token).
 */
export const ATTESTATION_FLAVORS: ReadonlySet<Flavor> = new Set([
  Flavor.ENROLLMENT_ATTESTATION,
  Flavor.ENROLLMENT_ATTESTATION_LOCAL_FORCED,
  Flavor.ENROLLMENT_ATTESTATION_SERVER_FORCED,
  Flavor.ENROLLMENT_ATTESTATION_INITIAL_SERVER_FORCED,
  Flavor.ENROLLMENT_ATTESTATION_ROLLBACK_FORCED,
]);

export interface DecodedRegistration {
  /** All the signed bytes (registration data + nonce). */
  data: Uint8Array;
  signature: Uint8Array;
  nonce: Uint8Array;
  /** device_certificate: one DER certificate (or PEM text). */
  certificate: Uint8Array;
  request: DeviceRegisterRequest;
  attestedDeviceId: string;
}

const invalid = (field: string, problem: string): DmError => new DmError(400, `${field} ${problem}`);

export function decodeSignedRequest(body: CertificateBasedDeviceRegisterRequest): DecodedRegistration {
  const signed = body.signedRequest;
  if (signed === undefined) throw invalid(BASE, 'is required');
  const { data, signature, extraDataBytes: extra } = signed;
  if (signature.length === 0 || signature.length > MAX_SIGNATURE_BYTES) {
    throw invalid(`${BASE}.signature`, `must hold 1 to ${MAX_SIGNATURE_BYTES} bytes`);
  }
  if (extra < MIN_NONCE_BYTES || extra > MAX_NONCE_BYTES) {
    throw invalid(
      `${BASE}.extra_data_bytes`,
      `must be ${MIN_NONCE_BYTES} to ${MAX_NONCE_BYTES} (the nonce appended to data)`,
    );
  }
  if (data.length <= extra)
    throw invalid(DATA, 'must hold the registration data followed by extra_data_bytes bytes of nonce');
  const payload = data.subarray(0, data.length - extra);
  const nonce = data.subarray(data.length - extra);
  let registration: CertificateBasedDeviceRegistrationData;
  try {
    registration = decodeDm(CertificateBasedDeviceRegistrationDataSchema, payload, 'proto');
  } catch (e) {
    if (e instanceof DmCodecError) {
      throw invalid(
        DATA,
        `does not start with a serialized CertificateBasedDeviceRegistrationData (${e.message})`,
      );
    }
    throw e;
  }
  if (registration.certificateType !== CertificateType.ENTERPRISE_ENROLLMENT_CERTIFICATE) {
    throw invalid(`${DATA}.certificate_type`, 'must be ENTERPRISE_ENROLLMENT_CERTIFICATE (1)');
  }
  const certificate = registration.deviceCertificate;
  if (certificate.length === 0 || certificate.length > MAX_CERTIFICATE_BYTES) {
    throw invalid(
      `${DATA}.device_certificate`,
      `must hold 1 to ${MAX_CERTIFICATE_BYTES} bytes (one DER certificate)`,
    );
  }
  const request = registration.deviceRegisterRequest;
  if (request === undefined) throw invalid(REQ, 'is required');
  if (request.type !== RegisterType.DEVICE) throw invalid(`${REQ}.type`, 'must be DEVICE (2)');
  if (!ATTESTATION_FLAVORS.has(request.flavor)) {
    throw invalid(
      `${REQ}.flavor`,
      `must be an attestation flavor (${[...ATTESTATION_FLAVORS].join(', ')}), e.g. ${Flavor.ENROLLMENT_ATTESTATION_INITIAL_SERVER_FORCED} (FLAVOR_ENROLLMENT_ATTESTATION_INITIAL_SERVER_FORCED)`,
    );
  }
  const attested = request.deviceRegisterIdentification?.attestedDeviceId;
  if (attested === undefined || attested === '') {
    throw invalid(`${REQ}.device_register_identification.attested_device_id`, 'is required');
  }
  if (!DEVICE_ID_PATTERN.test(attested)) {
    throw invalid(
      `${REQ}.device_register_identification.attested_device_id`,
      'must be 1 to 64 printable ASCII characters without space',
    );
  }
  return { data, signature, nonce, certificate, request, attestedDeviceId: attested };
}
