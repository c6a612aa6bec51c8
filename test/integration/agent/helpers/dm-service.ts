// A small DM server for the agent's own tests, built from protocol/codec.ts only (the real stub is
// rewritten in parallel; the same tests also run against it). It speaks Chromium's wire format in
// both encodings and does what a DM server must: the forced-enrollment hash dance, device state by
// serial + brand code, certificate_based_register (signature by the device certificate's key over
// data + nonce, nonce never seen before), register with `oauth_token`, token_based_register, and
// policy signed with an RSA key it can rotate. Every request is recorded, decoded.

import { createPublicKey, verify, X509Certificate } from 'node:crypto';
import { fromBinary, type MessageInitShape } from '@bufbuild/protobuf';
import { encodingOfContentType } from '../../../../protocol/codec.ts';
import {
  CertificateBasedDeviceRegistrationDataSchema,
  type DeviceManagementRequest,
  type DeviceManagementResponseSchema,
  type DmRequestType,
  DeviceInitialEnrollmentStateResponse_InitialEnrollmentMode as Mode,
} from '../../../../protocol/dm.ts';
import {
  forcedEnrollmentHash,
  hashRemainder,
  modulusPower,
} from '../../../../protocol/forced-enrollment-hash.ts';
import {
  type PolicyKey,
  policyKey,
  rsaSign,
  signedPolicy,
} from '../../../unit/dm-client/helpers/signed-policy.ts';
import { dm, type FakeServer, type RecordedRequest, requestOf, startFakeDmServer } from './fake-dm-server.ts';

export interface ServiceDevice {
  serialNumber: string;
  brandCode: string;
  mode: Mode;
  domain: string;
}

export interface DmServiceOptions {
  devices: ServiceDevice[];
  /** The server answers `expected_modulus` 2^power to a smaller modulus (default: any modulus is fine). */
  requiredPower?: number;
  oauthToken?: string;
  enrollmentToken?: string;
}

export interface Recorded {
  type: DmRequestType;
  raw: RecordedRequest;
  request: DeviceManagementRequest;
}

export interface DmService {
  url: string;
  requests: Recorded[];
  /** Registrations that said `reregister`. */
  reregisters: number;
  /** The policy key in use; `rotate()` replaces it and signs the new one with the old. */
  key(): PolicyKey;
  rotate(options?: { signWithOldKey?: boolean }): void;
  /** Makes the next policy answers signed by a key the device never saw (a forgery). */
  forgePolicy(on: boolean): void;
  /** Answers every request of `type` with this status from now on (null stops it). */
  failWith(type: DmRequestType, status: number | null): void;
  close(): Promise<void>;
}

type Answer = MessageInitShape<typeof DeviceManagementResponseSchema>;

