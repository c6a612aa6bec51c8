// Security, whole devices against the real stub: nobody is let in where they do not belong and a
// refusal leaves no trace.
//  - spoofed device: a copy of a pre-provisioned device's tree (serial, ADID) with its own key, from a
//    CA the stub does not trust, or from the trusted CA but certified for another ID → 403, error
//    screen, no MANAGED record, no licence; nor can it take over the device once enrolled;
//  - replayed registration: a signed certificate_based_register captured by a recording proxy from a
//    real enrollment, posted again (same and other deviceid) → 403 (nonce), nothing changed;
//  - revoked pre-provisioning token → 403 error screen, nothing consumed;
//  - unauthorised partner (`partner-unlisted-key`) → 403, nothing stored, the device then finds itself
//    not pre-provisioned;
//  - another customer's admin: every admin call on C00demo01 → 403 with nothing changed, and manual
//    enrollment with its credentials of a device pre-provisioned for C00demo01 → refused (406);
//  - the diagnostics bundle of real devices (zero-touch, credentials, enrollment token) never holds a
//    DM token, a password, an admin or enrollment token or a private key.
// SQL-injection and path-traversal strings in every field are the stub property tests' (test/property).

import { cp, mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { create } from '@bufbuild/protobuf';
import { createDiagnosticsService } from '../../../agent/diagnostics/index.ts';
import { STATE_FILE_NAME } from '../../../agent/persistence/index.ts';
import { ATTESTATION_KEY_PATH } from '../../../hal/backends/attestation-file/index.ts';
import { decodeDm, encodeDm, PROTOBUF_CONTENT_TYPE } from '../../../protocol/codec.ts';
import {
  CHROME_DEVICE_POLICY_TYPE,
  DeviceManagementRequestSchema,
  DeviceManagementResponseSchema,
  PolicyFetchRequest_SignatureType,
} from '../../../protocol/dm.ts';
import { createManufacturerCa, mintDeviceIdentity } from '../../../server-stub/attestation/index.ts';
import { writeAttestationMaterial } from '../../devices/tpm-sim.ts';
import { startInProcessAgent, waitForSnapshot } from '../lib/agent-inprocess.ts';
import { agentRunArgs, runAgentProcess } from '../lib/agent-process.ts';
import {
  type ChaosDevice,
  checkEnrolled,
  checkNotEnrolled,
  deviceViews,
  finishWithLedger,
  makeChromeDevice,
} from '../lib/devices.ts';
import { HostileServer } from '../lib/hostile-server.ts';
import { createRng, type Rng } from '../lib/rng.ts';
import {
  DEMO_ADMIN,
  DEMO_CUSTOMER,
  OTHER_ADMIN,
  OTHER_CUSTOMER,
  type StubHandle,
  startInProcessStub,
  UNLISTED_PARTNER_KEY,
} from '../lib/stub.ts';
import { Tally, type Verdict } from '../lib/tally.ts';
import type { Campaign, CampaignOptions, CampaignResult } from '../types.ts';

const NAME = 'security';

interface Ctx {
  stub: StubHandle;
  dir: string;
  entry: string;
  rng: Rng;
  n: number;
}

async function api(url: string, method: string, path: string, token: string, body?: unknown) {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, body: text };
}

/** Everything an admin of C00demo01 can see: it must not change under a refused request. */
async function customerSnapshot(ctx: Ctx): Promise<string> {
  const base = `/v1/customers/${DEMO_CUSTOMER}`;
  const parts = await Promise.all(
    ['/devices', '/licenses', '/preprovisioning-tokens', '/enrollment-tokens', '/org-units'].map(
      async (p) => (await api(ctx.stub.url, 'GET', `${base}${p}`, ctx.stub.admin)).body,
    ),
  );
  return parts.join('\n');
}

async function used(ctx: Ctx, customer = DEMO_CUSTOMER, admin = ctx.stub.admin): Promise<number> {
  return (await ctx.stub.client.licenses(admin, customer)).chrome_enterprise_upgrade.used;
}

