// Property tests of certificate_based_register's signed registration data: the base64 JSON inside
// `signed_request.data`, properly signed with the device's key, corrupted in one field → 400 naming
// it (before attestation: no nonce burnt); forged signatures and spoofed identities → 403; hostile
// strings in the signed fields → a 4xx or a success, never a 5xx, with only the nonce (and, on
// success, the device and its DM token) written, and the database intact.

import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type DeviceIdentity,
  newNonce,
  pemSigner,
  registrationData,
} from '../../../server-stub/attestation/index.ts';
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
import {
  corrupt,
  expectIntegrity,
  expectRefused,
  HOSTILE,
  JSON_TYPE,
  jsonBody,
  type Req,
  type Spec,
  send,
  snapshot,
  without,
} from './harness.ts';

const CLIENT = 'prop-attest-client';
const DATA = 'signed_request.data';
const NONCE = /^[\x21-\x7E]{8,256}$/;
const DEVICE_ID = /^[\x21-\x7E]{1,64}$/;

// The registration data is JSON inside base64, decoded by the DM handler itself (not by the HTTP JSON
// parser): a lone surrogate there is not a decoding error.
const str = (min: number, max: number, more: Partial<Extract<Spec, { t: 'str' }>> = {}): Spec => ({
  t: 'str',
  min,
  max,
  surrogatesOk: true,
  ...more,
});

const dataSpec: Spec = {
  t: 'obj',
  fields: {
    certificate_type: { t: 'int', min: 1, max: 1 },
    device_certificate: str(1, 16 * 1024),
    device_register_request: {
      t: 'obj',
      fields: {
        type: { t: 'int', min: 2, max: 2 },
        machine_id: str(0, 128),
        machine_model: str(1, 256),
        flavor: { t: 'int', min: 14, max: 14 },
        device_register_identification: {
          t: 'obj',
          fields: {
            attested_device_id: { t: 'str', min: 1, max: 64, ok: (s) => DEVICE_ID.test(s), ascii: true },
          },
        },
        manufacture_date: {
          t: 'str',
          min: 10,
          max: 10,
          ok: (s) => /^\d{4}-\d{2}-\d{2}$/.test(s),
          ascii: true,
          opt: true,
        },
        ethernet_mac_address: str(1, 32, { opt: true }),
        reregister: { t: 'bool', opt: true },
        management_domain: str(1, 253, { opt: true }),
      },
    },
    nonce: { t: 'str', min: 8, max: 256, ok: (s) => NONCE.test(s), ascii: true },
  },
};

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

function validData(nonce = newNonce()): Record<string, unknown> {
  const d = registrationData(
    identity.certificate_chain_pem,
    fieldsFor(device, {
      nonce,
      manufactureDate: '2024-01-31',
      ethernetMacAddress: '00:11:22:33:44:55',
      reregister: false,
      managementDomain: DEMO.domain,
    }),
  );
  return JSON.parse(JSON.stringify(d)) as Record<string, unknown>;
}

async function signedBody(
  bytes: Buffer,
  key = identity.private_key_pem,
  signature?: Buffer,
): Promise<string> {
  const sig = signature ?? Buffer.from(await pemSigner(key)(bytes));
  return JSON.stringify({
    certificate_based_register_request: {
      signed_request: { data: bytes.toString('base64'), signature: sig.toString('base64') },
    },
  });
}

const post = (body: string): Req => ({
  method: 'POST',
  path: dmPath('certificate_based_register', CLIENT),
  headers: { 'content-type': JSON_TYPE },
  body,
});

