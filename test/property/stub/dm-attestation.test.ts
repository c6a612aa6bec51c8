// Property tests of certificate_based_register's SignedData in Chromium's format: the serialized
// CertificateBasedDeviceRegistrationData followed by a nonce, properly signed with the device's key,
// with one field made invalid → 400 naming it (before attestation: no nonce burnt, nothing written);
// forged signatures and spoofed identities → 403, nothing written; hostile strings in the signed
// fields → a 4xx or a success, never a 5xx, with only the nonce (and, on success, the device and its
// DM token) written, and the database intact.

import { randomBytes } from 'node:crypto';
import { create, toBinary } from '@bufbuild/protobuf';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type CertificateBasedDeviceRegistrationData,
  CertificateBasedDeviceRegistrationDataSchema,
  DeviceManagementRequestSchema,
  DeviceRegisterRequest_Flavor as Flavor,
  type SignedData,
  SignedDataSchema,
} from '../../../protocol/dm.ts';
import {
  type DeviceIdentity,
  deviceCertificateDer,
  pemSigner,
  registrationData,
  signData,
} from '../../../server-stub/attestation/index.ts';
import { ATTESTATION_FLAVORS } from '../../../server-stub/dm/registration-data.ts';
import {
  acerDevice,
  DEMO,
  dmPath,
  fieldsFor,
  mintDevice,
  preprovision,
  type StartedStub,
  startStub,
  type TestDevice,
} from '../../helpers/stub.ts';
import { expectDmRefused, sendDm } from './dm-harness.ts';
import { expectIntegrity, snapshot, without } from './harness/db-snapshot.ts';
import { HOSTILE } from './harness/hostile-strings.ts';
import type { Req } from './harness/http-client.ts';

const CLIENT = 'prop-attest-client';
const DATA = 'signed_request.data';
const REQ = `${DATA}.device_register_request`;

let s: StartedStub;
let device: TestDevice;
let identity: DeviceIdentity;
let intruder: DeviceIdentity;

beforeAll(async () => {
  s = await startStub();
  device = acerDevice(31);
  expect((await preprovision(s.url, [device])).status).toBe(200);
  identity = await mintDevice(s.url, device.device_id);
  // Another genuine device of the same manufacturer (its own key and certificate).
  intruder = await mintDevice(s.url, acerDevice(32).device_id);
});
afterAll(async () => {
  await s.close();
});

function validData(): CertificateBasedDeviceRegistrationData {
  return registrationData(
    identity.certificate_chain_pem,
    fieldsFor(device, {
      manufactureDate: '2024-01-31',
      ethernetMacAddress: '001122334455',
      reregister: false,
      expectedEnrollmentDomain: DEMO.domain,
    }),
  );
}

const encodeData = (d: CertificateBasedDeviceRegistrationData): Uint8Array =>
  toBinary(CertificateBasedDeviceRegistrationDataSchema, d);

function post(signed: SignedData): Req {
  const m = create(DeviceManagementRequestSchema, {
    certificateBasedRegisterRequest: { signedRequest: signed },
  });
  return {
    method: 'POST',
    path: dmPath('certificate_based_register', CLIENT),
    headers: { 'content-type': 'application/x-protobuffer' },
    body: Buffer.from(toBinary(DeviceManagementRequestSchema, m)),
  };
}

const signer = () => pemSigner(identity.private_key_pem);

/** One field of the registration data (or of SignedData) made invalid, the rest signed properly. */
type Corruption = { what: string; field: string; build: () => Promise<SignedData> };

const badAttestedIds = ['', 'x'.repeat(65), 'has space', 'tab\there', 'nul\u0000x', 'é-non-ascii', '\u2028'];
const badBrandCodes = ['abcd', 'ABC', 'ABCDE', 'AB1D', 'ÄBCD', ' ABC'];

