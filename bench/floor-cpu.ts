// floorCpuMsPerDevice: the CPU one device's protocol exchange costs without the agent — a minimal
// client replaying the requests a zero-touch boot makes (hash dance, state retrieval, signed
// registration, signed-policy fetch and its verification) against the same in-process stub, signing
// and verifying with the same kinds of keys. Everything the stub does is counted (same process);
// minting, partner uploads and key parsing happen before the clock starts.

import {
  createHash,
  createPrivateKey,
  createPublicKey,
  type KeyObject,
  randomBytes,
  sign,
  verify,
  X509Certificate,
} from 'node:crypto';
import { create, fromBinary, toBinary } from '@bufbuild/protobuf';
import { catalogBrandCode } from '../protocol/brand-code.ts';
import {
  CertificateBasedDeviceRegistrationDataSchema,
  CHROME_DEVICE_POLICY_TYPE,
  ChromeDeviceSettingsProtoSchema,
  DeviceManagementRequestSchema,
  DeviceManagementResponseSchema,
  PolicyDataSchema,
} from '../protocol/dm.ts';
import { forcedEnrollmentHash, hashRemainder } from '../protocol/forced-enrollment-hash.ts';
import { cpuMsNow } from './cpu.ts';
import type { BenchStub } from './fixtures.ts';

const MODEL = 'Chromebook Acer 311 (C722/C722T)';

interface FloorDevice {
  serial: string;
  deviceId: string;
  key: KeyObject;
  certificateDer: Buffer;
}

async function prepare(bench: BenchStub, count: number): Promise<FloorDevice[]> {
  const devices: FloorDevice[] = [];
  const upload = [];
  for (let i = 0; i < count; i++) {
    const serial = `NXFLOOR${randomBytes(6).toString('hex').toUpperCase()}`;
    const minted = await bench.client.mintDevice(serial, 'Acer');
    devices.push({
      serial,
      deviceId: `floor-${i}-${randomBytes(3).toString('hex')}`,
      key: createPrivateKey(minted.private_key_pem),
      certificateDer: new X509Certificate(minted.certificate_chain_pem).raw,
    });
    upload.push({
      device_id: serial,
      id_kind: 'serial-number',
      serial_number: serial,
      manufacturer: 'Acer',
      model: MODEL,
    });
  }
  const results = await bench.client.preprovision({
    partnerKey: 'partner-demo-key',
    customerId: 'C00demo01',
    token: 'ppt-demo-0001',
    devices: upload,
  });
  if (results.some((r) => r.status !== 'PRE_PROVISIONED'))
    throw new Error(`floor upload: ${JSON.stringify(results)}`);
  return devices;
}

async function post(bench: BenchStub, request: string, deviceId: string, body: Uint8Array, auth?: string) {
  const url = `${bench.url}/device_management?request=${request}&devicetype=2&apptype=Chrome&deviceid=${deviceId}&agent=floor%2F1&platform=Linux%7Cx86_64%7C0&retry=false`;
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-protobuffer', ...(auth ? { authorization: auth } : {}) },
    body,
  });
  const bytes = new Uint8Array(await res.arrayBuffer());
  if (res.status !== 200) throw new Error(`floor ${request}: HTTP ${res.status}`);
  return fromBinary(DeviceManagementResponseSchema, bytes);
}

const encode = (init: Parameters<typeof create<typeof DeviceManagementRequestSchema>>[1]) =>
  toBinary(DeviceManagementRequestSchema, create(DeviceManagementRequestSchema, init));

async function oneDevice(bench: BenchStub, d: FloorDevice): Promise<void> {
  const brandCode = catalogBrandCode(MODEL);
  const hash = forcedEnrollmentHash(brandCode, d.serial);
  let power = 4;
  let check = await post(
    bench,
    'enterprise_check',
    d.deviceId,
    encode({
      autoEnrollmentRequest: {
        remainder: hashRemainder(hash, power),
        modulus: 1n << BigInt(power),
        enrollmentCheckType: 2,
      },
    }),
  );
  const expected = check.autoEnrollmentResponse?.expectedModulus;
  if (expected !== undefined && expected > 0n) {
    power = expected.toString(2).length - 1;
    check = await post(
      bench,
      'enterprise_check',
      d.deviceId,
      encode({
        autoEnrollmentRequest: {
          remainder: hashRemainder(hash, power),
          modulus: expected,
          enrollmentCheckType: 2,
        },
      }),
    );
  }
  if (
    !check.autoEnrollmentResponse?.hashes.some((h) => Buffer.compare(Buffer.from(h), Buffer.from(hash)) === 0)
  )
    throw new Error('floor: own hash not in the bucket');
  const state = await post(
    bench,
    'device_state_retrieval',
    d.deviceId,
    encode({ deviceStateRetrievalRequest: { serialNumber: d.serial, brandCode } }),
  );
  if (state.deviceStateRetrievalResponse?.initialStateResponse?.initialEnrollmentMode !== 2)
    throw new Error('floor: not zero-touch');
  const data = toBinary(
    CertificateBasedDeviceRegistrationDataSchema,
    create(CertificateBasedDeviceRegistrationDataSchema, {
      certificateType: 1,
      deviceCertificate: d.certificateDer,
      deviceRegisterRequest: {
        type: 2,
        machineId: d.serial,
        machineModel: MODEL,
        flavor: 14,
        brandCode,
        deviceRegisterIdentification: { attestedDeviceId: d.serial },
      },
    }),
  );
  const signed = Buffer.concat([data, randomBytes(32)]);
  const registered = await post(
    bench,
    'certificate_based_register',
    d.deviceId,
    encode({
      certificateBasedRegisterRequest: {
        signedRequest: { data: signed, signature: sign('sha256', signed, d.key), extraDataBytes: 32 },
      },
    }),
  );
  const token = registered.registerResponse?.deviceManagementToken ?? '';
  const policy = await post(
    bench,
    'policy',
    d.deviceId,
    encode({ policyRequest: { requests: [{ policyType: CHROME_DEVICE_POLICY_TYPE, signatureType: 2 }] } }),
    `GoogleDMToken token=${token}`,
  );
  const fetched = policy.policyResponse?.responses[0];
  if (fetched === undefined) throw new Error('floor: no policy');
  const key = createPublicKey({ key: Buffer.from(fetched.newPublicKey), format: 'der', type: 'spki' });
  if (!verify('sha256', fetched.policyData, key, fetched.policyDataSignature))
    throw new Error('floor: bad policy signature');
  const pd = fromBinary(PolicyDataSchema, fetched.policyData);
  if (pd.requestToken !== token || pd.deviceId !== d.deviceId) throw new Error('floor: policy not for us');
  fromBinary(ChromeDeviceSettingsProtoSchema, pd.policyValue);
  createHash('sha256').update(fetched.newPublicKey).digest(); // the fingerprint the agent shows
}

/** CPU ms per device of the bare protocol exchange, over `count` devices. */
export async function measureFloorCpu(bench: BenchStub, count: number): Promise<number> {
  const devices = await prepare(bench, count);
  // One warm-up device so JIT and connection set-up are not charged to the floor alone.
  const [first, ...rest] = devices;
  if (first !== undefined) await oneDevice(bench, first);
  const start = cpuMsNow();
  for (const d of rest) await oneDevice(bench, d);
  return (cpuMsNow() - start) / Math.max(1, rest.length);
}
