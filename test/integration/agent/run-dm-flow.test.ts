// The agent's whole DM flow on the wire (DESIGN §5, §6), against the in-test DM service: real device
// trees, real attestation keys, real HTTP, both encodings. enterprise_check → device_state_retrieval
// → certificate_based_register → policy; a device outside the set never sends its serial; the policy
// key is pinned, persisted, rotated only when the pinned key signs the new one; forged policy ends on
// the error screen with `policy-invalid`.

import { readFile } from 'node:fs/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CATALOG } from '../../../agent/catalog/index.ts';
import { runCommand } from '../../../agent/cli/run-command.ts';
import { isUsageError } from '../../../agent/cli/usage-error.ts';
import type { IdentityReport } from '../../../agent/identity/report.ts';
import type { ManualEnrollRequest } from '../../../agent/machine/types.ts';
import { STATE_FILE_NAME } from '../../../agent/persistence/index.ts';
import { startAgent } from '../../../agent/runtime/agent.ts';
import { createDeviceDeps } from '../../../agent/runtime/create-deps.ts';
import type { Outcome } from '../../../agent/runtime/outcome.ts';
import { writeAttestationMaterial } from '../../../simulator/devices/tpm-sim.ts';
import { chromeDeviceProfile } from '../../../simulator/profiles/chrome-device.ts';
import { seededRandom } from '../../../simulator/profiles/random.ts';
import { identifyTree, treeDir } from '../../helpers/identity.ts';
import { makeDevicePki } from '../../unit/attestation/helpers/pki.ts';
import { type DmService, Mode, startDmService } from './helpers/dm-service.ts';

const ACER = CATALOG.find((e) => e.name === 'Chromebook Acer 311 (C722/C722T)');
if (!ACER) throw new Error('catalog row missing');

let dir: string;
let cleanup: () => Promise<void>;
let seq = 0;
const services: DmService[] = [];

beforeAll(async () => {
  ({ dir, cleanup } = await treeDir('zte-dm-flow-'));
});
afterEach(async () => {
  for (const s of services.splice(0)) await s.close();
});
afterAll(() => cleanup());

interface Device {
  root: string;
  stateDir: string;
  identity: IdentityReport;
}

async function device(): Promise<Device> {
  seq += 1;
  if (!ACER) throw new Error('unreachable');
  const profile = chromeDeviceProfile(ACER, seededRandom(4200 + seq), { manufactureDate: '2022-06-01' });
  const root = `${dir}/dev-${seq}`;
  const identity = await identifyTree(root, profile.spec);
  const pki = await makeDevicePki(profile.expected.certifiedDeviceId);
  await writeAttestationMaterial(root, { privateKeyPem: pki.keyPem, certificateChainPem: pki.chainPem });
  return { root, stateDir: `${root}/var/lib/zte-agent`, identity };
}

async function service(devices: Array<{ d: Device; mode?: Mode }>, extra: { requiredPower?: number } = {}) {
  const s = await startDmService({
    ...extra,
    devices: devices.map(({ d, mode }) => ({
      serialNumber: d.identity.serialNumber ?? '',
      brandCode: d.identity.brandCode ?? '',
      mode: mode ?? Mode.ZERO_TOUCH_ENFORCED,
      domain: 'demo.example',
    })),
  });
  services.push(s);
  return s;
}

async function boot(s: DmService, d: Device, dmEncoding: 'proto' | 'json' = 'proto'): Promise<Outcome> {
  const agent = await startAgent(
    createDeviceDeps({ server: s.url, root: d.root, stateDir: d.stateDir, dmEncoding }),
  );
  const outcome = await agent.settled;
  await agent.stop();
  return outcome;
}

const stateOf = async (d: Device) =>
  JSON.parse(await readFile(`${d.stateDir}/${STATE_FILE_NAME}`, 'utf8')) as {
    managed?: { managementDomain: string; policyKey?: { spki: string; version: number | null } };
  };

