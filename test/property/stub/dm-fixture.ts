// The stub every DM property test file starts, and its 8 endpoints (POST /device_management?request=
// <type>) with a valid request for each: a managed device with its DM token and policy key, an admin
// session, and a pending device with a valid zero-touch registration kept for the test that sends it.
// `useDmStub()` registers the beforeAll/afterAll of the calling test file.

import { create, toBinary, toJson } from '@bufbuild/protobuf';
import { afterAll, beforeAll, expect } from 'vitest';
import { contentTypeOf, type DmEncoding } from '../../../protocol/codec.ts';
import {
  DeviceManagementRequestSchema,
  type DmRequestType,
  PolicyFetchRequest_SignatureType,
} from '../../../protocol/dm.ts';
import {
  acerDevice,
  certificateBasedRegisterBody,
  DEMO,
  type DmMessage,
  dmPath,
  fetchPolicy,
  fieldsFor,
  login,
  manualRequestFor,
  mintDevice,
  preprovision,
  type StartedStub,
  startStub,
  zeroTouchRegister,
} from '../../helpers/stub.ts';
import type { Req } from './harness/http-client.ts';

export const LIMIT = 64 * 1024;
export const CLIENT = 'prop-dm-client-1';
const MODEL = 'Chromebook Acer 311 (C722/C722T)';
export const PROTO = 'application/x-protobuffer';

export interface DmEndpoint {
  type: DmRequestType;
  message: () => DmMessage;
  /** The Authorization header of a valid request: scheme, parameter and credential. */
  auth?: () => { scheme: string; param: string; token: string };
  /** A valid request writes to the database (register types, unregister). */
  writes?: boolean;
}

export interface RequestOverrides {
  path?: string;
  body?: string | Buffer;
  headers?: Record<string, string | undefined>;
  encoding?: DmEncoding;
}

export interface DmStub {
  /** The started stub (valid inside tests and hooks). */
  readonly s: StartedStub;
  /** The admin session token (valid inside tests and hooks). */
  readonly admin: string;
  readonly endpoints: readonly DmEndpoint[];
  /** A valid request to the endpoint (protobuf unless told), with parts replaced. */
  request(ep: DmEndpoint, over?: RequestOverrides): Req;
  /** The endpoint's valid message, encoded. */
  encoded(ep: DmEndpoint, encoding: DmEncoding): Buffer;
  /** Rebuilds the zero-touch registration with a fresh nonce (a damaged copy may have burnt the first). */
  refreshCbrBody(): Promise<void>;
}

/** A manual registration of device `9<n>` (a device no other request names). */
export function registerRequest(n: number) {
  const d = acerDevice(`9${n}`);
  return manualRequestFor(
    { serial_number: d.serial_number, model: MODEL },
    {
      deviceRegisterIdentification: { attestedDeviceId: d.device_id },
      brandCode: 'RJIA',
      manufactureDate: '2024-01-31',
      ethernetMacAddress: '001122334455',
      reregister: false,
      expectedEnrollmentDomain: DEMO.domain,
    },
  );
}

export function encodeMessage(message: DmMessage, encoding: DmEncoding): Buffer {
  const m = create(DeviceManagementRequestSchema, message);
  return encoding === 'proto'
    ? Buffer.from(toBinary(DeviceManagementRequestSchema, m))
    : Buffer.from(JSON.stringify(toJson(DeviceManagementRequestSchema, m, { useProtoFieldName: true })));
}

export function useDmStub(): DmStub {
  let s: StartedStub | undefined;
  let admin = '';
  let dmToken = '';
  let cbrBody: DmMessage = {};
  let freshCbrBody: () => Promise<DmMessage> = () => Promise.reject(new Error('the stub is not started'));

  const endpoints: DmEndpoint[] = [
    {
      type: 'enterprise_check',
      message: () => ({ autoEnrollmentRequest: { remainder: 0n, modulus: 1n, enrollmentCheckType: 2 } }),
    },
    {
      type: 'device_state_retrieval',
      message: () => ({
        deviceStateRetrievalRequest: { serialNumber: 'NXTEST000000001', brandCode: 'RJIA' },
      }),
    },
    {
      type: 'device_initial_enrollment_state',
      message: () => ({
        deviceInitialEnrollmentStateRequest: { serialNumber: 'NXTEST000000001', brandCode: 'RJIA' },
      }),
    },
    { type: 'certificate_based_register', message: () => cbrBody, writes: true },
    {
      type: 'register',
      message: () => ({ registerRequest: registerRequest(1) }),
      auth: () => ({ scheme: 'GoogleLogin', param: 'auth', token: admin }),
      writes: true,
    },
    {
      type: 'token_based_register',
      message: () => ({ tokenBasedDeviceRegisterRequest: { deviceRegisterRequest: registerRequest(2) } }),
      auth: () => ({ scheme: 'GoogleEnrollmentToken', param: 'token', token: DEMO.enrollmentToken }),
      writes: true,
    },
    {
      type: 'policy',
      message: () => ({
        policyRequest: {
          requests: [
            {
              policyType: 'google/chromeos/device',
              signatureType: PolicyFetchRequest_SignatureType.SHA256_RSA,
              publicKeyVersion: 1,
            },
          ],
        },
      }),
      auth: () => ({ scheme: 'GoogleDMToken', param: 'token', token: dmToken }),
    },
    {
      type: 'unregister',
      message: () => ({ unregisterRequest: {} }),
      auth: () => ({ scheme: 'GoogleDMToken', param: 'token', token: dmToken }),
      writes: true,
    },
  ];

  beforeAll(async () => {
    const started = await startStub();
    s = started;
    admin = await login(started.url, DEMO.admin.email, DEMO.admin.password);
    const managed = acerDevice(1);
    const pending = acerDevice(2);
    expect((await preprovision(started.url, [managed, pending])).status).toBe(200);
    const r = await zeroTouchRegister(started.url, managed, CLIENT);
    expect(r.status).toBe(200);
    dmToken = r.body.registerResponse?.deviceManagementToken ?? '';
    // The policy key exists before any property runs (its creation is a write).
    expect((await fetchPolicy(started.url, CLIENT, dmToken)).status).toBe(200);
    // A valid zero-touch registration of the pending device, never sent as is until the last test.
    const pendingIdentity = await mintDevice(started.url, pending.device_id);
    freshCbrBody = () => certificateBasedRegisterBody(pendingIdentity, fieldsFor(pending));
    cbrBody = await freshCbrBody();
  });
  afterAll(async () => {
    await s?.close();
  });

  const encoded = (ep: DmEndpoint, encoding: DmEncoding): Buffer => encodeMessage(ep.message(), encoding);

  return {
    get s(): StartedStub {
      if (s === undefined) throw new Error('the stub is not started (use it inside tests and hooks)');
      return s;
    },
    get admin(): string {
      return admin;
    },
    endpoints,
    encoded,
    request(ep, over = {}) {
      const a = ep.auth?.();
      const encoding = over.encoding ?? 'proto';
      return {
        method: 'POST',
        path: over.path ?? dmPath(ep.type, CLIENT),
        headers: {
          'content-type': contentTypeOf(encoding),
          ...(a === undefined ? {} : { authorization: `${a.scheme} ${a.param}=${a.token}` }),
          ...over.headers,
        },
        body: over.body ?? encoded(ep, encoding),
      };
    },
    async refreshCbrBody() {
      cbrBody = await freshCbrBody();
    },
  };
}
