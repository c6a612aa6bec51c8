// Security checks of devices that pretend to be another: a spoofed copy of a pre-provisioned device
// (its own key from an untrusted CA, or a trusted CA's certificate for another ID) is refused and cannot
// take over the genuine one; a captured signed registration replayed is refused (nonce).

import { cp, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { create } from '@bufbuild/protobuf';
import { STATE_FILE_NAME } from '../../../../agent/persistence/index.ts';
import { decodeDm, encodeDm, PROTOBUF_CONTENT_TYPE } from '../../../../protocol/codec.ts';
import {
  CHROME_DEVICE_POLICY_TYPE,
  DeviceManagementRequestSchema,
  DeviceManagementResponseSchema,
  PolicyFetchRequest_SignatureType,
} from '../../../../protocol/dm.ts';
import { createManufacturerCa, mintDeviceIdentity } from '../../../../server-stub/attestation/index.ts';
import { writeAttestationMaterial } from '../../../devices/tpm-sim.ts';
import { agentRunArgs, runAgentProcess } from '../../lib/agent-process.ts';
import {
  type ChaosDevice,
  checkEnrolled,
  checkNotEnrolled,
  deviceViews,
  makeChromeDevice,
} from '../../lib/devices.ts';
import { HostileServer } from '../../lib/hostile-server.ts';
import type { Verdict } from '../../lib/tally.ts';
import { bootChild, type Ctx, customerSnapshot, refusedOnScreen, used } from './context.ts';

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

export async function spoofedDevice(
  ctx: Ctx,
  i: number,
  trustedCaOtherId: boolean,
  v: Verdict,
): Promise<void> {
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

export async function replayedRegistration(ctx: Ctx, i: number, v: Verdict): Promise<void> {
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