function corruptions(): fc.Arbitrary<Corruption> {
  const withData = (
    what: string,
    field: string,
    change: (d: CertificateBasedDeviceRegistrationData) => void,
  ): Corruption => ({
    what,
    field,
    build: async () => {
      const d = validData();
      change(d);
      return signData(encodeData(d), signer());
    },
  });
  const flavors = Object.values(Flavor).filter(
    (v): v is Flavor => typeof v === 'number' && !ATTESTATION_FLAVORS.has(v),
  );
  return fc.oneof(
    fc
      .integer({ min: 0, max: 50 })
      .filter((t) => t !== 1)
      .map((t) =>
        withData(`certificate_type ${t}`, `${DATA}.certificate_type`, (d) => {
          d.certificateType = t;
        }),
      ),
    fc.constant(
      withData('no device_certificate', `${DATA}.device_certificate`, (d) => {
        d.deviceCertificate = new Uint8Array(0);
      }),
    ),
    fc.integer({ min: 16 * 1024 + 1, max: 17 * 1024 }).map((n) =>
      withData(`device_certificate of ${n} bytes`, `${DATA}.device_certificate`, (d) => {
        d.deviceCertificate = new Uint8Array(n);
      }),
    ),
    fc.constant(
      withData('no device_register_request', REQ, (d) => {
        d.deviceRegisterRequest = undefined;
      }),
    ),
    fc
      .integer({ min: 0, max: 6 })
      .filter((t) => t !== 2)
      .map((t) =>
        withData(`type ${t}`, `${REQ}.type`, (d) => {
          if (d.deviceRegisterRequest !== undefined) d.deviceRegisterRequest.type = t;
        }),
      ),
    fc.constantFrom(...flavors).map((f) =>
      withData(`flavor ${f}`, `${REQ}.flavor`, (d) => {
        if (d.deviceRegisterRequest !== undefined) d.deviceRegisterRequest.flavor = f;
      }),
    ),
    fc.constantFrom(...badAttestedIds).map((id) =>
      withData(`attested ID ${JSON.stringify(id)}`, 'attested_device_id', (d) => {
        const r = d.deviceRegisterRequest;
        if (r?.deviceRegisterIdentification !== undefined)
          r.deviceRegisterIdentification.attestedDeviceId = id;
      }),
    ),
    fc.constant(
      withData('no device_register_identification', 'attested_device_id', (d) => {
        if (d.deviceRegisterRequest !== undefined)
          d.deviceRegisterRequest.deviceRegisterIdentification = undefined;
      }),
    ),
    fc.constantFrom(...badBrandCodes).map((b) =>
      withData(`brand code ${JSON.stringify(b)}`, `${REQ}.brand_code`, (d) => {
        if (d.deviceRegisterRequest !== undefined) d.deviceRegisterRequest.brandCode = b;
      }),
    ),
    // The nonce: missing, too short, too long, or longer than the data.
    fc.oneof(fc.integer({ min: 0, max: 7 }), fc.integer({ min: 257, max: 600 })).map((n) => ({
      what: `a nonce of ${n} bytes`,
      field: 'extra_data_bytes',
      build: () => signData(encodeData(validData()), signer(), new Uint8Array(randomBytes(n))),
    })),
    fc.integer({ min: 1, max: 100 }).map((extra) => ({
      what: `extra_data_bytes past the data by ${extra}`,
      field: DATA,
      build: async () => {
        const signed = await signData(
          new Uint8Array(randomBytes(12)),
          signer(),
          new Uint8Array(randomBytes(8)),
        );
        // 20 bytes of data: extra_data_bytes from 20 on leaves no registration data before the nonce.
        return create(SignedDataSchema, { ...signed, extraDataBytes: signed.data.length + extra - 1 });
      },
    })),
    // Bytes that are no serialized registration data, signed by the device.
    // (a first byte of wire type 7, which no protobuf field has, makes any tail invalid)
    fc.tuple(fc.constantFrom(0x07, 0x0f, 0xff), fc.uint8Array({ maxLength: 200 })).map(([first, rest]) => ({
      what: `payload ${first.toString(16)}${Buffer.from(rest).toString('hex')}`,
      field: DATA,
      build: () => signData(new Uint8Array([first, ...rest]), signer()),
    })),
    // The signature: empty or longer than any signature.
    fc.constantFrom(0, 1025, 4096).map((n) => ({
      what: `a signature of ${n} bytes`,
      field: 'signature',
      build: async () =>
        create(SignedDataSchema, {
          ...(await signData(encodeData(validData()), signer())),
          signature: new Uint8Array(n),
        }),
    })),
  );
}

