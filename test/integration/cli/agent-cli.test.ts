// The agent CLI as users call it (`npm run -s agent -- …` runs agent/cli/main.ts through tsx):
// stdout carries only the documented JSON line, exit codes are the documented ones.

import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATALOG } from '../../../agent/catalog/index.ts';
import { materializeDeviceTree } from '../../../simulator/device-tree.ts';
import { buildSimulatedChromeDevice, preprovisionEntry } from '../../../simulator/devices/chrome.ts';
import { createStubClient } from '../../../simulator/devices/stub-client.ts';
import { chromeDeviceProfile } from '../../../simulator/profiles/chrome-device.ts';
import { seededRandom } from '../../../simulator/profiles/random.ts';
import { treeDir } from '../../helpers/identity.ts';
import { type StartedStub, startStub } from '../../helpers/stub.ts';

const run = promisify(execFile);
async function agent(args: string[]) {
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      ['--import', 'tsx', 'agent/cli/main.ts', ...args],
      {
        env: { ...process.env, ZTE_LOG_LEVEL: 'warn' },
      },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const row = (name: string) => {
  const e = CATALOG.find((x) => x.name === name);
  if (!e) throw new Error(name);
  return e;
};

let dir: string;
let cleanup: () => Promise<void>;
let stub: StartedStub;
beforeAll(async () => {
  ({ dir, cleanup } = await treeDir('zte-cli-'));
  stub = await startStub();
});
afterAll(async () => {
  await stub.close();
  await cleanup();
});

describe('agent identify', () => {
  it('prints exactly one JSON line with the DESIGN §4 fields, exit 0, also when not eligible', async () => {
    const entry = row('Chromebook Dell Latitude 5400');
    const profile = chromeDeviceProfile(entry, seededRandom(9), { manufactureDate: '2020-11-30' });
    await materializeDeviceTree(`${dir}/dell`, profile.spec);
    const { code, stdout } = await agent(['identify', '--root', `${dir}/dell`, '--json']);
    expect(code).toBe(0);
    expect(stdout.endsWith('\n')).toBe(true);
    expect(stdout.trim().split('\n')).toHaveLength(1);
    const report = JSON.parse(stdout);
    expect(Object.keys(report)).toEqual([
      'manufacturer',
      'model',
      'deviceClass',
      'serialNumber',
      'idKind',
      'certifiedDeviceId',
      'manufactureDate',
      'brandCode',
      'eligible',
      'reasons',
      'sources',
    ]);
    expect(report).toMatchObject({ model: entry.name, idKind: 'service-tag', eligible: false });
    // The simulator writes the model's brand code into VPD; identify names where it came from.
    expect(report.brandCode).toMatch(/^[A-Z]{4}$/);
    expect(report.sources.brandCode).toBe('sysfs');
    expect(report.reasons.map((r: { code: string }) => r.code)).toEqual(['made-before-cutoff']);
  });

  it('prints a readable table without --json', async () => {
    const { code, stdout } = await agent(['identify', '--root', `${dir}/dell`]);
    expect(code).toBe(0);
    expect(stdout).toContain('Chromebook Dell Latitude 5400');
    expect(stdout).toContain('made-before-cutoff');
  });

  it.each([
    [['identify', '--bogus'], 'bogus'],
    [['identify', '--root'], 'root'],
    [['identify', '--root', '/no/such/dir'], '/no/such/dir'],
    [['frobnicate'], 'frobnicate'],
    [['run', '--root', '/'], '--server'],
    [['run', '--server', 'ftp://x'], 'http'],
  ])('exits 2 with a message naming the problem: %j', async (args, named) => {
    const { code, stdout, stderr } = await agent(args);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(named);
  });
});

describe('agent run --ui none', () => {
  it('exits 0 with the outcome line when the device enrolls', async () => {
    const client = createStubClient(stub.url);
    const profile = chromeDeviceProfile(row('Chromebook HP 14 G7'), seededRandom(11), {
      manufactureDate: '2021-05-01',
    });
    await buildSimulatedChromeDevice(`${dir}/hp`, profile, client);
    await client.preprovision({
      partnerKey: 'partner-demo-key',
      customerId: 'C00demo01',
      token: 'ppt-demo-0001',
      devices: [preprovisionEntry(profile)],
    });
    const { code, stdout } = await agent([
      'run',
      '--server',
      stub.url,
      '--root',
      `${dir}/hp`,
      '--ui',
      'none',
      '--json',
    ]);
    expect(code).toBe(0);
    const line = JSON.parse(stdout);
    expect(Object.keys(line)).toEqual([
      'outcome',
      'reason',
      'managementDomain',
      'orgUnitPath',
      'certifiedDeviceId',
      'idKind',
      'history',
    ]);
    expect(line).toMatchObject({
      outcome: 'managed',
      managementDomain: 'demo.example',
      certifiedDeviceId: profile.expected.certifiedDeviceId,
    });
  });

  it('exits 3 on the manual screen and writes its state under the root by default', async () => {
    const profile = chromeDeviceProfile(row('Chromebook HP 14 G7'), seededRandom(12), {
      manufactureDate: '2021-05-01',
    });
    await buildSimulatedChromeDevice(`${dir}/hp2`, profile, createStubClient(stub.url));
    const { code, stdout } = await agent([
      'run',
      '--server',
      stub.url,
      '--root',
      `${dir}/hp2`,
      '--ui',
      'none',
      '--json',
    ]);
    expect(code).toBe(3);
    expect(JSON.parse(stdout)).toMatchObject({ outcome: 'manual', reason: 'not-pre-provisioned' });
    const { stdout: state } = await run('cat', [`${dir}/hp2/var/lib/zte-agent/state.json`]);
    expect(JSON.parse(state)).toMatchObject({ version: 1, phase: 'manual.waiting' });
  });

  it('exits 4 on the error screen', async () => {
    const client = createStubClient(stub.url);
    const profile = chromeDeviceProfile(row('Chromebook HP 14 G7'), seededRandom(13), {
      manufactureDate: '2021-05-01',
    });
    await buildSimulatedChromeDevice(`${dir}/hp3`, profile, client);
    await client.preprovision({
      partnerKey: 'partner-demo-key',
      customerId: 'C00demo01',
      token: 'ppt-demo-0001',
      devices: [preprovisionEntry(profile)],
    });
    await client.injectFaults('certificate_based_register', 402, 1);
    const { code, stdout } = await agent([
      'run',
      '--server',
      stub.url,
      '--root',
      `${dir}/hp3`,
      '--ui',
      'none',
      '--json',
    ]);
    expect(code).toBe(4);
    expect(JSON.parse(stdout)).toMatchObject({ outcome: 'error', reason: 'missing-licenses' });
  });
});
