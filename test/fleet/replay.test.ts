// `fleet replay BUNDLE`: a real agent boots, a technician exports its diagnostics bundle (the agent's
// own diagnostics service), and the fleet rebuilds the device and the server's answers from it and
// boots it again: the same screen with the same reason. A bundle the replay cannot match is reported.

import { spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATALOG } from '../../agent/catalog/index.ts';
import type { Bundle } from '../../agent/diagnostics/export.ts';
import { createDiagnosticsService } from '../../agent/diagnostics/service.ts';
import { startAgent } from '../../agent/runtime/agent.ts';
import { createDeviceDeps } from '../../agent/runtime/create-deps.ts';
import { buildSimulatedChromeDevice, preprovisionEntry } from '../../simulator/devices/chrome.ts';
import { createStubClient } from '../../simulator/devices/stub-client.ts';
import { planFromBundle, replayBundle } from '../../simulator/fleet/replay.ts';
import { chromeDeviceProfile } from '../../simulator/profiles/chrome-device.ts';
import { seededRandom } from '../../simulator/profiles/random.ts';
import { type StartedStub, startStub } from '../helpers/stub.ts';
import { tempDir } from './helpers.ts';

let stub: StartedStub;
let dir: string;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  stub = await startStub();
  ({ dir, cleanup } = await tempDir('zte-fleet-replay-'));
});
afterAll(async () => {
  await stub.close();
  await cleanup();
});

/** Boots a device in the field (against the stub) and exports its bundle as a technician would. */
async function fieldBundle(name: string, rowName: string, upload: 'none' | 'no-licences'): Promise<string> {
  const entry = CATALOG.find((e) => e.name === rowName);
  if (!entry) throw new Error(`no row ${rowName}`);
  const client = createStubClient(stub.url);
  const profile = chromeDeviceProfile(entry, seededRandom(name.length * 977), {
    manufactureDate: '2023-05-04',
  });
  const root = join(dir, name);
  await buildSimulatedChromeDevice(root, profile, client);
  if (upload === 'no-licences') {
    const admin = (await client.login('admin@other.example', 'other-password')).token;
    await client.setLicenses(admin, 'C00demo02', 0);
    await client.preprovision({
      partnerKey: 'partner-demo-key',
      customerId: 'C00demo02',
      token: 'ppt-other-0001',
      devices: [preprovisionEntry(profile)],
    });
  }
  const deps = createDeviceDeps({ server: stub.url, root, stateDir: join(root, 'state') });
  const agent = await startAgent(deps);
  await agent.settled;
  const exported = await createDiagnosticsService(agent, deps, { agentVersion: 'test' }).exportBundle(
    join(root, 'state'),
  );
  await agent.stop();
  return exported.path;
}

describe('replay of a diagnostics bundle', () => {
  it('reproduces a device that was not pre-provisioned (manual screen)', async () => {
    const path = await fieldBundle('field-manual', 'Chromebook Acer 311 (C722/C722T)', 'none');
    const result = await replayBundle(path);
    expect(result.expected).toEqual({ outcome: 'manual', reason: 'not-pre-provisioned' });
    expect(result.run.devices[0]?.result.actual).toMatchObject({
      outcome: 'manual',
      reason: 'not-pre-provisioned',
    });
    expect(result.reproduced).toBe(true);
  }, 30_000);

  it('reproduces a missing-licences error of a Lenovo 1S+MTM device, rebuilding its identity', async () => {
    const path = await fieldBundle('field-402', 'Chromebook Lenovo 14e 2e génération', 'no-licences');
    const bundle = JSON.parse(await readFile(path, 'utf8')) as Bundle;
    const { plan } = planFromBundle(bundle);
    expect(plan.hardware.identity.certifiedDeviceId).toBe(bundle.diagnostics.identity?.certifiedDeviceId);
    expect(plan.preprovision).toMatchObject({ customer: 'no-licences' });
    const result = await replayBundle(path);
    expect(result.expected).toEqual({ outcome: 'error', reason: 'missing-licenses' });
    expect(result.reproduced, result.run.devices[0]?.result.log.join('\n')).toBe(true);
    expect(result.run.devices[0]?.result.identity).toMatchObject({
      certifiedDeviceId: bundle.diagnostics.identity?.certifiedDeviceId,
    });
  }, 30_000);

  it('says so, and the CLI exits 1, when the replayed device does not end as the bundle says', async () => {
    const path = await fieldBundle('field-tampered', 'Chromebook Acer 311 (C722/C722T)', 'none');
    const bundle = JSON.parse(await readFile(path, 'utf8')) as Bundle;
    // A bundle claiming a 409 the stub will not give: the replayed device simply enrolls.
    bundle.diagnostics.state = 'error';
    bundle.diagnostics.lastError = { code: 'device-id-conflict', message: 'claimed', advice: '' };
    const tampered = join(dir, 'tampered.json');
    await writeFile(tampered, JSON.stringify(bundle));
    const cli = await new Promise<{ code: number | null; stdout: string }>((done) => {
      const child = spawn(
        process.execPath,
        [
          '--import',
          'tsx',
          resolve(import.meta.dirname, '../../simulator/fleet/main.ts'),
          'replay',
          tampered,
          '--json',
        ],
        {
          stdio: ['ignore', 'pipe', 'inherit'],
        },
      );
      let stdout = '';
      child.stdout.on('data', (c: Buffer) => {
        stdout += c.toString();
      });
      child.on('close', (code) => done({ code, stdout }));
    });
    expect(cli.code).toBe(1);
    expect(JSON.parse(cli.stdout)).toMatchObject({
      reproduced: false,
      expected: { outcome: 'error', reason: 'device-id-conflict' },
      actual: { outcome: 'managed' },
    });
  }, 30_000);
});
