// The device-management (DM) protocol as Chromium speaks it (DESIGN §5): the endpoint, its query
// parameters, the request types and which field of DeviceManagementRequest / DeviceManagementResponse
// each one uses. The messages themselves are generated from protocol/proto/ into protocol/gen/.

import type { DeviceManagementRequest, DeviceManagementResponse } from './gen/device_management_pb.ts';

export * from './gen/chrome_device_policy_pb.ts';
export * from './gen/device_management_pb.ts';

export const DM_PATH = '/device_management';

/** The `request` query parameter values we serve / send (Chromium's dm_protocol names). */
export const DM_REQUEST_TYPES = [
  'enterprise_check',
  'device_state_retrieval',
  'device_initial_enrollment_state',
  'certificate_based_register',
  'register',
  'token_based_register',
  'policy',
  'unregister',
] as const;
export type DmRequestType = (typeof DM_REQUEST_TYPES)[number];

export function isDmRequestType(value: unknown): value is DmRequestType {
  return typeof value === 'string' && (DM_REQUEST_TYPES as readonly string[]).includes(value);
}

/** Query parameter names (Chromium's dm_protocol::kParam*). */
export const DM_PARAM = {
  request: 'request',
  deviceType: 'devicetype',
  appType: 'apptype',
  deviceId: 'deviceid',
  agent: 'agent',
  platform: 'platform',
  retry: 'retry',
  lastError: 'lasterror',
  oauthToken: 'oauth_token',
} as const;

/** `devicetype=2` is ChromeOS, `apptype=Chrome`. */
export const DEVICE_TYPE_CHROME_OS = '2';
export const APP_TYPE_CHROME = 'Chrome';

/** `deviceid` and attested IDs: 1–64 printable ASCII characters without space. */
export const DEVICE_ID_PATTERN = /^[\x21-\x7E]{1,64}$/;
/** Chromium: `agent` is at most 64 characters. */
export const AGENT_MAX_LENGTH = 64;

/** Authorization header schemes, with the parameter name each carries. */
export const AUTH_SCHEME = {
  dmToken: { scheme: 'GoogleDMToken', param: 'token' },
  enrollmentToken: { scheme: 'GoogleEnrollmentToken', param: 'token' },
} as const;

export const CHROME_DEVICE_POLICY_TYPE = 'google/chromeos/device';

type RequestField = Exclude<keyof DeviceManagementRequest, '$typeName' | '$unknown'>;
type ResponseField = Exclude<keyof DeviceManagementResponse, '$typeName' | '$unknown' | 'errorMessage'>;

/** The field of DeviceManagementRequest that carries each request type (Chromium's table). */
export const DM_REQUEST_FIELD: Readonly<Record<DmRequestType, RequestField>> = {
  enterprise_check: 'autoEnrollmentRequest',
  device_state_retrieval: 'deviceStateRetrievalRequest',
  device_initial_enrollment_state: 'deviceInitialEnrollmentStateRequest',
  certificate_based_register: 'certificateBasedRegisterRequest',
  register: 'registerRequest',
  token_based_register: 'tokenBasedDeviceRegisterRequest',
  policy: 'policyRequest',
  unregister: 'unregisterRequest',
};

/** The field of DeviceManagementResponse that answers each request type. */
export const DM_RESPONSE_FIELD: Readonly<Record<DmRequestType, ResponseField>> = {
  enterprise_check: 'autoEnrollmentResponse',
  device_state_retrieval: 'deviceStateRetrievalResponse',
  device_initial_enrollment_state: 'deviceInitialEnrollmentStateResponse',
  certificate_based_register: 'registerResponse',
  register: 'registerResponse',
  token_based_register: 'tokenBasedDeviceRegisterResponse',
  policy: 'policyResponse',
  unregister: 'unregisterResponse',
};