export async function startDmService(options: DmServiceOptions): Promise<DmService> {
  const requests: Recorded[] = [];
  const seenNonces = new Set<string>();
  const tokens = new Map<string, string>(); // DM token → serial
  const failures = new Map<DmRequestType, number>();
  let current = policyKey();
  let rotation: { signature: Uint8Array } | null = null;
  let forged: PolicyKey | null = null;
  let forging = false;
  let reregisters = 0;

  const find = (serial: string, brand: string) =>
    options.devices.find((d) => d.serialNumber === serial && d.brandCode === brand) ?? null;
  const issue = (serial: string) => {
    const token = `dmtoken-${serial}`;
    tokens.set(token, serial);
    return token;
  };

  function answer(
    type: DmRequestType,
    raw: RecordedRequest,
    request: DeviceManagementRequest,
  ): [number, Answer] {
    const failing = failures.get(type);
    if (failing !== undefined) return [failing, { errorMessage: `forced ${failing}` }];
    switch (type) {
      case 'enterprise_check': {
        const r = request.autoEnrollmentRequest;
        const power = r === undefined ? null : modulusPower(r.modulus);
        if (r === undefined || power === null) return [400, { errorMessage: 'bad modulus' }];
        if (options.requiredPower !== undefined && power < options.requiredPower)
          return [200, { autoEnrollmentResponse: { expectedModulus: 1n << BigInt(options.requiredPower) } }];
        const hashes = options.devices
          .map((d) => forcedEnrollmentHash(d.brandCode, d.serialNumber))
          .filter((h) => hashRemainder(h, power) === r.remainder);
        return [200, { autoEnrollmentResponse: { hashes } }];
      }
      case 'device_state_retrieval': {
        const r = request.deviceStateRetrievalRequest;
        const device = r ? find(r.serialNumber, r.brandCode) : null;
        if (device === null) return [200, { deviceStateRetrievalResponse: {} }];
        return [
          200,
          {
            deviceStateRetrievalResponse: {
              managementDomain: device.domain,
              initialStateResponse: { initialEnrollmentMode: device.mode, managementDomain: device.domain },
            },
          },
        ];
      }
      case 'certificate_based_register': {
        const signed = request.certificateBasedRegisterRequest?.signedRequest;
        if (signed === undefined) return [400, { errorMessage: 'no signed request' }];
        const body = signed.data.subarray(0, signed.data.length - signed.extraDataBytes);
        const nonce = Buffer.from(signed.data.subarray(signed.data.length - signed.extraDataBytes)).toString(
          'hex',
        );
        const data = fromBinary(CertificateBasedDeviceRegistrationDataSchema, body);
        const cert = new X509Certificate(Buffer.from(data.deviceCertificate));
        const key = createPublicKey(cert.publicKey.export({ format: 'pem', type: 'spki' }));
        if (!verify('sha256', signed.data, { key, dsaEncoding: 'der' }, signed.signature))
          return [403, { errorMessage: 'bad signature' }];
        if (signed.extraDataBytes < 16 || seenNonces.has(nonce))
          return [403, { errorMessage: 'nonce replayed' }];
        seenNonces.add(nonce);
        const reg = data.deviceRegisterRequest;
        if (reg?.reregister) reregisters++;
        const device = reg ? find(reg.machineId, reg.brandCode) : null;
        if (device === null || reg === undefined) return [410, { errorMessage: 'not pre-provisioned' }];
        if (reg.expectedEnrollmentDomain !== '' && reg.expectedEnrollmentDomain !== device.domain)
          return [406, { errorMessage: 'domain mismatch' }];
        return [200, { registerResponse: { deviceManagementToken: issue(reg.machineId), orgUnitPath: '/' } }];
      }
      case 'register': {
        if (raw.url.searchParams.get('oauth_token') !== (options.oauthToken ?? 'admin-oauth'))
          return [401, { errorMessage: 'bad oauth token' }];
        return [
          200,
          { registerResponse: { deviceManagementToken: issue(request.registerRequest?.machineId ?? '?') } },
        ];
      }
      case 'token_based_register': {
        if (
          raw.headers.authorization !==
          `GoogleEnrollmentToken token=${options.enrollmentToken ?? 'enroll-tok'}`
        )
          return [401, { errorMessage: 'bad enrollment token' }];
        const serial = request.tokenBasedDeviceRegisterRequest?.deviceRegisterRequest?.machineId ?? '?';
        return [
          200,
          {
            tokenBasedDeviceRegisterResponse: {
              deviceRegisterResponse: { deviceManagementToken: issue(serial) },
            },
          },
        ];
      }
      case 'policy': {
        const token = /^GoogleDMToken token=(.+)$/.exec(raw.headers.authorization ?? '')?.[1];
        if (token === undefined || !tokens.has(token)) return [401, { errorMessage: 'bad DM token' }];
        const deviceId = raw.url.searchParams.get('deviceid') ?? '';
        if (forging && forged === null) forged = policyKey();
        const signer = forging && forged !== null ? forged : current;
        const policy = signedPolicy({
          key: signer,
          dmToken: token,
          deviceId,
          managedBy: 'demo.example',
          publicKeyVersion: rotation ? 2 : 1,
          ...(rotation ? { newPublicKeySignature: rotation.signature } : {}),
        });
        return [200, { policyResponse: { responses: [policy] } }];
      }
      case 'unregister':
        return [200, { unregisterResponse: {} }];
      default:
        return [400, { errorMessage: 'unknown request' }];
    }
  }

  const server: FakeServer = await startFakeDmServer((req, res, raw) => {
    // The admin login of manual enrollment (ours, JSON): its session token is the OAuth token.
    if (raw.url.pathname === '/v1/auth/login') {
      const body = JSON.stringify({ token: options.oauthToken ?? 'admin-oauth' });
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
      res.end(body);
      return;
    }
    const type = raw.url.searchParams.get('request') as DmRequestType;
    if (encodingOfContentType(req.headers['content-type']) === null) {
      res.writeHead(400);
      res.end();
      return;
    }
    const request = requestOf(raw);
    requests.push({ type, raw, request });
    const [status, body] = answer(type, raw, request);
    dm(status, body)(req, res, raw);
  });

  return {
    url: server.url,
    requests,
    get reregisters() {
      return reregisters;
    },
    key: () => current,
    rotate(o = {}) {
      const next = policyKey();
      rotation = {
        signature: o.signWithOldKey === false ? rsaSign(next, next.spki) : rsaSign(current, next.spki),
      };
      current = next;
    },
    forgePolicy(on) {
      forging = on;
    },
    failWith(type, status) {
      if (status === null) failures.delete(type);
      else failures.set(type, status);
    },
    close: () => server.close(),
  };
}

export { Mode };
