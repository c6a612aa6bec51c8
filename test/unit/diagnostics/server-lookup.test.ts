// The live server answer of the diagnostics: asked once and cached, asked again on refresh, bounded
// by its own time-out, and each kind of answer (pre-provisioned, not, 410, unreachable) said right.

import { afterEach, describe, expect, it, vi } from 'vitest';
import { createServerLookup } from '../../../agent/diagnostics/index.ts';
import type { DmClient } from '../../../agent/dm-client/index.ts';
import type { IdentityReport } from '../../../agent/identity/report.ts';
import {
  eligibleIdentity,
  enrollmentState,
  fakeDiagnosticsDeps,
  happyScript,
  NOT_IN_SET,
  startMachine,
} from '../../helpers/machine/index.ts';

afterEach(() => {
  vi.useRealTimers();
});

async function managedAgent() {
  const agent = startMachine(happyScript());
  await agent.reach('managed.idle');
  return agent;
}

describe('server look-up', () => {
  it('asks once, then answers from the cache until refreshed', async () => {
    const agent = await managedAgent();
    const fake = fakeDiagnosticsDeps({
      enrollmentState: [{ ok: NOT_IN_SET }, { ok: enrollmentState() }],
    });
    const lookup = createServerLookup(agent.view, fake.deps);
    expect(lookup.cached()).toBeNull();
    expect((await lookup.current()).preProvisioned).toBe(false);
    expect((await lookup.current()).preProvisioned).toBe(false);
    expect(fake.lookups()).toBe(1);
    const refreshed = await lookup.current({ refresh: true });
    expect(refreshed).toMatchObject({ preProvisioned: true, managementDomain: 'demo.example' });
    expect(fake.lookups()).toBe(2);
    expect(lookup.cached()).toEqual(refreshed);
    agent.stop();
  });

  it('shares one request between callers asking at the same time', async () => {
    const agent = await managedAgent();
    const fake = fakeDiagnosticsDeps();
    const lookup = createServerLookup(agent.view, fake.deps);
    await Promise.all([lookup.current(), lookup.current({ refresh: true }), lookup.current()]);
    expect(fake.lookups()).toBe(1);
    agent.stop();
  });

  it('asks with the hash dance, and sends serial + brand code only for a device in the set', async () => {
    const agent = await managedAgent();
    const fake = fakeDiagnosticsDeps({ enrollmentState: [{ ok: enrollmentState() }] });
    const seen: unknown[] = [];
    const base = fake.deps.createDmClient;
    fake.deps.createDmClient = (deviceId) => {
      const client = base(deviceId);
      return {
        ...client,
        enterpriseCheck: async (bucket, o) => {
          seen.push({ deviceId, enterpriseCheck: bucket });
          return client.enterpriseCheck(bucket, o);
        },
        deviceStateRetrieval: async (device, o) => {
          seen.push({ deviceId, deviceStateRetrieval: device });
          return client.deviceStateRetrieval(device, o);
        },
      };
    };
    const answer = await createServerLookup(agent.view, fake.deps).current();
    expect(answer).toMatchObject({ preProvisioned: true, enrollmentMode: 'zero-touch-enforced' });
    expect(seen).toEqual([
      { deviceId: 'scripted-device-0001', enterpriseCheck: { remainder: expect.any(BigInt), modulus: 16n } },
      {
        deviceId: 'scripted-device-0001',
        deviceStateRetrieval: {
          serialNumber: 'NXHPVEK0010123456789',
          brandCode: eligibleIdentity().brandCode,
        },
      },
    ]);
    // Nothing registers: the look-up never asks for a registration.
    agent.stop();
  });

  it('a device not in the set is "not pre-provisioned" and its serial is not sent', async () => {
    const agent = await managedAgent();
    const fake = fakeDiagnosticsDeps({ enrollmentState: [{ ok: NOT_IN_SET }] });
    let retrievals = 0;
    const base = fake.deps.createDmClient;
    fake.deps.createDmClient = (deviceId) => ({
      ...base(deviceId),
      deviceStateRetrieval: async () => {
        retrievals++;
        throw new Error('must not be asked');
      },
    });
    const answer = await createServerLookup(agent.view, fake.deps).current();
    expect(answer).toMatchObject({ reachable: true, preProvisioned: false, enrollmentMode: 'none' });
    expect(retrievals).toBe(0);
    agent.stop();
  });

  it('410 device-not-found: the server answered, and the answer is "not pre-provisioned"', async () => {
    const agent = await managedAgent();
    const fake = fakeDiagnosticsDeps({
      enrollmentState: [{ error: { code: 'device-not-found', httpStatus: 410 } }],
    });
    const answer = await createServerLookup(agent.view, fake.deps).current();
    expect(answer).toMatchObject({
      reachable: true,
      preProvisioned: false,
      error: { code: 'device-not-found' },
    });
    agent.stop();
  });

  it('a network failure: unreachable, nothing known', async () => {
    const agent = await managedAgent();
    const fake = fakeDiagnosticsDeps({
      enrollmentState: [{ error: { code: 'network', message: 'ECONNREFUSED' } }],
    });
    const answer = await createServerLookup(agent.view, fake.deps).current();
    expect(answer).toMatchObject({
      reachable: false,
      preProvisioned: null,
      managementDomain: null,
      error: { code: 'network', message: 'ECONNREFUSED' },
    });
    agent.stop();
  });

  it('gives up after its own time-out and aborts the request', async () => {
    const agent = await managedAgent();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const fake = fakeDiagnosticsDeps();
    let aborted = false;
    const base = fake.deps.createDmClient;
    fake.deps.createDmClient = (deviceId): DmClient => ({
      ...base(deviceId),
      enterpriseCheck: (_bucket, opts) =>
        new Promise((_resolve, reject) => {
          opts?.signal?.addEventListener('abort', () => {
            aborted = true;
            reject(Object.assign(new Error('aborted'), { code: 'aborted' }));
          });
        }),
    });
    const pending = createServerLookup(agent.view, fake.deps, { timeoutMs: 3_000 }).current();
    await vi.advanceTimersByTimeAsync(3_000);
    const answer = await pending;
    expect(aborted).toBe(true);
    expect(answer).toMatchObject({
      reachable: false,
      error: { code: 'timeout', message: 'The server did not answer within 3 s.' },
    });
    agent.stop();
  });

  it('does not cache "identity unknown": once the identity is read, the server is asked', async () => {
    const agent = startMachine({ ...happyScript(), readIdentity: [{ hold: true }] });
    await agent.reach('readingIdentity');
    const fake = fakeDiagnosticsDeps();
    const lookup = createServerLookup(agent.view, fake.deps);
    expect((await lookup.current()).error?.code).toBe('identity-unknown');
    const ok = happyScript().readIdentity?.[0];
    if (!ok || !('ok' in ok)) throw new Error('happy script changed');
    agent.release('readIdentity', ok);
    await agent.reach('managed.idle');
    expect((await lookup.current()).reachable).toBe(true);
    expect(fake.lookups()).toBe(1);
    agent.stop();
  });

  it('asks SMART Remote Management for a display, with the model number the display gives', async () => {
    const display: IdentityReport = {
      manufacturer: 'SMART Technologies',
      model: 'SMART Board MX (V2)',
      deviceClass: 'smart-display',
      serialNumber: 'SBID1DEMO0001',
      idKind: 'smart-serial',
      certifiedDeviceId: 'SBID1DEMO0001',
      manufactureDate: null,
      brandCode: null,
      eligible: true,
      reasons: [],
      sources: {},
    };
    const agent = startMachine({
      ...happyScript(),
      readIdentity: [{ ok: display }],
      smartCheckin: [{ ok: { assignedDomain: null } }],
    });
    await agent.reach('manual.waiting');
    const fake = fakeDiagnosticsDeps();
    const bodies: unknown[] = [];
    fake.deps.enrollmentHttp = {
      smartCheckin: async (body) => {
        bodies.push(body);
        return { assignedDomain: 'demoschool' };
      },
    };
    fake.deps.readIdentity = async () => ({
      report: display,
      snapshot: {} as never,
      smartInfo: {
        serialNumber: 'SBID1DEMO0001',
        modelNumber: 'sbid-mx065-v2',
        firmwareVersion: null,
        partNumber: null,
        powerState: 'on',
      },
    });
    const answer = await createServerLookup(agent.view, fake.deps).current();
    expect(bodies).toEqual([{ serial_number: 'SBID1DEMO0001', model_number: 'sbid-mx065-v2' }]);
    expect(answer).toMatchObject({
      reachable: true,
      preProvisioned: true,
      managementDomain: 'demoschool',
      orgUnitPath: null,
    });
    agent.stop();
  });
});
