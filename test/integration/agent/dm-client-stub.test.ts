// End to end against the real server stub: a device minted by the stub's factory, pre-provisioned
// through the partner API, found by the hash dance and device_state_retrieval (serial + brand code),
// enrolled by certificate_based_register in Chromium's SignedData format, then its signed policy
// fetched and verified with the key the stub sends (pinned on this first fetch). Both encodings.

import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCertificateBasedRegisterRequest } from '../../../agent/attestation/index.ts';
import {
  createDmClient,
  DEVICE_POLICY_TYPE,
  type DmError,
  determineEnrollmentState,
  verifyPolicy,
} from '../../../agent/dm-client/index.ts';
import { AttestationFileKeyStore } from '../../../hal/backends/attestation-file/index.ts';
import { catalogBrandCode } from '../../../protocol/brand-code.ts';
import {
  acerDevice,
  mintDevice,
  preprovision,
  type StartedStub,
  startStub,
  type TestDevice,
} from '../../helpers/stub.ts';

let started: StartedStub;
beforeAll(async () => {
  started = await startStub();
});
const roots: string[] = [];
afterAll(async () => {
  await started.close();
  for (const root of roots.splice(0)) await rm(root, { recursive: true, force: true });
});

/** Writes the factory's key and chain where the attestation-file key store looks for them. */
async function deviceRoot(device: TestDevice): Promise<string> {
  const identity = await mintDevice(started.url, device.device_id, device.manufacturer);
  const root = await mkdtemp(join(tmpdir(), 'zte-stub-device-'));
  roots.push(root);
  await mkdir(join(root, 'var/lib/tpm-sim'), { recursive: true });
  await writeFile(join(root, 'var/lib/tpm-sim/attestation-key.pem'), identity.private_key_pem);
  await writeFile(join(root, 'var/lib/tpm-sim/attestation-chain.pem'), identity.certificate_chain_pem);
  return root;
}

const brandOf = (d: TestDevice) => d.brand_code ?? catalogBrandCode(d.model);

describe('DM client against the server stub', () => {
  it.each(['proto', 'json'] as const)(
    '%s: a pre-provisioned device is found, enrolls and verifies its policy',
    async (encoding) => {
      const device = acerDevice(`DMCLIENT1${encoding}`);
      const upload = await preprovision(started.url, [device]);
      expect(upload.body.results).toEqual([{ device_id: device.device_id, status: 'PRE_PROVISIONED' }]);

      const keyStore = new AttestationFileKeyStore({ root: await deviceRoot(device) });
      expect(await keyStore.availability()).toEqual({ available: true });
      const deviceId = `client-dmclient-1-${encoding}`;
      const client = createDmClient({ serverUrl: started.url, deviceId, encoding });

      const state = await determineEnrollmentState(client, {
        serialNumber: device.serial_number,
        brandCode: brandOf(device),
      });
      expect(state).toMatchObject({
        source: 'state-retrieval',
        mode: 'zero-touch-enforced',
        managementDomain: 'demo.example',
      });

      const registration = await client.certificateBasedRegister(
        await buildCertificateBasedRegisterRequest({
          keyStore,
          attestedDeviceId: device.device_id,
          machineId: device.serial_number,
          machineModel: device.model,
          brandCode: brandOf(device),
          expectedDomain: state.managementDomain,
          reregister: false,
        }),
      );
      expect(registration.deviceManagementToken.length).toBeGreaterThan(0);

      const answer = await client.policy(registration.deviceManagementToken);
      const policy = verifyPolicy(answer, {
        pinned: null,
        dmToken: registration.deviceManagementToken,
        deviceId,
        policyType: DEVICE_POLICY_TYPE,
      });
      expect(policy).toMatchObject({ keyChange: 'first-pin', managedBy: 'demo.example' });
      expect(policy.keyFingerprint).toMatch(/^[0-9a-f]{64}$/);
    },
  );

  it('a device nobody pre-provisioned is not in the set: NONE without its serial leaving', async () => {
    const device = acerDevice('DMCLIENT2');
    const client = createDmClient({ serverUrl: started.url, deviceId: 'client-dmclient-2' });
    const state = await determineEnrollmentState(client, {
      serialNumber: device.serial_number,
      brandCode: brandOf(device),
    });
    expect(state).toMatchObject({ source: 'hash-not-in-set', mode: 'none' });
  });

  it('registering a device nobody pre-provisioned gets device-not-found, terminal for zero-touch', async () => {
    const device = acerDevice('DMCLIENT3');
    const keyStore = new AttestationFileKeyStore({ root: await deviceRoot(device) });
    const client = createDmClient({ serverUrl: started.url, deviceId: 'client-dmclient-3' });
    const error = await client
      .certificateBasedRegister(
        await buildCertificateBasedRegisterRequest({
          keyStore,
          attestedDeviceId: device.device_id,
          machineId: device.serial_number,
          machineModel: device.model,
          brandCode: brandOf(device),
          reregister: false,
        }),
      )
      .catch((e: unknown) => e as DmError);
    expect(error).toMatchObject({ name: 'DmError', code: 'device-not-found', httpStatus: 410 });
  });
});
