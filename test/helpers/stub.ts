// Test helpers around the enrollment server stub: start it in-process on a random port, talk to it
// over real HTTP, mint device identities and build signed certificate_based_register bodies.
// Reused by the agent, fleet and stub tests.

import type { DeviceManagementRequest, DmRequestType } from '../../protocol/dm.ts';
import { DM_PATH } from '../../protocol/dm.ts';
import type { PreprovisionDevice } from '../../protocol/partner.ts';
import { type CreateStubOptions, createStub, type Stub } from '../../server-stub/app.ts';
import {
  certificateBasedRegisterBody,
  type DeviceIdentity,
  type RegistrationFields,
} from '../../server-stub/attestation/index.ts';
import { TestClock } from '../../server-stub/clock.ts';

export interface StartedStub {
  url: string;
  stub: Stub;
  close(): Promise<void>;
}

/** Starts a stub on 127.0.0.1:0 (in-memory database, demo seed, test hooks on, frozen test clock by default). */
export async function startStub(opts: CreateStubOptions = {}): Promise<StartedStub> {
  const stub = createStub({
    db: ':memory:',
    testHooks: true,
    clock: new TestClock('2025-06-02T09:00:00Z'),
    ...opts,
  });
  const url = await stub.listen(0);
  return { url, stub, close: () => stub.close() };
}

export interface HttpAnswer<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: T;
}

export interface HttpOptions {
  body?: unknown;
  /** Sent verbatim instead of JSON.stringify(body). */
  raw?: string;
  headers?: Record<string, string>;
  bearer?: string;
}

export async function http<T = Record<string, unknown>>(
  url: string,
  method: string,
  path: string,
  opts: HttpOptions = {},
): Promise<HttpAnswer<T>> {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.bearer !== undefined) headers.authorization = `Bearer ${opts.bearer}`;
  let body: string | undefined;
  if (opts.raw !== undefined) body = opts.raw;
  else if (opts.body !== undefined) body = JSON.stringify(opts.body);
  if (body !== undefined && headers['content-type'] === undefined)
    headers['content-type'] = 'application/json';
  const res = await fetch(`${url}${path}`, { method, headers, body });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: (text === '' ? {} : JSON.parse(text)) as T };
}

export function dmPath(type: DmRequestType | string, deviceid: string): string {
  const q = new URLSearchParams({ request: type, devicetype: '2', apptype: 'Chrome', deviceid });
  return `${DM_PATH}?${q.toString()}`;
}

/** POST /device_management with the usual query; `auth` is the whole Authorization header value. */
export function dm<T = Record<string, unknown>>(
  url: string,
  type: DmRequestType,
  deviceid: string,
  body: DeviceManagementRequest | Record<string, unknown>,
  auth?: string,
): Promise<HttpAnswer<T>> {
  return http<T>(url, 'POST', dmPath(type, deviceid), {
    body,
    headers: auth === undefined ? {} : { authorization: auth },
  });
}

export async function login(url: string, email: string, password: string): Promise<string> {
  const r = await http<{ token: string }>(url, 'POST', '/v1/auth/login', { body: { email, password } });
  if (r.status !== 200) throw new Error(`login ${email} → ${r.status}`);
  return r.body.token;
}

export const DEMO = {
  customer: 'C00demo01',
  domain: 'demo.example',
  admin: { email: 'admin@demo.example', password: 'demo-password' },
  token: 'ppt-demo-0001',
  classroomsToken: 'ppt-demo-classrooms',
  revokedToken: 'ppt-demo-revoked',
  enrollmentToken: 'ent-demo-0001',
  other: { customer: 'C00demo02', domain: 'other.example', token: 'ppt-other-0001' },
  otherAdmin: { email: 'admin@other.example', password: 'other-password' },
  partnerKey: 'partner-demo-key',
  unlistedPartnerKey: 'partner-unlisted-key',
} as const;

export type TestDevice = PreprovisionDevice;

/** A serial-number device of a listed model, unique per `n`. */
export function acerDevice(n: number | string, extra: Partial<TestDevice> = {}): TestDevice {
  const serial = `NXTEST${String(n).padStart(9, '0')}`;
  return {
    device_id: serial,
    id_kind: 'serial-number',
    serial_number: serial,
    manufacturer: 'Acer',
    model: 'Chromebook Acer 311 (C722/C722T)',
    ...extra,
  };
}

/** Uploads devices through the partner API (partner `cdw`), for a customer and token. */
export async function preprovision(
  url: string,
  devices: TestDevice[],
  customer: string = DEMO.customer,
  token: string = DEMO.token,
  key: string = DEMO.partnerKey,
): Promise<HttpAnswer<{ results: { device_id: string; status: string; error_code?: string }[] }>> {
  return http(url, 'POST', '/v1/partner/devices:preprovision', {
    bearer: key,
    body: { customer_id: customer, pre_provisioning_token: token, devices },
  });
}

/** Mints a device identity through the test hook (`POST /v1/test/factory/devices`). */
export async function mintDevice(
  url: string,
  attestedDeviceId: string,
  manufacturer = 'Acer',
): Promise<DeviceIdentity> {
  const r = await http<DeviceIdentity>(url, 'POST', '/v1/test/factory/devices', {
    body: { attested_device_id: attestedDeviceId, manufacturer },
  });
  if (r.status !== 200) throw new Error(`factory → ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

/** Fields of a registration for a TestDevice (override any). */
export function fieldsFor(d: TestDevice, extra: Partial<RegistrationFields> = {}): RegistrationFields {
  return { attestedDeviceId: d.device_id, machineId: d.serial_number, machineModel: d.model, ...extra };
}

export { certificateBasedRegisterBody };

/** Mints an identity for the device and POSTs a valid certificate_based_register. */
export async function zeroTouchRegister<T = Record<string, unknown>>(
  url: string,
  d: TestDevice,
  deviceid: string,
  extra: Partial<RegistrationFields> = {},
  identity?: DeviceIdentity,
): Promise<HttpAnswer<T>> {
  const id = identity ?? (await mintDevice(url, d.device_id, d.manufacturer));
  const body = await certificateBasedRegisterBody(id, fieldsFor(d, extra));
  return dm<T>(url, 'certificate_based_register', deviceid, body);
}
