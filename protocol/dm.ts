// Wire types of the device-management (DM) protocol shared by the agent and the server stub.
// JSON bodies with the proto's snake_case names, mirroring Chromium's device_management_backend.proto.
// See DESIGN §5. No runtime dependencies.

import type { DmStatus } from './status.ts';

export const DM_PATH = '/device_management';

export type DmRequestType =
  | 'device_initial_enrollment_state'
  | 'certificate_based_register'
  | 'register'
  | 'token_based_register'
  | 'policy'
  | 'unregister';

export const DM_REQUEST_TYPES: readonly DmRequestType[] = [
  'device_initial_enrollment_state',
  'certificate_based_register',
  'register',
  'token_based_register',
  'policy',
  'unregister',
];

/** `deviceid` query parameter and attested IDs: 1–64 printable ASCII characters without space. */
export const DEVICE_ID_PATTERN = /^[\x21-\x7E]{1,64}$/;

/** DeviceInitialEnrollmentStateResponse.InitialEnrollmentMode */
export const InitialEnrollmentMode = {
  NONE: 0,
  ENROLLMENT_ENFORCED: 1,
  ZERO_TOUCH_ENFORCED: 2,
  DISABLED: 3,
} as const;
export type InitialEnrollmentMode = (typeof InitialEnrollmentMode)[keyof typeof InitialEnrollmentMode];

/** DeviceRegisterRequest.Flavor values we use. */
export const RegisterFlavor = {
  ATTESTATION_INITIAL_SERVER_FORCED: 14,
  ATTESTATION_INITIAL_MANUAL_FALLBACK: 15,
} as const;

/** DeviceRegisterRequest.Type: DEVICE = 2. */
export const REGISTER_TYPE_DEVICE = 2;
/** CertificateBasedDeviceRegistrationData.CertificateType: ENTERPRISE_ENROLLMENT_CERTIFICATE = 1. */
export const CERTIFICATE_TYPE_ENTERPRISE_ENROLLMENT = 1;

export interface DeviceInitialEnrollmentStateRequest {
  /** Hardware serial number of the device. */
  serial_number: string;
  /** The catalog's listed model name, exactly as in the seed table without footnote markers. */
  brand_code?: string;
  model: string;
  /** The certified device ID (§4), when derivable. */
  attested_device_id?: string;
}

export interface DeviceInitialEnrollmentStateResponse {
  initial_enrollment_mode: InitialEnrollmentMode;
  management_domain?: string;
  is_license_packaged_with_device?: boolean;
  license_packaging_sku?: string;
  assigned_upgrade_type?: string;
  org_unit_path?: string;
}

export interface DeviceRegisterIdentification {
  attested_device_id: string;
}

export interface DeviceRegisterRequest {
  type: typeof REGISTER_TYPE_DEVICE;
  machine_id: string;
  machine_model: string;
  flavor: number;
  device_register_identification: DeviceRegisterIdentification;
  manufacture_date?: string;
  ethernet_mac_address?: string;
  reregister?: boolean;
  /**
   * Optional: the domain the device expects to join (the `management_domain` of its
   * device_initial_enrollment_state answer, or the domain it is locked to). When present and the
   * device record belongs to another domain, the server answers 406 DM_STATUS_SERVICE_DOMAIN_MISMATCH.
   */
  management_domain?: string;
}

/** What `signed_request.data` decodes to (base64 of this JSON). */
export interface CertificateBasedRegistrationData {
  certificate_type: typeof CERTIFICATE_TYPE_ENTERPRISE_ENROLLMENT;
  /** PEM chain: device certificate, then manufacturer CA. */
  device_certificate: string;
  device_register_request: DeviceRegisterRequest;
  /** Single-use random value, base64 or hex. */
  nonce: string;
}

export interface SignedData {
  /** base64 of the JSON-encoded CertificateBasedRegistrationData. */
  data: string;
  /** base64 of the DER ECDSA P-256 / SHA-256 signature over the data bytes. */
  signature: string;
}

export interface CertificateBasedRegisterRequest {
  signed_request: SignedData;
}

export interface DeviceRegisterResponse {
  device_management_token: string;
  machine_name?: string;
  enrollment_type?: 'ENTERPRISE' | 'ENTERPRISE_MANUAL' | 'ENTERPRISE_TOKEN';
  management_domain: string;
  org_unit_path: string;
  license_consumed: boolean;
  bundled_license: boolean;
}

export interface PolicyFetchResponse {
  policy_type: string;
  management_domain: string;
  org_unit_path: string;
  /** Opaque policy settings for the device. */
  policy_value: Record<string, unknown>;
  timestamp: number;
}

export interface DeviceManagementRequest {
  device_initial_enrollment_state_request?: DeviceInitialEnrollmentStateRequest;
  certificate_based_register_request?: CertificateBasedRegisterRequest;
  register_request?: DeviceRegisterRequest;
  token_based_register_request?: DeviceRegisterRequest;
  policy_request?: { policy_type?: string };
  unregister_request?: Record<string, never>;
}

export interface DeviceManagementResponse {
  device_initial_enrollment_state_response?: DeviceInitialEnrollmentStateResponse;
  register_response?: DeviceRegisterResponse;
  policy_response?: PolicyFetchResponse;
  unregister_response?: Record<string, never>;
}

/** Body of every DM error answer. */
export interface DmErrorBody {
  error_message: string;
  dm_status: DmStatus;
}

/** Body key carrying a request of each type, and the key of its answer. */
export const DM_REQUEST_BODY_KEY: Record<DmRequestType, keyof DeviceManagementRequest> = {
  device_initial_enrollment_state: 'device_initial_enrollment_state_request',
  certificate_based_register: 'certificate_based_register_request',
  register: 'register_request',
  token_based_register: 'token_based_register_request',
  policy: 'policy_request',
  unregister: 'unregister_request',
};

export const DM_RESPONSE_BODY_KEY: Record<DmRequestType, keyof DeviceManagementResponse> = {
  device_initial_enrollment_state: 'device_initial_enrollment_state_response',
  certificate_based_register: 'register_response',
  register: 'register_response',
  token_based_register: 'register_response',
  policy: 'policy_response',
  unregister: 'unregister_response',
};