describe('certificate_based_register: the signed registration data', () => {
  it('one field invalid, signed by the device → 400 naming the field, no nonce burnt, nothing written', async () => {
    await fc.assert(
      fc.asyncProperty(corruptions(), async (c) => {
        await expectDmRefused(s, post(await c.build()), { status: 400, field: c.field });
      }),
      { numRuns: 200 },
    );
  });

  it('forged: random signature, signature over other bytes, or another device key/certificate → 403', async () => {
    const forgery = fc.oneof(
      fc.uint8Array({ minLength: 1, maxLength: 80 }).map((b) => ({ kind: 'random' as const, bytes: b })),
      fc.uint8Array({ minLength: 1, maxLength: 40 }).map((b) => ({ kind: 'other-bytes' as const, bytes: b })),
      fc
        .constantFrom('intruder-key', 'intruder-cert', 'intruder-both', 'nonce-swapped')
        .map((kind) => ({ kind, bytes: new Uint8Array() })),
    );
    await fc.assert(
      fc.asyncProperty(forgery, async (f) => {
        const data = validData();
        let signed: SignedData;
        if (f.kind === 'random')
          signed = create(SignedDataSchema, {
            ...(await signData(encodeData(data), signer())),
            signature: f.bytes,
          });
        else if (f.kind === 'other-bytes') {
          const good = await signData(encodeData(data), signer());
          signed = create(SignedDataSchema, { ...good, signature: new Uint8Array(await signer()(f.bytes)) });
        } else if (f.kind === 'nonce-swapped') {
          // The registration data signed with one nonce, sent with another.
          const good = await signData(encodeData(data), signer());
          const swapped = new Uint8Array(good.data);
          swapped.set(randomBytes(good.extraDataBytes), swapped.length - good.extraDataBytes);
          signed = create(SignedDataSchema, { ...good, data: swapped });
        } else {
          // A genuine device claiming this device's attested ID (copied serial and ID, its own key).
          if (f.kind !== 'intruder-key')
            data.deviceCertificate = deviceCertificateDer(intruder.certificate_chain_pem);
          const key = f.kind === 'intruder-cert' ? identity.private_key_pem : intruder.private_key_pem;
          signed = await signData(encodeData(data), pemSigner(key));
        }
        await expectDmRefused(s, post(signed), { status: 403, field: 'attestation failed' });
      }),
      { numRuns: 60 },
    );
  });

  it('hostile strings in the signed fields → 4xx or 200, only nonces/devices/dm_tokens written, db intact', async () => {
    const fields = [
      'machineId',
      'machineModel',
      'expectedEnrollmentDomain',
      'ethernetMacAddress',
      'manufactureDate',
    ] as const;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...fields),
        fc.constantFrom(...HOSTILE, '\u0000\u0000\u0000\u0000x'),
        async (field, value) => {
          const data = validData();
          const req = data.deviceRegisterRequest;
          if (req !== undefined) req[field] = value;
          const nonce = new Uint8Array(randomBytes(16));
          const before = snapshot(s);
          const otherDevices = () =>
            s.stub.db
              .prepare('SELECT * FROM devices WHERE device_id <> ? ORDER BY device_id')
              .all(device.device_id);
          const othersBefore = otherDevices();
          const tokensBefore = s.stub.db.prepare('SELECT COUNT(*) FROM dm_tokens').pluck().get() as number;
          const r = await sendDm(s.url, post(await signData(encodeData(data), signer(), nonce)));
          const status = r.answer.status;
          const where = `${field}=${JSON.stringify(value)} → ${status} ${r.errorMessage}`;
          expect(status === 200 || (status >= 400 && status < 500), where).toBe(true);
          if (status !== 200) expect(r.errorMessage.length, where).toBeGreaterThan(0);
          expect(without(snapshot(s), 'nonces', 'devices', 'dm_tokens'), where).toEqual(
            without(before, 'nonces', 'devices', 'dm_tokens'),
          );
          expect(otherDevices(), where).toEqual(othersBefore);
          const hex = Buffer.from(nonce).toString('hex');
          const stored = s.stub.db.prepare('SELECT nonce FROM nonces WHERE nonce = ?').pluck().get(hex);
          if (status === 400) expect(snapshot(s).tables.nonces, where).toBe(before.tables.nonces);
          else if (status !== 403) expect(stored, where).toBe(hex); // verified → burnt (stored as hex)
          const tokensAfter = s.stub.db.prepare('SELECT COUNT(*) FROM dm_tokens').pluck().get() as number;
          expect(tokensAfter, where).toBe(tokensBefore + (status === 200 ? 1 : 0));
          expectIntegrity(s);
        },
      ),
      { numRuns: 80 },
    );
  });
});