describe('certificate_based_register: the signed registration data', () => {
  it('corrupted in one field and signed by the device → 400 naming the field, no nonce burnt', async () => {
    const valid = validData();
    await fc.assert(
      fc.asyncProperty(corrupt(valid, dataSpec, { limit: 36 * 1024, rootName: 'data' }), async (c) => {
        await expectRefused(s, post(await signedBody(c.body)), {
          dm: true,
          status: 400,
          field: c.field ?? DATA,
        });
      }),
      { numRuns: 200 },
    );
  });

  it('forged: random signature, signature over other bytes, or another device key/certificate → 403', async () => {
    const forgery = fc.oneof(
      fc.uint8Array({ minLength: 1, maxLength: 80 }).map((b) => ({ kind: 'random', sig: Buffer.from(b) })),
      fc
        .uint8Array({ minLength: 1, maxLength: 40 })
        .map((b) => ({ kind: 'other-bytes', sig: Buffer.from(b), sign: true })),
      fc.constantFrom('intruder-key', 'intruder-chain', 'intruder-both').map((kind) => ({ kind })),
    );
    await fc.assert(
      fc.asyncProperty(forgery, async (f) => {
        const data = validData();
        let body: string;
        if (f.kind === 'random' && 'sig' in f)
          body = await signedBody(Buffer.from(JSON.stringify(data)), undefined, f.sig);
        else if (f.kind === 'other-bytes' && 'sig' in f) {
          const sig = Buffer.from(await pemSigner(identity.private_key_pem)(f.sig));
          body = await signedBody(Buffer.from(JSON.stringify(data)), undefined, sig);
        } else {
          // A genuine device claiming this device's attested ID (copied serial and ID, its own key).
          if (f.kind !== 'intruder-key') data.device_certificate = intruder.certificate_chain_pem;
          const key = f.kind === 'intruder-chain' ? identity.private_key_pem : intruder.private_key_pem;
          body = await signedBody(Buffer.from(JSON.stringify(data)), key);
        }
        await expectRefused(s, post(body), { dm: true, status: 403, field: 'attestation failed' });
      }),
      { numRuns: 60 },
    );
  });

  it('hostile strings in the signed fields → 4xx or 200, only nonces/devices/dm_tokens written, db intact', async () => {
    const fields = [
      'machine_id',
      'machine_model',
      'management_domain',
      'ethernet_mac_address',
      'nonce',
    ] as const;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...fields),
        fc.constantFrom(...HOSTILE, 'a\ud800b', '\u0000\u0000\u0000\u0000x'),
        async (field, value) => {
          const data = validData();
          const req = data.device_register_request as Record<string, unknown>;
          if (field === 'nonce') data.nonce = value;
          else req[field] = value;
          const before = snapshot(s);
          const otherDevices = () =>
            s.stub.db
              .prepare('SELECT * FROM devices WHERE device_id <> ? ORDER BY device_id')
              .all(device.device_id);
          const othersBefore = otherDevices();
          const tokensBefore = s.stub.db.prepare('SELECT COUNT(*) FROM dm_tokens').pluck().get() as number;
          const a = await send(s.url, post(await signedBody(Buffer.from(JSON.stringify(data)))));
          const where = `${field}=${JSON.stringify(value)} → ${a.status} ${a.text}`;
          expect(a.status === 200 || (a.status >= 400 && a.status < 500), where).toBe(true);
          const body = jsonBody(a);
          if (a.status !== 200) expect(body.dm_status, where).toMatch(/^DM_STATUS_/);
          expect(without(snapshot(s), 'nonces', 'devices', 'dm_tokens'), where).toEqual(
            without(before, 'nonces', 'devices', 'dm_tokens'),
          );
          expect(otherDevices(), where).toEqual(othersBefore);
          const nonce = String(data.nonce);
          const stored = s.stub.db.prepare('SELECT nonce FROM nonces WHERE nonce = ?').pluck().get(nonce);
          if (a.status === 400) expect(snapshot(s).tables.nonces, where).toBe(before.tables.nonces);
          else if (a.status !== 403) expect(stored, where).toBe(nonce); // verified → burnt, stored verbatim
          const tokensAfter = s.stub.db.prepare('SELECT COUNT(*) FROM dm_tokens').pluck().get() as number;
          expect(tokensAfter, where).toBe(tokensBefore + (a.status === 200 ? 1 : 0));
          expectIntegrity(s);
        },
      ),
      { numRuns: 80 },
    );
  });
});