describe('the DM flow on the wire', () => {
  it.each(['proto', 'json'] as const)(
    '%s: enterprise_check → device_state_retrieval → register → policy',
    async (encoding) => {
      const d = await device();
      const s = await service([{ d }]);
      const outcome = await boot(s, d, encoding);
      expect(outcome).toMatchObject({
        outcome: 'managed',
        reason: 'enrolled',
        managementDomain: 'demo.example',
      });
      expect(s.requests.map((r) => r.type)).toEqual([
        'enterprise_check',
        'device_state_retrieval',
        'certificate_based_register',
        'policy',
      ]);
      const contentType =
        encoding === 'proto' ? 'application/x-protobuffer' : 'application/json; charset=utf-8';
      for (const r of s.requests) expect(r.raw.headers['content-type']).toBe(contentType);
      // The brand code is VPD's (the simulator writes it), sent with the serial.
      expect(d.identity.sources.brandCode).toBe('sysfs');
      expect(s.requests[1]?.request.deviceStateRetrievalRequest).toMatchObject({
        serialNumber: d.identity.serialNumber,
        brandCode: d.identity.brandCode,
      });
      const reg = s.requests[2]?.request.certificateBasedRegisterRequest?.signedRequest;
      expect(reg?.extraDataBytes).toBe(32);
      // The key is pinned and persisted with the managed record.
      const state = await stateOf(d);
      expect(state.managed?.policyKey).toEqual({
        spki: Buffer.from(s.key().spki).toString('base64'),
        version: 1,
      });
    },
  );

  it('a device whose hash is not in the set never sends its serial number', async () => {
    const member = await device();
    const outsider = await device();
    const s = await service([{ d: member }]);
    const outcome = await boot(s, outsider);
    expect(outcome).toMatchObject({ outcome: 'manual', reason: 'not-pre-provisioned' });
    expect(s.requests.map((r) => r.type)).toEqual(['enterprise_check']);
    const serial = outsider.identity.serialNumber ?? '';
    expect(serial.length).toBeGreaterThan(4);
    for (const r of s.requests) {
      expect(r.raw.bytes.includes(Buffer.from(serial))).toBe(false);
      expect(r.raw.url.toString()).not.toContain(serial);
    }
  });

  it('follows expected_modulus once, with the bucket of the bigger modulus', async () => {
    const d = await device();
    const s = await service([{ d }], { requiredPower: 10 });
    expect((await boot(s, d)).outcome).toBe('managed');
    const checks = s.requests.filter((r) => r.type === 'enterprise_check');
    expect(checks.map((r) => r.request.autoEnrollmentRequest?.modulus)).toEqual([16n, 1024n]);
  });

  it.each([
    [Mode.NONE, 'not-pre-provisioned'],
    [Mode.ENROLLMENT_ENFORCED, 'enrollment-enforced'],
    [Mode.DISABLED, 'zero-touch-disabled'],
    [Mode.TOKEN_ENROLLMENT_ENFORCED, 'token-enrollment-enforced'],
  ] as const)('a member in mode %i → manual (%s), nothing registered', async (mode, reason) => {
    const d = await device();
    const s = await service([{ d, mode }]);
    expect(await boot(s, d)).toMatchObject({ outcome: 'manual', reason });
    expect(s.requests.map((r) => r.type)).toEqual(['enterprise_check', 'device_state_retrieval']);
  });
});

describe('signed policy across boots', () => {
  it('a restart keeps the pin and only fetches policy; a rotation signed by the pinned key is accepted', async () => {
    const d = await device();
    const s = await service([{ d }]);
    await boot(s, d);
    const first = await stateOf(d);
    s.requests.length = 0;
    expect(await boot(s, d)).toMatchObject({ outcome: 'managed', reason: 'already-managed' });
    expect(s.requests.map((r) => r.type)).toEqual(['policy']);
    expect(s.requests[0]?.request.policyRequest?.requests[0]?.publicKeyVersion).toBe(1);
    expect((await stateOf(d)).managed?.policyKey).toEqual(first.managed?.policyKey);

    s.rotate();
    expect(await boot(s, d)).toMatchObject({ outcome: 'managed' });
    expect((await stateOf(d)).managed?.policyKey).toEqual({
      spki: Buffer.from(s.key().spki).toString('base64'),
      version: 2,
    });
  });

  it('a key the pinned one did not sign, or forged policy, → error screen policy-invalid; the pin is kept', async () => {
    const d = await device();
    const s = await service([{ d }]);
    await boot(s, d);
    const pinned = (await stateOf(d)).managed?.policyKey;

    s.rotate({ signWithOldKey: false });
    expect(await boot(s, d)).toMatchObject({ outcome: 'error', reason: 'policy-invalid' });
    expect((await stateOf(d)).managed?.policyKey).toEqual(pinned);

    // Policy signed by a key nobody vouched for (it even comes as new_public_key): refused too.
    const d2 = await device();
    const s2 = await service([{ d: d2 }]);
    await boot(s2, d2);
    s2.forgePolicy(true);
    expect(await boot(s2, d2)).toMatchObject({ outcome: 'error', reason: 'policy-invalid' });
    s2.forgePolicy(false);
    expect(await boot(s2, d2)).toMatchObject({ outcome: 'managed', reason: 'already-managed' });
  });
});