/** A copy of `genuine`'s tree (same DMI/VPD: serial, ADID, MAC) with a key of the spoofer's own. */
async function spoofOf(
  ctx: Ctx,
  genuine: ChaosDevice,
  name: string,
  trustedCaOtherId: boolean,
): Promise<string> {
  const root = join(ctx.dir, name);
  await cp(genuine.root, root, { recursive: true, verbatimSymlinks: true });
  await rm(join(root, 'var'), { recursive: true, force: true });
  await rm(join(root, 'state'), { recursive: true, force: true });
  const identity = trustedCaOtherId
    ? await ctx.stub.client.mintDevice(`SPOOF${genuine.id}`.slice(0, 64), genuine.profile.entry.manufacturer)
    : await mintDeviceIdentity(await createManufacturerCa('Counterfeit Devices Ltd attestation CA'), {
        attestedDeviceId: genuine.id,
        manufacturer: genuine.profile.entry.manufacturer,
      });
  await writeAttestationMaterial(root, {
    privateKeyPem: identity.private_key_pem,
    certificateChainPem: identity.certificate_chain_pem,
  });
  return root;
}

async function bootChild(ctx: Ctx, root: string, stateDir = join(root, 'state')) {
  return runAgentProcess(ctx.entry, agentRunArgs(ctx.stub.url, root, stateDir));
}

function refusedOnScreen(v: Verdict, run: Awaited<ReturnType<typeof bootChild>>, label: string): void {
  v.check(run.code !== 1 && run.signal === null, 'crash', `${label}: exit ${run.code ?? run.signal}`);
  v.check(
    run.code === 4 && run.outcome?.outcome === 'error' && run.outcome.reason === 'management-not-supported',
    'wrong',
    `${label}: exit ${run.code}, ${run.outcome?.outcome}:${run.outcome?.reason}, expected the 403 error screen`,
  );
}

async function spoofedDevice(ctx: Ctx, i: number, trustedCaOtherId: boolean, v: Verdict): Promise<void> {
  const r = ctx.rng.fork(`spoof-${trustedCaOtherId}-${i}`);
  const genuine = await makeChromeDevice(ctx.stub.client, ctx.dir, `genuine-${trustedCaOtherId}-${i}`, r);
  const spoofRoot = await spoofOf(ctx, genuine, `spoof-${trustedCaOtherId}-${i}`, trustedCaOtherId);
  const before = await used(ctx);
  const snapshot = await customerSnapshot(ctx);
  const spoof = await bootChild(ctx, spoofRoot);
  refusedOnScreen(v, spoof, 'spoofed device');
  checkNotEnrolled(await deviceViews(ctx.stub.client, ctx.stub.admin), genuine.id, v, 'PRE_PROVISIONED');
  v.check((await used(ctx)) === before, 'double-consumed', 'the spoofed device used a licence');
  v.check(
    (await customerSnapshot(ctx)) === snapshot,
    'wrong',
    'the refused spoof changed what the admin sees',
  );
  // The genuine device is not harmed, and once it is enrolled the spoof cannot take it over.
  const real = await bootChild(ctx, genuine.root, genuine.stateDir);
  v.check(real.code === 0, 'lost', `the genuine device then ended with exit ${real.code}`);
  const enrolled = await customerSnapshot(ctx);
  const takeover = await bootChild(ctx, spoofRoot, join(spoofRoot, 'state-2'));
  refusedOnScreen(v, takeover, 'take-over of an enrolled device');
  v.check(
    (await customerSnapshot(ctx)) === enrolled,
    'wrong',
    'the take-over attempt changed the enrolled device',
  );
  checkEnrolled(await deviceViews(ctx.stub.client, ctx.stub.admin), genuine, v);
  // The genuine device's DM token still works.
  const state = JSON.parse(await readFile(join(genuine.stateDir, STATE_FILE_NAME), 'utf8')) as {
    managed?: { dmToken: string };
    deviceId?: string;
  };
  const policy = await fetch(
    `${ctx.stub.url}/device_management?request=policy&devicetype=2&apptype=Chrome&deviceid=${encodeURIComponent(state.deviceId ?? '')}`,
    {
      method: 'POST',
      headers: {
        'content-type': PROTOBUF_CONTENT_TYPE,
        authorization: `GoogleDMToken token=${state.managed?.dmToken ?? ''}`,
      },
      body: encodeDm(
        DeviceManagementRequestSchema,
        create(DeviceManagementRequestSchema, {
          policyRequest: {
            requests: [
              {
                policyType: CHROME_DEVICE_POLICY_TYPE,
                signatureType: PolicyFetchRequest_SignatureType.SHA256_RSA,
              },
            ],
          },
        }),
        'proto',
      ),
    },
  );
  v.check(
    policy.status === 200,
    'wrong',
    `the genuine device's policy fetch answered ${policy.status} after the take-over attempt`,
  );
}

