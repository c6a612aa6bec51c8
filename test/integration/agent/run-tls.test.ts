// The agent against the stub over HTTPS (issue 17): a device that trusts the stub's CA enrolls; a
// server it cannot verify (no CA, another CA, the wrong host, expired, not yet valid, the wrong key)
// ends on the error screen — the clock screen for a certificate not valid yet — with its own code and
// the certificate presented, and never receives a single HTTP request.

import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATALOG } from '../../../agent/catalog/index.ts';
import { collectDiagnostics } from '../../../agent/diagnostics/index.ts';
import type { Diagnostics } from '../../../agent/diagnostics/types.ts';
import { spkiPinOfCertificate } from '../../../agent/dm-client/index.ts';
import { type AgentHandle, startAgent } from '../../../agent/runtime/agent.ts';
import { createDeviceDeps } from '../../../agent/runtime/create-deps.ts';
import { FACTORY_SERVER_CA, loadDeviceTrust } from '../../../agent/runtime/device-trust.ts';
import type { Outcome } from '../../../agent/runtime/outcome.ts';
import type { Stub } from '../../../server-stub/app.ts';
import { materializeDeviceTree } from '../../../simulator/device-tree.ts';
import { preprovisionEntry } from '../../../simulator/devices/chrome.ts';
import { writeAttestationMaterial } from '../../../simulator/devices/tpm-sim.ts';
import { chromeDeviceProfile } from '../../../simulator/profiles/chrome-device.ts';
import { seededRandom } from '../../../simulator/profiles/random.ts';
import { treeDir } from '../../helpers/identity.ts';
import { startTlsStub, type TestPki, type TlsStub, testPki } from '../../helpers/tls.ts';

let pki: TestPki;
let dir: string;
let cleanup: () => Promise<void>;
let counter = 0;
const stubs: TlsStub[] = [];

beforeAll(async () => {
  pki = await testPki();
  ({ dir, cleanup } = await treeDir('zte-tls-'));
});
afterAll(async () => {
  await Promise.all(stubs.map((s) => s.close()));
  await cleanup();
});

const ENTRY = CATALOG.find((e) => e.name === 'Chromebook Acer 311 (C722/C722T)');

/** A pre-provisioned device (key minted and upload made in process: the test's own CA is not needed). */
async function device(stub: Stub): Promise<{ root: string; serial: string }> {
  if (!ENTRY) throw new Error('row missing');
  const n = ++counter;
  const profile = chromeDeviceProfile(ENTRY, seededRandom(1000 + n));
  const root = join(dir, `device-${n}`);
  await materializeDeviceTree(root, profile.spec);
  const minted = await stub.mintDeviceIdentity(profile.expected.certifiedDeviceId, ENTRY.manufacturer);
  await writeAttestationMaterial(root, {
    privateKeyPem: minted.private_key_pem,
    certificateChainPem: minted.certificate_chain_pem,
  });
  const upload = await stub.app.inject({
    method: 'POST',
    url: '/v1/partner/devices:preprovision',
    headers: { authorization: 'Bearer partner-demo-key' },
    payload: {
      customer_id: 'C00demo01',
      pre_provisioning_token: 'ppt-demo-0001',
      devices: [preprovisionEntry(profile)],
    },
  });
  expect(upload.statusCode).toBe(200);
  return { root, serial: profile.expected.serialNumber };
}

interface Boot {
  outcome: Outcome;
  agent: AgentHandle;
  requests: number;
  managedOnServer: boolean;
  /** What Alt+V shows (`GET /api/diagnostics`), taken on the screen the boot ended on. */
  diagnostics: Diagnostics;
}

async function boot(
  certificate: TestPki['good'],
  trust: { serverCaPem?: string[]; pins?: string[]; factoryCa?: string } = {},
): Promise<Boot> {
  const server = await startTlsStub(certificate);
  stubs.push(server);
  const { root, serial } = await device(server.stub);
  if (trust.factoryCa !== undefined) {
    await mkdir(join(root, 'etc/zte-agent'), { recursive: true });
    await writeFile(join(root, FACTORY_SERVER_CA), trust.factoryCa);
  }
  const deviceTrust = await loadDeviceTrust({
    root,
    ...(trust.serverCaPem ? { serverCaPem: trust.serverCaPem } : {}),
    ...(trust.pins ? { pins: trust.pins } : {}),
  });
  const deps = createDeviceDeps({
    server: server.url,
    root,
    stateDir: `${root}/state`,
    trust: deviceTrust.trust,
  });
  const agent = await startAgent(deps, { random: () => 0.5 });
  const outcome = await agent.settled;
  const diagnostics = await collectDiagnostics(agent, deps, { agentVersion: 'test' });
  const requests = server.requests();
  const record = server.stub.db.prepare('SELECT status FROM devices WHERE serial_number = ?').get(serial) as
    | { status: string }
    | undefined;
  await agent.stop();
  deviceTrust.trust.destroy();
  return { outcome, agent, requests, managedOnServer: record?.status === 'MANAGED', diagnostics };
}

