// Test helpers around the enrollment server stub: start it in-process on a random port, talk to it
// over real HTTP (DM messages encoded and decoded through protocol/codec.ts, protobuf by default, the
// JSON debug encoding on request), mint device identities and build Chromium's signed
// certificate_based_register bodies.
// Reused by the agent, fleet and stub tests.

import { create, type MessageInitShape } from '@bufbuild/protobuf';
import { catalogBrandCode } from '../../protocol/brand-code.ts';
import {
  contentTypeOf,
  type DmEncoding,
  decodeDm,
  encodeDm,
  encodingOfContentType,
} from '../../protocol/codec.ts';
import {
  CHROME_DEVICE_POLICY_TYPE,
  DeviceManagementRequestSchema,
  type DeviceManagementResponse,
  DeviceManagementResponseSchema,
  DeviceRegisterRequest_Flavor,
  DeviceRegisterRequest_Type,
  DM_PATH,
  type DmRequestType,
  PolicyFetchRequest_SignatureType,
} from '../../protocol/dm.ts';
import type { PreprovisionDevice } from '../../protocol/partner.ts';
import { dmStatusForHttp } from '../../protocol/status.ts';
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

export interface DmQueryExtra {
  agent?: string;
  platform?: string;
  retry?: 'true' | 'false';
  lasterror?: string;
  oauth_token?: string;
  [name: string]: string | undefined;
}

export function dmPath(type: DmRequestType | string, deviceid: string, extra: DmQueryExtra = {}): string {
  const q = new URLSearchParams({ request: type, devicetype: '2', apptype: 'Chrome', deviceid });
  for (const [k, v] of Object.entries(extra)) if (v !== undefined) q.set(k, v);
  return `${DM_PATH}?${q.toString()}`;
}

export interface DmOptions {
  /** The whole Authorization header value. */
  auth?: string;
  /** Default proto (what Chromium sends). */
  encoding?: DmEncoding;
  /** Extra query parameters (agent, platform, retry, lasterror, oauth_token…). */
  query?: DmQueryExtra;
  /** Overrides the Content-Type header (default: the encoding's). */
  contentType?: string;
  /** Sent instead of the encoded message. */
  rawBody?: Uint8Array | string;
}

export interface DmAnswer {
  status: number;
  headers: Headers;
  /** The answer decoded as a DeviceManagementResponse (an error answer holds error_message). */
  body: DeviceManagementResponse;
  /** JSON answers: the parsed JSON as sent (errors carry `dm_status` there). */
  json: Record<string, unknown> | undefined;
  bytes: Uint8Array;
}

export type DmMessage = MessageInitShape<typeof DeviceManagementRequestSchema>;

/** POST /device_management with Chromium's query, the message encoded through protocol/codec.ts. */
export async function dm(
  url: string,
  type: DmRequestType | string,
  deviceid: string,
  message: DmMessage,
  opts: DmOptions = {},
): Promise<DmAnswer> {
  const encoding = opts.encoding ?? 'proto';
  const headers: Record<string, string> = { 'content-type': opts.contentType ?? contentTypeOf(encoding) };
  if (opts.auth !== undefined) headers.authorization = opts.auth;
  const body =
    opts.rawBody ??
    encodeDm(DeviceManagementRequestSchema, create(DeviceManagementRequestSchema, message), encoding);
  const res = await fetch(`${url}${dmPath(type, deviceid, opts.query)}`, { method: 'POST', headers, body });
  const bytes = new Uint8Array(await res.arrayBuffer());
  const answerEncoding = encodingOfContentType(res.headers.get('content-type') ?? undefined) ?? encoding;
  const decoded = decodeDm(DeviceManagementResponseSchema, bytes, answerEncoding, {
    ignoreUnknownJsonFields: true,
  });
  const json =
    answerEncoding === 'json'
      ? (JSON.parse(Buffer.from(bytes).toString('utf8')) as Record<string, unknown>)
      : undefined;
  return { status: res.status, headers: res.headers, body: decoded, json, bytes };
}

/** The dm_status of an answer: the JSON key when there is one, else from the HTTP status table. */
export function dmStatusOf(answer: DmAnswer): string | null {
  const fromJson = answer.json?.dm_status;
  return typeof fromJson === 'string' ? fromJson : dmStatusForHttp(answer.status);
}

/** DeviceRegisterRequest fields of a manual/token registration for a TestDevice. */
export function manualRequestFor(
  d: Pick<TestDevice, 'serial_number' | 'model'>,
  extra: DmMessage['registerRequest'] = {},
) {
  return {
    type: DeviceRegisterRequest_Type.DEVICE,
    machineId: d.serial_number,
    machineModel: d.model,
    flavor: DeviceRegisterRequest_Flavor.ENROLLMENT_ATTESTATION_INITIAL_MANUAL_FALLBACK,
    ...extra,
  };
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

/** Fields of a registration for a TestDevice (override any); the brand code is its model's catalog code. */
export function fieldsFor(d: TestDevice, extra: Partial<RegistrationFields> = {}): RegistrationFields {
  return {
    attestedDeviceId: d.device_id,
    machineId: d.serial_number,
    machineModel: d.model,
    brandCode: d.brand_code ?? catalogBrandCode(d.model),
    ...extra,
  };
}

export { certificateBasedRegisterBody };

/**
 * Mints an identity for the device and POSTs a valid certificate_based_register in Chromium's format
 * (SignedData over the serialized registration data + a fresh nonce, the DER device certificate).
 */
export async function zeroTouchRegister(
  url: string,
  d: TestDevice,
  deviceid: string,
  extra: Partial<RegistrationFields> = {},
  identity?: DeviceIdentity,
  opts: DmOptions = {},
): Promise<DmAnswer> {
  const id = identity ?? (await mintDevice(url, d.device_id, d.manufacturer));
  const body = await certificateBasedRegisterBody(id, fieldsFor(d, extra));
  return dm(url, 'certificate_based_register', deviceid, body, opts);
}

/** The device state of a (brand code, serial) pair through device_initial_enrollment_state. */
export function initialState(
  url: string,
  serial: string,
  brandCode: string,
  opts: DmOptions = {},
): Promise<DmAnswer> {
  return dm(
    url,
    'device_initial_enrollment_state',
    'state-client',
    { deviceInitialEnrollmentStateRequest: { serialNumber: serial, brandCode } },
    opts,
  );
}

/** A policy request for google/chromeos/device with the device's DM token. */
export function fetchPolicy(
  url: string,
  deviceid: string,
  dmToken: string,
  publicKeyVersion?: number,
  opts: DmOptions = {},
): Promise<DmAnswer> {
  return dm(
    url,
    'policy',
    deviceid,
    {
      policyRequest: {
        requests: [
          {
            policyType: CHROME_DEVICE_POLICY_TYPE,
            signatureType: PolicyFetchRequest_SignatureType.SHA256_RSA,
            ...(publicKeyVersion === undefined ? {} : { publicKeyVersion }),
          },
        ],
      },
    },
    { ...opts, auth: `GoogleDMToken token=${dmToken}` },
  );
}