async function replayedRegistration(ctx: Ctx, i: number, v: Verdict): Promise<void> {
  const device = await makeChromeDevice(ctx.stub.client, ctx.dir, `replay-${i}`, ctx.rng.fork(`replay-${i}`));
  const captured: Array<{ deviceid: string; body: Buffer }> = [];
  const proxy = new HostileServer(
    new URL(ctx.stub.url),
    () => null,
    (req) => {
      if (req.requestType === 'certificate_based_register')
        captured.push({ deviceid: req.deviceid, body: req.body });
    },
  );
  const url = await proxy.listen();
  try {
    const run = await runAgentProcess(ctx.entry, agentRunArgs(url, device.root, device.stateDir));
    v.check(run.code === 0, 'lost', `the recorded enrollment ended with exit ${run.code}`);
  } finally {
    await proxy.close();
  }
  const first = captured[0];
  if (!v.check(first !== undefined, 'wrong', 'no signed registration was captured')) return;
  if (!first) return;
  const before = await customerSnapshot(ctx);
  for (const deviceid of [first.deviceid, 'replayer-device-0001']) {
    const res = await fetch(
      `${ctx.stub.url}/device_management?request=certificate_based_register&devicetype=2&apptype=Chrome&deviceid=${deviceid}`,
      { method: 'POST', headers: { 'content-type': PROTOBUF_CONTENT_TYPE }, body: first.body },
    );
    const bytes = new Uint8Array(await res.arrayBuffer());
    let text: string;
    try {
      text = decodeDm(DeviceManagementResponseSchema, bytes, 'proto').errorMessage;
    } catch {
      text = `(undecodable answer, ${bytes.length} bytes)`;
    }
    v.check(
      res.status === 403 && /nonce/i.test(text),
      'wrong',
      `replay as ${deviceid}: ${res.status} ${text.slice(0, 200)}`,
    );
  }
  v.check((await customerSnapshot(ctx)) === before, 'wrong', 'a replayed registration changed something');
}

async function revokedToken(ctx: Ctx, i: number, v: Verdict): Promise<void> {
  const base = `/v1/customers/${DEMO_CUSTOMER}/preprovisioning-tokens`;
  const created = await api(ctx.stub.url, 'POST', base, ctx.stub.admin, { org_unit_path: '/' });
  const token = (JSON.parse(created.body) as { token: string }).token;
  const device = await makeChromeDevice(
    ctx.stub.client,
    ctx.dir,
    `revoked-${i}`,
    ctx.rng.fork(`revoked-${i}`),
    { token },
  );
  await ctx.stub.client.revokeToken(ctx.stub.admin, DEMO_CUSTOMER, token);
  const before = await used(ctx);
  refusedOnScreen(v, await bootChild(ctx, device.root), 'device of a revoked token');
  checkNotEnrolled(await deviceViews(ctx.stub.client, ctx.stub.admin), device.id, v, 'PRE_PROVISIONED');
  v.check((await used(ctx)) === before, 'double-consumed', 'a licence was used');
}

async function unauthorisedPartner(ctx: Ctx, i: number, v: Verdict): Promise<void> {
  const device = await makeChromeDevice(
    ctx.stub.client,
    ctx.dir,
    `unlisted-${i}`,
    ctx.rng.fork(`unlisted-${i}`),
    {
      preprovision: false,
    },
  );
  const before = await customerSnapshot(ctx);
  const upload = await api(ctx.stub.url, 'POST', '/v1/partner/devices:preprovision', UNLISTED_PARTNER_KEY, {
    customer_id: DEMO_CUSTOMER,
    pre_provisioning_token: 'ppt-demo-0001',
    devices: [
      {
        device_id: device.id,
        id_kind: device.profile.entry.idKind,
        serial_number: device.profile.expected.serialNumber,
        manufacturer: device.profile.entry.manufacturer,
        model: device.profile.entry.name,
      },
    ],
  });
  v.check(upload.status === 403, 'wrong', `unlisted partner upload answered ${upload.status}`);
  v.check((await customerSnapshot(ctx)) === before, 'wrong', 'the refused upload stored something');
  const run = await bootChild(ctx, device.root);
  v.check(
    run.code === 3 && run.outcome?.reason === 'not-pre-provisioned',
    'wrong',
    `the device then ended ${run.code} ${run.outcome?.outcome}:${run.outcome?.reason}, expected manual not-pre-provisioned`,
  );
  v.check((await customerSnapshot(ctx)) === before, 'wrong', 'the device boot stored something');
}