describe('agent over HTTPS', () => {
  it('enrolls when given the stub CA (--server-ca)', async () => {
    const b = await boot(pki.good, { serverCaPem: [pki.ca.certPem] });
    expect(b.outcome).toMatchObject({ outcome: 'managed', reason: 'enrolled' });
    expect(b.managedOnServer).toBe(true);
    expect(b.requests).toBeGreaterThan(0);
  });

  it('enrolls with the CA a factory put in etc/zte-agent/server-ca.pem', async () => {
    const b = await boot(pki.good, { factoryCa: pki.ca.certPem });
    expect(b.outcome).toMatchObject({ outcome: 'managed' });
  });

  it('enrolls with a pin of the server key or of its CA key', async () => {
    const leaf = await boot(pki.good, {
      serverCaPem: [pki.ca.certPem],
      pins: [spkiPinOfCertificate(pki.good.certPem)],
    });
    expect(leaf.outcome).toMatchObject({ outcome: 'managed' });
    const ca = await boot(pki.good, {
      serverCaPem: [pki.ca.certPem],
      pins: [spkiPinOfCertificate(pki.ca.certPem)],
    });
    expect(ca.outcome).toMatchObject({ outcome: 'managed' });
  });

  const refused: Array<[string, keyof TestPki, { serverCaPem?: string[] }, string]> = [
    ['without the CA: untrusted issuer', 'good', {}, 'tls-untrusted-issuer'],
    ['a certificate of another CA: untrusted issuer', 'otherCa', {}, 'tls-untrusted-issuer'],
    ['a certificate for another host: wrong host', 'wrongHost', {}, 'tls-wrong-host'],
    ['an expired certificate', 'expired', {}, 'tls-cert-expired'],
  ];
  it.each(refused)('%s → the error screen, nothing sent, not managed', async (_name, which, _t, code) => {
    const b = await boot(pki[which] as TestPki['good'], {
      serverCaPem: which === 'good' ? [] : [pki.ca.certPem],
    });
    expect(b.outcome).toMatchObject({ outcome: 'error', reason: code });
    expect(b.agent.actor.getSnapshot().context.lastError?.certificate).toMatchObject({
      subject: expect.stringContaining('CN='),
      issuer: expect.stringContaining('CN='),
      validFrom: expect.any(String),
      validTo: expect.any(String),
    });
    // Alt+V: the code, the advice, and the certificate presented.
    expect(b.diagnostics.lastError).toMatchObject({
      code,
      message: expect.stringContaining('issuer CN='),
      advice: expect.any(String),
      certificate: { subject: expect.stringContaining('CN='), validTo: expect.any(String) },
    });
    expect(b.requests).toBe(0);
    expect(b.managedOnServer).toBe(false);
  });

  it('a pin that matches no key of the chain: pin mismatch, nothing sent', async () => {
    const b = await boot(pki.good, {
      serverCaPem: [pki.ca.certPem],
      pins: [spkiPinOfCertificate(pki.other.certPem)],
    });
    expect(b.outcome).toMatchObject({ outcome: 'error', reason: 'tls-pin-mismatch' });
    expect(b.requests).toBe(0);
    expect(b.managedOnServer).toBe(false);
  });

  it('a certificate not valid yet: the clock screen, nothing sent', async () => {
    const b = await boot(pki.notYetValid, { serverCaPem: [pki.ca.certPem] });
    expect(b.outcome).toMatchObject({ outcome: 'error', reason: 'tls-cert-not-yet-valid' });
    expect(b.outcome.history.at(-1)?.state).toBe('clockWrong');
    expect(b.requests).toBe(0);
    expect(b.managedOnServer).toBe(false);
  });
});
