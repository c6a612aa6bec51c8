// Decoding of certificate_based_register's `signed_request`: base64 data holding the JSON
// registration data, and a base64 DER signature. Any malformation is a 400 naming the field; whether
// the signature and certificates are any good is the attestation check's business (403).

import {
  CERTIFICATE_TYPE_ENTERPRISE_ENROLLMENT,
  type CertificateBasedRegistrationData,
  DEVICE_ID_PATTERN,
  type DeviceRegisterRequest,
  REGISTER_TYPE_DEVICE,
  type SignedData,
} from '../../protocol/dm.ts';
import { DmError } from '../http/errors.ts';

const BASE = 'body.certificate_based_register_request.signed_request';
const DATA = `${BASE}.data`;
const BASE64 = /^(?:[A-Za-z0-9+/_-]{4})*(?:[A-Za-z0-9+/_-]{2}(?:==)?|[A-Za-z0-9+/_-]{3}=?)?$/;
const NONCE = /^[\x21-\x7E]{8,256}$/;

export interface DecodedRegistration {
  /** The signed bytes. */
  bytes: Buffer;
  signature: Buffer;
  data: CertificateBasedRegistrationData;
}

const invalid = (field: string, problem: string): DmError => new DmError(400, `${field} ${problem}`);

function base64(value: string, field: string): Buffer {
  if (!BASE64.test(value)) throw invalid(field, 'must be base64');
  return Buffer.from(value, value.includes('-') || value.includes('_') ? 'base64url' : 'base64');
}

type Obj = Record<string, unknown>;

function object(v: unknown, field: string, allowed: readonly string[], required: readonly string[]): Obj {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw invalid(field, 'must be an object');
  const o = v as Obj;
  for (const k of Object.keys(o)) if (!allowed.includes(k)) throw invalid(`${field}.${k}`, 'is not allowed');
  for (const k of required) if (o[k] === undefined) throw invalid(`${field}.${k}`, 'is required');
  return o;
}

function string(v: unknown, field: string, min: number, max: number, re?: RegExp): string {
  if (typeof v !== 'string') throw invalid(field, 'must be a string');
  if (v.length < min || v.length > max) throw invalid(field, `must have ${min} to ${max} characters`);
  if (re !== undefined && !re.test(v)) throw invalid(field, `must match ${re.source}`);
  return v;
}

function registerRequest(v: unknown): DeviceRegisterRequest {
  const f = `${DATA}.device_register_request`;
  const o = object(
    v,
    f,
    [
      'type',
      'machine_id',
      'machine_model',
      'flavor',
      'device_register_identification',
      'manufacture_date',
      'ethernet_mac_address',
      'reregister',
      'management_domain',
    ],
    ['type', 'machine_id', 'machine_model', 'flavor', 'device_register_identification'],
  );
  if (o.type !== REGISTER_TYPE_DEVICE) throw invalid(`${f}.type`, `must be ${REGISTER_TYPE_DEVICE} (DEVICE)`);
  if (typeof o.flavor !== 'number' || !Number.isInteger(o.flavor))
    throw invalid(`${f}.flavor`, 'must be an integer');
  const ident = object(
    o.device_register_identification,
    `${f}.device_register_identification`,
    ['attested_device_id'],
    ['attested_device_id'],
  );
  const req: DeviceRegisterRequest = {
    type: REGISTER_TYPE_DEVICE,
    machine_id: string(o.machine_id, `${f}.machine_id`, 0, 128),
    machine_model: string(o.machine_model, `${f}.machine_model`, 1, 256),
    flavor: o.flavor,
    device_register_identification: {
      attested_device_id: string(
        ident.attested_device_id,
        `${f}.device_register_identification.attested_device_id`,
        1,
        64,
        DEVICE_ID_PATTERN,
      ),
    },
  };
  if (o.manufacture_date !== undefined) {
    req.manufacture_date = string(o.manufacture_date, `${f}.manufacture_date`, 10, 10, /^\d{4}-\d{2}-\d{2}$/);
  }
  if (o.ethernet_mac_address !== undefined) {
    req.ethernet_mac_address = string(o.ethernet_mac_address, `${f}.ethernet_mac_address`, 1, 32);
  }
  if (o.reregister !== undefined) {
    if (typeof o.reregister !== 'boolean') throw invalid(`${f}.reregister`, 'must be a boolean');
    req.reregister = o.reregister;
  }
  if (o.management_domain !== undefined) {
    req.management_domain = string(o.management_domain, `${f}.management_domain`, 1, 253);
  }
  return req;
}

export function decodeSignedRequest(signed: SignedData): DecodedRegistration {
  const bytes = base64(signed.data, DATA);
  const signature = base64(signed.signature, `${BASE}.signature`);
  if (signature.length === 0) throw invalid(`${BASE}.signature`, 'is empty');
  let parsed: unknown;
  try {
    parsed = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw invalid(DATA, 'must be base64 of a JSON object');
  }
  const o = object(
    parsed,
    DATA,
    ['certificate_type', 'device_certificate', 'device_register_request', 'nonce'],
    ['certificate_type', 'device_certificate', 'device_register_request', 'nonce'],
  );
  if (o.certificate_type !== CERTIFICATE_TYPE_ENTERPRISE_ENROLLMENT) {
    throw invalid(
      `${DATA}.certificate_type`,
      `must be ${CERTIFICATE_TYPE_ENTERPRISE_ENROLLMENT} (ENTERPRISE_ENROLLMENT_CERTIFICATE)`,
    );
  }
  const data: CertificateBasedRegistrationData = {
    certificate_type: CERTIFICATE_TYPE_ENTERPRISE_ENROLLMENT,
    device_certificate: string(o.device_certificate, `${DATA}.device_certificate`, 1, 16 * 1024),
    device_register_request: registerRequest(o.device_register_request),
    nonce: string(o.nonce, `${DATA}.nonce`, 8, 256, NONCE),
  };
  return { bytes, signature, data };
}