async function otherCustomersAdmin(ctx: Ctx, i: number, v: Verdict): Promise<void> {
  // A device of C00demo01, enrolled, and one still pre-provisioned.
  const enrolled = await makeChromeDevice(
    ctx.stub.client,
    ctx.dir,
    `victim-${i}`,
    ctx.rng.fork(`victim-${i}`),
  );
  v.check((await bootChild(ctx, enrolled.root)).code === 0, 'lost', 'set-up enrollment failed');
  const pending = await makeChromeDevice(
    ctx.stub.client,
    ctx.dir,
    `victim-pp-${i}`,
    ctx.rng.fork(`victim-pp-${i}`),
    {
      withKey: false,
    },
  );
  const other = (await ctx.stub.client.login(OTHER_ADMIN.email, OTHER_ADMIN.password)).token;
  const otherUsed = await used(ctx, OTHER_CUSTOMER, other);
  const before = await customerSnapshot(ctx);
  const base = `/v1/customers/${DEMO_CUSTOMER}`;
  const calls: Array<[string, string, unknown?]> = [
    ['GET', '/devices'],
    ['GET', `/devices/${encodeURIComponent(enrolled.id)}`],
    ['PATCH', `/devices/${encodeURIComponent(enrolled.id)}`, { org_unit_path: '/Classrooms' }],
    ['DELETE', `/devices/${encodeURIComponent(pending.id)}`],
    ['POST', `/devices/${encodeURIComponent(enrolled.id)}/deprovision`],
    ['GET', '/licenses'],
    ['PUT', '/licenses', { chrome_enterprise_upgrade_total: 0 }],
    ['POST', '/preprovisioning-tokens', { org_unit_path: '/' }],
    ['POST', '/preprovisioning-tokens/ppt-demo-0001/revoke'],
    ['POST', '/enrollment-tokens', { org_unit_path: '/' }],
    ['POST', '/org-units', { org_unit_path: '/Annexed' }],
  ];
  for (const [method, path, body] of calls) {
    const res = await api(ctx.stub.url, method, `${base}${path}`, other, body);
    v.check(res.status === 403, 'wrong', `${method} ${path} with another customer's token: ${res.status}`);
  }
  v.check((await customerSnapshot(ctx)) === before, 'wrong', "another customer's admin changed something");

  // On the device: manual enrollment with that admin's credentials is refused and leaves no trace.
  const { handle } = await startInProcessAgent({
    server: ctx.stub.url,
    root: pending.root,
    stateDir: pending.stateDir,
  });
  try {
    const first = await handle.settled;
    v.check(
      first.outcome === 'manual',
      'wrong',
      `a device without key ended ${first.outcome}:${first.reason}`,
    );
    handle.actor.send({ type: 'MANUAL_ENROLL', request: { method: 'credentials', ...OTHER_ADMIN } });
    const answered = await waitForSnapshot(
      handle,
      (s) => s.context.manualEnrollError !== null || s.context.enrollment !== null,
      30_000,
    );
    const error = handle.actor.getSnapshot().context.manualEnrollError;
    v.check(
      answered && error?.code === 'domain-mismatch',
      'wrong',
      `manual enrollment as the other customer: ${JSON.stringify(error)}`,
    );
    v.check(
      handle.actor.getSnapshot().context.enrollment === null,
      'wrong',
      'the device got enrolled by the other customer',
    );
  } finally {
    await handle.stop();
  }
  checkNotEnrolled(await deviceViews(ctx.stub.client, ctx.stub.admin), pending.id, v, 'PRE_PROVISIONED');
  v.check(
    (await deviceViews(ctx.stub.client, other, OTHER_CUSTOMER)).get(pending.id) === undefined,
    'wrong',
    'the device appeared under the other customer',
  );
  v.check(
    (await used(ctx, OTHER_CUSTOMER, other)) === otherUsed,
    'double-consumed',
    "the other customer's licences moved",
  );
  v.check(
    (await customerSnapshot(ctx)) === before,
    'wrong',
    'the refused manual enrollment changed something',
  );
}

type ManualWay = 'zero-touch' | 'credentials' | 'enrollment-token';

