// JSON schemas of the DM endpoint: the query string and the request body (one optional key per
// request type; the handler checks that the key of the requested type is the one present).

import { DM_REQUEST_TYPES } from '../../protocol/dm.ts';

export const DEVICE_ID_JSON_PATTERN = '^[\\x21-\\x7E]{1,64}$';

/** Largest DM request body (a certificate chain is ~1.5 KiB); beyond it 413 DM_STATUS_REQUEST_TOO_LARGE. */
export const DM_BODY_LIMIT = 64 * 1024;

export const dmQuerySchema = {
  type: 'object',
  required: ['request', 'devicetype', 'apptype', 'deviceid'],
  properties: {
    request: { type: 'string', enum: DM_REQUEST_TYPES },
    devicetype: { type: 'string', const: '2' },
    apptype: { type: 'string', const: 'Chrome' },
    deviceid: { type: 'string', pattern: DEVICE_ID_JSON_PATTERN },
  },
  // Chromium also sends e.g. `agent` and `platform`: tolerated, but only as short strings.
  additionalProperties: { type: 'string', maxLength: 256 },
  maxProperties: 16,
} as const;

const registerRequest = {
  type: 'object',
  additionalProperties: false,
  required: ['type', 'machine_id', 'machine_model', 'flavor'],
  properties: {
    type: { type: 'integer', const: 2 },
    machine_id: { type: 'string', maxLength: 128 },
    machine_model: { type: 'string', minLength: 1, maxLength: 256 },
    flavor: { type: 'integer', minimum: 0, maximum: 1000 },
    device_register_identification: {
      type: 'object',
      additionalProperties: false,
      required: ['attested_device_id'],
      properties: { attested_device_id: { type: 'string', pattern: DEVICE_ID_JSON_PATTERN } },
    },
    manufacture_date: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' },
    ethernet_mac_address: { type: 'string', maxLength: 32 },
    reregister: { type: 'boolean' },
    management_domain: { type: 'string', minLength: 1, maxLength: 253 },
  },
} as const;

export const dmBodySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    device_initial_enrollment_state_request: {
      type: 'object',
      additionalProperties: false,
      required: ['serial_number', 'model'],
      properties: {
        serial_number: { type: 'string', maxLength: 128 },
        model: { type: 'string', minLength: 1, maxLength: 256 },
        brand_code: { type: 'string', maxLength: 16 },
        attested_device_id: { type: 'string', pattern: DEVICE_ID_JSON_PATTERN },
      },
    },
    certificate_based_register_request: {
      type: 'object',
      additionalProperties: false,
      required: ['signed_request'],
      properties: {
        signed_request: {
          type: 'object',
          additionalProperties: false,
          required: ['data', 'signature'],
          properties: {
            data: { type: 'string', minLength: 1, maxLength: 48 * 1024 },
            signature: { type: 'string', minLength: 1, maxLength: 1024 },
          },
        },
      },
    },
    register_request: registerRequest,
    token_based_register_request: registerRequest,
    policy_request: {
      type: 'object',
      additionalProperties: false,
      properties: { policy_type: { type: 'string', minLength: 1, maxLength: 128 } },
    },
    unregister_request: { type: 'object', additionalProperties: false, properties: {} },
  },
} as const;

/** The inner JSON of `signed_request.data` (validated by hand in registration-data.ts). */
export const REGISTRATION_DATA_FIELDS = [
  'certificate_type',
  'device_certificate',
  'device_register_request',
  'nonce',
];
