// End to end against the real server stub: a device minted by the stub's factory, pre-provisioned
// through the partner API, enrolls through the DM client by attestation, then fetches its policy.

import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCertificateBasedRegisterRequest } from '../../../agent/attestation/index.ts';
import { createDmClient, type DmError } from '../../../agent/dm-client/index.ts';
import { AttestationFileKeyStore } from '../../../hal/backends/attestation-file/index.ts';
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

describe('DM client against the server stub', () => {
  it('a pre-provisioned device enrolls by attestation and fetches its policy', async () => {
    const device = acerDevice('DMCLIENT1');
    const upload = await preprovision(started.url, [device]);
    expect(upload.body.results).toEqual([{ device_id: device.device_id, status: 'PRE_PROVISIONED' }]);

    const keyStore = new AttestationFileKeyStore({ root: await deviceRoot(device) });
    expect(await keyStore.availability()).toEqual({ available: true });
    const client = createDmClient({ serverUrl: started.url, deviceId: 'client-dmclient-1' });

    const state = await client.initialEnrollmentState({
      serial_number: device.serial_number,
      model: device.model,
      attested_device_id: device.device_id,
    });
    expect(state).toMatchObject({ initial_enrollment_mode: 2, management_domain: 'demo.example' });

    const registration = await client.certificateBasedRegister(
      await buildCertificateBasedRegisterRequest({
        keyStore,
        attestedDeviceId: device.device_id,
        machineId: device.serial_number,
        machineModel: device.model,
        managementDomain: state.management_domain ?? null,
        reregister: false,
      }),
    );
    expect(registration).toMatchObject({
      management_domain: 'demo.example',
      org_unit_path: '/',
      license_consumed: true,
      bundled_license: false,
    });
    expect(registration.device_management_token.length).toBeGreaterThan(0);

    const policy = await client.policy(registration.device_management_token);
    expect(policy).toMatchObject({ management_domain: 'demo.example', org_unit_path: '/' });
  });

  it('a device nobody pre-provisioned gets device-not-found, terminal for zero-touch', async () => {
    const device = acerDevice('DMCLIENT2');
    const keyStore = new AttestationFileKeyStore({ root: await deviceRoot(device) });
    const client = createDmClient({ serverUrl: started.url, deviceId: 'client-dmclient-2' });
    const error = await client
      .certificateBasedRegister(
        await buildCertificateBasedRegisterRequest({
          keyStore,
          attestedDeviceId: device.device_id,
          machineId: device.serial_number,
          machineModel: device.model,
          reregister: false,
        }),
      )
      .catch((e: unknown) => e as DmError);
    expect(error).toMatchObject({ name: 'DmError', code: 'device-not-found', httpStatus: 410 });
  });
});
