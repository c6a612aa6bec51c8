// Hand-written shape checks of every DM answer (protocol/dm.ts). Each returns a fresh object with
// only the known fields, so nothing unexpected from the server travels further into the agent.

import type {
  DeviceInitialEnrollmentStateResponse,
  DeviceRegisterResponse,
  DmRequestType,
  InitialEnrollmentMode,
  PolicyFetchResponse,
} from '../../protocol/dm.ts';
import { DM_RESPONSE_BODY_KEY } from '../../protocol/dm.ts';
import type { Decoded } from './json.ts';
import { isPlainObject, own } from './json.ts';

/** Longest string accepted in any field (domains, org unit paths, tokens). */
export const MAX_FIELD_LENGTH = 4096;

class ShapeError extends Error {}

function fail(path: string, expected: string): never {
  throw new ShapeError(`${path} is missing or not ${expected}`);
}

function str(obj: Record<string, unknown>, key: string, path: string, nonEmpty = false): string {
  const v = own(obj, key);
  if (typeof v !== 'string' || v.length > MAX_FIELD_LENGTH || (nonEmpty && v === '')) {
    fail(`${path}.${key}`, nonEmpty ? 'a non-empty string' : 'a string');
  }
  return v;
}

/** Optional fields: absent or null mean "not given". */
function optStr(obj: Record<string, unknown>, key: string, path: string): string | undefined {
  const v = own(obj, key);
  return v === undefined || v === null ? undefined : str(obj, key, path);
}

function bool(obj: Record<string, unknown>, key: string, path: string): boolean {
  const v = own(obj, key);
  if (typeof v !== 'boolean') fail(`${path}.${key}`, 'a boolean');
  return v;
}

function optBool(obj: Record<string, unknown>, key: string, path: string): boolean | undefined {
  const v = own(obj, key);
  return v === undefined || v === null ? undefined : bool(obj, key, path);
}

function obj(value: unknown, path: string): Record<string, unknown> {
  if (!isPlainObject(value)) fail(path, 'an object');
  return value;
}

function decodeWith<T>(read: () => T): Decoded<T> {
  try {
    return { ok: true, value: read() };
  } catch (e) {
    if (e instanceof ShapeError) return { ok: false, problem: e.message };
    throw e;
  }
}

const MODES: readonly number[] = [0, 1, 2, 3];

export function decodeInitialEnrollmentState(value: unknown): Decoded<DeviceInitialEnrollmentStateResponse> {
  const path = 'device_initial_enrollment_state_response';
  return decodeWith(() => {
    const o = obj(value, path);
    const mode = own(o, 'initial_enrollment_mode');
    if (typeof mode !== 'number' || !MODES.includes(mode))
      fail(`${path}.initial_enrollment_mode`, '0, 1, 2 or 3');
    const out: DeviceInitialEnrollmentStateResponse = {
      initial_enrollment_mode: mode as InitialEnrollmentMode,
    };
    const domain = optStr(o, 'management_domain', path);
    if (domain !== undefined) out.management_domain = domain;
    const packaged = optBool(o, 'is_license_packaged_with_device', path);
    if (packaged !== undefined) out.is_license_packaged_with_device = packaged;
    const sku = optStr(o, 'license_packaging_sku', path);
    if (sku !== undefined) out.license_packaging_sku = sku;
    const upgrade = optStr(o, 'assigned_upgrade_type', path);
    if (upgrade !== undefined) out.assigned_upgrade_type = upgrade;
    const ou = optStr(o, 'org_unit_path', path);
    if (ou !== undefined) out.org_unit_path = ou;
    return out;
  });
}

const ENROLLMENT_TYPES: readonly string[] = ['ENTERPRISE', 'ENTERPRISE_MANUAL', 'ENTERPRISE_TOKEN'];

export function decodeRegisterResponse(value: unknown): Decoded<DeviceRegisterResponse> {
  const path = 'register_response';
  return decodeWith(() => {
    const o = obj(value, path);
    const out: DeviceRegisterResponse = {
      device_management_token: str(o, 'device_management_token', path, true),
      management_domain: str(o, 'management_domain', path),
      org_unit_path: str(o, 'org_unit_path', path),
      license_consumed: bool(o, 'license_consumed', path),
      bundled_license: bool(o, 'bundled_license', path),
    };
    const machineName = optStr(o, 'machine_name', path);
    if (machineName !== undefined) out.machine_name = machineName;
    const type = optStr(o, 'enrollment_type', path);
    if (type !== undefined) {
      if (!ENROLLMENT_TYPES.includes(type)) fail(`${path}.enrollment_type`, ENROLLMENT_TYPES.join(' or '));
      out.enrollment_type = type as NonNullable<DeviceRegisterResponse['enrollment_type']>;
    }
    return out;
  });
}

export function decodePolicyResponse(value: unknown): Decoded<PolicyFetchResponse> {
  const path = 'policy_response';
  return decodeWith(() => {
    const o = obj(value, path);
    const timestamp = own(o, 'timestamp');
    if (typeof timestamp !== 'number' || !Number.isFinite(timestamp))
      fail(`${path}.timestamp`, 'a finite number');
    return {
      policy_type: str(o, 'policy_type', path),
      management_domain: str(o, 'management_domain', path),
      org_unit_path: str(o, 'org_unit_path', path),
      // Opaque settings; the depth cap of parseJsonBytes already bounds them.
      policy_value: { ...obj(own(o, 'policy_value'), `${path}.policy_value`) },
      timestamp,
    };
  });
}

export function decodeUnregisterResponse(value: unknown): Decoded<Record<string, never>> {
  return decodeWith(() => {
    obj(value, 'unregister_response');
    return {};
  });
}

/** The inner answer of a DeviceManagementResponse envelope (`{"register_response": {...}}`). */
export function unwrapEnvelope(type: DmRequestType, value: unknown): Decoded<unknown> {
  const key = DM_RESPONSE_BODY_KEY[type];
  if (!isPlainObject(value)) return { ok: false, problem: 'the body is not a JSON object' };
  const inner = own(value, key);
  if (inner === undefined) return { ok: false, problem: `the body has no "${key}"` };
  return { ok: true, value: inner };
}
