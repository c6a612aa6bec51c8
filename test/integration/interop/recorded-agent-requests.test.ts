// What the agent really sends, captured by a recording proxy in front of the real stub and decoded
// with a schema-only decoder (protobufjs over the .proto file, not our generated code): every body is
// a Chromium DeviceManagementRequest carrying the field its `request` parameter names, the signed
// registration is Chromium's SignedData format, and a device outside the server's set never sends its
// serial number.

import { createPublicKey, verify, X509Certificate } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootInProcess } from '../../../simulator/chaos/lib/agent-inprocess.ts';
import { makeChromeDevice } from '../../../simulator/chaos/lib/devices.ts';
import { HostileServer } from '../../../simulator/chaos/lib/hostile-server.ts';
import { createRng } from '../../../simulator/chaos/lib/rng.ts';
import { type StubHandle, startInProcessStub } from '../../../simulator/chaos/lib/stub.ts';
import { type DmSchema, decode, loadDmSchema } from '../../../simulator/interop/schema-client.ts';

interface Captured {
  url: URL;
  requestType: string;
  body: Record<string, unknown>;
  raw: Buffer;
}

const PROTO = resolve(import.meta.dirname, '../../../protocol/proto/device_management.proto');
const dir = mkdtempSync(join(tmpdir(), 'zte-recorded-'));
let stub: StubHandle;
let schema: DmSchema;

beforeAll(async () => {
  stub = await startInProcessStub();
  schema = loadDmSchema(PROTO);
});
afterAll(async () => {
  await stub?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function recordBoot(
  name: string,
  preprovision: boolean,
): Promise<{ captured: Captured[]; serial: string; brand: string; id: string; outcome: string | undefined }> {
  const device = await makeChromeDevice(stub.client, dir, name, createRng(7, name), { preprovision });
  const captured: Captured[] = [];
  const proxy = new HostileServer(
    new URL(stub.url),
    () => null,
    (req) => {
      captured.push({
        url: req.url,
        requestType: req.requestType,
        raw: req.body,
        body: decode(schema.request, req.body),
      });
    },
  );
  const url = await proxy.listen();
  try {
    const { outcome } = await bootInProcess({ server: url, root: device.root, stateDir: device.stateDir });
    const vpd = device.profile.spec.vpd ?? {};
    return {
      captured,
      serial: device.profile.expected.serialNumber,
      brand: String(vpd.rlz_brand_code ?? ''),
      id: device.id,
      outcome: outcome?.outcome,
    };
  } finally {
    await proxy.close();
  }
}

function obj(v: unknown): Record<string, unknown> {
  return typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {};
}

describe('the agent on the wire, as a schema-only decoder reads it', () => {
  it('sends Chromium requests: hash dance, state by serial + brand code, SignedData registration, signed-policy fetch', async () => {
    const { captured, serial, brand, id, outcome } = await recordBoot('recorded-member', true);
    expect(outcome).toBe('managed');
    expect(captured.map((c) => c.requestType)).toEqual([
      'enterprise_check',
      'device_state_retrieval',
      'certificate_based_register',
      'policy',
    ]);
    for (const c of captured) {
      expect(c.url.searchParams.get('devicetype')).toBe('2');
      expect(c.url.searchParams.get('apptype')).toBe('Chrome');
      expect(c.url.searchParams.get('deviceid')).toMatch(/^[\x21-\x7E]{1,64}$/);
      expect(c.url.searchParams.get('agent')).toMatch(/^zte-agent\/\d+\.\d+\.\d+/);
      expect(c.url.searchParams.get('platform')?.split('|')).toHaveLength(3);
      expect(c.url.searchParams.get('retry')).toBe('false');
      // Exactly the field the request type names (Chromium ignores the rest; we send none).
      expect(Object.keys(c.body), c.requestType).toHaveLength(1);
    }
    const [check, state, register, policy] = captured;
    const auto = obj(check?.body.auto_enrollment_request);
    expect(auto.enrollment_check_type).toBe(2);
    expect(BigInt(String(auto.remainder ?? 0))).toBeLessThan(BigInt(String(auto.modulus)));

    expect(state?.body.device_state_retrieval_request).toEqual({ serial_number: serial, brand_code: brand });

    const signed = obj(obj(register?.body.certificate_based_register_request).signed_request);
    const data = signed.data as Buffer;
    const extra = Number(signed.extra_data_bytes);
    expect(extra).toBeGreaterThanOrEqual(16);
    const registration = decode(schema.registrationData, data.subarray(0, data.length - extra));
    expect(registration.certificate_type).toBe(1);
    const cert = new X509Certificate(registration.device_certificate as Buffer);
    expect(cert.subject).toContain(`serialNumber=${id}`);
    expect(
      verify(
        'sha256',
        data,
        createPublicKey(cert.publicKey.export({ format: 'pem', type: 'spki' })),
        signed.signature as Buffer,
      ),
    ).toBe(true);
    const reg = obj(registration.device_register_request);
    expect(reg).toMatchObject({ type: 2, machine_id: serial, flavor: 14, brand_code: brand });
    expect(obj(reg.device_register_identification).attested_device_id).toBe(id);

    const fetch0 = obj((obj(policy?.body.policy_request).requests as unknown[])[0]);
    expect(fetch0).toMatchObject({ policy_type: 'google/chromeos/device', signature_type: 2 });
    expect(policy?.url.searchParams.get('deviceid')).toBe(register?.url.searchParams.get('deviceid'));
  });

  it('never sends the serial number of a device the server has no state for', async () => {
    const { captured, serial, outcome } = await recordBoot('recorded-stranger', false);
    expect(outcome).toBe('manual');
    expect(captured.map((c) => c.requestType)).toEqual(['enterprise_check']);
    for (const c of captured) {
      expect(c.raw.includes(Buffer.from(serial))).toBe(false);
      expect(c.url.href).not.toContain(serial);
    }
  });
});