async function diagnosticsBundle(ctx: Ctx, i: number, way: ManualWay, v: Verdict): Promise<void> {
  const device = await makeChromeDevice(
    ctx.stub.client,
    ctx.dir,
    `diag-${way}-${i}`,
    ctx.rng.fork(`diag-${way}-${i}`),
    {
      preprovision: way === 'zero-touch',
      withKey: true,
    },
  );
  const { handle, deps } = await startInProcessAgent({
    server: ctx.stub.url,
    root: device.root,
    stateDir: device.stateDir,
  });
  let managed = false;
  try {
    const first = await handle.settled;
    if (way === 'credentials')
      handle.actor.send({ type: 'MANUAL_ENROLL', request: { method: 'credentials', ...DEMO_ADMIN } });
    if (way === 'enrollment-token')
      handle.actor.send({
        type: 'MANUAL_ENROLL',
        request: { method: 'enrollment-token', token: 'ent-demo-0001' },
      });
    managed = await waitForSnapshot(
      handle,
      (s) => s.context.enrollment !== null && s.matches({ flow: { managed: 'idle' } }),
      30_000,
    );
    v.check(managed, 'lost', `${way}: not managed (${first.outcome}:${first.reason})`);
  } finally {
    // Every state write done: the bundle then holds the managed record (and its DM token) to redact.
    await handle.stop();
  }
  if (!managed) return;
  const stateText = await readFile(join(device.stateDir, STATE_FILE_NAME), 'utf8');
  const dmToken = (JSON.parse(stateText) as { managed?: { dmToken?: string } }).managed?.dmToken ?? '';
  v.check(
    dmToken.length > 8 && dmToken === handle.actor.getSnapshot().context.enrollment?.dmToken,
    'wrong',
    'the state file holds no DM token to look for',
  );
  const service = createDiagnosticsService(handle, deps, { agentVersion: 'chaos' });
  const exported = await service.exportBundle(device.stateDir);
  const text = await readFile(exported.path, 'utf8');
  v.check(
    text.includes('"stateFile"') && text.includes(device.id),
    'wrong',
    `${way}: the bundle lacks the state file or the identity`,
  );
  JSON.parse(text);
  const keyPem = await readFile(join(device.root, ATTESTATION_KEY_PATH), 'utf8');
  const keyBody = keyPem.split('\n').filter((l) => l.length > 20 && !l.startsWith('-----'));
  const forbidden: Array<[string, string]> = [
    ['the DM token', dmToken],
    ['a PEM private key', 'PRIVATE KEY'],
    ['the admin password', DEMO_ADMIN.password],
    ['the enrollment token', 'ent-demo-0001'],
    ['an Authorization header', 'GoogleLogin auth='],
    ...keyBody.map((l): [string, string] => ['the attestation key', l]),
  ];
  for (const [what, secret] of forbidden)
    v.check(secret !== '' && !text.includes(secret), 'wrong', `${way}: the diagnostics bundle holds ${what}`);
  v.check(!exported.summary.includes(dmToken), 'wrong', `${way}: the QR summary leaks the DM token`);
}

export async function runSecurityCampaign(options: CampaignOptions): Promise<CampaignResult> {
  const tally = new Tally(NAME, options.log);
  const dir = join(options.workDir, NAME);
  await mkdir(dir, { recursive: true });
  const stub = await startInProcessStub();
  const ctx: Ctx = {
    stub,
    dir,
    entry: await options.shared.agentBundle(),
    rng: createRng(options.seed, NAME),
    n: 0,
  };
  try {
    const reps = Math.max(1, Math.ceil(options.runs / 100));
    for (let i = 0; i < reps; i++) {
      await tally.run(`spoofed device, key from an untrusted CA (${i})`, (v) =>
        spoofedDevice(ctx, i, false, v),
      );
      await tally.run(`spoofed device, trusted CA but certified for another ID (${i})`, (v) =>
        spoofedDevice(ctx, i, true, v),
      );
      await tally.run(`replayed signed registration (${i})`, (v) => replayedRegistration(ctx, i, v));
      await tally.run(`revoked pre-provisioning token (${i})`, (v) => revokedToken(ctx, i, v));
      await tally.run(`unauthorised partner (${i})`, (v) => unauthorisedPartner(ctx, i, v));
      await tally.run(`another customer's admin token (${i})`, (v) => otherCustomersAdmin(ctx, i, v));
      for (const way of ['zero-touch', 'credentials', 'enrollment-token'] as const)
        await tally.run(`diagnostics bundle of a device enrolled by ${way} (${i})`, (v) =>
          diagnosticsBundle(ctx, i, way, v),
        );
    }
    return await finishWithLedger(tally, stub);
  } finally {
    await stub.close();
  }
}

export const securityCampaign: Campaign = {
  name: NAME,
  description:
    'spoofed device, replayed registration, revoked token, unauthorised partner, another customer’s admin: refused, no trace; diagnostics bundle without secrets',
  run: runSecurityCampaign,
};