describe('retries on the wire', () => {
  it('a 503 is retried by the machine with retry=true&lasterror=503, then the flow completes', async () => {
    const d = await device();
    const s = await service([{ d }]);
    s.failWith('device_state_retrieval', 503);
    const agent = await startAgent(createDeviceDeps({ server: s.url, root: d.root, stateDir: d.stateDir }), {
      random: () => 0,
      onTransition: (state) => {
        if (state === 'automatic.backoff') s.failWith('device_state_retrieval', null);
      },
    });
    const outcome = await agent.settled;
    await agent.stop();
    expect(outcome.outcome).toBe('managed');
    const retrievals = s.requests.filter((r) => r.type === 'device_state_retrieval');
    expect(
      retrievals.map((r) => [r.raw.url.searchParams.get('retry'), r.raw.url.searchParams.get('lasterror')]),
    ).toEqual([
      ['false', null],
      ['true', '503'],
    ]);
  });
});

describe('manual enrollment on the wire', () => {
  async function manual(d: Device, s: DmService, request: ManualEnrollRequest): Promise<Outcome> {
    const agent = await startAgent(createDeviceDeps({ server: s.url, root: d.root, stateDir: d.stateDir }));
    const first = await agent.settled;
    expect(first).toMatchObject({ outcome: 'manual', reason: 'not-pre-provisioned' });
    const done = new Promise<void>((resolve) => {
      agent.actor.subscribe((snapshot) => {
        if (snapshot.matches({ flow: { managed: 'idle' } })) resolve();
      });
    });
    agent.actor.send({ type: 'MANUAL_ENROLL', request });
    await done;
    const ctx = agent.actor.getSnapshot().context;
    await agent.stop();
    return { ...first, outcome: 'managed', managementDomain: ctx.enrollment?.managementDomain ?? null };
  }

  it('credentials: the admin session token goes in `oauth_token`, flavor 15; the policy names the domain', async () => {
    const d = await device();
    const s = await service([]);
    const outcome = await manual(d, s, {
      method: 'credentials',
      email: 'admin@demo.example',
      password: 'pw',
    });
    const reg = s.requests.find((r) => r.type === 'register');
    expect(reg?.raw.url.searchParams.get('oauth_token')).toBe('admin-oauth');
    expect(reg?.raw.headers.authorization).toBeUndefined();
    expect(reg?.request.registerRequest).toMatchObject({
      machineId: d.identity.serialNumber,
      flavor: 15,
      brandCode: d.identity.brandCode,
    });
    expect(s.requests.at(-1)?.type).toBe('policy');
    expect(outcome.managementDomain).toBe('demo.example');
  });

  it('enrollment token: GoogleEnrollmentToken and the wrapper messages', async () => {
    const d = await device();
    const s = await service([]);
    await manual(d, s, { method: 'enrollment-token', token: 'enroll-tok' });
    const reg = s.requests.find((r) => r.type === 'token_based_register');
    expect(reg?.raw.headers.authorization).toBe('GoogleEnrollmentToken token=enroll-tok');
    expect(reg?.request.tokenBasedDeviceRegisterRequest?.deviceRegisterRequest?.machineId).toBe(
      d.identity.serialNumber,
    );
  });
});

describe('agent run --dm-encoding', () => {
  const io = () => {
    const out: string[] = [];
    return { out, io: { stdout: (t: string) => void out.push(t), stderr: () => undefined } };
  };

  it('json: the whole boot speaks the JSON debug encoding; exit 0 managed', async () => {
    process.env.ZTE_LOG_LEVEL = 'silent';
    const d = await device();
    const s = await service([{ d }]);
    const { out, io: cli } = io();
    const code = await runCommand(
      ['--server', s.url, '--root', d.root, '--state-dir', d.stateDir, '--dm-encoding', 'json', '--json'],
      cli,
    );
    expect(code).toBe(0);
    expect(JSON.parse(out.join(''))).toMatchObject({ outcome: 'managed' });
    expect(new Set(s.requests.map((r) => r.raw.headers['content-type']))).toEqual(
      new Set(['application/json; charset=utf-8']),
    );
  });

  it.each([['xml'], ['PROTO'], ['']])('--dm-encoding %j is a usage error (exit 2)', async (value) => {
    const error = await runCommand(['--server', 'http://127.0.0.1:9', '--dm-encoding', value], io().io).catch(
      (e: unknown) => e,
    );
    expect(isUsageError(error)).toBe(true);
  });
});
